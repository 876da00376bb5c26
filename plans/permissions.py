"""Who may do what with a plan. The one place that decides; everything else asks here.

Roles in a plan (PlanRole) become django-guardian object permissions on the Toekomstplan. Nothing
else hands out access: not being staff, not being a superuser, not being in an organisation.

A page fetches its plan through `plan_for` (the portal through `portal_plan_for`), which checks
the person may do what the page needs and returns a `PlanAccess`: the plan with the viewer's
role, permissions and visible sections, frozen. Views, selectors and the predicates below take
that access; services build one for their actor with `access_for`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn
from uuid import UUID

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import FilteredRelation, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from network.selectors import coordinator_gemeenten
from network.services import COORDINATOR_GROUP
from plans.accesslog import events
from plans.models import (
    PlanExport,
    PlanRole,
    Section,
    StoryItem,
    Toekomstplan,
    ToekomstplanUserObjectPermission,
)

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
# Needs that change the plan: none of them once the plan is let go (it is then read-only).
WRITE_NEEDS = frozenset({"edit", "roles"})

ALL_SECTIONS = frozenset(Section.values)
PORTAL_ROLES = (Role.JONGERE, Role.JIM, Role.NETWERK)
NETWORK_ROLES = (Role.JIM, Role.NETWERK)

_UNKNOWN = object()
_PLAN_ID = f'"{Toekomstplan._meta.db_table}"."id"'
_ROLE_PLAN_ID = f'"{PlanRole._meta.db_table}"."plan_id"'


@dataclass(frozen=True)
class PlanAccess:
    """A plan as one person may use it: their active role in it (or none), the permissions
    their role holds, and the sections of the plan they see. Made once a request (or once a
    service call) by `plan_for`, `portal_plan_for` or `access_for`; never changed after."""

    plan: Toekomstplan
    user: User
    role: PlanRole | None
    permissions: frozenset[str]
    sections: frozenset[str]
    # Through the portal: this person's other portal roles (a JIM of more than one jongere).
    other_portal_roles: tuple[PlanRole, ...] = field(default=(), compare=False)

    @property
    def role_name(self) -> str | None:
        return self.role.role if self.role else None

    @property
    def plan_is_active(self) -> bool:
        return self.plan.status == Toekomstplan.Status.ACTIEF


def _sections(role: PlanRole | None, held: frozenset[str]) -> frozenset[str]:
    """The parts of the plan this person sees.

    The jongere and the regisseur see everything; professionals everything but the
    risicotaxatie unless it was granted; JIM and network only what the jongere shares.
    """
    if role is None:
        return frozenset()
    if role.role in (Role.JONGERE, Role.REGISSEUR, Role.PROFESSIONAL):
        visible = ALL_SECTIONS - {Section.RISICOTAXATIE}
    else:
        visible = frozenset(role.shared_sections) & ALL_SECTIONS
    if VIEW_RISICOTAXATIE in held:
        visible = visible | {Section.RISICOTAXATIE}
    return visible


def access_for(
    user: User, plan: Toekomstplan, *, role=_UNKNOWN, held: frozenset[str] | None = None, others=()
) -> PlanAccess:
    """What this person may do with this plan, read from their active role and guardian's
    object permissions. Superusers and staff get nothing for free: coordinators never see a
    plan's content; anyone inactive or anonymous holds nothing.

    `plan_for` and `portal_plan_for` read the role and the permissions with the plan and hand
    them in (`role`, `held`); a service asks here, in one query for anyone with a role."""
    if not user.is_authenticated or not user.is_active:
        return PlanAccess(plan, user, None, frozenset(), frozenset())
    if role is _UNKNOWN:
        role = (
            PlanRole.objects.filter(plan=plan, user=user, revoked_at__isnull=True)
            .select_related("organisation")
            .annotate(**_held_annotations(user, _ROLE_PLAN_ID))
            .first()
        )
        if role is not None:
            held = _held_of(role)
    if held is None:
        held = frozenset(_held_codenames(user.pk, plan.pk))
    return PlanAccess(plan, user, role, held, _sections(role, held), tuple(others))


def _held_annotations(user: User, plan_id_column: str) -> dict[str, RawSQL]:
    """guardian's object permissions of one person on a plan, as one comma-separated column of
    the row the page or service reads anyway (the plan, or the person's role), written out in
    SQL: building six EXISTS in the ORM took longer than a query of their own."""
    join = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    return {
        "held_codenames": RawSQL(
            f"SELECT {join}(p.codename, ',')"
            f" FROM {ToekomstplanUserObjectPermission._meta.db_table} h"
            f" JOIN {Permission._meta.db_table} p ON p.id = h.permission_id"
            f" WHERE h.user_id = %s AND h.content_object_id = {plan_id_column}",
            [user.pk],
        )
    }


def _held_of(row) -> frozenset[str]:
    return frozenset(filter(None, (getattr(row, "held_codenames", None) or "").split(",")))


def _held_codenames(user_id: int, plan_id: int) -> list[str]:
    """guardian's object permissions of one person on one plan (its direct foreign key table),
    for someone without a role in it (a refusal, mostly)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.codename FROM {ToekomstplanUserObjectPermission._meta.db_table} h"
            f" JOIN {Permission._meta.db_table} p ON p.id = h.permission_id"
            " WHERE h.user_id = %s AND h.content_object_id = %s",
            [user_id, plan_id],
        )
        return [codename for (codename,) in cursor.fetchall()]


