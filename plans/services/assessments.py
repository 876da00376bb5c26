"""The leefdomeinen assessed (WAT): support, stability, and the jongere's own words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from domains.models import Leefdomein
from plans import permissions
from plans.accesslog import events
from plans.models import (
    DomainAssessment,
    StabilityScore,
    Toekomstplan,
)
from plans.services.base import _touch, _update_versioned

if TYPE_CHECKING:
    from network.models import User


def domain_assess(
    *,
    plan: Toekomstplan,
    actor: User,
    leefdomein: Leefdomein,
    expected_version: int,
    situation: str,
    wish: str,
    support_needed: str,
    stability: int | None,
) -> DomainAssessment:
    """Record where the jongere stands on a leefdomein; every new stability score is kept.

    The history of stability shows whether the basis is getting stable enough to let go.
    """
    access = permissions.access_for(actor, plan)
    permissions.require(access, "edit", object_type="domainassessment")
    with transaction.atomic():
        assessment, _created = DomainAssessment.objects.get_or_create(
            plan=plan, leefdomein=leefdomein
        )
        changed = _update_versioned(
            assessment,
            expected_version=expected_version,
            changes={
                "situation": situation,
                "wish": wish,
                "support_needed": support_needed,
                "stability": stability,
                "updated_at": timezone.now(),
            },
        )
        if "stability" in changed and stability is not None:
            StabilityScore.objects.create(assessment=assessment, score=stability, recorded_by=actor)
        if {"situation", "wish"} & set(changed):
            DomainAssessment.objects.filter(pk=assessment.pk).update(words_by=actor)
        events.changed(
            access=access, obj=assessment, fields=[name for name in changed if name != "updated_at"]
        )
        _touch(plan)
    return assessment


def domain_words_save(
    *,
    plan: Toekomstplan,
    actor: User,
    leefdomein: Leefdomein,
    expected_version: int,
    situation: str,
    wish: str,
) -> DomainAssessment:
    """The jongere writes, per leefdomein, how it goes and what they want, in their own words.

    Their words are kept as theirs (`words_by`) so the professionals' pages show who wrote them.
    """
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_write_own_words(access),
        access,
        "own_words",
        object_type="domainassessment",
    )
    with transaction.atomic():
        assessment, _created = DomainAssessment.objects.get_or_create(
            plan=plan, leefdomein=leefdomein
        )
        changed = _update_versioned(
            assessment,
            expected_version=expected_version,
            changes={"situation": situation.strip(), "wish": wish.strip()},
        )
        if changed:
            DomainAssessment.objects.filter(pk=assessment.pk).update(
                words_by=actor, updated_at=timezone.now()
            )
            assessment.refresh_from_db()
        events.changed(access=access, obj=assessment, fields=changed)
        _touch(plan)
    return assessment
