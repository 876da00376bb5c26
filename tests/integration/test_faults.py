"""Faults with the real parts: a Redis and a PostgreSQL of the test's own are stopped and started
again under a running app (gunicorn) and worker (celery), on free loopback ports, so the rest of
the suite keeps its own."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests
from celery import Celery
from django.db import connection

from network.demo_accounts import DEMO_PASSWORD
from plans.models import Invitation

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
DEMO_PROFESSIONAL = "sanne@demo.toekomstplan.nl"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _until(condition, seconds=30, what="it"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds}s in vain for {what}")


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class OwnRedis:
    def __init__(self, folder: Path):
        self.folder, self.port = folder, _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        subprocess.run(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "yes", "--dir", str(self.folder),
             "--pidfile", str(self.folder / "redis.pid")],
            check=True,
        )  # fmt: skip
        _until(lambda: _answers(self.port), what="Redis")

    def stop(self):
        os.kill(int((self.folder / "redis.pid").read_text()), signal.SIGTERM)
        _until(lambda: not _answers(self.port), what="Redis to stop")


class OwnPostgres:
    def __init__(self, folder: Path):
        self.folder, self.port = folder, _free_port()
        self.bin = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
        )[-1]
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        shutil.chown(folder, "postgres", "postgres")
        self._as_postgres(
            [self.bin / "initdb", "-D", folder / "pg", "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
        )  # fmt: skip

    def _as_postgres(self, command):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *map(str, command)], check=True, capture_output=True)

    def start(self):
        self._as_postgres(
            [self.bin / "pg_ctl", "-D", self.folder / "pg", "-l", self.folder / "pg.log", "-w",
             "-t", "30", "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
             "-c fsync=off", "start"]
        )  # fmt: skip

    def stop(self):
        self._as_postgres([self.bin / "pg_ctl", "-D", self.folder / "pg", "stop", "-m", "fast"])


def _process(command, env, log: Path):
    out = open(log, "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def _end(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def folder():
    path = Path(tempfile.mkdtemp(prefix="tp-faults-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _environment(*, database_url, redis_url, mail_dir, settings):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "TOEKOMSTPLAN_DEMO": "true",
        "DEBUG": "true",
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "OUTBOX_GRACE_SECONDS": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if not redis_url:
        env.pop("REDIS_URL")
    return env


def _app(env, log: Path):
    port = _free_port()
    app = _process(
        [sys.executable, "-m", "gunicorn", "toekomstplan.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", "1", "--access-logfile", "-", "--error-logfile", "-"],
        env,
        log,
    )  # fmt: skip
    _until(lambda: _answers(port) or app.poll() is not None, 60, "gunicorn")
    assert app.poll() is None, log.read_text()
    return app, f"http://127.0.0.1:{port}"


def _test_database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        pytest.fail("Fault tests need PostgreSQL: the app runs in its own process.")
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def regisseur(professional_factory, organisation, settings):
    """The demo professional (no second factor in demo mode), with a password the app checks."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = professional_factory(organisation=organisation, email=DEMO_PROFESSIONAL)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def _sign_in(base: str) -> requests.Session:
    browser = requests.Session()
    browser.get(f"{base}/accounts/login/", timeout=10).raise_for_status()
    response = browser.post(
        f"{base}/accounts/login/",
        {
            "login": DEMO_PROFESSIONAL,
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:2000]
    return browser


def test_with_redis_away_people_sign_in_and_work_and_the_invitation_arrives_once_it_is_back(
    folder, settings, plan, organisation
):
    redis = OwnRedis(folder)
    redis.start()
    mail_dir = folder / "mail"
    mail_dir.mkdir()
    env = _environment(
        database_url=_test_database_url(), redis_url=redis.url, mail_dir=mail_dir, settings=settings
    )
    app, base = _app(env, folder / "app.log")
    worker = _process(
        [sys.executable, "-m", "celery", "-A", "toekomstplan", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
        env,
        folder / "worker.log",
    )  # fmt: skip
    try:
        _until(lambda: "ready" in (folder / "worker.log").read_text(), 60, "the worker")
        health = requests.get(f"{base}/healthz/", timeout=10)
        assert health.status_code == 200, health.text

        redis.stop()
        health = requests.get(f"{base}/healthz/", timeout=10)
        assert health.status_code == 503
        checks = health.json()["checks"]
        assert checks["database"] == {"status": "ok"}
        assert checks["cache"]["status"] == "error"
        assert checks["broker"]["status"] == "error"

        browser = _sign_in(base)
        page = browser.get(f"{base}/plannen/{plan.uuid}/wie/", timeout=10)
        assert page.status_code == 200
        assert plan.jongere.first_name in page.text
        response = browser.post(
            f"{base}/plannen/{plan.uuid}/wie/uitnodigen/",
            {
                "email": "collega@example.nl",
                "role": "professional",
                "organisation": organisation.pk,
                "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            },
            headers={"Referer": f"{base}/plannen/{plan.uuid}/wie/"},
            allow_redirects=False,
            timeout=15,
        )
        assert response.status_code == 302, response.text[:2000]
        invitation = Invitation.objects.get(plan=plan, email="collega@example.nl")
        assert invitation.queued_at is None  # the broker was away: nothing was queued
        assert browser.get(f"{base}/plannen/{plan.uuid}/", timeout=10).status_code == 200
        assert list(mail_dir.iterdir()) == []

        redis.start()
        time.sleep(1.5)  # past OUTBOX_GRACE_SECONDS; beat would send this every minute
        beat = Celery(broker=redis.url, set_as_current=False)  # the app stays the current one
        beat.send_task("plans.tasks.outbox_sweep_task")
        _until(lambda: Invitation.objects.get(pk=invitation.pk).sent_at is not None, 60, "mail")
        beat.send_task("plans.tasks.outbox_sweep_task")  # a second sweep sends nothing more
        beat.send_task("plans.tasks.outbox_sweep_task")
        _until(lambda: (folder / "worker.log").read_text().count("outbox_sweep_task") >= 6, 30)
        time.sleep(1)
        files = list(mail_dir.iterdir())
        assert len(files) == 1
        assert "To: collega@example.nl" in files[0].read_text()
        assert browser.get(f"{base}/plannen/{plan.uuid}/", timeout=10).status_code == 200
        assert requests.get(f"{base}/healthz/", timeout=10).status_code == 200

        log = (folder / "app.log").read_text()
        assert "does not answer" in log  # a warning ...
        assert "Traceback" not in log  # ... and no traceback per request
    finally:
        _end(worker)
        _end(app)
        if _answers(redis.port):
            redis.stop()


def test_with_the_database_away_people_get_a_dutch_503_and_the_app_recovers(folder, settings):
    postgres = OwnPostgres(folder)
    postgres.start()
    env = _environment(database_url=postgres.url, redis_url="", mail_dir=folder, settings=settings)
    app, base = _app(env, folder / "app.log")
    try:
        assert requests.get(f"{base}/healthz/", timeout=10).status_code == 200

        postgres.stop()
        health = requests.get(f"{base}/healthz/", timeout=10)
        assert health.status_code == 503
        assert health.json()["checks"]["database"]["status"] == "error"
        assert health.json()["checks"]["cache"] == {"status": "ok"}
        # A signed-in person's session is read from the database.
        page = requests.get(f"{base}/accounts/login/", cookies={"sessionid": "x" * 32}, timeout=10)
        assert page.status_code == 503
        assert page.headers["Retry-After"] == "60"
        assert "Tijdelijk niet beschikbaar" in page.text
        assert "Probeer het over een paar minuten opnieuw." in page.text
        assert 'href="/static/css/toekomstplan.css' in page.text or "toekomstplan.css" in page.text
        assert "Server Error" not in page.text

        postgres.start()
        _until(lambda: requests.get(f"{base}/healthz/", timeout=10).status_code == 200, 30, "app")
        assert requests.get(f"{base}/healthz/", timeout=10).json()["checks"]["database"] == {
            "status": "ok"
        }
    finally:
        _end(app)
        with contextlib.suppress(subprocess.CalledProcessError):
            postgres.stop()
