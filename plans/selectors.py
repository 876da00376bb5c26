"""Reads that pages need, each in a fixed number of queries whatever the size of the plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from domains.models import BIG5_ORDER, Big5, Leefdomein
from network.models import NetworkMember
from plans import audit, permissions
from plans.models import AccessLogEntry, Action, DomainAssessment, Goal, PlanRole, Toekomstplan

if TYPE_CHECKING:
    from network.models import User


@dataclass
class DomainRow:
    leefdomein: Leefdomein
    assessment: DomainAssessment | None
    goals: list[Goal] = field(default_factory=list)


@dataclass
class PillarGroup:
    code: str
    label: str
    domains: list[DomainRow]


@dataclass
class PlanOverview:
    plan: Toekomstplan
    age: tuple[int, int]
    roles: list[PlanRole]
    network: list[NetworkMember]
    pillars: list[PillarGroup]
    goals: list[Goal]
    open_actions: int
    overdue_actions: int
    can_edit: bool


def plan_overview(*, plan: Toekomstplan, viewer: User, page: str = "overview") -> PlanOverview:
    """Everything the overview page shows: WIE, WAT grouped by Big5, HOE. Logs the view."""
    today = timezone.localdate()
    roles = list(
        PlanRole.objects.filter(plan=plan, revoked_at__isnull=True).select_related(
            "user", "organisation", "network_member"
        )
    )
    network = list(NetworkMember.objects.filter(jongere_id=plan.jongere_id))
    domains = list(Leefdomein.objects.all())
    assessments = {a.leefdomein_id: a for a in DomainAssessment.objects.filter(plan=plan)}
    goals = list(
        Goal.objects.filter(plan=plan)
        .select_related("leefdomein")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("assignee_role__user", "assignee_member"),
            )
        )
    )
    goals_by_domain: dict[int, list[Goal]] = {}
    open_actions = overdue_actions = 0
    for goal in goals:
        goals_by_domain.setdefault(goal.leefdomein_id, []).append(goal)
        for action in goal.actions.all():
            if action.done_at is None:
                open_actions += 1
                if action.due_date and action.due_date < today:
                    overdue_actions += 1
    rows = [DomainRow(d, assessments.get(d.pk), goals_by_domain.get(d.pk, [])) for d in domains]
    pillars = [
        PillarGroup(code, Big5(code).label, [r for r in rows if r.leefdomein.big5 == code])
        for code in BIG5_ORDER
    ]
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="toekomstplan",
        object_uuid=plan.uuid,
        detail={"page": page},
    )
    return PlanOverview(
        plan=plan,
        age=plan.jongere.age_on(today),
        roles=roles,
        network=network,
        pillars=[p for p in pillars if p.domains],
        goals=goals,
        open_actions=open_actions,
        overdue_actions=overdue_actions,
        can_edit=permissions.can_edit_plan(viewer, plan),
    )


def caseload(*, user: User, today: date | None = None) -> QuerySet[Toekomstplan]:
    """The plans a professional has a role in, with the counts the list shows."""
    today = today or timezone.localdate()
    open_q = Q(goals__actions__done_at__isnull=True)
    return (
        permissions.plans_visible_to(user)
        .select_related("jongere", "regisseur")
        .annotate(
            open_actions=Count("goals__actions", filter=open_q, distinct=True),
            overdue_actions=Count(
                "goals__actions",
                filter=open_q & Q(goals__actions__due_date__lt=today),
                distinct=True,
            ),
        )
        .order_by("jongere__last_name", "jongere__first_name", "pk")
    )


def caseload_page(*, user: User, page_number: str | int | None) -> Page:
    """One page of the caseload; which plans were listed is logged (names are plan data too)."""
    paginator = Paginator(caseload(user=user), settings.PAGE_SIZE)
    page = paginator.get_page(page_number)
    audit.record(
        actor=user,
        plan=None,
        action=AccessLogEntry.Action.VIEW,
        object_type="caseload",
        detail={"plans": [str(plan.uuid) for plan in page.object_list]},
    )
    return page


@dataclass
class ChainCheck:
    checked: int
    broken: AccessLogEntry | None = None
    reason: str = ""


def access_log_first_break() -> ChainCheck:
    """Walk every plan's chain in order; the first entry whose hash or link is wrong breaks it."""
    checked = 0
    last_hash: dict[int | None, str] = {}
    entries = AccessLogEntry.objects.order_by("id").iterator(chunk_size=2000)
    for entry in entries:
        expected_prev = last_hash.get(entry.plan_id, "")
        if entry.prev_hash != expected_prev:
            return ChainCheck(checked, entry, "its link to the previous entry does not match")
        if entry.compute_hash() != entry.entry_hash:
            return ChainCheck(checked, entry, "its content does not match its hash")
        last_hash[entry.plan_id] = entry.entry_hash
        checked += 1
    return ChainCheck(checked)


@dataclass
class PlanPeople:
    plan: Toekomstplan
    roles: list[PlanRole]
    network: list[NetworkMember]
    invitations: list
    invitable_roles: list[str]
    revocable: set[int]
    shareable: set[int]


