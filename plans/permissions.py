"""Who may do what with a plan. The one place that decides; everything else asks here.

Roles in a plan (PlanRole) become django-guardian object permissions on the Toekomstplan. Nothing
else hands out access: not being staff, not being a superuser, not being in an organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from guardian.shortcuts import assign_perm, get_objects_for_user, get_user_perms, remove_perm

from plans import audit
from plans.models import AccessLogEntry, PlanRole, Toekomstplan

if TYPE_CHECKING:
    from network.models import User

Role = PlanRole.Role

VIEW = "view_toekomstplan"
EDIT = "edit_plan_content"
MANAGE_ROLES = "manage_roles"
VIEW_RISICOTAXATIE = "view_risicotaxatie"
VIEW_LOGBOEK = "view_logboek"
VIEW_SHARED = "view_shared"

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.JONGERE: frozenset({VIEW, VIEW_RISICOTAXATIE, VIEW_LOGBOEK, VIEW_SHARED}),
    Role.REGISSEUR: frozenset(
        {VIEW, EDIT, MANAGE_ROLES, VIEW_RISICOTAXATIE, VIEW_LOGBOEK, VIEW_SHARED}
    ),
    Role.PROFESSIONAL: frozenset({VIEW, EDIT, VIEW_SHARED}),
    Role.JIM: frozenset({VIEW_SHARED}),
    Role.NETWERK: frozenset({VIEW_SHARED}),
}
ALL_PLAN_PERMISSIONS = frozenset().union(*ROLE_PERMISSIONS.values())

NEEDS = {
    "view": VIEW,
    "edit": EDIT,
    "roles": MANAGE_ROLES,
    "risicotaxatie": VIEW_RISICOTAXATIE,
    "logboek": VIEW_LOGBOEK,
    "shared": VIEW_SHARED,
}


def sync_role_permissions(*, plan: Toekomstplan, user: User) -> None:
    """Make the user's guardian permissions on the plan exactly those of their active role.

    Called by the services that grant, revoke or hand over roles, in their transaction.
    """
    role = PlanRole.objects.filter(plan=plan, user=user, revoked_at__isnull=True).first()
    wanted = ROLE_PERMISSIONS[role.role] if role else frozenset()
    current = set(get_user_perms(user, plan))
    for codename in wanted - current:
        assign_perm(codename, user, plan)
    for codename in (current & ALL_PLAN_PERMISSIONS) - wanted:
        remove_perm(codename, user, plan)
    audit.forget_roles(user)


def plan_permissions(user: User, plan: Toekomstplan) -> frozenset[str]:
    """The codenames the user holds on this plan; empty for anyone inactive or anonymous.

    Superusers and staff get nothing for free: coordinators never see a plan's content.
    """
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cache = user.__dict__.setdefault("_plan_perms", {})
    if plan.pk not in cache:
        cache[plan.pk] = frozenset(get_user_perms(user, plan))
    return cache[plan.pk]


def can_view_plan(user: User, plan: Toekomstplan) -> bool:
    """Regisseur, professionals with a role and the jongere see the plan's pages."""
    return VIEW in plan_permissions(user, plan)


def can_edit_plan(user: User, plan: Toekomstplan) -> bool:
    """Regisseur and professionals change domains, goals and actions."""
    return EDIT in plan_permissions(user, plan)


def can_manage_roles(user: User, plan: Toekomstplan) -> bool:
    """Only the regisseur grants and revokes roles (the jongere will, for their own network)."""
    return MANAGE_ROLES in plan_permissions(user, plan)


def can_view_risicotaxatie(user: User, plan: Toekomstplan) -> bool:
    """The risicotaxatie is sensitive: the regisseur and the jongere, others only when granted."""
    return VIEW_RISICOTAXATIE in plan_permissions(user, plan)


def can_view_logboek(user: User, plan: Toekomstplan) -> bool:
    """The regisseur and the jongere see who read and changed the plan."""
    return VIEW_LOGBOEK in plan_permissions(user, plan)


def is_professional(user: User) -> bool:
    """A professional works for at least one organisation."""
    return user.is_authenticated and user.memberships.exists()


def plans_visible_to(user: User) -> QuerySet[Toekomstplan]:
    """The plans this person may open: those in which they hold a role that lets them view."""
    if not user.is_authenticated or not user.is_active:
        return Toekomstplan.objects.none()
    return get_objects_for_user(
        user,
        f"plans.{VIEW}",
        klass=Toekomstplan,
        use_groups=False,
        with_superuser=False,
        accept_global_perms=False,
    )


def refuse(
    *,
    user: User,
    plan: Toekomstplan | None,
    need: str,
    object_type: str,
    object_uuid: UUID | str | None = None,
) -> None:
    """Log a refused attempt. It goes in the log even though the person learns nothing."""
    audit.record(
        actor=user,
        plan=plan,
        action=AccessLogEntry.Action.REFUSED,
        object_type=object_type,
        object_uuid=object_uuid or (plan.uuid if plan else None),
        outcome=AccessLogEntry.Outcome.REFUSED,
        detail={"need": need},
    )


def plan_for(user: User, plan_uuid: UUID | str, *, need: str = "view") -> Toekomstplan:
    """Fetch a plan and check the user may do `need` with it; 404 for missing and forbidden alike.

    A person without the right role must not learn that the plan exists, so both cases look the
    same from outside; the refusal is logged either way.
    """
    codename = NEEDS[need]
    plan = (
        Toekomstplan.objects.select_related("jongere", "regisseur").filter(uuid=plan_uuid).first()
    )
    if plan is None or codename not in plan_permissions(user, plan):
        refuse(user=user, plan=plan, need=need, object_type="toekomstplan", object_uuid=plan_uuid)
        raise Http404
    return plan


def require(user: User, plan: Toekomstplan, need: str, *, object_type: str) -> None:
    """Services call this first: refuse (and log) a write the user's role does not allow."""
    if NEEDS[need] not in plan_permissions(user, plan):
        refuse(user=user, plan=plan, need=need, object_type=object_type)
        raise PermissionDenied
