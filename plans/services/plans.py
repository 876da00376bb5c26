"""Starting a plan, its phase, and letting it go."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from domains.models import Leefdomein, PlanTemplate
from network.models import Jongere, Organisation
from network.services import jongere_register
from plans import fragments, permissions
from plans.accesslog import events
from plans.models import (
    Action,
    ChecklistEntry,
    DomainAssessment,
    Goal,
    Handover,
    PlanRole,
    Toekomstplan,
)
from plans.selectors.big5 import big5_now
from plans.services.base import Role, _member_of, _update_versioned
from plans.services.roles import sync_role_permissions

if TYPE_CHECKING:
    from network.models import User


def plan_create(
    *,
    actor: User,
    jongere: Jongere,
    organisation: Organisation,
    template: PlanTemplate | None = None,
) -> Toekomstplan:
    """Start the one plan of a jongere with the actor as regisseur, in phase WIE.

    The database refuses a second plan for the same jongere. A template suggests goals and
    checklist items for the jongere's doelgroep; they are a start, the jongere's words replace them.
    """
    if not _member_of(actor, organisation):
        raise PermissionDenied
    if Toekomstplan.objects.filter(jongere=jongere).exists():
        raise ValidationError(_("This young person already has a plan: there is only one."))
    with transaction.atomic():
        plan = Toekomstplan.objects.create(jongere=jongere, regisseur=actor, template=template)
        regisseur_role = PlanRole.objects.create(
            plan=plan, user=actor, role=Role.REGISSEUR, organisation=organisation
        )
        sync_role_permissions(plan=plan, user=actor)
        if jongere.user_id:
            PlanRole.objects.create(plan=plan, user=jongere.user, role=Role.JONGERE)
            sync_role_permissions(plan=plan, user=jongere.user)
        DomainAssessment.objects.bulk_create(
            DomainAssessment(plan=plan, leefdomein=domain) for domain in Leefdomein.objects.all()
        )
        if template is not None:
            suggestions = list(template.goals.all())
            goals = Goal.objects.bulk_create(
                Goal(
                    plan=plan,
                    leefdomein_id=suggestion.leefdomein_id,
                    text=suggestion.text,
                    created_by=actor,
                )
                for suggestion in suggestions
            )
            Action.objects.bulk_create(
                Action(goal=goal, text=line.strip(), created_by=actor)
                for goal, suggestion in zip(goals, suggestions, strict=True)
                for line in suggestion.actions.splitlines()
                if line.strip()
            )
            ChecklistEntry.objects.bulk_create(
                ChecklistEntry(plan=plan, item=item)
                for item in template.checklist_items.filter(is_active=True)
            )
        access = permissions.access_for(actor, plan)
        events.created(
            access=access,
            obj=plan,
            role=regisseur_role,
            template=template.doelgroep if template else None,
        )
        # The jongere leaves the starter's "start on time" list at once (others': within a minute).
        fragments.forget_inbox(actor.pk)
    return plan


def plan_start(
    *,
    actor: User,
    jongere: Jongere | None,
    new_jongere: dict,
    organisation: Organisation,
    template: PlanTemplate | None,
) -> Toekomstplan:
    """From the new-plan page: register the jongere when needed, then start their one plan."""

    with transaction.atomic():
        if jongere is None:
            jongere = jongere_register(gemeente=organisation.gemeente, **new_jongere)
        return plan_create(
            actor=actor, jongere=jongere, organisation=organisation, template=template
        )


def plan_phase_set(
    *, plan: Toekomstplan, actor: User, expected_version: int, phase: str
) -> Toekomstplan:
    """Move the plan to WIE, WAT or HOE: the method's order, chosen by those who work in it."""
    access = permissions.access_for(actor, plan)
    permissions.require(access, "edit", object_type="toekomstplan")
    if phase not in Toekomstplan.Phase.values:
        raise ValidationError(_("Unknown phase."))
    with transaction.atomic():
        changed = _update_versioned(
            plan,
            expected_version=expected_version,
            changes={"phase": phase, "updated_at": timezone.now()},
        )
        events.changed(access=access, obj=plan, fields=changed, phase=phase)
    return plan


def plan_let_go(
    *, plan: Toekomstplan, actor: User, expected_version: int, reason: str
) -> Toekomstplan:
    """Loslaten: close the plan once the basis is stable. Without every Big5 pillar at 4 or more,
    only with a stated reason. The plan is read-only afterwards."""
    access = permissions.access_for(actor, plan)
    permissions.require(access, "roles", object_type="toekomstplan")
    lowest = big5_now(plan=plan)
    stable = all(score is not None and score >= 4 for score in lowest.values())
    if not stable and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Not every Big5 pillar is at 4 or more yet: write down why you let go now."
                )
            }
        )
    with transaction.atomic():
        now = timezone.now()
        _update_versioned(
            plan,
            expected_version=expected_version,
            changes={
                "status": Toekomstplan.Status.LOSGELATEN,
                "let_go_at": now,
                "let_go_reason": reason.strip(),
                "updated_at": now,
            },
        )
        open_handovers = list(
            Handover.objects.filter(plan=plan, accepted_at__isnull=True, cancelled_at__isnull=True)
        )
        Handover.objects.filter(pk__in=[h.pk for h in open_handovers]).update(cancelled_at=now)
        for handover in open_handovers:
            events.changed(access=access, obj=handover, cancelled=True, reason="let_go")
        events.changed(access=access, obj=plan, fields=["status"], stable=stable)
    return plan
