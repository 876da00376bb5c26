"""The plan's overview: WIE, WAT by Big5 pillar, HOE summed up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import (
    Count,
    Q,
)
from django.utils import timezone

from domains.models import BIG5_ORDER, Big5, Leefdomein
from network.models import NetworkMember
from plans import permissions
from plans.models import DomainAssessment, Goal, PlanRole, Toekomstplan
from workspace.selectors.hoe import HOE_ORDER, HOE_PAGE_SIZE

if TYPE_CHECKING:
    from plans.permissions import PlanAccess


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


def plan_overview(*, access: PlanAccess) -> PlanOverview:
    """Everything the overview page shows: WIE, WAT grouped by Big5, HOE. The page logs the
    view (`fragments.plan_content`), also when it shows what it rendered before."""
    plan = access.plan
    today = timezone.localdate()
    roles = list(
        PlanRole.objects.filter(plan=plan, revoked_at__isnull=True).select_related(
            "user", "organisation", "network_member"
        )
    )
    network = list(NetworkMember.objects.filter(jongere_id=plan.jongere_id))
    domains = list(Leefdomein.objects.all())
    assessments = {a.leefdomein_id: a for a in DomainAssessment.objects.filter(plan=plan)}
    # The overview sums up HOE: each goal with its counts, not every action (HOE lists those,
    # a page of goals at a time), so a plan of hundreds of actions costs what a small one does.
    open_q = Q(actions__done_at__isnull=True)
    goals = list(
        Goal.objects.filter(plan=plan)
        .select_related("leefdomein")
        .annotate(
            open_actions=Count("actions", filter=open_q),
            overdue_actions=Count("actions", filter=open_q & Q(actions__due_date__lt=today)),
        )
        .order_by(*HOE_ORDER)
    )
    goals_by_domain: dict[int, list[Goal]] = {}
    for goal in goals:
        in_domain = goals_by_domain.setdefault(goal.leefdomein_id, [])
        goal.hoe_query = f"leefdomein={goal.leefdomein.code}" + (
            f"&pagina={len(in_domain) // HOE_PAGE_SIZE + 1}"
            if len(in_domain) >= HOE_PAGE_SIZE
            else ""
        )
        in_domain.append(goal)
    open_actions = sum(goal.open_actions for goal in goals)
    overdue_actions = sum(goal.overdue_actions for goal in goals)
    rows = [DomainRow(d, assessments.get(d.pk), goals_by_domain.get(d.pk, [])) for d in domains]
    pillars = [
        PillarGroup(code, Big5(code).label, [r for r in rows if r.leefdomein.big5 == code])
        for code in BIG5_ORDER
    ]
    return PlanOverview(
        plan=plan,
        age=plan.jongere.age_on(today),
        roles=roles,
        network=network,
        pillars=[p for p in pillars if p.domains],
        goals=goals,
        open_actions=open_actions,
        overdue_actions=overdue_actions,
        can_edit=permissions.can_edit_plan(access),
    )
