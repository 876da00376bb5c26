"""The caseload: the plans a professional works in (a team lead: the team's too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    Expression,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from domains.models import BIG5_ORDER, Big5
from network.models import Jongere, Membership, Organisation
from plans import permissions
from plans.ages import birth_date_ranges_for_window, next_milestone, shift
from plans.models import Action, DomainAssessment, PlanRole, Toekomstplan
from plans.selectors.big5 import pillar_score

if TYPE_CHECKING:
    from network.models import User


def team_lead_organisations(user: User) -> QuerySet:
    return Organisation.objects.filter(memberships__user=user, memberships__is_team_lead=True)


CASELOAD_FIELDS = ("uuid", "phase", "status", "updated_at", "data_version", "jongere")


def _caseload_scope(user: User) -> tuple[Q, Expression]:
    """Which plans the caseload lists (a condition on plans), and whether the person has a role
    in each (team leads also see their organisation's plans, without a role)."""
    visible = permissions.visible_plan_ids(user)
    leads = getattr(user, "leads_a_team", None)  # (SQLite answers 0 or 1)
    if leads is not None and not leads:
        lead_of = []  # (read with the session's user: no query for most professionals)
    else:
        lead_of = list(team_lead_organisations(user).values_list("pk", flat=True))
    if lead_of:
        in_scope = Q(pk__in=visible) | Q(
            pk__in=PlanRole.objects.filter(
                organisation__in=lead_of, revoked_at__isnull=True
            ).values("plan")
        )
        return in_scope, Exists(visible.filter(content_object_id=OuterRef("pk")))
    # Most professionals lead no team: then an OR would make PostgreSQL scan every plan of
    # the gemeente; the plain IN is a lookup of the caseload's few hundred plans.
    return Q(pk__in=visible), Value(True)


def caseload(*, user: User, filters: dict | None = None, today: date | None = None):
    """The plans a professional has a role in and, for a team lead, their organisation's plans,
    filtered and sorted: one query. The counts and Big5 of the plans on a page are read for that
    page only (`caseload_rows`); subqueries per row made this query ten times as costly to build
    as to run."""
    filters = filters or {}
    today = today or timezone.localdate()
    in_scope, has_role = _caseload_scope(user)
    plans = (
        Toekomstplan.objects.filter(in_scope)
        .select_related("jongere")
        .only(*CASELOAD_FIELDS)
        .annotate(has_role=has_role)
    )
    if filters.get("q"):
        for word in filters["q"].split():
            plans = plans.filter(
                Q(jongere__first_name__icontains=word) | Q(jongere__last_name__icontains=word)
            )
    if filters.get("phase"):
        plans = plans.filter(phase=filters["phase"])
    if filters.get("status"):
        plans = plans.filter(status=filters["status"])
    if filters.get("organisation"):
        plans = plans.filter(
            pk__in=PlanRole.objects.filter(
                organisation=filters["organisation"], revoked_at__isnull=True
            ).values("plan")
        )
    if filters.get("milestone"):
        window = Q()
        for after, until in birth_date_ranges_for_window(today, int(filters["milestone"])):
            window |= Q(jongere__birth_date__gt=after, jongere__birth_date__lte=until)
        plans = plans.filter(window)
    overdue = Action.objects.filter(
        goal__plan=OuterRef("pk"), done_at__isnull=True, due_date__lt=today
    )
    if filters.get("overdue"):
        plans = plans.filter(Exists(overdue))
    if filters.get("sort") == "te_laat":
        plans = plans.annotate(
            overdue_actions=Coalesce(
                Subquery(
                    overdue.order_by().values("goal__plan").annotate(n=Count("pk")).values("n")[:1]
                ),
                0,
            )
        )
    order = CASELOAD_ORDER.get(filters.get("sort") or "naam", CASELOAD_ORDER["naam"])
    return plans.order_by(*order, "pk")


CASELOAD_ORDER = {
    "naam": ("jongere__last_name", "jongere__first_name"),
    "leeftijd": ("-jongere__birth_date",),
    "activiteit": ("-updated_at",),
    "te_laat": ("-overdue_actions", "jongere__last_name"),
}


@dataclass
class CaseloadRow:
    plan: Toekomstplan
    age: tuple[int, int]
    milestone: tuple[int, int] | None
    big5: list[tuple[str, str, int | None]]


@dataclass(frozen=True)
class CaseloadEntry:
    """A plan on a page of the caseload, as far as the page needs it before its rows."""

    pk: int
    uuid: UUID
    data_version: int
    has_role: bool


def caseload_plans(*, user: User, filters: dict, page_number: str | int | None) -> Page:
    """One page of the caseload's plans (`CaseloadEntry`), in one query that also counts them
    all (a window count), which the pagination needs. (Past the last page, the last page, as
    Django's `get_page` answers.) What the list shows of the plans is read by `caseload_rows`,
    only for rows that are not kept; the page logs which plans it listed
    (`log_caseload_view`)."""
    plans = caseload(user=user, filters=filters)
    paginator = Paginator(plans, settings.PAGE_SIZE)
    asked = str(page_number or 1)
    # A number too large for the database's OFFSET goes the slow way, to the last page.
    number = int(asked) if asked.isdigit() and len(asked) <= 9 else 0
    if number >= 1:
        start = (number - 1) * settings.PAGE_SIZE
        found = list(
            plans.annotate(in_all=Window(Count("pk"))).values_list(
                "pk", "uuid", "data_version", "has_role", "in_all"
            )[start : start + settings.PAGE_SIZE]
        )
        if found or number == 1:
            paginator.count = found[0][-1] if found else 0
            return Page([CaseloadEntry(*row[:-1]) for row in found], number, paginator)
    page = paginator.get_page(page_number)
    page.object_list = [
        CaseloadEntry(plan.pk, plan.uuid, plan.data_version, plan.has_role)
        for plan in page.object_list
    ]
    return page


def caseload_rows(entries: list[CaseloadEntry]) -> list[CaseloadRow]:
    """The caseload's rows for these plans (of `caseload_plans`): each with its age, next
    milestone, open and overdue actions and Big5, in three queries for them all."""
    today = timezone.localdate()
    found = Toekomstplan.objects.select_related("jongere").only(*CASELOAD_FIELDS)
    by_pk = found.in_bulk([entry.pk for entry in entries])
    plans = []
    for entry in entries:
        plan = by_pk[entry.pk]
        plan.has_role = entry.has_role
        plans.append(plan)
    # What the list shows of each plan, for the plans with a role (team-only rows show none).
    shown = [plan.pk for plan in plans if plan.has_role]
    counts = {
        row["goal__plan"]: row
        for row in Action.objects.filter(goal__plan__in=shown, done_at__isnull=True)
        .values("goal__plan")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_date__lt=today)))
        .order_by()
    }
    scores: dict[tuple[int, str], list[int | None]] = {}
    for plan_id, pillar, stability in DomainAssessment.objects.filter(plan__in=shown).values_list(
        "plan", "leefdomein__big5", "stability"
    ):
        scores.setdefault((plan_id, pillar), []).append(stability)
    labels = dict(Big5.choices)
    rows = []
    for plan in plans:
        count = counts.get(plan.pk, {})
        plan.open_actions, plan.overdue_actions = count.get("n", 0), count.get("late", 0)
        rows.append(
            CaseloadRow(
                plan=plan,
                age=plan.jongere.age_on(today),
                milestone=next_milestone(plan.jongere.birth_date, today),
                big5=[
                    (pillar, labels[pillar], pillar_score(scores.get((plan.pk, pillar))))
                    for pillar in BIG5_ORDER
                ]
                if plan.has_role
                else [],
            )
        )
    return rows


