"""Reads of the portal: the jongere's own pages, and what their JIM and network see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    F,
    Func,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from domains.models import Leefdomein
from plans import permissions
from plans.accesslog import events
from plans.models import (
    Action,
    DomainAssessment,
    Goal,
    Handover,
    PlanRole,
    RiskAssessment,
    Section,
    StoryItem,
    Toekomstplan,
)
from plans.selectors.checklist import ChecklistProgress, checklist_for
from plans.selectors.objects import object_of_plan

if TYPE_CHECKING:
    from plans.permissions import PlanAccess


def _portal_goal_qs(plan: Toekomstplan, sections: frozenset[str]) -> QuerySet[Goal]:
    """The goals this person sees in the portal: none unless goals are shared, and the zorg
    domain only when care is shared too."""

    if Section.DOELEN not in sections:
        return Goal.objects.none()
    qs = Goal.objects.filter(plan=plan).select_related("leefdomein", "created_by")
    if Section.ZORG not in sections:
        qs = qs.exclude(leefdomein__code="zorg")
    return qs


def _own_actions(role: PlanRole) -> Q:
    """The actions that are this role's to do (see permissions.assigned_to)."""
    own = Q(assignee_role=role)
    if role.network_member_id:
        own |= Q(assignee_role__isnull=True, assignee_member_id=role.network_member_id)
    return own


def _portal_action_qs(plan: Toekomstplan, sections: frozenset[str], role: PlanRole):
    """The actions this person sees: all shared ones, and always the ones assigned to them."""

    own = _own_actions(role)
    qs = Action.objects.filter(goal__plan=plan).select_related(
        "goal__leefdomein", "assignee_role__user", "assignee_member"
    )
    if Section.ACTIES not in sections:
        return qs.filter(own)
    if Section.ZORG not in sections:
        return qs.filter(own | ~Q(goal__leefdomein__code="zorg"))
    return qs


@dataclass
class PortalHome:
    plan: Toekomstplan
    role: PlanRole
    sections: frozenset[str]
    my_actions: list[Action]
    next_actions: list[Action]
    goal_count: int
    goals_reached: int
    people: list[PlanRole]
    checklist: ChecklistProgress | None
    story_count: int
    safety_agreements: str
    new_regisseur: object | None


def _counted(queryset):
    """A count as a scalar subquery (SELECT COUNT(*) ...), so that many counts come back in one
    query."""
    return Coalesce(
        Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]),
        0,
    )


def portal_home(*, access: PlanAccess) -> PortalHome:
    """ "Mijn toekomst": my next steps, my goals, my people and the checklist; the counts come
    back in one query. What is new since the last visit is `portal_news`; the page logs the
    view (`fragments.plan_content`)."""
    plan, role, viewer = access.plan, access.role, access.user

    sections = access.sections
    actions = _portal_action_qs(plan, sections, role)
    open_actions = list(
        actions.filter(done_at__isnull=True).order_by(
            F("due_date").asc(nulls_last=True), "created_at"
        )
    )
    mine = [a for a in open_actions if permissions.assigned_to(a, role)]
    others = [a for a in open_actions if not permissions.assigned_to(a, role)]
    goals = _portal_goal_qs(plan, sections)
    counts = {
        "goals_open": _counted(goals.filter(status=Goal.Status.OPEN)),
        "goals_reached": _counted(goals.filter(status=Goal.Status.BEREIKT)),
        "story_items": _counted(
            StoryItem.objects.filter(plan=plan, audience__in=permissions.story_audiences(access))
        ),
    }
    if Section.RISICOTAXATIE in sections:
        counts["agreements"] = Subquery(
            RiskAssessment.objects.filter(plan=plan).values("safety_agreements")[:1]
        )
    figures = Toekomstplan.objects.filter(pk=plan.pk).annotate(**counts).values(*counts).get()
    people = list(
        PlanRole.objects.filter(plan=plan, revoked_at__isnull=True)
        .exclude(user=viewer)
        .select_related("user", "organisation")
        .order_by("granted_at")
    )
    checklist = checklist_for(plan=plan) if Section.CHECKLIST in sections else None

    handover = (
        Handover.objects.filter(plan=plan, accepted_at__gte=timezone.now() - timedelta(days=60))
        .select_related("to_user", "to_organisation")
        .order_by("-accepted_at")
        .first()
    )
    return PortalHome(
        plan=plan,
        role=role,
        sections=sections,
        my_actions=mine[:5],
        next_actions=others[:3],
        goal_count=figures["goals_open"],
        goals_reached=figures["goals_reached"],
        people=people,
        checklist=checklist,
        story_count=figures["story_items"],
        safety_agreements=figures.get("agreements") or "",
        new_regisseur=handover,
    )


