"""The demo regisseur signs in, finds her caseload and opens a plan overview, in a real browser.

The leefdomeinen come from a data migration; live_server tests run in a transactional database
that is flushed after each test, so serialized_rollback puts the migrated rows back every time.
"""

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.utils import timezone

from network.demo_accounts import DEMO_PASSWORD
from plans.models import Toekomstplan
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
PLAN_URL = re.compile(r"/plannen/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/$")


@pytest.fixture
def demo(live_server, settings):
    settings.TOEKOMSTPLAN_DEMO = True  # demo professionals may skip two-factor sign-in
    seed_demo(today=timezone.localdate())


def sign_in(page, live_server, email, password):
    response = page.goto(live_server.url + "/accounts/login/")
    assert response.status == 200
    form = page.locator("form.tp-form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_demo_regisseur_signs_in_and_sees_her_caseload_without_axe_violations(
    page_at, live_server, demo
):
    page = page_at(1280)
    page.goto(live_server.url + "/accounts/login/")
    assert_no_axe_violations(page)

    sign_in(page, live_server, SANNE, DEMO_PASSWORD)

    assert page.url == live_server.url + "/plannen/"
    links = page.locator("table a[href^='/plannen/']")
    assert links.count() >= 1
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all(PLAN_URL.search(href) for href in hrefs), hrefs
    assert page.get_by_role("link", name="Milan de Groot").count() == 1
    assert_no_axe_violations(page)


def test_plan_overview_shows_all_eight_leefdomeinen_and_fits_narrow_screens(
    page_at, live_server, demo
):
    page = page_at(360)
    page.goto(live_server.url + "/accounts/login/")
    assert_no_horizontal_scroll(page)
    set_width(page, 1280)
    assert_no_horizontal_scroll(page)

    sign_in(page, live_server, SANNE, DEMO_PASSWORD)
    assert page.url == live_server.url + "/plannen/"
    assert_no_horizontal_scroll(page)
    set_width(page, 360)
    assert_no_horizontal_scroll(page)

    page.get_by_role("link", name="Milan de Groot").click()
    page.wait_for_load_state()
    # Sanne is new to Milan's story: she reads it first, then goes on to the plan.
    assert page.url.endswith("/verhaal/"), page.url
    assert "Het verhaal van Milan" in page.get_by_role("heading", level=1).inner_text()
    assert "Mijn ouders gingen uit elkaar." not in page.content()  # Milan keeps that to himself
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Verder naar het plan").click()
    page.wait_for_load_state()
    assert PLAN_URL.search(page.url), page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Milan de Groot"
    assert page.locator("article.tp-domain").count() == 8
    assert_no_horizontal_scroll(page)
    set_width(page, 1280)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_stranger_opening_a_plan_url_gets_the_404_page(
    page_at, live_server, demo, professional_factory
):
    stranger = professional_factory()
    stranger.set_password("vreemde-wachtwoord-42")
    stranger.save()
    secret = generate_totp_secret()
    TOTP.activate(stranger, secret)
    plan = Toekomstplan.objects.get(jongere__first_name="Milan", jongere__last_name="de Groot")

    page = page_at(1280)
    sign_in(page, live_server, stranger.email, "vreemde-wachtwoord-42")
    assert "/accounts/2fa/authenticate/" in page.url  # a real professional needs the second factor
    assert_no_axe_violations(page)
    page.locator("input[name=code]").fill(
        format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    )
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/plannen/"

    response = page.goto(f"{live_server.url}/plannen/{plan.uuid}/")
    assert response.status == 404
    assert "Milan" not in page.content()