def has_need(access: PlanAccess, need: str) -> bool:
    """The check behind every predicate: the role grants it, and writes need an active plan."""
    if NEEDS[need] not in access.permissions:
        return False
    return need not in WRITE_NEEDS or access.plan_is_active


def can_view_plan(access: PlanAccess) -> bool:
    """Regisseur, professionals with a role and the jongere see the plan's pages."""
    return VIEW in access.permissions


def can_edit_plan(access: PlanAccess) -> bool:
    """Regisseur and professionals change domains, goals and actions, while the plan is active."""
    return has_need(access, "edit")


def can_manage_roles(access: PlanAccess) -> bool:
    """Only the regisseur grants and revokes roles (the jongere does, for their own network)."""
    return has_need(access, "roles")


def can_view_risicotaxatie(access: PlanAccess) -> bool:
    """The risicotaxatie is sensitive: the regisseur and the jongere, others only when granted."""
    return VIEW_RISICOTAXATIE in access.permissions


def can_edit_risicotaxatie(access: PlanAccess) -> bool:
    """The regisseur writes the risicotaxatie; others it was opened to only read it."""
    return has_need(access, "roles")


def can_withdraw_handover(access: PlanAccess, handover) -> bool:
    """Only the regisseur who proposed a handover withdraws it (the successor declines it)."""
    return handover.is_open and handover.from_user_id == access.user.pk


def can_propose_handover(access: PlanAccess) -> bool:
    """The regisseur hands their own role over (warme overdracht); nobody does it for them."""
    return can_manage_roles(access) and access.plan.regisseur_id == access.user.pk


def can_accept_handover(access: PlanAccess, handover) -> bool:
    """Only the proposed successor takes the regisseur role over."""
    return handover.to_user_id == access.user.pk


def can_cancel_handover(access: PlanAccess, handover) -> bool:
    """The proposing regisseur withdraws a handover, or the proposed successor declines it."""
    return access.user.pk in (handover.from_user_id, handover.to_user_id)


def can_view_logboek(access: PlanAccess) -> bool:
    """The regisseur and the jongere see who read and changed the plan."""
    return VIEW_LOGBOEK in access.permissions


def is_jongere(access: PlanAccess) -> bool:
    """This person is the jongere whose plan it is."""
    return access.role_name == Role.JONGERE


def can_write_own_words(access: PlanAccess) -> bool:
    """The plan is the jongere's: they write their own words per leefdomein, their own goals,
    their story and their checklist, while the plan is active."""
    return is_jongere(access) and access.plan_is_active


def can_add_goal(access: PlanAccess) -> bool:
    """Goals are added by the jongere in their own words, or with them by a professional."""
    return has_need(access, "edit") or can_write_own_words(access)


def can_mark_checklist(access: PlanAccess) -> bool:
    """The jongere ticks off the 18-checklist; their professionals may help."""
    return has_need(access, "edit") or can_write_own_words(access)


def assigned_to(action, role: PlanRole) -> bool:
    """Is this action this role's to do: assigned to the role, or to its network member."""
    if action.assignee_role_id is not None:
        return action.assignee_role_id == role.pk
    return bool(
        action.assignee_member_id is not None
        and role.network_member_id == action.assignee_member_id
    )


def is_own_action(access: PlanAccess, action) -> bool:
    """Is this action assigned to this person: to their role, or to them as network member."""
    return access.role is not None and assigned_to(action, access.role)


def can_complete_action(access: PlanAccess, action) -> bool:
    """Professionals tick off any action; the jongere, the JIM and the network tick off their
    own (the JIM's view shows their tasks even when the jongere shares nothing else)."""
    if action.done_at is not None or not access.plan_is_active:
        return False
    return has_need(access, "edit") or is_own_action(access, action)


