"""Who may do what with a plan. The one place that decides; everything else asks here.

Roles in a plan (PlanRole) become django-guardian object permissions on the Toekomstplan. Nothing
else hands out access: not being staff, not being a superuser, not being in an organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import FilteredRelation, Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from network.selectors import coordinator_gemeenten
from plans.accesslog import chain
from plans.models import AccessLogEntry, PlanRole, Section, Toekomstplan

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


def plan_permissions(user: User, plan: Toekomstplan) -> frozenset[str]:
    """The codenames the user holds on this plan; empty for anyone inactive or anonymous.

    Superusers and staff get nothing for free: coordinators never see a plan's content.
    """
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cache = user.__dict__.setdefault("_plan_perms", {})
    if plan.pk not in cache:
        cache[plan.pk] = frozenset(_held_codenames(user.pk, plan.pk))
    return cache[plan.pk]


def _held_codenames(user_id: int, plan_id: int) -> list[str]:
    """guardian's object permissions of one person on one plan (its direct foreign key table),
    written out in SQL: asked on every plan page, where building guardian's query took longer
    than the database took to answer it."""
    from django.contrib.auth.models import Permission

    from plans.models import ToekomstplanUserObjectPermission as Held

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.codename FROM {Held._meta.db_table} h"
            f" JOIN {Permission._meta.db_table} p ON p.id = h.permission_id"
            " WHERE h.user_id = %s AND h.content_object_id = %s",
            [user_id, plan_id],
        )
        return [codename for (codename,) in cursor.fetchall()]


# Needs that change the plan: none of them once the plan is let go (it is then read-only).
WRITE_NEEDS = frozenset({"edit", "roles"})


def has_need(user: User, plan: Toekomstplan, need: str) -> bool:
    """The check behind every predicate: the role grants it, and writes need an active plan."""
    if NEEDS[need] not in plan_permissions(user, plan):
        return False
    return need not in WRITE_NEEDS or plan.status == Toekomstplan.Status.ACTIEF


def can_view_plan(user: User, plan: Toekomstplan) -> bool:
    """Regisseur, professionals with a role and the jongere see the plan's pages."""
    return VIEW in plan_permissions(user, plan)


def can_edit_plan(user: User, plan: Toekomstplan) -> bool:
    """Regisseur and professionals change domains, goals and actions, while the plan is active."""
    return has_need(user, plan, "edit")


def can_manage_roles(user: User, plan: Toekomstplan) -> bool:
    """Only the regisseur grants and revokes roles (the jongere does, for their own network)."""
    return has_need(user, plan, "roles")


def can_view_risicotaxatie(user: User, plan: Toekomstplan) -> bool:
    """The risicotaxatie is sensitive: the regisseur and the jongere, others only when granted."""
    return VIEW_RISICOTAXATIE in plan_permissions(user, plan)


def can_edit_risicotaxatie(user: User, plan: Toekomstplan) -> bool:
    """The regisseur writes the risicotaxatie; others it was opened to only read it."""
    return has_need(user, plan, "roles")


def can_withdraw_handover(user: User, handover) -> bool:
    """Only the regisseur who proposed a handover withdraws it (the successor declines it)."""
    return handover.is_open and handover.from_user_id == user.pk


def can_view_logboek(user: User, plan: Toekomstplan) -> bool:
    """The regisseur and the jongere see who read and changed the plan."""
    return VIEW_LOGBOEK in plan_permissions(user, plan)


ALL_SECTIONS = frozenset(Section.values)


PORTAL_ROLES = (Role.JONGERE, Role.JIM, Role.NETWERK)


NETWORK_ROLES = (Role.JIM, Role.NETWERK)


def sections_visible(user: User, plan: Toekomstplan) -> frozenset[str]:
    """The parts of the plan this person sees.

    The jongere and the regisseur see everything; professionals everything but the
    risicotaxatie unless it was granted; JIM and network only what the jongere shares.
    """
    role = chain.active_role(user, plan) if user.is_authenticated and user.is_active else None
    if role is None:
        return frozenset()
    if role.role in (Role.JONGERE, Role.REGISSEUR, Role.PROFESSIONAL):
        visible = ALL_SECTIONS - {Section.RISICOTAXATIE}
    else:
        visible = frozenset(role.shared_sections) & ALL_SECTIONS
    if can_view_risicotaxatie(user, plan):
        visible = visible | {Section.RISICOTAXATIE}
    return visible