def portal_news(*, access: PlanAccess) -> dict[str, int]:
    """What others added or finished since this person's last visit to the home page, in one
    query; nothing on the first visit, and no query while the plan's data has not changed
    since that visit (its data version is the one the visit saw)."""
    plan, role, viewer = access.plan, access.role, access.user
    since = role.portal_seen_at
    if since is None:
        return {}
    if role.portal_seen_version == plan.data_version:
        return dict.fromkeys(("goals", "new", "done", "people"), 0)
    sections = access.sections
    goals = _portal_goal_qs(plan, sections)
    actions = _portal_action_qs(plan, sections, role)
    counts = {
        "news_goals": _counted(goals.filter(created_at__gt=since).exclude(created_by=viewer)),
        "news_new": _counted(actions.filter(created_at__gt=since).exclude(created_by=viewer)),
        "news_done": _counted(actions.filter(done_at__gt=since)),
        "news_people": _counted(
            PlanRole.objects.filter(
                plan=plan, revoked_at__isnull=True, granted_at__gt=since
            ).exclude(user=viewer)
        ),
    }
    figures = Toekomstplan.objects.filter(pk=plan.pk).annotate(**counts).values(*counts).get()
    return {key.removeprefix("news_"): n for key, n in figures.items()}


@dataclass
class PortalDomain:
    leefdomein: Leefdomein
    assessment: DomainAssessment | None
    goals: list[Goal]


def portal_domains(*, access: PlanAccess) -> list[PortalDomain]:
    """Per leefdomein: the jongere's own words and goals (for JIM and network: what is shared)."""
    plan, role = access.plan, access.role

    sections = access.sections
    if not sections & {Section.DOELEN, Section.VERHAAL}:
        permissions.deny(access=access, need="shared", object_type="doelen")
    domains = list(Leefdomein.objects.order_by("order"))
    if Section.ZORG not in sections:
        domains = [d for d in domains if d.code != "zorg"]
    assessments = {}
    if Section.VERHAAL in sections:
        assessments = {
            a.leefdomein_id: a
            for a in DomainAssessment.objects.filter(plan=plan).select_related("words_by")
        }
    goals_by_domain: dict[int, list[Goal]] = {}
    for goal in _portal_goal_qs(plan, sections).prefetch_related(
        Prefetch(
            "actions",
            queryset=_portal_action_qs(plan, sections, role).order_by(
                F("due_date").asc(nulls_last=True), "created_at"
            ),
        )
    ):
        for action in goal.actions.all():
            action.is_mine = permissions.assigned_to(action, role)
        goals_by_domain.setdefault(goal.leefdomein_id, []).append(goal)
    events.page_viewed(access=access, page="portal_doelen")
    return [PortalDomain(d, assessments.get(d.pk), goals_by_domain.get(d.pk, [])) for d in domains]


def portal_actions(*, access: PlanAccess, page_number) -> Page:
    """Who does what: my own actions first (to tick off), then the others' I may see; open
    before done; a page at a time."""
    plan, role = access.plan, access.role
    sections = access.sections
    actions = (
        _portal_action_qs(plan, sections, role)
        .annotate(is_mine=Case(When(_own_actions(role), then=Value(True)), default=Value(False)))
        .order_by(
            F("is_mine").desc(),
            F("done_at").asc(nulls_first=True),
            F("due_date").asc(nulls_last=True),
            "created_at",
            "pk",
        )
    )
    page = Paginator(actions, 20).get_page(page_number)
    events.page_viewed(access=access, page="portal_acties")
    return page


def portal_checklist(*, access: PlanAccess) -> ChecklistProgress | None:
    """The 18-checklist page, when this person may see it."""
    plan = access.plan

    if Section.CHECKLIST not in access.sections:
        return None
    progress = checklist_for(plan=plan)
    events.page_viewed(access=access, page="portal_checklist", object_type="checklist")
    return progress


def action_for_portal(*, access: PlanAccess, action_uuid):
    """An action this person sees in the portal; 404 (logged) for anything else."""
    plan, role = access.plan, access.role
    sections = access.sections
    return object_of_plan(
        _portal_action_qs(plan, sections, role).filter(uuid=action_uuid),
        access=access,
        object_type="action",
    )
