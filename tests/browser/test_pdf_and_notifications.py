"""In a browser: a professional makes a PDF of a plan and follows its progress (HTMX polling),
then reads a notification. Both pages pass axe-core and fit a phone screen."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exports import services as export_services
from network.models import User
from plans.models import Notification, PlanExport, Toekomstplan
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.browser.test_workspace import SANNE, check_page, sign_in
from tooling.demo import seed_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(live_server, settings):
    settings.TOEKOMSTPLAN_DEMO = True
    seed_demo(today=timezone.localdate())
    return Toekomstplan.objects.select_related("jongere").get(
        jongere__user__email="milan@demo.toekomstplan.nl"
    )


def test_professional_follows_a_pdf_being_made_and_downloads_it(page_at, live_server, demo):
    sanne = User.objects.get(email=SANNE)
    page = page_at(1280)
    sign_in(page, live_server, SANNE)

    # An export is waiting for the worker: the page shows it and keeps asking.
    waiting = PlanExport.objects.create(plan=demo, requested_by=sanne, version="professional")
    response = page.goto(f"{live_server.url}/plannen/{demo.uuid}/pdf/")
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Het plan van {demo.jongere.full_name} als PDF"
    )
    row = page.locator(f"#pdf-{waiting.uuid}")
    expect(row).to_contain_text("Wacht")
    check_page(page)

    # The worker finishes; the polling row turns into a download link without a reload.
    export_services.plan_export_render(export_id=waiting.pk)
    link = row.get_by_role("link", name="PDF downloaden")
    expect(link).to_be_visible(timeout=15_000)
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert demo.jongere.last_name not in download.value.suggested_filename

    # Asking for a new one (Celery runs in-process here): it is ready after the redirect.
    page.get_by_label("Versie voor de jongere (eenvoudige taal)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Maak de PDF").click()
    expect(page.locator(".tp-messages")).to_contain_text("De PDF wordt gemaakt")
    newest = PlanExport.objects.filter(plan=demo, version="b1").get()
    assert newest.status == "done"
    expect(page.locator(f"#pdf-{newest.uuid}").get_by_role("link")).to_be_visible()
    assert_no_axe_violations(page)


def test_notifications_page_and_header_count(page_at, live_server, demo):
    sanne = User.objects.get(email=SANNE)
    Notification.objects.create(
        user=sanne,
        plan=demo,
        title=f"{demo.jongere.first_name} wordt bijna 17: start Plan 18",
        body="Loop de 18-checklist samen door.",
        link=f"/plannen/{demo.uuid}/",
    )
    page = page_at(360)
    sign_in(page, live_server, SANNE)
    badge = page.locator("header .tp-count")
    expect(badge).to_contain_text("1")
    page.get_by_role("link", name="Meldingen").click()
    page.wait_for_url(f"{live_server.url}/meldingen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Meldingen"
    expect(page.locator(".tp-notification--unread")).to_have_count(1)
    assert_no_horizontal_scroll(page)
    check_page(page)
    # Looking reads; the button marks them read (a GET changes nothing).
    expect(page.locator("header .tp-count")).to_contain_text("1")
    page.get_by_role("button", name="Alles gelezen").click()
    expect(page.locator(".tp-notification--unread")).to_have_count(0)
    page.get_by_role("link", name="Open het plan").click()
    # The plan opens; Sanne has not read Milan's story yet, so that comes first.
    page.wait_for_url(f"{live_server.url}/plannen/{demo.uuid}/**")
    expect(page.locator("header .tp-count")).to_have_count(0)