def _active_portal_role(user: User, plan: Toekomstplan) -> PlanRole | None:
    if not user.is_authenticated or not user.is_active:
        return None
    return chain.active_role(user, plan)


def can_write_own_words(user: User, plan: Toekomstplan) -> bool:
    """The plan is the jongere's: they write their own words per leefdomein, their own goals,
    their story and their checklist, while the plan is active."""
    role = _active_portal_role(user, plan)
    return bool(role and role.role == Role.JONGERE and plan.status == Toekomstplan.Status.ACTIEF)


def can_add_goal(user: User, plan: Toekomstplan) -> bool:
    """Goals are added by the jongere in their own words, or with them by a professional."""
    return has_need(user, plan, "edit") or can_write_own_words(user, plan)


def can_mark_checklist(user: User, plan: Toekomstplan) -> bool:
    """The jongere ticks off the 18-checklist; their professionals may help."""
    return has_need(user, plan, "edit") or can_write_own_words(user, plan)


def assigned_to(action, role: PlanRole) -> bool:
    """Is this action this role's to do: assigned to the role, or to its network member."""
    if action.assignee_role_id is not None:
        return action.assignee_role_id == role.pk
    return bool(
        action.assignee_member_id is not None
        and role.network_member_id == action.assignee_member_id
    )


def is_own_action(user: User, plan: Toekomstplan, action) -> bool:
    """Is this action assigned to this person: to their role, or to them as network member."""
    role = _active_portal_role(user, plan)
    return role is not None and assigned_to(action, role)


def can_complete_action(user: User, plan: Toekomstplan, action) -> bool:
    """Professionals tick off any action; the jongere, the JIM and the network tick off their
    own (the JIM's view shows their tasks even when the jongere shares nothing else)."""
    if action.done_at is not None or plan.status != Toekomstplan.Status.ACTIEF:
        return False
    return has_need(user, plan, "edit") or is_own_action(user, plan, action)


def story_audiences(user: User, plan: Toekomstplan) -> frozenset[str]:
    """Which story items this person sees. The jongere decides per item: only me, my
    counsellors (the professionals), or also my own people — and those see the story only when
    the jongere shares the section "verhaal" with them."""
    from plans.models import StoryItem

    audience = StoryItem.Audience
    role = _active_portal_role(user, plan)
    if role is None:
        return frozenset()
    if role.role == Role.JONGERE:
        return frozenset(audience.values)
    if role.role in PlanRole.PROFESSIONAL_ROLES:
        return frozenset({audience.BEGELEIDERS, audience.IEDEREEN})
    if Section.VERHAAL in sections_visible(user, plan):
        return frozenset({audience.IEDEREEN})
    return frozenset()


def must_read_story_first(user: User, plan: Toekomstplan) -> bool:
    """A professional new to the plan reads the jongere's story before anything else, so that
    nobody asks the jongere to tell it again."""
    role = _active_portal_role(user, plan)
    return bool(role and role.role in PlanRole.PROFESSIONAL_ROLES and role.story_seen_at is None)


def can_share(user: User, plan: Toekomstplan, target: PlanRole) -> bool:
    """Who may change what another person sees.

    The jongere decides which sections their JIM and network see; the risicotaxatie is opened
    to a professional by the jongere or the regisseur.
    """
    if target.plan_id != plan.pk or not target.is_active or plan.status != plan.Status.ACTIEF:
        return False
    actor_role = chain.active_role(user, plan)
    if actor_role is None:
        return False
    if target.role in NETWORK_ROLES:
        return actor_role.role == Role.JONGERE
    if target.role == Role.PROFESSIONAL:
        return actor_role.role in (Role.JONGERE, Role.REGISSEUR)
    return False


