"""Reads for the professional's pages, one module per page or concern.

Callers import from here; the modules are where the code lives.
"""

from workspace.selectors.caseload import (
    CASELOAD_FIELDS,
    CASELOAD_ORDER,
    CaseloadEntry,
    CaseloadRow,
    caseload,
    caseload_organisations,
    caseload_plans,
    caseload_rows,
    jongeren_to_start,
    jongeren_without_plan,
    organisations_of,
    team_lead_organisations,
)
from workspace.selectors.handovers import (
    PlanHandover,
    handover_for,
    handover_for_successor,
    handovers_waiting_for,
    plan_handover,
)
from workspace.selectors.hoe import (
    HOE_ORDER,
    HOE_PAGE_SIZE,
    HoeDomain,
    PlanHoe,
    hoe_location,
    plan_hoe,
)
from workspace.selectors.overview import (
    DomainRow,
    PillarGroup,
    PlanOverview,
    plan_overview,
)
from workspace.selectors.wat import (
    CHART_HEIGHT,
    CHART_PAD,
    CHART_WIDTH,
    ChartSeries,
    PlanWat,
    WatDomain,
    WatPillar,
    plan_wat,
)

__all__ = [
    "CASELOAD_FIELDS",
    "CASELOAD_ORDER",
    "CHART_HEIGHT",
    "CHART_PAD",
    "CHART_WIDTH",
    "HOE_ORDER",
    "HOE_PAGE_SIZE",
    "CaseloadEntry",
    "CaseloadRow",
    "ChartSeries",
    "DomainRow",
    "HoeDomain",
    "PillarGroup",
    "PlanHandover",
    "PlanHoe",
    "PlanOverview",
    "PlanWat",
    "WatDomain",
    "WatPillar",
    "caseload",
    "caseload_organisations",
    "caseload_plans",
    "caseload_rows",
    "handover_for",
    "handover_for_successor",
    "handovers_waiting_for",
    "hoe_location",
    "jongeren_to_start",
    "jongeren_without_plan",
    "organisations_of",
    "plan_handover",
    "plan_hoe",
    "plan_overview",
    "plan_wat",
    "team_lead_organisations",
]
