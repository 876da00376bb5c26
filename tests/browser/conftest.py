"""Browser fixtures: one headless Debian Chromium per session, pages at a chosen width, and
checks for accessibility (axe-core, WCAG 2.1 A/AA) and horizontal scrolling.

Playwright's sync API runs an event loop in the test thread, so Django's async-safety check
would refuse ORM calls made from the test itself; this module allows them.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEFAULT_HEIGHT = 800


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Browser:
    """One Chromium for the whole session.

    Playwright's sync API marks an asyncio loop as running in this thread. Django keeps its
    connections in a thread-critical asgiref Local, which then hands out a *different*
    DatabaseWrapper per alias than before Playwright started. The snapshot that
    serialized_rollback restores (`_test_serialized_contents`, made when the test database was
    set up) lives on the old wrapper only, so without the copy below the leefdomeinen from the
    data migrations are gone after the first browser test whenever other database tests ran
    first (pytest-django issue #1117). The database itself is the same.
    """
    from django.db import connections

    snapshots = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page_at(browser):
    """`page_at(width)` gives a fresh page (in its own context, so its own cookies) at that
    viewport width; every context is closed after the test."""
    contexts = []

    def make(width: int = 1280, height: int = DEFAULT_HEIGHT) -> Page:
        # bypass_csp: axe-core is injected as a script the app's own CSP rightly refuses.
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="nl-NL", bypass_csp=True
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def set_width(page: Page, width: int, height: int = DEFAULT_HEIGHT) -> None:
    """Resize an open page (keeps its context, so a signed-in session stays signed in)."""
    page.set_viewport_size({"width": width, "height": height})


def assert_no_axe_violations(page: Page) -> None:
    """Run axe-core on the current page for WCAG 2.0/2.1 A and AA; fail with a readable list."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})""",
        AXE_TAGS,
    )
    violations = result["violations"]
    if not violations:
        return
    lines = [f"axe found {len(violations)} WCAG violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" <{violation.get('helpUrl', '')}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " | ")
            if summary:
                lines.append(f"      {summary[:400]}")
    pytest.fail("\n".join(lines), pytrace=False)


def assert_no_horizontal_scroll(page: Page) -> None:
    """The page fits the viewport width: nothing sticks out to the side."""
    widths = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"""
    )
    if widths["scroll"] > widths["inner"]:
        wide = page.evaluate(
            """() => {
                const inner = window.innerWidth;
                return [...document.querySelectorAll('body *')]
                    .filter((el) => el.getBoundingClientRect().right > inner + 1)
                    .slice(0, 5)
                    .map((el) => `${el.tagName.toLowerCase()}${el.className ? '.' +
                        String(el.className).trim().split(/\\s+/).join('.') : ''}` +
                        ` (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
            }"""
        )
        pytest.fail(
            f"{page.url} scrolls sideways at width {widths['inner']}px: "
            f"scrollWidth is {widths['scroll']}px. Elements past the edge: {wide}",
            pytrace=False,
        )