def story_audiences(access: PlanAccess) -> frozenset[str]:
    """Which story items this person sees. The jongere decides per item: only me, my
    counsellors (the professionals), or also my own people — and those see the story only when
    the jongere shares the section "verhaal" with them."""
    audience = StoryItem.Audience
    if access.role is None:
        return frozenset()
    if is_jongere(access):
        return frozenset(audience.values)
    if access.role_name in PlanRole.PROFESSIONAL_ROLES:
        return frozenset({audience.BEGELEIDERS, audience.IEDEREEN})
    if Section.VERHAAL in access.sections:
        return frozenset({audience.IEDEREEN})
    return frozenset()


def must_read_story_first(access: PlanAccess) -> bool:
    """A professional new to the plan reads the jongere's story before anything else, so that
    nobody asks the jongere to tell it again."""
    role = access.role
    return bool(role and role.role in PlanRole.PROFESSIONAL_ROLES and role.story_seen_at is None)


def can_share(access: PlanAccess, target: PlanRole) -> bool:
    """Who may change what another person sees.

    The jongere decides which sections their JIM and network see; the risicotaxatie is opened
    to a professional by the jongere or the regisseur.
    """
    if target.plan_id != access.plan.pk or not target.is_active or not access.plan_is_active:
        return False
    if access.role is None:
        return False
    if target.role in NETWORK_ROLES:
        return is_jongere(access)
    if target.role == Role.PROFESSIONAL:
        return access.role_name in (Role.JONGERE, Role.REGISSEUR)
    return False


def shareable_sections(target: PlanRole) -> frozenset[str]:
    """JIM and network can be given any section; a professional only the risicotaxatie."""
    if target.role in NETWORK_ROLES:
        return ALL_SECTIONS
    if target.role == Role.PROFESSIONAL:
        return frozenset({Section.RISICOTAXATIE})
    return frozenset()


def invitable_roles(access: PlanAccess) -> list[str]:
    """The roles this person may invite someone into.

    The regisseur invites professionals, the jongere (to get an account) and the network; the
    jongere invites their own network: the JIM and others.
    """
    if access.role is None or not access.plan_is_active:
        return []
    if access.role_name == Role.REGISSEUR:
        roles = [Role.PROFESSIONAL, Role.JIM, Role.NETWERK]
        if access.plan.jongere.user_id is None:
            roles.insert(0, Role.JONGERE)
        return roles
    if is_jongere(access):
        return [Role.JIM, Role.NETWERK]
    return []


def can_revoke(access: PlanAccess, plan_role: PlanRole) -> bool:
    """The regisseur ends any role but the jongere's and their own (that is handed over);
    the jongere ends the roles of their own network."""
    if plan_role.plan_id != access.plan.pk:
        return False
    if plan_role.role in (Role.JONGERE, Role.REGISSEUR) or not plan_role.is_active:
        return False
    if can_manage_roles(access):
        return True
    if not access.plan_is_active:
        return False
    return is_jongere(access) and plan_role.role in NETWORK_ROLES


def export_versions(access: PlanAccess) -> list[str]:
    """Which PDFs of the plan this person may make: professionals in the plan both the full
    version and the plain-language one for the jongere; the jongere their own plain version.

    A PDF holds what its requester may see, no more; JIM and network use the portal.
    """
    if not can_view_plan(access):
        return []
    if access.role_name in PlanRole.PROFESSIONAL_ROLES:
        return [PlanExport.Version.PROFESSIONAL, PlanExport.Version.B1]
    if is_jongere(access):
        # The right of inzage (AVG art. 15) is the jongere's own: everything stored about them.
        return [PlanExport.Version.B1, PlanExport.Version.INZAGE]
    return [PlanExport.Version.B1]


def can_download_export(access: PlanAccess, export) -> bool:
    """Only the person who asked for a PDF downloads it, while they may still see the plan.

    An export is a copy of plan data: it is not passed around inside the app.
    """
    return (
        export.plan_id == access.plan.pk
        and export.requested_by_id == access.user.pk
        and export.status == export.Status.DONE
        and bool(export.file)
        and export.version in export_versions(access)
    )


# Needs a page may ask of plan_for besides those of a role's permissions: each a predicate.
CHECKS = {
    "invite": lambda access: bool(invitable_roles(access)),
    "risicotaxatie-edit": can_edit_risicotaxatie,
}


def _meets(access: PlanAccess, need: str) -> bool:
    check = CHECKS.get(need)
    return check(access) if check is not None else has_need(access, need)


