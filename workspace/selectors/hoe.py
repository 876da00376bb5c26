"""HOE: goals and their actions, ten goals a page, per leefdomein."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
)
from django.urls import reverse
from django.utils import timezone

from plans import permissions
from plans.models import Action, Goal, Toekomstplan

if TYPE_CHECKING:
    from plans.permissions import PlanAccess


def actions_to_show() -> QuerySet[Action]:
    """Actions as the pages list them, with who does them: only the columns shown. A large plan
    lists hundreds, and reading every user's password hash and dates was a third of the page."""
    return Action.objects.select_related("assignee_role__user", "assignee_member").only(
        "uuid",
        "goal",
        "text",
        "due_date",
        "done_at",
        "version",
        "assignee_role__user__first_name",
        "assignee_role__user__last_name",
        "assignee_role__user__email",
        "assignee_member__name",
    )


HOE_PAGE_SIZE = 10


HOE_ORDER = ("leefdomein__order", "created_at", "pk")


@dataclass
class HoeDomain:
    code: str
    name: str
    goals: int


@dataclass
class PlanHoe:
    plan: Toekomstplan
    goals: list[Goal]
    can_edit: bool
    today: date
    page: Page | None = None
    domains: list[HoeDomain] = field(default_factory=list)
    leefdomein: str = ""  # the filter, when one is chosen
    unknown_leefdomein: bool = False
    total: int = 0  # goals in the plan


def _goals_with_actions(plan: Toekomstplan):
    return (
        Goal.objects.filter(plan=plan)
        .select_related("leefdomein")
        .prefetch_related(Prefetch("actions", queryset=actions_to_show(), to_attr="action_list"))
        .order_by(*HOE_ORDER)
    )


def plan_hoe(
    *,
    access: PlanAccess,
    goal_uuid=None,
    leefdomein: str = "",
    page_number: str | int | None = None,
) -> PlanHoe:
    """HOE: the goals with their actions, a page at a time, per leefdomein when one is chosen.
    With `goal_uuid`, just that goal (the card HTMX swaps in after a change). Who can be asked
    to do an action is read with the form that asks it. The page logs the view
    (`fragments.plan_content`)."""
    plan = access.plan
    hoe = PlanHoe(
        plan=plan,
        goals=[],
        can_edit=permissions.can_edit_plan(access),
        today=timezone.localdate(),
    )
    goals = _goals_with_actions(plan)
    if goal_uuid is not None:
        hoe.goals = list(goals.filter(uuid=goal_uuid))
        return hoe
    hoe.domains = [
        HoeDomain(row["leefdomein__code"], row["leefdomein__name"], row["n"])
        for row in Goal.objects.filter(plan=plan)
        .values("leefdomein__code", "leefdomein__name", "leefdomein__order")
        .annotate(n=Count("pk"))
        .order_by("leefdomein__order")
    ]
    hoe.total = sum(d.goals for d in hoe.domains)
    chosen = next((d for d in hoe.domains if d.code == leefdomein), None)
    hoe.unknown_leefdomein = bool(leefdomein) and chosen is None
    if chosen is not None:
        hoe.leefdomein = chosen.code
        goals = goals.filter(leefdomein__code=chosen.code)
    paginator = Paginator(goals, HOE_PAGE_SIZE)
    # The count is known from the domains above: no query of its own.
    paginator.count = chosen.goals if chosen else hoe.total
    hoe.page = paginator.get_page(page_number)
    hoe.goals = list(hoe.page.object_list)
    return hoe


def hoe_location(*, plan: Toekomstplan, goal_uuid) -> str:
    """Where a goal is on HOE: its leefdomein, the page it is on, and its card (for going back
    there without JavaScript). HOE itself when the goal is not in this plan."""

    url = reverse("plans:plan_hoe", kwargs={"plan_uuid": plan.uuid})
    goal = Goal.objects.filter(plan=plan, uuid=goal_uuid).select_related("leefdomein").first()
    if goal is None:
        return url
    before = Goal.objects.filter(
        Q(created_at__lt=goal.created_at) | Q(created_at=goal.created_at, pk__lt=goal.pk),
        plan=plan,
        leefdomein_id=goal.leefdomein_id,
    ).count()
    page = before // HOE_PAGE_SIZE + 1
    query = f"leefdomein={goal.leefdomein.code}" + (f"&pagina={page}" if page > 1 else "")
    return f"{url}?{query}#doel-{goal.uuid}"
