"""A professional walks a new plan through the workspace, in a real browser.

Sanne (Wijkteam Demodorp) starts a plan for a new jongere, fills in WIE, WAT and HOE, and hands
the plan over to Ahmed (Jeugdhulp Oost), who accepts it in his own browser context. Every page
on the way is checked with axe-core and for sideways scrolling on a 360 px phone screen.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from network.demo_accounts import DEMO_PASSWORD
from plans.models import Handover, PlanRole, Toekomstplan
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    set_width,
)
from tooling.demo import seed_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SANNE = "sanne@demo.toekomstplan.nl"
AHMED = "ahmed@demo.toekomstplan.nl"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
WIE_URL = re.compile(rf"/plannen/({UUID})/wie/$")


@pytest.fixture
def demo(live_server, settings):
    settings.TOEKOMSTPLAN_DEMO = True  # demo professionals may skip two-factor sign-in
    seed_demo(today=timezone.localdate())


def check_page(page):
    """No WCAG A/AA violations, and nothing sticks out sideways at 360 px or at 1280 px."""
    assert_no_axe_violations(page)
    set_width(page, 360)
    assert_no_horizontal_scroll(page)
    set_width(page, 1280)
    assert_no_horizontal_scroll(page)


def sign_in(page, live_server, email):
    response = page.goto(live_server.url + "/accounts/login/")
    assert response.status == 200
    check_page(page)
    form = page.locator("form.tp-form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(live_server.url + "/plannen/")


def submit(page, name):
    """Press a submit button and wait for the page the post leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_professional_walks_a_new_plan_through_wie_wat_hoe_and_hands_it_over(
    page_at, live_server, demo
):
    today = timezone.localdate()

    # a. Sanne signs in and lands on her caseload.
    sanne = page_at(1280)
    sign_in(sanne, live_server, SANNE)
    assert sanne.locator("form.tp-filter[role=search]").count() == 1
    assert sanne.locator("table.tp-table tbody tr").count() >= 1
    assert sanne.get_by_role("link", name="Sem Willems").count() == 0
    check_page(sanne)

    # b. A new plan for a new jongere, from the lvb template.
    sanne.get_by_role("link", name="Nieuw plan").click()
    sanne.wait_for_url(live_server.url + "/plannen/nieuw/")
    assert sanne.get_by_role("heading", level=1).inner_text() == "Nieuw plan"
    check_page(sanne)
    birth_date = today - timedelta(days=17 * 365 + 40)
    sanne.locator("input[name=first_name]").fill("Sem")
    sanne.locator("input[name=last_name]").fill("Willems")
    sanne.locator("input[name=birth_date]").fill(birth_date.isoformat())
    sanne.locator("input[name=doelgroepen][value=lvb]").check()
    sanne.locator("select[name=organisation]").select_option(label="Wijkteam Demodorp")
    sanne.locator("select[name=template]").select_option(label="Licht verstandelijke beperking")
    submit(sanne, "Plan starten")

    # c. WIE: the network map; Sanne adds Sem's aunt, his JIM.
    wie = WIE_URL.search(sanne.url)
    assert wie, sanne.url
    plan = Toekomstplan.objects.get(uuid=wie.group(1))
    assert plan.jongere.full_name == "Sem Willems"
    assert plan.jongere.birth_date == birth_date
    assert plan.regisseur.email == SANNE
    plan_url = f"{live_server.url}/plannen/{plan.uuid}/"
    assert sanne.locator("svg.tp-map__svg").count() == 1
    check_page(sanne)

    sanne.get_by_role("link", name="Iemand uit het eigen netwerk toevoegen").click()
    sanne.wait_for_url(plan_url + "wie/netwerk/nieuw/")
    check_page(sanne)
    sanne.locator("input[name=name]").fill("Fatima Willems")
    sanne.locator("select[name=relation]").select_option("familie")
    sanne.locator("input[name=closeness][value='1']").check()
    sanne.get_by_label(re.compile(r"^Dit is de JIM")).check()
    submit(sanne, "Opslaan")
    assert sanne.url == plan_url + "wie/"
    member = sanne.locator("ul.tp-people li.tp-person").filter(has_text="Fatima Willems")
    expect(member).to_have_count(1)
    assert member.locator(".tp-badge--jim").inner_text().strip() == "JIM"
    assert "(JIM)" in sanne.locator("svg.tp-map__svg .tp-map__node--jim").text_content()
    check_page(sanne)

    # d. WAT: Wonen gets the jongere's words, support and a stability of 3.
    sanne.goto(plan_url + "wat/")
    assert sanne.locator("svg.tp-chart").count() == 0  # no scores yet
    check_page(sanne)
    wonen = sanne.locator("article.tp-domain").filter(
        has=sanne.get_by_role("heading", name="Wonen", exact=True)
    )
    wonen.get_by_role("link", name=re.compile(r"^Wijzigen")).click()
    sanne.wait_for_url(plan_url + "wat/wonen/")
    check_page(sanne)
    sanne.locator("textarea[name=situation]").fill("Ik woon bij mijn tante, dat gaat goed.")
    sanne.locator("textarea[name=wish]").fill("Een eigen kamer als ik 18 ben.")
    sanne.locator("select[name=support_needed]").select_option("licht")
    sanne.locator("input[name=stability][value='3']").check()
    submit(sanne, "Opslaan")
    assert sanne.url == plan_url + "wat/"
    wonen = sanne.locator("article.tp-domain").filter(
        has=sanne.get_by_role("heading", name="Wonen", exact=True)
    )
    assert "3/5" in wonen.locator(".tp-stability__text").inner_text()
    assert "Ik woon bij mijn tante" in wonen.inner_text()
    assert sanne.locator("svg.tp-chart").count() == 1
    check_page(sanne)

    # e. HOE: the template's goals; an action on the first, then ticked off.
    sanne.goto(plan_url + "hoe/")
    goals = sanne.locator("article.tp-goal")
    assert goals.count() == 3
    titles = [goals.nth(i).locator("h2").inner_text() for i in range(3)]
    assert "Iemand die ik vertrouw helpt mij met mijn geld." in titles
    assert "Ik heb werk of dagbesteding die bij mij past." in titles
    check_page(sanne)

    goal = goals.first
    goal_id = goal.get_attribute("id")
    goal_uuid = goal_id.removeprefix("doel-")
    card = sanne.locator(f"article#{goal_id}")
    card.locator("summary", has_text="Een actie toevoegen").click()
    form = card.locator("form.tp-form")
    expect(form).to_be_visible()
    due = today + timedelta(days=21)
    form.locator(f"input[name='{goal_uuid}-text']").fill("Samen een afspraak maken bij de bank")
    form.locator(f"select[name='{goal_uuid}-assignee']").select_option(label="Fatima Willems")
    form.locator(f"input[name='{goal_uuid}-due_date']").fill(due.isoformat())
    with sanne.expect_response(
        lambda r: r.request.method == "POST" and "/acties/nieuw/" in r.url
    ) as posted:
        form.get_by_role("button", name="Actie toevoegen").click()
    assert posted.value.status in (200, 302), posted.value.status
    action = card.locator("li.tp-action").filter(has_text="Samen een afspraak maken bij de bank")
    expect(action).to_have_count(1)
    expect(action.locator(".tp-action__meta")).to_contain_text("Fatima Willems")
    expect(action.locator(".tp-action__meta")).to_contain_text("open")
    check_page(sanne)

    with sanne.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/klaar/")
    ) as posted:
        action.get_by_role("button", name=re.compile(r"^Klaar")).click()
    assert posted.value.status in (200, 302), posted.value.status
    done = sanne.locator(f"article#{goal_id} li.tp-action--done").filter(
        has_text="Samen een afspraak maken bij de bank"
    )
    expect(done).to_have_count(1)
    expect(done.locator(".tp-action__meta")).to_contain_text("gedaan")
    assert done.get_by_role("button", name=re.compile(r"^Klaar")).count() == 0
    check_page(sanne)

    # f. Warme overdracht: Sanne proposes Ahmed of Jeugdhulp Oost.
    sanne.goto(plan_url + "overdracht/")
    assert sanne.get_by_role("heading", level=1).inner_text() == "Warme overdracht"
    check_page(sanne)
    sanne.locator("select[name=to_user]").select_option(label="Ahmed Benali")
    sanne.locator("select[name=to_organisation]").select_option(label="Jeugdhulp Oost")
    sanne.locator("textarea[name=note]").fill(
        "Sem woont bij zijn tante Fatima, zijn JIM. Wonen na zijn 18e is het eerste doel."
    )
    submit(sanne, "Overdracht voorstellen")
    assert sanne.url == plan_url + "overdracht/"
    expect(sanne.locator("section.tp-share")).to_contain_text("Ahmed Benali")
    check_page(sanne)
    handover = Handover.objects.get(plan=plan)
    assert handover.to_user.email == AHMED
    assert handover.is_open

    # g. Ahmed, in his own browser, accepts and becomes the regisseur.
    ahmed = page_at(1280)
    sign_in(ahmed, live_server, AHMED)
    waiting = ahmed.locator("section.tp-share").filter(
        has=ahmed.get_by_role("heading", name="Overdrachten die op u wachten")
    )
    expect(waiting).to_have_count(1)
    check_page(ahmed)
    waiting.get_by_role("link", name="Sem Willems").click()
    ahmed.wait_for_url(f"{live_server.url}/plannen/overdracht/{handover.uuid}/")
    assert "Wonen na zijn 18e" in ahmed.locator("main").inner_text()
    check_page(ahmed)
    submit(ahmed, "Accepteren: ik neem het over")
    assert ahmed.url == plan_url
    facts = ahmed.locator("dl.tp-facts")
    regisseur = facts.locator("div").filter(has=ahmed.locator("dt", has_text="Regisseur"))
    assert regisseur.locator("dd").inner_text().strip() == "Ahmed Benali"
    check_page(ahmed)

    plan.refresh_from_db()
    assert plan.regisseur.email == AHMED
    role = PlanRole.objects.get(plan=plan, role=PlanRole.Role.REGISSEUR, revoked_at__isnull=True)
    assert role.organisation.name == "Jeugdhulp Oost"
