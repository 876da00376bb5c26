"""Our own 404 and 403 pages on a phone (issue 19): a jongere and a professional at 360 px,
no axe-core violations (WCAG 2.1 A/AA), no sideways scrolling, a way back home."""

import uuid

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _phone_with_session(page_at, live_server, client) -> Page:
    page = page_at(360, 740)
    page.context.add_cookies(
        [
            {"name": cookie.key, "value": cookie.value, "url": live_server.url}
            for cookie in client.cookies.values()
        ]
    )
    return page


def _check(page: Page, url: str, status: int, heading: str, home_link: str) -> None:
    response = page.goto(url)
    assert response.status == status
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("link", name=home_link)).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_a_jongere_on_her_phone_gets_our_404_and_403_pages(
    page_at, live_server, plan, jongere, client_for
):
    page = _phone_with_session(page_at, live_server, client_for(jongere.user))
    _check(
        page,
        f"{live_server.url}/mijn/bestaat-niet/",
        404,
        "We kunnen deze pagina niet vinden",
        "Terug naar Mijn toekomst",
    )
    page.get_by_role("link", name="Terug naar Mijn toekomst").click()
    page.wait_for_url(f"{live_server.url}/mijn/")
    _check(
        page,
        f"{live_server.url}/cijfers/",
        403,
        "U hebt geen toegang tot deze pagina",
        "Naar de startpagina",
    )


def test_a_professional_on_a_phone_gets_our_404_and_403_pages(
    page_at, live_server, plan, regisseur, client_for
):
    page = _phone_with_session(page_at, live_server, client_for(regisseur))
    _check(
        page,
        f"{live_server.url}/plannen/{uuid.uuid4()}/",
        404,
        "Pagina niet gevonden",
        "Naar de startpagina",
    )
    _check(
        page,
        f"{live_server.url}/cijfers/",
        403,
        "U hebt geen toegang tot deze pagina",
        "Naar de startpagina",
    )
    page.get_by_role("link", name="Naar de startpagina").click()
    page.wait_for_url(f"{live_server.url}/plannen/")


def test_the_page_for_a_database_outage_reads_well_on_a_phone(page_at, live_server):
    """The 503 page as toekomstplan.middleware sends it when the database does not answer
    (tests/integration/test_faults.py stops a real PostgreSQL for that), served here under the
    live server so its own stylesheets load: at 360 px, no axe violations, no sideways scroll."""
    html = render_to_string("errors/503.html")
    page = page_at(360, 740)
    outage = live_server.url + "/plannen/"
    page.route(
        outage,
        lambda route: route.fulfill(status=503, body=html, content_type="text/html; charset=utf-8"),
    )
    response = page.goto(outage)
    assert response.status == 503
    expect(page.get_by_role("heading", level=1)).to_have_text("Tijdelijk niet beschikbaar")
    expect(page.get_by_role("link", name="toekomstplan")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
