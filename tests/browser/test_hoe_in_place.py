"""HOE changes in place with HTMX, and a refused change shows its message in place too."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Toekomstplan
from tests.browser.test_workspace import check_page, demo, sign_in  # noqa: F401
from tests.conftest import add_goals

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_past_due_date_is_refused_in_place_and_a_good_action_is_added(
    page_at,
    live_server,
    demo,  # noqa: F811
):
    page = page_at(1280)
    sign_in(page, live_server, "sanne@demo.toekomstplan.nl")
    plan = Toekomstplan.objects.get(jongere__first_name="Noah")
    page.goto(f"{live_server.url}/plannen/{plan.uuid}/hoe/")
    card = page.locator("article.tp-goal").first
    card.locator("summary", has_text="Een actie toevoegen").click()
    card.locator("input[name$='-text']").fill("Huurcontract lezen")
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    card.locator("input[name$='-due_date']").fill(yesterday)
    with page.expect_response(lambda r: "/acties/nieuw/" in r.url) as answer:
        card.locator("button", has_text="Actie toevoegen").click()
    assert answer.value.status == 400
    card = page.locator("article.tp-goal").first
    expect(card.get_by_text("Kies een datum vanaf vandaag.")).to_be_visible()
    expect(card.locator("input[name$='-text']")).to_have_value("Huurcontract lezen")

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    card.locator("input[name$='-due_date']").fill(tomorrow)
    with page.expect_response(lambda r: "/acties/nieuw/" in r.url) as answer:
        card.locator("button", has_text="Actie toevoegen").click()
    assert answer.value.status == 200
    first_card = page.locator("article.tp-goal").first
    expect(first_card.locator(".tp-action__what", has_text="Huurcontract lezen")).to_be_visible()
    assert page.url.endswith("/hoe/")  # swapped in place, no page load


def test_a_large_plans_hoe_pages_per_leefdomein_and_the_form_page_passes_axe(
    page_at,
    live_server,
    demo,  # noqa: F811
):
    sanne = get_user_model().objects.get(email="sanne@demo.toekomstplan.nl")
    plan = Toekomstplan.objects.get(jongere__first_name="Noah")
    add_goals(plan, sanne, goals=24, actions_per_goal=2)
    page = page_at(1280)
    sign_in(page, live_server, "sanne@demo.toekomstplan.nl")
    page.goto(f"{live_server.url}/plannen/{plan.uuid}/hoe/")
    expect(page.locator("article.tp-goal")).to_have_count(10)
    expect(page.get_by_text("Pagina 1 van")).to_be_visible()
    check_page(page)

    chips = page.get_by_role("navigation", name="Doelen per leefdomein")
    chips.get_by_role("link", name=re.compile(r"^Wonen")).click()
    page.wait_for_load_state()
    assert "leefdomein=wonen" in page.url
    expect(chips.get_by_role("link", name=re.compile(r"^Wonen"))).to_have_attribute(
        "aria-current", "page"
    )
    check_page(page)

    card = page.locator("article.tp-goal").first
    card.locator("summary", has_text="Een actie toevoegen").click()
    form_link = card.get_by_role("link", name=re.compile("^Open het formulier"))
    expect(card.locator("select[name$='-assignee']")).to_be_visible()  # fetched in place
    assert form_link.count() == 0
    page.goto(
        f"{live_server.url}/plannen/{plan.uuid}/hoe/doelen/"
        f"{card.get_attribute('id').removeprefix('doel-')}/acties/nieuw/"
    )
    expect(page.get_by_role("heading", name="Een actie toevoegen")).to_be_visible()
    check_page(page)
