"""What every service shares: optimistic locking (`StaleEdit`) and small helpers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db.models import F
from django.utils import timezone

from network.models import Organisation
from plans.models import (
    AccessLogEntry,
    PlanRole,
    Toekomstplan,
)

if TYPE_CHECKING:
    from network.models import User


logger = logging.getLogger(__name__)


LogAction = AccessLogEntry.Action


Role = PlanRole.Role


class StaleEdit(Exception):
    """Someone else saved this object after the form was opened; nothing was overwritten."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def _touch(plan: Toekomstplan) -> None:
    Toekomstplan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


def _update_versioned(instance, *, expected_version: int, changes: dict) -> list[str]:
    """Optimistic locking: write `changes` only if nobody saved since `expected_version`."""
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    model = type(instance)
    rows = model.objects.filter(pk=instance.pk, version=expected_version).update(
        **changes, version=F("version") + 1
    )
    if rows == 0:
        raise StaleEdit(model.objects.get(pk=instance.pk))
    if any(hasattr(value, "resolve_expression") for value in changes.values()):
        instance.refresh_from_db()
    else:  # the row now holds exactly these values: no need to read it back
        for name, value in changes.items():
            setattr(instance, name, value)
        instance.version = expected_version + 1
    return changed


def _member_of(user: User, organisation: Organisation) -> bool:
    return user.memberships.filter(organisation=organisation).exists()