def caseload_organisations(*, user: User) -> QuerySet:
    """Organisations to filter the caseload by: those of the plans this person can list."""

    # Two IN subqueries, not joins: joining every role of every visible plan and then making
    # the rows distinct took seconds for a caseload of 300 in a gemeente of 100 000 jongeren.
    return Organisation.objects.filter(
        Q(pk__in=Membership.objects.filter(user=user).values("organisation"))
        | Q(
            pk__in=PlanRole.objects.filter(
                plan__in=permissions.visible_plan_ids(user), organisation__isnull=False
            ).values("organisation")
        )
    ).order_by("name")


def jongeren_without_plan(*, user: User) -> QuerySet:
    """Registered jongeren of the gemeenten this professional works in who have no plan yet."""

    gemeenten = user.organisations.values("gemeente")
    return Jongere.objects.filter(gemeente__in=gemeenten, plan__isnull=True).order_by(
        "last_name", "first_name"
    )


def organisations_of(*, user: User) -> QuerySet:
    """The organisations this professional works for."""
    return user.organisations.order_by("name")


def jongeren_to_start(*, user: User, today: date | None = None) -> list:
    """The signal "start on time": jongeren of 15½ and older, known to an organisation this
    professional works for, who have no plan yet (at most 20, the oldest first)."""

    born_by = shift(today or timezone.localdate(), years=-15, months=-6)
    return list(
        Jongere.objects.filter(
            known_by__memberships__user=user, plan__isnull=True, birth_date__lte=born_by
        )
        .select_related("known_by")
        .order_by("birth_date", "last_name")[:20]
    )
