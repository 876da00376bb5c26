"""Roles in a plan: granted, ended, and what each person is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, get_user_perms, remove_perm

from network.models import NetworkMember, Organisation
from plans import fragments, permissions
from plans.accesslog import events
from plans.models import (
    DEFAULT_SHARED_SECTIONS,
    PlanRole,
    Section,
    Toekomstplan,
)
from plans.services.base import Role, _member_of, _touch

if TYPE_CHECKING:
    from network.models import User


def role_grant(
    *,
    plan: Toekomstplan,
    actor: User,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    network_member: NetworkMember | None = None,
) -> PlanRole:
    """Give a person a role in the plan; their access follows from it, and nothing else.

    A person holds at most one role per plan. Professionals act for an organisation they work
    for. The regisseur role moves only by handover, never by a grant.
    """
    access = permissions.access_for(actor, plan)
    permissions.require(access, "roles", object_type="planrole")
    if role == Role.REGISSEUR:
        raise ValidationError(_("The case director role is handed over, not granted."))
    if role == Role.PROFESSIONAL:
        if organisation is None or not _member_of(user, organisation):
            raise ValidationError(_("A professional works in the plan for their own organisation."))
    else:
        organisation = None
    if role == Role.JONGERE and plan.jongere.user_id != user.pk:
        raise ValidationError(_("Only the young person themselves can have that role."))
    with transaction.atomic():
        if PlanRole.objects.filter(plan=plan, user=user, revoked_at__isnull=True).exists():
            raise ValidationError(_("This person already has a role in this plan."))
        plan_role = _role_create(
            plan=plan,
            user=user,
            role=role,
            organisation=organisation,
            network_member=network_member,
        )
        events.shared(access=access, obj=plan_role, granted=role)
        _touch(plan)
    return plan_role


def _role_create(
    *,
    plan: Toekomstplan,
    user: User,
    role: str,
    organisation: Organisation | None,
    network_member: NetworkMember | None,
) -> PlanRole:
    plan_role = PlanRole.objects.create(
        plan=plan,
        user=user,
        role=role,
        organisation=organisation,
        network_member=network_member,
        shared_sections=list(DEFAULT_SHARED_SECTIONS) if role in permissions.NETWORK_ROLES else [],
    )
    if network_member is not None and network_member.user_id is None:
        network_member.user = user
        network_member.save(update_fields=["user"])
    sync_role_permissions(plan=plan, user=user)
    return plan_role


def role_revoke(*, plan_role: PlanRole, actor: User) -> PlanRole:
    """End a role: the person loses access to the plan on their next request.

    The jongere's own role and the regisseur's cannot be revoked (the regisseur hands over);
    the jongere ends the roles of their own network, the regisseur any other.
    """
    plan = plan_role.plan
    if plan_role.revoked_at is not None:
        return plan_role
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_revoke(access, plan_role), access, "roles", object_type="planrole"
    )
    with transaction.atomic():
        plan_role.revoked_at = timezone.now()
        plan_role.save(update_fields=["revoked_at"])
        sync_role_permissions(plan=plan, user=plan_role.user)
        events.shared(access=access, obj=plan_role, revoked=plan_role.role)
        _touch(plan)
    return plan_role


def sharing_update(*, plan_role: PlanRole, actor: User, sections: list[str]) -> PlanRole:
    """Set what one person sees of the plan. The jongere decides who sees what.

    For the JIM and the network: any of the sections. For a professional: only whether they
    see the risicotaxatie.
    """
    plan = plan_role.plan
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_share(access, plan_role), access, "share", object_type="planrole"
    )
    allowed = permissions.shareable_sections(plan_role)
    unknown = set(sections) - allowed
    if unknown:
        raise ValidationError(
            _("These parts cannot be shared with this person: %(parts)s."),
            params={"parts": ", ".join(sorted(unknown))},
        )
    new = sorted(set(sections))
    if sorted(plan_role.shared_sections) == new:
        return plan_role
    with transaction.atomic():
        plan_role.shared_sections = new
        plan_role.save(update_fields=["shared_sections"])
        sync_role_permissions(plan=plan, user=plan_role.user)
        events.shared(access=access, obj=plan_role, sections=new)
    return plan_role


def sync_role_permissions(*, plan: Toekomstplan, user: User) -> None:
    """Make the user's guardian permissions on the plan exactly those of their active role.

    Called by the services that grant, revoke or hand over roles, in their transaction.
    """

    role = PlanRole.objects.filter(plan=plan, user=user, revoked_at__isnull=True).first()
    wanted = permissions.ROLE_PERMISSIONS[role.role] if role else frozenset()
    if role and Section.RISICOTAXATIE in role.shared_sections:
        wanted = wanted | {permissions.VIEW_RISICOTAXATIE}
    current = set(get_user_perms(user, plan))
    for codename in wanted - current:
        assign_perm(codename, user, plan)
    for codename in (current & permissions.ALL_PLAN_PERMISSIONS) - wanted:
        remove_perm(codename, user, plan)
    # The header counts notifications only of plans the person still has a role in.
    fragments.forget_unread_count(user.pk)
