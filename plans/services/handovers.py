"""The warme overdracht of the regisseur role: proposed, accepted or withdrawn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Organisation
from plans import fragments, permissions
from plans.accesslog import events
from plans.models import (
    Action,
    Handover,
    PlanRole,
    Toekomstplan,
)
from plans.services.base import Role, _member_of
from plans.services.roles import sync_role_permissions

if TYPE_CHECKING:
    from network.models import User


def handover_propose(
    *,
    plan: Toekomstplan,
    actor: User,
    to_user: User,
    to_organisation: Organisation | None,
    note: str,
    stays_involved: bool = False,
) -> Handover:
    """Warme overdracht: the regisseur proposes a successor at another organisation, with a note.

    Nothing changes until the successor accepts; the plan itself is never rewritten.
    """
    access = permissions.access_for(actor, plan)
    permissions.require(access, "roles", object_type="handover")
    permissions.require_that(
        permissions.can_propose_handover(access), access, "handover", object_type="handover"
    )
    errors = {}
    if to_organisation is None:
        errors["to_organisation"] = _("Choose the organisation of the successor.")
    elif not _member_of(to_user, to_organisation):
        errors["to_organisation"] = _("The successor does not work for this organisation.")
    if to_user.pk == actor.pk:
        errors["to_user"] = _("Choose someone else as successor.")
    if not note.strip():
        errors["note"] = _("Write a handover note: what should the successor know?")
    if errors:
        raise ValidationError(errors)
    from_role = access.role
    with transaction.atomic():
        if Handover.objects.filter(
            plan=plan, accepted_at__isnull=True, cancelled_at__isnull=True
        ).exists():
            raise ValidationError(_("There is already a handover waiting for an answer."))
        handover = Handover.objects.create(
            plan=plan,
            from_user=actor,
            from_organisation=from_role.organisation,
            to_user=to_user,
            to_organisation=to_organisation,
            note=note.strip(),
            stays_involved=stays_involved,
        )
        events.created(access=access, obj=handover)
        fragments.forget_inbox(to_user.pk)  # the caseload shows it waiting
    return handover


def handover_accept(*, handover: Handover, actor: User) -> Handover:
    """The successor takes over as regisseur; the old regisseur leaves or stays as professional."""
    plan = handover.plan
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_accept_handover(access, handover),
        access,
        "handover",
        object_type="handover",
    )
    with transaction.atomic():
        handover = Handover.objects.select_for_update(of=("self",)).get(pk=handover.pk)
        if not handover.is_open:
            raise ValidationError(_("This handover has already been answered."))
        if plan.status != Toekomstplan.Status.ACTIEF:
            raise ValidationError(_("This plan has been let go."))
        if not _member_of(actor, handover.to_organisation):
            raise ValidationError(_("You no longer work for the organisation of this handover."))
        now = timezone.now()
        old = PlanRole.objects.get(plan=plan, role=Role.REGISSEUR, revoked_at__isnull=True)
        old.revoked_at = now
        old.save(update_fields=["revoked_at"])
        previous = PlanRole.objects.filter(plan=plan, user=actor, revoked_at__isnull=True).first()
        if previous is not None:
            previous.revoked_at = now
            previous.save(update_fields=["revoked_at"])
        new_role = PlanRole.objects.create(
            plan=plan, user=actor, role=Role.REGISSEUR, organisation=handover.to_organisation
        )
        stays = None
        if handover.stays_involved:
            stays = PlanRole.objects.create(
                plan=plan, user=old.user, role=Role.PROFESSIONAL, organisation=old.organisation
            )
        # Who was to do what stays the same person: their actions move to their new roles.
        Action.objects.filter(goal__plan=plan, assignee_role=old).update(
            assignee_role=stays or new_role
        )
        if previous is not None:
            Action.objects.filter(goal__plan=plan, assignee_role=previous).update(
                assignee_role=new_role
            )
        Toekomstplan.objects.filter(pk=plan.pk).update(
            regisseur=actor, version=F("version") + 1, updated_at=now
        )
        plan.refresh_from_db()
        for user in (actor, old.user):
            sync_role_permissions(plan=plan, user=user)
        handover.accepted_at = now
        handover.save(update_fields=["accepted_at"])
        events.shared(
            access=access,
            obj=handover,
            accepted=True,
            ended_roles=[str(r.uuid) for r in (old, previous) if r],
        )
        fragments.forget_inbox(handover.to_user_id)
    return handover


def handover_cancel(*, handover: Handover, actor: User) -> Handover:
    """The proposing regisseur withdraws, or the proposed successor declines."""
    plan = handover.plan
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_cancel_handover(access, handover),
        access,
        "handover",
        object_type="handover",
    )
    with transaction.atomic():
        updated = Handover.objects.filter(
            pk=handover.pk, accepted_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=timezone.now())
        if updated:
            events.changed(access=access, obj=handover, cancelled=True)
            fragments.forget_inbox(handover.to_user_id)
    handover.refresh_from_db()
    return handover
