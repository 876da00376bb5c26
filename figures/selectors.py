"""Aggregate figures for gemeente coordinators (/cijfers/): how the toekomstplan goes across
organisations, without names and without plan content.

Every figure is one aggregate query whatever the number of plans, so the page answers in the same
number of queries for 10 and 10 000 plans. Counts under 5 are never shown (small-cell
suppression): a small number in a small gemeente can point at one young person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from domains.models import BIG5_ORDER, Big5
from network.models import Jongere, Organisation
from plans.ages import shift
from plans.models import (
    Action,
    DomainAssessment,
    Handover,
    PlanRole,
    Reminder,
    StabilityScore,
    Toekomstplan,
)

SMALL_CELL = 5
AGE_BANDS = ((12, 15), (16, 17), (18, 20), (21, 23), (24, 27))
LET_GO_BANDS = ((0, 17), (18, 20), (21, 22), (23, 99))


@dataclass(frozen=True)
class Cell:
    """A count as shown: under SMALL_CELL it reads "<5" in the page, the chart and the CSV."""

    value: int

    @property
    def suppressed(self) -> bool:
        return self.value < SMALL_CELL

    def __str__(self) -> str:
        return "<5" if self.suppressed else str(self.value)


@dataclass(frozen=True)
class Share:
    """Part of a whole as a percentage; suppressed when the part or the whole is under 5."""

    part: int
    whole: int

    @property
    def suppressed(self) -> bool:
        return self.part < SMALL_CELL or self.whole < SMALL_CELL

    def __str__(self) -> str:
        if self.suppressed:
            return "<5"
        return f"{round(100 * self.part / self.whole)}%"


@dataclass
class Bar:
    label: str
    cell: Cell
    y: int = 0
    width: float = 0.0


@dataclass
class FigureTable:
    """One table of the page, with its CSV and (when it has one) its bar chart."""

    slug: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    note: str = ""

    def csv_rows(self) -> list[list[str]]:
        return [self.columns, *[[str(value) for value in row] for row in self.rows]]

    def chart_height(self) -> int:
        return 24 * len(self.bars) + 8


CHART_LABEL_WIDTH, CHART_BAR_WIDTH = 230, 300


def _lay_out_bars(bars: list[Bar]) -> list[Bar]:
    """Bar lengths in proportion; a suppressed count draws no bar (its length would tell it)."""
    top = max((b.cell.value for b in bars if not b.cell.suppressed), default=0)
    for index, bar in enumerate(bars):
        bar.y = 4 + 24 * index
        bar.width = (
            0.0
            if bar.cell.suppressed or not top
            else round(CHART_BAR_WIDTH * bar.cell.value / top, 1)
        )
    return bars


@dataclass
class Filters:
    gemeente: str
    start: date
    end: date
    organisation: Organisation | None = None

    @property
    def start_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_at(self) -> datetime:
        """The end date counts in full: up to the first moment of the next day."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


def _plans(filters: Filters) -> QuerySet[Toekomstplan]:
    """Plans of the gemeente's jongeren that existed in the period (and, when an organisation is
    chosen, in which it holds a professional role)."""
    plans = Toekomstplan.objects.filter(
        jongere__gemeente=filters.gemeente, created_at__lt=filters.end_at
    )
    if filters.organisation is not None:
        plans = plans.filter(
            Exists(
                PlanRole.objects.filter(
                    plan=OuterRef("pk"),
                    organisation=filters.organisation,
                    role__in=PlanRole.PROFESSIONAL_ROLES,
                )
            )
        )
    return plans


def _open_at_end(filters: Filters) -> QuerySet[Toekomstplan]:
    return _plans(filters).filter(Q(let_go_at__isnull=True) | Q(let_go_at__gte=filters.end_at))