def shareable_sections(target: PlanRole) -> frozenset[str]:
    """JIM and network can be given any section; a professional only the risicotaxatie."""
    if target.role in NETWORK_ROLES:
        return ALL_SECTIONS
    if target.role == Role.PROFESSIONAL:
        return frozenset({Section.RISICOTAXATIE})
    return frozenset()


def invitable_roles(user: User, plan: Toekomstplan) -> list[str]:
    """The roles this person may invite someone into.

    The regisseur invites professionals, the jongere (to get an account) and the network; the
    jongere invites their own network: the JIM and others.
    """
    role = chain.active_role(user, plan) if user.is_authenticated and user.is_active else None
    if role is None or plan.status != Toekomstplan.Status.ACTIEF:
        return []
    if role.role == Role.REGISSEUR:
        roles = [Role.PROFESSIONAL, Role.JIM, Role.NETWERK]
        if plan.jongere.user_id is None:
            roles.insert(0, Role.JONGERE)
        return roles
    if role.role == Role.JONGERE:
        return [Role.JIM, Role.NETWERK]
    return []


def can_revoke(user: User, plan_role: PlanRole) -> bool:
    """The regisseur ends any role but the jongere's and their own (that is handed over);
    the jongere ends the roles of their own network."""
    if plan_role.role in (Role.JONGERE, Role.REGISSEUR) or not plan_role.is_active:
        return False
    plan = plan_role.plan
    if can_manage_roles(user, plan):
        return True
    if plan.status != Toekomstplan.Status.ACTIEF:
        return False
    actor_role = chain.active_role(user, plan) if user.is_authenticated else None
    return bool(actor_role and actor_role.role == Role.JONGERE and plan_role.role in NETWORK_ROLES)


def portal_roles(user: User) -> QuerySet[PlanRole]:
    """The roles through which this person uses the portal: as jongere, JIM or network."""
    if not user.is_authenticated or not user.is_active:
        return PlanRole.objects.none()
    return PlanRole.objects.filter(
        user=user, role__in=PORTAL_ROLES, revoked_at__isnull=True
    ).select_related("plan__jongere", "plan__regisseur", "organisation")


def portal_plan_for(
    user: User, plan_uuid: UUID | str | None = None, *, owner_only: bool = False
) -> tuple[Toekomstplan, PlanRole]:
    """The plan this person looks at in the portal, and their role in it; 404 if there is none.

    A jongere has one plan; a JIM may be JIM for more than one jongere and picks one. Pages
    about who sees the plan (`owner_only`) are the jongere's alone.
    """
    roles = portal_roles(user)
    if owner_only:
        roles = roles.filter(role=Role.JONGERE)
    if plan_uuid:
        try:
            plan_uuid = UUID(str(plan_uuid))
        except ValueError:
            refuse(user=user, plan=None, need="portal", object_type="portal")
            raise Http404 from None
    # All of this person's portal roles in one query (a JIM has a few at most); the page's list
    # of the other plans comes from it too.
    every = list(roles.order_by("granted_at"))
    if not owner_only:
        user.__dict__["_portal_roles"] = every
    found = [r for r in every if not plan_uuid or r.plan.uuid == plan_uuid]
    own = [r for r in found if r.role == Role.JONGERE]
    role = (own or found or [None])[0]
    if role is None:
        refuse(user=user, plan=None, need="portal", object_type="portal", object_uuid=plan_uuid)
        raise Http404
    plan = role.plan
    user.__dict__.setdefault("_active_roles", {})[plan.pk] = role
    return plan, role


