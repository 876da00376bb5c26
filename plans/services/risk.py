"""The risicotaxatie: written by the regisseur, sensitive."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from plans import permissions
from plans.accesslog import events
from plans.models import (
    RiskAssessment,
    Toekomstplan,
)
from plans.services.base import _touch, _update_versioned

if TYPE_CHECKING:
    from network.models import User


def risk_assessment_save(
    *,
    plan: Toekomstplan,
    actor: User,
    expected_version: int,
    risk_factors: str,
    protective_factors: str,
    level: str,
    safety_agreements: str,
    review_date: date | None,
) -> RiskAssessment:
    """Write the risicotaxatie: the regisseur does; those it is opened to only read it."""
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_edit_risicotaxatie(access),
        access,
        "roles",
        object_type="riskassessment",
    )
    with transaction.atomic():
        risk, _created = RiskAssessment.objects.get_or_create(plan=plan)
        changed = _update_versioned(
            risk,
            expected_version=expected_version,
            changes={
                "risk_factors": risk_factors.strip(),
                "protective_factors": protective_factors.strip(),
                "level": level,
                "safety_agreements": safety_agreements.strip(),
                "review_date": review_date,
                "updated_at": timezone.now(),
            },
        )
        events.changed(access=access, obj=risk, fields=[f for f in changed if f != "updated_at"])
        _touch(plan)
    return risk
