"""Screenshots of the demo for the README: the caseload, and WIE, WAT and HOE of Noah Mulder
(1280 px), and the portal of Milan on a phone (360 px): /mijn/, the checklist, /mijn/gekeken/.

Run against a running demo app (`manage.py seed_demo`, TOEKOMSTPLAN_DEMO on, so the demo
regisseur signs in without a second factor), with the same settings (DATABASE_URL) as the app:
the jongere signs in by an e-mailed code, so the script opens a session for Milan directly.

    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

Uses the Debian Chromium, headless, never a downloaded browser. Writes full-page PNGs, 1280 px
wide, to docs/screenshots/.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # the same as tests/browser/conftest.py
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
EMAIL = "sanne@demo.toekomstplan.nl"
PASSWORD = "demo-toekomstplan"  # network.demo_accounts.DEMO_PASSWORD
JONGERE = "Noah Mulder"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WIDTH, HEIGHT = 1280, 800


PORTAL_EMAIL = "milan@demo.toekomstplan.nl"
PHONE = {"width": 360, "height": 740}


def session_for(email: str) -> str:
    """A signed-in session for a demo account, made in the app's own database."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toekomstplan.settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from network.models import User

    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "plans.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def shoot(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    path = OUT / name
    page.screenshot(path=str(path), full_page=True)
    print(f"{path} ({path.stat().st_size // 1024} kB)")


def main(base: str) -> None:
    base = base.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    portal_session = session_for(PORTAL_EMAIL)  # before Playwright starts its event loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(
                viewport={"width": WIDTH, "height": HEIGHT}, locale="nl-NL"
            )
            context.set_default_timeout(15_000)
            page = context.new_page()

            page.goto(base + "/accounts/login/")
            form = page.locator("form.tp-form")
            form.locator("input[name=login]").fill(EMAIL)
            form.locator("input[name=password]").fill(PASSWORD)
            form.locator("button[type=submit]").click()
            page.wait_for_url(base + "/plannen/")
            shoot(page, "caseload.png")

            page.locator("table").get_by_role("link", name=JONGERE, exact=True).click()
            page.wait_for_url("**/plannen/*/")
            plan_url = page.url
            for part in ("wie", "wat", "hoe"):
                page.goto(f"{plan_url}{part}/")
                shoot(page, f"{part}.png")
            context.close()

            phone = browser.new_context(
                viewport=PHONE, device_scale_factor=1, is_mobile=True, locale="nl-NL"
            )
            phone.add_cookies([{"name": "sessionid", "value": portal_session, "url": base}])
            page = phone.new_page()
            for path, name in (
                ("/mijn/", "portal-mijn.png"),
                ("/mijn/checklist/", "portal-checklist.png"),
                ("/mijn/gekeken/", "portal-gekeken.png"),
                ("/mijn/verhaal/", "portal-verhaal.png"),
            ):
                page.goto(base + path)
                shoot(page, name)
        finally:
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