def plan_people(*, plan: Toekomstplan, viewer: User) -> PlanPeople:
    """WIE: who has which role, the own network, open invitations, and what the viewer may do."""
    from plans.models import Invitation

    roles = list(
        PlanRole.objects.filter(plan=plan, revoked_at__isnull=True).select_related(
            "user", "organisation", "network_member", "plan"
        )
    )
    invitations = list(
        Invitation.objects.filter(
            plan=plan,
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).select_related("organisation", "invited_by")
    )
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="toekomstplan",
        object_uuid=plan.uuid,
        detail={"page": "wie"},
    )
    return PlanPeople(
        plan=plan,
        roles=roles,
        network=list(NetworkMember.objects.filter(jongere_id=plan.jongere_id)),
        invitations=invitations,
        invitable_roles=permissions.invitable_roles(viewer, plan),
        revocable={r.pk for r in roles if permissions.can_revoke(viewer, r)},
        shareable={r.pk for r in roles if permissions.can_share(viewer, plan, r)},
    )


def access_log_page(
    *, plan: Toekomstplan, viewer: User, filters: dict, page_number: str | int | None
) -> Page:
    """The logboek of one plan, newest first, filtered; reading the log is logged too."""
    entries = AccessLogEntry.objects.filter(plan=plan).select_related("actor", "organisation")
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("person"):
        entries = entries.filter(actor__uuid=filters["person"])
    if filters.get("date_from"):
        entries = entries.filter(created_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        entries = entries.filter(created_at__date__lte=filters["date_to"])
    page = Paginator(entries.order_by("-created_at", "-pk"), 50).get_page(page_number)
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="logboek",
        object_uuid=plan.uuid,
    )
    return page


def access_log_people(*, plan: Toekomstplan) -> list:
    """Everyone who appears in a plan's log, for the person filter."""
    from network.models import User

    return list(
        User.objects.filter(
            pk__in=AccessLogEntry.objects.filter(plan=plan).values("actor")
        ).order_by("first_name", "last_name")
    )


def looked_at_my_plan(*, plan: Toekomstplan, viewer: User, page_number) -> Page:
    """For the jongere: who else read or changed their plan, newest first."""
    entries = (
        AccessLogEntry.objects.filter(plan=plan)
        .exclude(actor=viewer)
        .select_related("actor", "organisation")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(entries, 30).get_page(page_number)
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="logboek",
        object_uuid=plan.uuid,
        detail={"page": "gekeken"},
    )
    return page


@dataclass
class PortalView:
    plan: Toekomstplan
    role: PlanRole
    sections: frozenset[str]
    goals: list[Goal]
    actions: list[Action]
    assessments: list[DomainAssessment]
    checklist: list
    risk_assessment: object | None


def portal_overview(*, plan: Toekomstplan, role: PlanRole, viewer: User) -> PortalView:
    """What the jongere, their JIM or network sees of the plan: only the shared sections."""
    from plans.models import ChecklistEntry, RiskAssessment, Section

    sections = permissions.sections_visible(viewer, plan)
    hide_zorg = Section.ZORG not in sections
    goals: list[Goal] = []
    actions: list[Action] = []
    action_qs = Action.objects.select_related("assignee_role__user", "assignee_member")
    if Section.ACTIES not in sections:
        action_qs = action_qs.none()
    if Section.DOELEN in sections:
        goal_qs = Goal.objects.filter(plan=plan).select_related("leefdomein")
        if hide_zorg:
            goal_qs = goal_qs.exclude(leefdomein__code="zorg")
        goals = list(goal_qs.prefetch_related(Prefetch("actions", queryset=action_qs)))
    elif Section.ACTIES in sections:
        # Actions shared without their goals: shown as one list of who does what.
        action_qs = action_qs.filter(goal__plan=plan)
        if hide_zorg:
            action_qs = action_qs.exclude(goal__leefdomein__code="zorg")
        actions = list(action_qs)
    assessments: list[DomainAssessment] = []
    if Section.VERHAAL in sections:
        assessment_qs = DomainAssessment.objects.filter(plan=plan).select_related("leefdomein")
        if hide_zorg:
            assessment_qs = assessment_qs.exclude(leefdomein__code="zorg")
        assessments = [
            a for a in assessment_qs.order_by("leefdomein__order") if a.situation or a.wish
        ]
    checklist = []
    if Section.CHECKLIST in sections:
        checklist = list(
            ChecklistEntry.objects.filter(plan=plan).select_related("item").order_by("item__order")
        )
    risk = None
    if Section.RISICOTAXATIE in sections:
        risk = RiskAssessment.objects.filter(plan=plan).first()
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="toekomstplan",
        object_uuid=plan.uuid,
        detail={"page": "portal", "sections": sorted(sections)},
        role=role,
    )
    return PortalView(plan, role, sections, goals, actions, assessments, checklist, risk)


def goal_for_edit(*, plan: Toekomstplan, viewer: User, goal_uuid) -> Goal:
    """One goal of the plan, to change it; 404 if it is not in this plan. The read is logged."""
    goal = (
        Goal.objects.select_related("leefdomein", "plan").filter(plan=plan, uuid=goal_uuid).first()
    )
    if goal is None:
        raise Http404
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="goal",
        object_uuid=goal.uuid,
    )
    return goal


def invitation_from_token(token: str):
    """The invitation a link points at, or None when the link was altered or made up."""
    from django.core import signing

    from plans.models import Invitation
    from plans.services import INVITATION_SALT

    try:
        invitation_uuid = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("plan__jongere", "invited_by", "organisation")
        .filter(uuid=invitation_uuid)
        .first()
    )


def account_exists(*, email: str) -> bool:
    from network.models import User

    return User.objects.filter(email__iexact=email).exists()
