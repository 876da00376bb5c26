"""The demo coordinator opens /cijfers/ in a real browser: accessible, fits the screen, and every
chart has its table."""

import os
from pathlib import Path

import pytest
from django.utils import timezone

from network.demo_accounts import DEMO_PASSWORD
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll, set_width
from tests.browser.test_plan_overview import sign_in
from tooling.demo import seed_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COORDINATOR = "coordinator@demo.toekomstplan.nl"


def _busy_gemeente(count: int = 120) -> None:
    """More plans in Demodorp, spread over ages, phases and organisations, so that most cells
    pass the small-cell threshold and the charts have bars."""
    from datetime import timedelta

    from domains.models import Leefdomein
    from network.models import Jongere, Membership, Organisation
    from plans.models import (
        Action,
        DomainAssessment,
        Goal,
        PlanRole,
        StabilityScore,
        Toekomstplan,
    )

    today = timezone.localdate()
    now = timezone.now()
    organisations = list(Organisation.objects.filter(gemeente="Demodorp"))
    leads = {
        m.organisation_id: m.user for m in Membership.objects.filter(organisation__in=organisations)
    }
    organisations = [o for o in organisations if o.pk in leads]
    domains = list(Leefdomein.objects.all())
    for i in range(count):
        org = organisations[i % len(organisations)]
        regisseur = leads[org.pk]
        age_days = int(365.25 * (15 + (i * 7) % 10)) + i
        let_go = i % 9 == 0
        jongere = Jongere.objects.create(
            first_name=f"Extra{i}",
            last_name="Demo",
            birth_date=today - timedelta(days=age_days),
            gemeente="Demodorp",
            known_by=org,
        )
        plan = Toekomstplan.objects.create(
            jongere=jongere,
            regisseur=regisseur,
            phase=("wie", "wat", "hoe", "hoe")[i % 4],
            created_at=now - timedelta(days=30 + (i * 37) % 600),
            status="losgelaten" if let_go else "actief",
            let_go_at=now - timedelta(days=10 + i % 200) if let_go else None,
        )
        role = PlanRole.objects.create(
            plan=plan, user=regisseur, role="regisseur", organisation=org
        )
        for j, domain in enumerate(domains):
            start = 1 + (i + j) % 4
            end = min(5, start + (i + j) % 3)
            assessment = DomainAssessment.objects.create(
                plan=plan, leefdomein=domain, stability=end
            )
            StabilityScore.objects.bulk_create(
                [
                    StabilityScore(
                        assessment=assessment,
                        score=start,
                        recorded_at=now - timedelta(days=400),
                        recorded_by=regisseur,
                    ),
                    StabilityScore(
                        assessment=assessment,
                        score=end,
                        recorded_at=now - timedelta(days=20),
                        recorded_by=regisseur,
                    ),
                ]
            )
        if i % 3 == 0:
            goal = Goal.objects.create(
                plan=plan, leefdomein=domains[0], text="Doel", created_by=regisseur
            )
            Action.objects.create(
                goal=goal,
                text="Actie",
                assignee_role=role,
                due_date=today - timedelta(days=5),
                created_by=regisseur,
            )
    for i in range(12):
        Jongere.objects.create(
            first_name=f"Wacht{i}",
            last_name="Demo",
            birth_date=today - timedelta(days=int(365.25 * 15.7) + 30 * i),
            gemeente="Demodorp",
            known_by=organisations[i % len(organisations)],
        )


def test_the_coordinator_reads_the_figures_with_charts_and_tables(live_server, page_at, settings):
    settings.TOEKOMSTPLAN_DEMO = (
        True  # the demo coordinator skips the second factor, as in make run
    )
    seed_demo(today=timezone.localdate())
    _busy_gemeente()
    page = page_at(1280, 900)
    sign_in(page, live_server, COORDINATOR, DEMO_PASSWORD)
    response = page.goto(live_server.url + "/cijfers/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Cijfers"
    charts = page.locator("svg.tp-figure__chart")
    assert charts.count() >= 4
    for index in range(charts.count()):
        chart = charts.nth(index)
        section = chart.locator("xpath=ancestor::section[1]")
        assert section.locator("table").count() == 1
    assert page.locator("a[href*='.csv']").count() == page.locator("section.tp-figure").count()
    assert_no_axe_violations(page)
    assert_no_horizontal_scroll(page)
    folder = os.environ.get("TP_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / "cijfers.png"), full_page=True)
    set_width(page, 375)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