def visible_plan_ids(user: User) -> QuerySet:
    """The ids of the plans this person may open (the same rule as plans_visible_to), as one
    flat subquery on the object permissions: nested inside larger queries, the plan-in-plan
    form of get_objects_for_user led PostgreSQL to plans that took minutes without statistics."""
    from plans.models import ToekomstplanUserObjectPermission

    if not user.is_authenticated or not user.is_active:
        return ToekomstplanUserObjectPermission.objects.none().values("content_object_id")
    return ToekomstplanUserObjectPermission.objects.filter(
        user=user,
        permission__content_type__app_label="plans",
        permission__codename=VIEW,
    ).values("content_object_id")


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
    chain.record(
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
    plans = Toekomstplan.objects.select_related("jongere", "regisseur").filter(uuid=plan_uuid)
    if user.is_authenticated:
        # The viewer's own role comes along (at most one is active): the access log entry of
        # every page and write names it, and would otherwise ask for it in a query of its own.
        plans = plans.annotate(
            viewer_role=FilteredRelation(
                "roles", condition=Q(roles__user=user, roles__revoked_at__isnull=True)
            )
        ).select_related("viewer_role__organisation")
    plan = next(iter(plans.order_by()[:1]), None)  # (the uuid is unique: no ordering join)
    if plan is not None and user.is_authenticated:
        # Django leaves the attribute unset when the join found no role.
        role = getattr(plan, "viewer_role", None)
        chain.remember_role(user, plan, [role] if role else [])
    if plan is None or not has_need(user, plan, need):
        refuse(user=user, plan=plan, need=need, object_type="toekomstplan", object_uuid=plan_uuid)
        raise Http404
    return plan


def require(user: User, plan: Toekomstplan, need: str, *, object_type: str) -> None:
    """Services call this first: refuse (and log) a write the user's role does not allow."""
    if not has_need(user, plan, need):
        refuse(user=user, plan=plan, need=need, object_type=object_type)
        raise PermissionDenied


def require_that(allowed: bool, user: User, plan: Toekomstplan, need: str, *, object_type: str):
    """Services call this with a predicate's answer: refuse (and log) when it is no."""
    if not allowed:
        refuse(user=user, plan=plan, need=need, object_type=object_type)
        raise PermissionDenied


def role_in_plan(user: User, plan: Toekomstplan, role_uuid: UUID | str) -> PlanRole:
    """A role of this plan by its UUID; 404 (logged) for a role of another plan or none."""
    role = (
        PlanRole.objects.select_related("user", "plan", "organisation")
        .filter(plan=plan, uuid=role_uuid)
        .first()
    )
    if role is None:
        refuse(user=user, plan=plan, need="view", object_type="planrole", object_uuid=role_uuid)
        raise Http404
    return role


def export_versions(user: User, plan: Toekomstplan) -> list[str]:
    """Which PDFs of the plan this person may make: professionals in the plan both the full
    version and the plain-language one for the jongere; the jongere their own plain version.

    A PDF holds what its requester may see, no more; JIM and network use the portal.
    """
    from plans.models import PlanExport

    if not can_view_plan(user, plan):
        return []
    role = chain.active_role(user, plan)
    if role is not None and role.role in PlanRole.PROFESSIONAL_ROLES:
        return [PlanExport.Version.PROFESSIONAL, PlanExport.Version.B1]
    if role is not None and role.role == Role.JONGERE:
        # The right of inzage (AVG art. 15) is the jongere's own: everything stored about them.
        return [PlanExport.Version.B1, PlanExport.Version.INZAGE]
    return [PlanExport.Version.B1]


def can_download_export(user: User, export) -> bool:
    """Only the person who asked for a PDF downloads it, while they may still see the plan.

    An export is a copy of plan data: it is not passed around inside the app.
    """
    return (
        export.requested_by_id == user.pk
        and export.status == export.Status.DONE
        and bool(export.file)
        and export.version in export_versions(user, export.plan)
    )


def can_view_figures(user: User) -> bool:
    """Gemeente coordinators (staff in the coordinators' group) see the aggregate figures of
    /cijfers/; nobody else does. Figures steer the gemeente; they never show a plan."""
    from network.services import COORDINATOR_GROUP

    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or user.groups.filter(name=COORDINATOR_GROUP).exists()


def figure_gemeenten(user: User) -> list[str]:
    """The gemeenten whose figures this coordinator may see: those of the organisations they
    belong to, or every gemeente for a coordinator of the whole region (no organisation)."""
    return coordinator_gemeenten(user)
