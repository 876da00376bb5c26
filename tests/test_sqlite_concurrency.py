"""`make run`'s embedded SQLite under 20 people at once (issue 19): the demo gemeente on a file
database, served by Django's threaded development server as `make run` serves it. Every plan
page appends to the access log; before the IMMEDIATE/WAL settings most of them answered 500
("database is locked") and racing saves lost what was typed."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 20
SANNE = "sanne@demo.toekomstplan.nl"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory):
    """The embedded default: no DATABASE_URL but an SQLite file, no Redis, the demo loaded."""
    folder = tmp_path_factory.mktemp("sqlite")
    database = folder / "db.sqlite3"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "TP_REQUIRE_POSTGRES", "CI")
    }
    env.update(DATABASE_URL=f"sqlite:///{database}", MEDIA_ROOT=str(folder / "media"))
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input", "-v", "0"], ["seed_demo"]):
        subprocess.run(
            [*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300
        )
    port = _free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/healthz/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError((folder / "server.log").read_text())
        yield url, database
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


class Session:
    """One browser: its own cookies, redirects not followed (a 302 stays a 302)."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.base + path} if data is not None else {}
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path: str) -> str:
        status, html = self.request(path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def sign_in(self, email: str) -> None:
        token = self.token("/accounts/login/")
        status, _html = self.request(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": "demo-toekomstplan"},
        )
        assert status == 302


def _demo_goal(database: Path) -> tuple[str, str, int, int]:
    with sqlite3.connect(database) as db:
        plan, goal, version, leefdomein = db.execute(
            "SELECT p.uuid, g.uuid, g.version, g.leefdomein_id FROM plans_toekomstplan p "
            "JOIN plans_goal g ON g.plan_id = p.id JOIN network_user u ON u.id = p.regisseur_id "
            "WHERE u.email = ? ORDER BY g.id LIMIT 1",
            [SANNE],
        ).fetchone()
    return str(uuid.UUID(plan)), str(uuid.UUID(goal)), version, leefdomein


@pytest.fixture(scope="module")
def signed_in(sqlite_server) -> list[Session]:
    """Twenty browsers signed in (once: sign-in is rate limited, as it should be)."""
    url, _database = sqlite_server
    sessions = []
    for _ in range(PEOPLE):
        session = Session(url)
        session.sign_in(SANNE)
        sessions.append(session)
    return sessions


def test_twenty_people_at_once_on_plan_pages_get_no_server_error(sqlite_server, signed_in):
    _url, database = sqlite_server
    plan, _goal, _version, _leefdomein = _demo_goal(database)
    sessions = signed_in
    pages = [f"/plannen/{plan}/{page}" for page in ("", "verhaal/", "wie/", "wat/", "hoe/")]

    def visit(session: Session) -> list[int]:
        return [session.request(page)[0] for page in pages]

    with ThreadPoolExecutor(PEOPLE) as pool:
        statuses = [s for result in pool.map(visit, sessions) for s in result]
    assert len(statuses) == PEOPLE * len(pages)
    assert 500 not in statuses
    assert set(statuses) <= {200, 302}  # the overview may send someone to the verhaal first
    with sqlite3.connect(database) as db:
        (views,) = db.execute(
            "SELECT count(*) FROM plans_accesslogentry WHERE action = 'view'"
        ).fetchone()
    assert views >= PEOPLE * len(pages) - PEOPLE  # every page read is in the log


def test_twenty_racing_saves_give_one_save_and_nineteen_conflicts_keeping_the_text(
    sqlite_server, signed_in
):
    _url, database = sqlite_server
    plan, goal, version, leefdomein = _demo_goal(database)
    path = f"/plannen/{plan}/hoe/doelen/{goal}/"
    sessions = [(session, session.token(path)) for session in signed_in]

    def save(numbered):
        number, (session, token) = numbered
        text = f"Een eigen kamer, getypt door nummer {number}"
        status, html = session.request(
            path,
            {
                "csrfmiddlewaretoken": token,
                "text": text,
                "leefdomein": leefdomein,
                "version": version,
            },
        )
        return status, text in html

    with ThreadPoolExecutor(PEOPLE) as pool:
        results = list(pool.map(save, enumerate(sessions)))
    statuses = [status for status, _kept in results]
    assert 500 not in statuses
    assert statuses.count(302) == 1  # one save went through
    assert statuses.count(409) == PEOPLE - 1
    assert all(kept for status, kept in results if status == 409)  # what was typed is kept
    with sqlite3.connect(database) as db:
        (saved_version,) = db.execute(
            "SELECT version FROM plans_goal WHERE uuid = ?", [uuid.UUID(goal).hex]
        ).fetchone()
    assert saved_version == version + 1
