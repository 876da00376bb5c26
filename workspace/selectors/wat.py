"""WAT: each leefdomein with its stability history, and the Big5 over time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import (
    Prefetch,
)

from domains.models import BIG5_ORDER, Big5, Leefdomein
from plans import permissions
from plans.accesslog import events
from plans.models import DomainAssessment, StabilityScore, Toekomstplan
from plans.selectors.big5 import pillar_score, pillar_scores

if TYPE_CHECKING:
    from plans.permissions import PlanAccess


@dataclass
class WatDomain:
    leefdomein: Leefdomein
    assessment: DomainAssessment
    history: list


@dataclass
class WatPillar:
    code: str
    label: str
    domains: list[WatDomain]
    lowest: int | None


@dataclass
class ChartSeries:
    code: str
    label: str
    points: str  # SVG polyline points
    last: int | None
    dots: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class PlanWat:
    plan: Toekomstplan
    pillars: list[WatPillar]
    chart: list[ChartSeries]
    chart_dates: list[tuple[float, str]]
    can_edit: bool


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 600, 220, 30


def plan_wat(*, access: PlanAccess) -> PlanWat:
    """WAT: each leefdomein in the jongere's words with support and stability (and its history),
    grouped by Big5, and the Big5 over time as a chart. A fixed number of queries."""
    plan = access.plan

    assessments = list(
        DomainAssessment.objects.filter(plan=plan)
        .select_related("leefdomein")
        .prefetch_related(
            Prefetch("history", queryset=StabilityScore.objects.select_related("recorded_by"))
        )
        .order_by("leefdomein__order")
    )
    labels = dict(Big5.choices)
    pillars = []
    for code in BIG5_ORDER:
        domains = [
            WatDomain(a.leefdomein, a, list(a.history.all()))
            for a in assessments
            if a.leefdomein.big5 == code
        ]
        score = pillar_score(d.assessment.stability for d in domains)
        pillars.append(WatPillar(code, labels[code], domains, score))
    chart, dates = _big5_chart(assessments, labels)
    events.page_viewed(access=access, page="wat")
    return PlanWat(plan, pillars, chart, dates, permissions.can_edit_plan(access))


def _big5_chart(assessments, labels):
    """Replay the stability history: after each change, each pillar's score (`pillar_score`)."""
    changes = sorted(
        (score.recorded_at, a.leefdomein.code, a.leefdomein.big5, score.score)
        for a in assessments
        for score in a.history.all()
    )
    if not changes:
        return [], []
    current: dict[str, int | None] = {a.leefdomein.code: None for a in assessments}
    pillar_of = {a.leefdomein.code: a.leefdomein.big5 for a in assessments}
    series: dict[str, list[tuple[int, int]]] = {code: [] for code in BIG5_ORDER}
    dates = []
    for index, (when, domain, _pillar, score) in enumerate(changes):
        current[domain] = score
        dates.append(when)
        now = pillar_scores((pillar_of[d], s) for d, s in current.items())
        for code, pillar_now in now.items():
            if pillar_now is not None:
                series[code].append((index, pillar_now))
    span = max(len(changes) - 1, 1)

    def x(index):
        return round(CHART_PAD + (CHART_WIDTH - 2 * CHART_PAD) * index / span, 1)

    def y(score):
        return round(CHART_HEIGHT - CHART_PAD - (CHART_HEIGHT - 2 * CHART_PAD) * (score - 1) / 4, 1)

    chart = [
        ChartSeries(
            code,
            labels[code],
            " ".join(f"{x(i)},{y(s)}" for i, s in points),
            points[-1][1] if points else None,
            dots=[(x(i), y(s)) for i, s in points],
        )
        for code, points in series.items()
        if points
    ]
    first, last = f"{dates[0]:%d-%m-%Y}", f"{dates[-1]:%d-%m-%Y}"
    ticks = [(x(0) + 30, first)] if first == last else [(x(0) + 30, first), (x(span) - 30, last)]
    return chart, ticks