def plan_for(user: User, plan_uuid: UUID | str, *, need: str = "view") -> PlanAccess:
    """Fetch a plan and check the user may do `need` with it; 404 for missing and forbidden alike.

    A person without the right role must not learn that the plan exists, so both cases look the
    same from outside; the refusal is logged here, once.
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
        # And what their role holds, in the same query.
        plans = plans.annotate(**_held_annotations(user, _PLAN_ID))
    plan = next(iter(plans.order_by()[:1]), None)  # (the uuid is unique: no ordering join)
    if plan is None:
        deny(user=user, plan=None, need=need, object_type="toekomstplan", object_uuid=plan_uuid)
    # Django leaves the attribute unset when the join found no role.
    access = access_for(user, plan, role=getattr(plan, "viewer_role", None), held=_held_of(plan))
    if not _meets(access, need):
        deny(access=access, need=need, object_type="toekomstplan")
    return access


def portal_roles(user: User) -> QuerySet[PlanRole]:
    """The roles through which this person uses the portal: as jongere, JIM or network."""
    if not user.is_authenticated or not user.is_active:
        return PlanRole.objects.none()
    return PlanRole.objects.filter(
        user=user, role__in=PORTAL_ROLES, revoked_at__isnull=True
    ).select_related("plan__jongere", "plan__regisseur", "organisation")


def portal_plan_for(
    user: User, plan_uuid: UUID | str | None = None, *, owner_only: bool = False
) -> PlanAccess:
    """The plan this person looks at in the portal, with their access to it; 404 (logged) if
    there is none.

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
            deny(user=user, plan=None, need="portal", object_type="portal")
    # All of this person's portal roles in one query (a JIM has a few at most); the page's list
    # of the other plans comes from it too.
    every = list(roles.annotate(**_held_annotations(user, _ROLE_PLAN_ID)).order_by("granted_at"))
    found = [r for r in every if not plan_uuid or r.plan.uuid == plan_uuid]
    own = [r for r in found if r.role == Role.JONGERE]
    role = (own or found or [None])[0]
    if role is None:
        deny(user=user, plan=None, need="portal", object_type="portal", object_uuid=plan_uuid)
    others = [] if owner_only else [r for r in every if r.pk != role.pk]
    return access_for(user, role.plan, role=role, held=_held_of(role), others=others)


def deny(
    *,
    access: PlanAccess | None = None,
    user: User | None = None,
    plan: Toekomstplan | None = None,
    need: str,
    object_type: str,
    object_uuid: UUID | str | None = None,
) -> NoReturn:
    """Refuse a page: log it, then 404, so nobody learns what exists or what they may not do."""
    refuse(
        access=access,
        user=user,
        plan=plan,
        need=need,
        object_type=object_type,
        object_uuid=object_uuid,
    )
    raise Http404


def refuse(
    *,
    access: PlanAccess | None = None,
    user: User | None = None,
    plan: Toekomstplan | None = None,
    need: str,
    object_type: str,
    object_uuid: UUID | str | None = None,
) -> None:
    """Log a refused attempt. It goes in the log even though the person learns nothing."""
    if access is not None:
        user, plan = access.user, access.plan
    events.refused(
        user=user,
        plan=plan,
        role=access.role if access is not None else None,
        need=need,
        object_type=object_type,
        object_uuid=object_uuid,
    )


def require(access: PlanAccess, need: str, *, object_type: str) -> None:
    """Services call this first: refuse (and log) a write the person's role does not allow."""
    require_that(has_need(access, need), access, need, object_type=object_type)


def require_that(allowed: bool, access: PlanAccess, need: str, *, object_type: str) -> None:
    """Services call this with a predicate's answer: refuse (and log) when it is no."""
    if not allowed:
        refuse(access=access, need=need, object_type=object_type)
        raise PermissionDenied


def role_in_plan(access: PlanAccess, role_uuid: UUID | str) -> PlanRole:
    """A role of this plan by its UUID; 404 (logged) for a role of another plan or none."""
    role = (
        PlanRole.objects.select_related("user", "plan", "organisation")
        .filter(plan=access.plan, uuid=role_uuid)
        .first()
    )
    if role is None:
        deny(access=access, need="view", object_type="planrole", object_uuid=role_uuid)
    return role


def visible_plan_ids(user: User) -> QuerySet:
    """The ids of the plans this person may open (the same rule as plans_visible_to), as one
    flat subquery on the object permissions: nested inside larger queries, the plan-in-plan
    form of get_objects_for_user led PostgreSQL to plans that took minutes without statistics."""
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


def can_view_figures(user: User) -> bool:
    """Gemeente coordinators (staff in the coordinators' group) see the aggregate figures of
    /cijfers/; nobody else does. Figures steer the gemeente; they never show a plan."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or user.groups.filter(name=COORDINATOR_GROUP).exists()


def figure_gemeenten(user: User) -> list[str]:
    """The gemeenten whose figures this coordinator may see: those of the organisations they
    belong to, or every gemeente for a coordinator of the whole region (no organisation)."""
    return coordinator_gemeenten(user)
