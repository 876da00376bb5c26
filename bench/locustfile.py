"""Load for `make bench`: professionals and jongeren who sign in the way people do, then work.

Professionals sign in with e-mail, password and a TOTP code computed from the bench secret that
`seed_scale` gave their authenticator (each locust user is its own account: a code works once).
Jongeren of the bench sign in with a password. The app runs with production settings behind
what would be the load balancer: requests say `X-Forwarded-Proto: https`, and the client keeps
the Secure cookies for this loopback hop as the balancer's side of the connection would.
"""

import base64
import hashlib
import hmac
import itertools
import json
import os
import re
import struct
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import gevent.event
from locust import HttpUser, between, events, task

TARGETS = json.loads(Path(os.environ["BENCH_TARGETS"]).read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_professionals = itertools.count()
_jongeren = itertools.count()
# Measuring starts when every user has signed in: sign-ins (PBKDF2, TOTP) are not the pages.
_all_signed_in = gevent.event.Event()
_signed_in = itertools.count(1)


def _ready(user) -> None:
    if next(_signed_in) == user.environment.parsed_options.num_users:
        user.environment.runner.stats.reset_all()
        _all_signed_in.set()
    _all_signed_in.wait(timeout=180)


@events.test_start.add_listener
def _on_test_start(environment, **kwargs):
    _all_signed_in.clear()


def _loopback_is_the_balancer(self, cookie, request) -> bool:
    """Send Secure cookies over the loopback hop, as the TLS-terminating balancer does. (Set on
    the class: requests copies the session's cookies into a fresh jar for every request.)"""
    return True


DefaultCookiePolicy.return_ok_secure = _loopback_is_the_balancer


FIRST_VIEW = "first view: "


def tagged(name: str) -> dict:
    """Locust's name for a measured request, also sent to the server: gunicorn's access log
    records it beside the time the app itself took (`make bench` reports both)."""
    return {"name": name, "headers": {"X-Bench-Request": name}}


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238: the 6-digit code of this 30-second window."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(1.0, 3.0)

    def on_start(self):
        self.client.headers.update(
            # (tooling.scale.BENCH_USER_AGENT: seed_scale finds this run's writes by it)
            {"X-Forwarded-Proto": "https", "User-Agent": "toekomstplan-bench/locust"}
        )

    def post(self, path: str, data: dict, **kwargs):
        """A form post with the CSRF token and the Referer a browser sends over HTTPS."""
        token = self.client.cookies.get("csrftoken", "")
        headers = {"Referer": f"https://{self.host.split('://', 1)[1]}{path}"}
        headers.update(kwargs.pop("headers", {}))
        return self.client.post(
            path, data={"csrfmiddlewaretoken": token, **data}, headers=headers, **kwargs
        )

    def first_views(self, *pages: tuple[str, str]) -> None:
        """Each person's first look at the large plan after signing in, before measuring starts:
        these render in full (nothing is kept for this person yet). The report gives their
        times apart, from gunicorn's access log; the measured figures are the working day."""
        for name, path in pages:
            self.client.get(path, **tagged(FIRST_VIEW + name))

    def sign_in(self, email: str, password: str) -> str:
        self.client.get("/accounts/login/", name="sign in")
        response = self.post(
            "/accounts/login/", {"login": email, "password": password}, name="sign in"
        )
        return response.url


class Professional(SignedIn):
    weight = 6

    def on_start(self):
        super().on_start()
        index = next(_professionals) % len(TARGETS["professionals"])
        self.email = TARGETS["professionals"][index]
        landed = self.sign_in(self.email, TARGETS["password"])
        if "/2fa/" in landed or "mfa" in landed:
            for _attempt in range(3):  # a code made at the end of its window may arrive late
                response = self.post(
                    "/accounts/2fa/authenticate/",
                    {"code": totp(TARGETS["totp_secret"])},
                    name="sign in (TOTP)",
                )
                landed = response.url
                if "/2fa/" not in landed:
                    break
                time.sleep(31 - time.time() % 30)
        if not landed.rstrip("/").endswith("/plannen"):
            raise RuntimeError(f"{self.email} did not get to the caseload: {landed}")
        actions = TARGETS["writable_actions"]
        share = len(actions) // len(TARGETS["professionals"])
        self.writes = iter(actions[index * share : (index + 1) * share])
        self.big = f"/plannen/{TARGETS['big_plan_uuid']}/"
        # (the caseload was the first view already: signing in lands there)
        self.first_views(
            ("overview (large plan)", self.big), ("HOE (large plan)", f"{self.big}hoe/")
        )
        _ready(self)

    @task(1)
    def signed_in_baseline(self):
        """A signed-in page that shows nothing of a plan (the bench accounts have no
        notifications): what any page costs before it shows anything."""
        self.client.get("/meldingen/", **tagged("signed-in baseline (no notifications)"))

    @task(4)
    def caseload(self):
        self.client.get("/plannen/", **tagged("caseload (300 plans)"))

    @task(2)
    def overview(self):
        self.client.get(self.big, **tagged("overview (large plan)"))

    @task(2)
    def hoe(self):
        self.client.get(f"{self.big}hoe/", **tagged("HOE (large plan)"))

    @task(1)
    def complete_action(self):
        target = next(self.writes, None)
        if target is None:
            return
        plan, action = target
        measured = tagged("write: complete an action")
        measured["headers"]["HX-Request"] = "true"
        self.post(f"/plannen/{plan}/hoe/acties/{action}/klaar/", {"version": "1"}, **measured)


class Jongere(SignedIn):
    weight = 4

    def on_start(self):
        super().on_start()
        email = TARGETS["jongeren"][next(_jongeren) % len(TARGETS["jongeren"])]
        landed = self.sign_in(email, TARGETS["password"])
        if not landed.rstrip("/").endswith("/mijn"):
            raise RuntimeError(f"{email} did not get to the portal: {landed}")
        _ready(self)  # (signing in landed on the portal home: its first view)

    @task
    def portal(self):
        self.client.get("/mijn/", **tagged("portal home"))


class Floor(HttpUser):
    """The yardstick: a view that touches no database, through the same middleware."""

    weight = 2
    wait_time = between(1.0, 3.0)

    def on_start(self):
        self.client.headers.update({"X-Forwarded-Proto": "https"})
        _ready(self)

    @task
    def floor(self):
        self.client.get("/bench/floor/", **tagged("floor (no database)"))
