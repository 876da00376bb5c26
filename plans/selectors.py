"""Reads that pages need, each in a fixed number of queries whatever the size of the plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
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


def plan_overview(*, plan: Toekomstplan, viewer: User) -> PlanOverview:
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
        detail={"page": "overview"},
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
