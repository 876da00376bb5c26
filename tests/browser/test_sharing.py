"""The jongere decides who sees the plan: Milan stops sharing his goals with his JIM, in a browser.

Both sign in the way they really do, with a code sent by e-mail; the mail goes to the locmem
outbox, which the live server shares with the test. Each person has their own browser context,
so their own cookies, at phone width.
"""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import PlanRole
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tooling.demo import seed_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MILAN = "milan@demo.toekomstplan.nl"
KEES = "kees.jim@demo.toekomstplan.nl"
PHONE = 360
CODE_LINE = re.compile(r"^\s*(\d{6})\s*$", re.MULTILINE)


@pytest.fixture
def demo(live_server, settings):
    settings.TOEKOMSTPLAN_DEMO = True
    seed_demo(today=timezone.localdate())


@pytest.fixture
def kees_role(demo):
    return PlanRole.objects.select_related("plan").get(
        plan__jongere__user__email=MILAN, user__email=KEES, role=PlanRole.Role.JIM
    )


def sign_in_by_code(page, live_server, email):
    """Ask for a code, read it from the e-mail, type it in; lands on the portal."""
    sent_before = len(mail.outbox)
    page.goto(live_server.url + "/accounts/login/code/")
    page.locator("main form input[name=email]").fill(email)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/accounts/login/code/confirm/")

    assert len(mail.outbox) == sent_before + 1
    message = mail.outbox[-1]
    assert message.to == [email]
    code = CODE_LINE.search(message.body)
    assert code, message.body
    page.locator("main form input[name=code]").fill(code.group(1))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(live_server.url + "/mijn/")


def test_jongere_stops_sharing_goals_and_the_jim_no_longer_sees_them(
    page_at, live_server, kees_role
):
    assert sorted(kees_role.shared_sections) == ["acties", "checklist", "doelen"]  # the default

    # Kees, the JIM, sees what Milan shares by default: goals and the 18-checklist, not the story.
    kees = page_at(PHONE)
    sign_in_by_code(kees, live_server, KEES)
    assert kees.locator("a.tp-tile[href='/mijn/doelen/']").is_visible()
    assert kees.locator("a.tp-tile[href='/mijn/checklist/']").is_visible()
    assert kees.locator("a.tp-tile[href='/mijn/verhaal/']").count() == 0
    assert kees.locator("#veilig-kop").count() == 0

    # Milan opens "Who may see your plan?" on his phone.
    milan = page_at(PHONE)
    sign_in_by_code(milan, live_server, MILAN)
    response = milan.goto(live_server.url + "/mijn/delen/")
    assert response.status == 200
    assert milan.get_by_role("heading", level=1).inner_text() == "Wie mag je plan zien?"
    assert_no_horizontal_scroll(milan)
    assert_no_axe_violations(milan)

    share = milan.locator("section.tp-share").filter(
        has=milan.get_by_role("heading", name="Kees van Dijk")
    )
    assert share.count() == 1
    form = share.locator(f"form[action='/mijn/delen/{kees_role.uuid}/']")
    boxes = form.locator(f"input[type=checkbox][name='{kees_role.uuid}-sections']")

    def box(section):
        return boxes.and_(form.locator(f"[value={section}]"))

    assert sorted(boxes.nth(i).get_attribute("value") for i in range(boxes.count())) == [
        "acties",
        "checklist",
        "doelen",
        "risicotaxatie",
        "verhaal",
        "zorg",
    ]
    doelen = form.get_by_label("Mijn doelen", exact=True)
    assert doelen.get_attribute("value") == "doelen"
    assert doelen.is_checked()
    assert milan.locator(".tp-messages .utrecht-alert--ok").count() == 0
    doelen.uncheck()
    with milan.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith(f"/mijn/delen/{kees_role.uuid}/")
    ) as posted:
        form.get_by_role("button", name=re.compile(r"^Opslaan\b")).click()
    assert posted.value.status == 302
    success = milan.locator(".tp-messages .utrecht-alert--ok")
    expect(success).to_have_count(1)  # waits for the page the redirect leads to
    assert milan.url == live_server.url + "/mijn/delen/"
    assert success.inner_text().strip().startswith("Opgeslagen.")
    assert "Kees van Dijk" in success.inner_text()
    assert not box("doelen").is_checked()
    assert box("checklist").is_checked()
    kees_role.refresh_from_db()
    assert sorted(kees_role.shared_sections) == ["acties", "checklist"]

    # "Who looked at your plan?" tells Milan that Kees opened it.
    response = milan.goto(live_server.url + "/mijn/gekeken/")
    assert response.status == 200
    assert milan.get_by_role("heading", level=1).inner_text() == "Wie heeft je plan bekeken?"
    assert milan.locator("li.tp-looked__item").filter(has_text="Kees").count() >= 1
    assert_no_axe_violations(milan)

    # Kees looks again: the goals are gone, the checklist is still there.
    response = kees.reload()
    assert response.status == 200
    assert kees.locator("a.tp-tile[href='/mijn/doelen/']").count() == 0
    assert kees.locator("a.tp-tile[href='/mijn/checklist/']").is_visible()
    assert kees.goto(live_server.url + "/mijn/doelen/").status == 404
    assert_no_horizontal_scroll(kees)
    assert_no_axe_violations(kees)