def _age_in_months(moment: str):
    """Age in whole months at a moment of the plan, computed in the database."""
    birth = "jongere__birth_date"
    return (
        (ExtractYear(moment) - ExtractYear(birth)) * 12
        + ExtractMonth(moment)
        - ExtractMonth(birth)
        - Case(
            When(**{f"{moment}_day__lt": F("birth_day")}, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def _with_age_at(plans: QuerySet, moment: str) -> QuerySet:
    return plans.annotate(
        **{f"{moment}_day": ExtractDay(moment)}, birth_day=ExtractDay("jongere__birth_date")
    ).annotate(age_months=_age_in_months(moment))


def _band_label(low: int, high: int) -> str:
    if high >= 99:
        return _("%(low)s and older") % {"low": low}
    if low == 0:
        return _("younger than %(high)s") % {"high": high + 1}
    return _("%(low)s–%(high)s years") % {"low": low, "high": high}


def plans_by_age(filters: Filters) -> FigureTable:
    """Jongeren with a plan, and registered jongeren without one, by age at the period's end."""

    def band_counts(queryset, prefix):
        counts = {}
        for low, high in AGE_BANDS:
            born_after = shift(filters.end, years=-(high + 1))
            born_by = shift(filters.end, years=-low)
            counts[f"{prefix}{low}"] = Count(
                "pk", filter=Q(birth_date__gt=born_after, birth_date__lte=born_by)
            )
        return queryset.aggregate(**counts)

    with_plan = band_counts(
        Jongere.objects.filter(Exists(_open_at_end(filters).filter(jongere=OuterRef("pk")))),
        "p",
    )
    without = Jongere.objects.filter(gemeente=filters.gemeente, plan__isnull=True)
    if filters.organisation is not None:
        without = without.filter(known_by=filters.organisation)
    without_plan = band_counts(without, "n")
    table = FigureTable(
        "leeftijd",
        _("Young people with a plan, by age"),
        [_("Age"), _("With a plan"), _("Registered, without a plan")],
    )
    for low, high in AGE_BANDS:
        label = _band_label(low, high)
        table.rows.append([label, Cell(with_plan[f"p{low}"]), Cell(without_plan[f"n{low}"])])
        table.bars.append(Bar(label, Cell(with_plan[f"p{low}"])))
    _lay_out_bars(table.bars)
    return table


def plan_shares(filters: Filters) -> FigureTable:
    """Of the plans open at the period's end: how many started before 17, how many have a JIM."""
    has_jim = Exists(
        PlanRole.objects.filter(plan=OuterRef("pk"), role=PlanRole.Role.JIM, revoked_at=None)
    )
    plans = _with_age_at(_open_at_end(filters), "created_at").annotate(has_jim=has_jim)
    totals = plans.aggregate(
        total=Count("pk"),
        before_17=Count("pk", filter=Q(age_months__lt=17 * 12)),
        with_jim=Count("pk", filter=Q(has_jim=True)),
    )
    total, early, jim = totals["total"], totals["before_17"], totals["with_jim"]
    return FigureTable(
        "aandelen",
        _("Early start and JIM"),
        [_("Figure"), _("Number"), _("Share of the plans")],
        rows=[
            [_("Plans"), Cell(total), ""],
            [_("Plan started before 17"), Cell(early), Share(early, total)],
            [_("With a JIM"), Cell(jim), Share(jim, total)],
        ],
    )


def plans_by_phase(filters: Filters) -> FigureTable:
    counts = dict(_open_at_end(filters).values_list("phase").annotate(n=Count("pk")).order_by())
    table = FigureTable("fasen", _("Plans per phase"), [_("Phase"), _("Plans")])
    for phase in Toekomstplan.Phase:
        table.rows.append([phase.label, Cell(counts.get(phase.value, 0))])
        table.bars.append(Bar(str(phase.label), Cell(counts.get(phase.value, 0))))
    _lay_out_bars(table.bars)
    return table


def _score_at(moment: datetime) -> Subquery:
    return Subquery(
        StabilityScore.objects.filter(assessment=OuterRef("pk"), recorded_at__lt=moment)
        .order_by("-recorded_at", "-pk")
        .values("score")[:1]
    )


def big5_stability(filters: Filters) -> tuple[FigureTable, FigureTable]:
    """Per Big5 pillar: how many leefdomein scores stand at each level at the period's end, and
    how many rose, stayed or fell since its start. One grouped query."""

    grouped = (
        DomainAssessment.objects.filter(plan__in=_open_at_end(filters))
        .annotate(at_start=_score_at(filters.start_at), at_end=_score_at(filters.end_at))
        .values_list("leefdomein__big5", "at_start", "at_end")
        .annotate(n=Count("pk"))
        .order_by()
    )
    levels = {code: [0] * 6 for code in BIG5_ORDER}
    change = {code: {"up": 0, "same": 0, "down": 0, "new": 0} for code in BIG5_ORDER}
    for pillar, at_start, at_end, n in grouped:
        if at_end is None:
            continue
        levels[pillar][at_end] += n
        if at_start is None:
            change[pillar]["new"] += n
        elif at_end > at_start:
            change[pillar]["up"] += n
        elif at_end < at_start:
            change[pillar]["down"] += n
        else:
            change[pillar]["same"] += n
    labels = dict(Big5.choices)
    now = FigureTable(
        "stabiliteit",
        _("Big5 stability at the end of the period"),
        [_("Big5 pillar"), *[str(level) for level in range(1, 6)]],
        note=_(
            "Scores on the life domains: 1 acute, 2 not, 3 limited, 4 enough, 5 fully self-reliant."
        ),
    )
    moved = FigureTable(
        "stabiliteit-verandering",
        _("Change of stability in the period"),
        [_("Big5 pillar"), _("Higher"), _("Same"), _("Lower"), _("First score")],
    )
    for code in BIG5_ORDER:
        now.rows.append([labels[code], *[Cell(levels[code][level]) for level in range(1, 6)]])
        c = change[code]
        moved.rows.append(
            [labels[code], Cell(c["up"]), Cell(c["same"]), Cell(c["down"]), Cell(c["new"])]
        )
    return now, moved


def overdue_by_organisation(filters: Filters) -> FigureTable:
    """Actions past their date and not done, by the organisation of whoever holds them."""
    today = min(timezone.localdate(), filters.end)
    counts = (
        Action.objects.filter(
            goal__plan__in=_open_at_end(filters), done_at__isnull=True, due_date__lt=today
        )
        .values_list("assignee_role__organisation__name")
        .annotate(n=Count("pk"))
        .order_by("assignee_role__organisation__name")
    )
    table = FigureTable(
        "te-laat", _("Overdue actions per organisation"), [_("Organisation"), _("Overdue actions")]
    )
    for name, n in counts:
        label = name or _("Own network and the young person")
        table.rows.append([label, Cell(n)])
        table.bars.append(Bar(label, Cell(n)))
    _lay_out_bars(table.bars)
    return table


def reminders_sent(filters: Filters) -> FigureTable:
    counts = (
        Reminder.objects.filter(
            plan__in=_plans(filters),
            status=Reminder.Status.SENT,
            sent_at__gte=filters.start_at,
            sent_at__lt=filters.end_at,
        )
        .values_list("rule__name")
        .annotate(n=Count("pk"))
        .order_by("rule__name")
    )
    table = FigureTable("herinneringen", _("Reminders sent"), [_("Reminder"), _("Sent")])
    table.rows = [[name, Cell(n)] for name, n in counts]
    return table


def handovers(filters: Filters) -> FigureTable:
    in_period = Q(proposed_at__gte=filters.start_at, proposed_at__lt=filters.end_at)
    totals = Handover.objects.filter(in_period, plan__in=_plans(filters)).aggregate(
        proposed=Count("pk"),
        accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
        cancelled=Count("pk", filter=Q(cancelled_at__isnull=False)),
        open=Count("pk", filter=Q(accepted_at__isnull=True, cancelled_at__isnull=True)),
    )
    return FigureTable(
        "overdrachten",
        _("Handovers proposed in the period"),
        [_("Handovers"), _("Number")],
        rows=[
            [_("Proposed"), Cell(totals["proposed"])],
            [_("Accepted"), Cell(totals["accepted"])],
            [_("Withdrawn"), Cell(totals["cancelled"])],
            [_("Still open"), Cell(totals["open"])],
        ],
    )


def let_go(filters: Filters) -> FigureTable:
    """Plans let go in the period, by the age at which the jongere was let go."""
    plans = _with_age_at(
        _plans(filters).filter(
            status=Toekomstplan.Status.LOSGELATEN,
            let_go_at__gte=filters.start_at,
            let_go_at__lt=filters.end_at,
        ),
        "let_go_at",
    )
    counts = plans.aggregate(
        **{
            f"b{low}": Count(
                "pk", filter=Q(age_months__gte=low * 12, age_months__lt=(high + 1) * 12)
            )
            for low, high in LET_GO_BANDS
        }
    )
    table = FigureTable(
        "losgelaten", _("Plans let go in the period, by age"), [_("Age"), _("Plans let go")]
    )
    for low, high in LET_GO_BANDS:
        label = _band_label(low, high)
        table.rows.append([label, Cell(counts[f"b{low}"])])
        table.bars.append(Bar(label, Cell(counts[f"b{low}"])))
    _lay_out_bars(table.bars)
    return table


def waiting_for_a_plan(filters: Filters) -> FigureTable:
    """Registered jongeren of 15½ and older without a plan, per organisation that knows them."""
    born_by = shift(filters.end, years=-15, months=-6)
    counts = (
        Jongere.objects.filter(
            gemeente=filters.gemeente, plan__isnull=True, birth_date__lte=born_by
        )
        .filter(**({"known_by": filters.organisation} if filters.organisation else {}))
        .values_list("known_by__name")
        .annotate(n=Count("pk"))
        .order_by("known_by__name")
    )
    table = FigureTable(
        "zonder-plan",
        _("15½ and older, without a plan"),
        [_("Organisation"), _("Young people")],
    )
    table.rows = [[name or _("No organisation"), Cell(n)] for name, n in counts]
    return table


def figures(filters: Filters) -> list[FigureTable]:
    """Every table of /cijfers/, in the order of the page."""
    now, moved = big5_stability(filters)
    return [
        plans_by_age(filters),
        plan_shares(filters),
        plans_by_phase(filters),
        now,
        moved,
        overdue_by_organisation(filters),
        reminders_sent(filters),
        handovers(filters),
        let_go(filters),
        waiting_for_a_plan(filters),
    ]


def figure_table(filters: Filters, slug: str) -> FigureTable | None:
    return next((table for table in figures(filters) if table.slug == slug), None)
