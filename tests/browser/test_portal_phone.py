"""The portal on a phone: Milan (the jongere) and Kees (his JIM) at 360 × 740 in Chromium.

Every portal page either of them can reach from /mijn/ is visited by following the links
(including each leefdomein and each story item Milan can change). On every page: no axe-core
violations (WCAG 2.1 A/AA), no sideways scrolling, tap targets of at least 44 × 44 px and text of
at least 16 px. Then the main things on the phone: Milan adds his own goal, Kees ticks off his
own action.

Both sign in with an e-mailed code in real life (see test_sharing.py); here the session is made
with Django's test client and its cookie handed to the browser, so each page is the only thing
under test.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from plans.models import Action, PlanRole
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tooling.demo import seed_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MILAN = "milan@demo.toekomstplan.nl"
KEES = "kees.jim@demo.toekomstplan.nl"
PHONE = (360, 740)
MIN_TARGET = 44  # px, WCAG 2.5.5 (AAA) and the portal's own promise
MIN_FONT = 16  # px
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
MAX_PAGES = 60  # a runaway crawl is a bug, not a slow test

# Shared by both checks: is an element really on screen for a sighted user?
JS_VISIBLE = """
const isShown = (el) => {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) return false;  // zero-size, or clipped to 1px
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
        if (node.classList.contains('tp-visually-hidden')) return false;
        const style = getComputedStyle(node);
        const clip = style.clip;
        if (clip && clip !== 'auto' && /rect\\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\\)/.test(clip)) {
            return false;
        }
        if (style.clipPath === 'inset(50%)') return false;
    }
    return true;
};
const describe = (el) => {
    const classes = typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const name = el.tagName === 'INPUT' ? `[name=${el.name}][value=${el.value}]` : '';
    const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
    const text = (el.innerText || label || el.getAttribute('aria-label') || '')
        .replace(/\\s+/g, ' ').trim().slice(0, 60);
    return `<${el.tagName.toLowerCase()}${classes}${name}> "${text}"`;
};
"""

TAP_TARGETS_JS = (
    "(minimum) => {"
    + JS_VISIBLE
    + """
    const targets = new Set(document.querySelectorAll(
        'a[href], button, summary, select, input[type=checkbox], input[type=radio],'
        + ' input[type=submit]'));
    for (const input of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
        for (const label of input.labels || []) targets.add(label);
    }
    // WCAG 2.5.5/2.5.8 inline exception: a link in a sentence, i.e. a <p> with other text.
    const isInline = (el) => {
        if (el.tagName !== 'A' || !el.parentElement || el.parentElement.tagName !== 'P') {
            return false;
        }
        const own = (el.textContent || '').replace(/\\s+/g, '');
        const all = (el.parentElement.textContent || '').replace(/\\s+/g, '');
        return all.length > own.length;
    };
    const problems = [];
    for (const el of targets) {
        if (!isShown(el) || isInline(el)) continue;
        let box = el.getBoundingClientRect();
        // A checkbox or radio is clicked through its label as well: its label is the target.
        if (el.tagName === 'INPUT' && /^(checkbox|radio)$/.test(el.type)
                && el.labels && el.labels.length) {
            box = el.labels[0].getBoundingClientRect();
        }
        const width = Math.round(box.width * 10) / 10;
        const height = Math.round(box.height * 10) / 10;
        if (width < minimum || height < minimum) {
            problems.push(`${describe(el)} is ${width} × ${height} px`);
        }
    }
    return problems;
}"""
)

FONT_SIZES_JS = (
    "(minimum) => {"
    + JS_VISIBLE
    + """
    const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TITLE', 'OPTION',
                          'PROGRESS', 'HEAD']);
    const problems = [];
    for (const el of document.body.querySelectorAll('*')) {
        if (skip.has(el.tagName) || el.closest('progress, svg, select')) continue;
        const hasText = [...el.childNodes].some(
            (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '');
        if (!hasText || !isShown(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < minimum - 0.01) {
            problems.push(`${describe(el)} has font-size ${Math.round(size * 100) / 100}px`);
        }
    }
    return problems;
}"""
)

OPEN_DETAILS_JS = """() => {
    const closed = [...document.querySelectorAll('details:not([open])')];
    closed.forEach((details) => { details.open = true; });
    return closed.length;
}"""

LINKS_JS = """() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))"""


@pytest.fixture
def demo(live_server, settings):
    settings.TOEKOMSTPLAN_DEMO = True
    seed_demo(today=timezone.localdate())


def signed_in(page_at, live_server, email) -> Page:
    """A phone-sized page with a session for this portal user (no second factor for them)."""
    user = get_user_model().objects.get(email=email)
    client = Client()
    client.force_login(user, backend="plans.backends.ModelBackend")
    page = page_at(*PHONE)
    page.context.add_cookies(
        [
            {
                "name": cookie.key,
                "value": cookie.value,
                "url": live_server.url,
            }
            for cookie in client.cookies.values()
        ]
    )
    return page


def tap_target_problems(page: Page) -> list[str]:
    problems = page.evaluate(TAP_TARGETS_JS, MIN_TARGET)
    if not problems:
        return []
    return [
        f"{page.url}: {len(problems)} tap target(s) smaller than "
        f"{MIN_TARGET} × {MIN_TARGET} px:\n  " + "\n  ".join(problems)
    ]


def text_size_problems(page: Page) -> list[str]:
    problems = page.evaluate(FONT_SIZES_JS, MIN_FONT)
    if not problems:
        return []
    return [
        f"{page.url}: {len(problems)} element(s) with text under {MIN_FONT}px:\n  "
        + "\n  ".join(problems)
    ]


def phone_page_problems(page: Page) -> list[str]:
    """Everything wrong with this page on a phone (axe, sideways scroll, targets, text)."""
    problems = _failures(page, assert_no_axe_violations, assert_no_horizontal_scroll)
    problems += tap_target_problems(page) + text_size_problems(page)
    # What is folded away (the "Add" forms, the checklist's later items) is a tap away: unfold
    # it and check again.
    if page.evaluate(OPEN_DETAILS_JS):
        problems += [
            f"(with every <details> open) {problem}"
            for problem in (
                _failures(page, assert_no_axe_violations, assert_no_horizontal_scroll)
                + tap_target_problems(page)
                + text_size_problems(page)
            )
        ]
    return problems


def _failures(page: Page, *checks) -> list[str]:
    problems = []
    for check in checks:
        try:
            check(page)
        except pytest.fail.Exception as failure:
            problems.append(str(failure))
    return problems


def check_phone_page(page: Page) -> None:
    problems = phone_page_problems(page)
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


def section(page: Page, heading: str):
    """The <section> with this exact heading (ids and classes may change, headings less so)."""
    return page.locator("section").filter(
        has=page.get_by_role("heading", name=heading, exact=True, level=2)
    )


def portal_links(page: Page, live_server) -> set[str]:
    """The portal pages this page links to (same site, under /mijn/, no downloads)."""
    found = set()
    for href in page.evaluate(LINKS_JS):
        parts = urlsplit(urljoin(page.url, href))
        if f"{parts.scheme}://{parts.netloc}" != live_server.url:
            continue
        if not parts.path.startswith("/mijn/") or parts.path.endswith(".json"):
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl_portal(page: Page, live_server) -> list[str]:
    """Visit /mijn/ and every /mijn/ page reachable from it; check each one on the phone."""
    to_visit, seen = ["/mijn/"], {"/mijn/"}
    visited, problems = [], []
    while to_visit:
        path = to_visit.pop(0)
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        assert page.url == live_server.url + path, f"{path} redirected to {page.url}"
        visited.append(path)
        assert len(visited) <= MAX_PAGES, visited
        problems += phone_page_problems(page)
        for link in sorted(portal_links(page, live_server) - seen):
            seen.add(link)
            to_visit.append(link)
    if problems:  # all pages at once, so one run shows everything to fix
        pytest.fail("\n\n".join(problems), pytrace=False)
    return visited


def test_every_portal_page_of_the_jongere_works_on_a_phone(page_at, live_server, demo):
    milan = signed_in(page_at, live_server, MILAN)
    visited = crawl_portal(milan, live_server)

    for expected in (
        "/mijn/",
        "/mijn/verhaal/",
        "/mijn/doelen/",
        "/mijn/acties/",
        "/mijn/checklist/",
        "/mijn/delen/",
        "/mijn/gekeken/",
        "/mijn/gegevens/",
    ):
        assert expected in visited, (expected, visited)
    domains = [p for p in visited if re.fullmatch(r"/mijn/doelen/[\w-]+/", p)]
    assert len(domains) >= 5, visited  # every leefdomein of the plan
    assert "/mijn/doelen/vrije_tijd/" in domains
    story_items = [p for p in visited if re.fullmatch(rf"/mijn/verhaal/{UUID}/", p)]
    assert story_items, visited  # Milan may change each part of his story


def test_every_portal_page_of_the_jim_works_on_a_phone(page_at, live_server, demo):
    kees = signed_in(page_at, live_server, KEES)
    visited = crawl_portal(kees, live_server)

    assert {"/mijn/", "/mijn/doelen/", "/mijn/acties/", "/mijn/checklist/"} <= set(visited)
    assert any(re.fullmatch(r"/mijn/doelen/[\w-]+/", p) for p in visited), visited
    # What Milan does not share, and what only Milan may do, is not linked for Kees.
    for own in ("/mijn/verhaal/", "/mijn/delen/", "/mijn/gekeken/", "/mijn/gegevens/"):
        assert own not in visited, (own, visited)


def test_the_jongere_adds_his_own_goal_on_the_phone(page_at, live_server, demo):
    milan = signed_in(page_at, live_server, MILAN)
    domain_url = live_server.url + "/mijn/doelen/wonen/"
    assert milan.goto(domain_url).status == 200

    goal = "Ik wil zelf koken voor mijn moeder."
    form = milan.locator("form").filter(has=milan.get_by_label("Wat wil je bereiken?"))
    form.get_by_label("Wat wil je bereiken?").fill(goal)
    form.get_by_label("Wat is je eerste stap?").fill("Een recept uitkiezen")
    with milan.expect_navigation():
        form.get_by_role("button", name="Zet mijn doel erbij").click()

    assert milan.url == domain_url
    expect(milan.get_by_role("status")).to_contain_text("Je doel staat in je plan.")
    goals = section(milan, "Doelen")
    expect(goals.get_by_role("heading", level=3, name=goal)).to_be_visible()
    card = goals.locator("article.tp-goal-card").filter(has_text=goal)
    expect(card).to_contain_text("Je eigen doel.")
    expect(card.locator(".tp-todo__what")).to_have_text("Een recept uitkiezen")
    check_phone_page(milan)


def test_the_jim_ticks_off_his_own_action_on_the_phone(page_at, live_server, demo):
    role = PlanRole.objects.get(plan__jongere__user__email=MILAN, user__email=KEES)
    action = Action.objects.get(goal__plan=role.plan, assignee_role=role, done_at__isnull=True)
    kees = signed_in(page_at, live_server, KEES)
    assert kees.goto(live_server.url + "/mijn/").status == 200

    item = (
        section(kees, "Wat ga jij doen?").locator("li.tp-todo__item").filter(has_text=action.text)
    )
    expect(item).to_have_count(1)
    expect(item).not_to_have_class(re.compile(r"tp-todo__item--done"))
    with kees.expect_navigation():
        item.get_by_role("button", name=re.compile(r"^Klaar")).click()

    assert kees.url == live_server.url + "/mijn/"
    expect(kees.get_by_role("status")).to_contain_text("Goed gedaan! De actie is klaar.")
    # Home lists what is still to do, so the action leaves it ...
    expect(
        section(kees, "Wat ga jij doen?").locator("li.tp-todo__item").filter(has_text=action.text)
    ).to_have_count(0)
    check_phone_page(kees)
    action.refresh_from_db()
    assert action.done_at is not None

    # ... and "Who does what" shows it as done, with nothing left to press.
    kees.get_by_role("link", name=re.compile(r"Wie doet wat")).click()
    kees.wait_for_url(live_server.url + "/mijn/acties/")
    item = section(kees, "Wat jij doet").locator("li.tp-todo__item").filter(has_text=action.text)
    expect(item).to_have_count(1)
    expect(item).to_have_class(re.compile(r"tp-todo__item--done"))
    expect(item).to_contain_text("Klaar!")
    expect(item.get_by_role("button")).to_have_count(0)
    check_phone_page(kees)
