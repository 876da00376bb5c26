"""A real Celery worker on the real Redis broker, against the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def celery_worker_process(tmp_path, settings):
    """Start `celery worker` as its own process; its e-mail goes to files in a folder we read."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.fail("Integration tests need REDIS_URL (make test starts a Redis for them).")
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        pytest.fail("Integration tests need PostgreSQL: a worker cannot share an in-memory DB.")
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "TOEKOMSTPLAN_DEMO": "false",
        # PDF exports: the worker writes where the test (and the web app) read.
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "toekomstplan",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        _wait_for(lambda: "ready" in (tmp_path / "worker.log").read_text(), 30, worker)
        yield {"mail_dir": mail_dir, "log": tmp_path / "worker.log"}
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()


def _wait_for(condition, seconds, worker):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.poll() is not None:
            raise AssertionError("the Celery worker stopped")
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds}s in vain")


@pytest.fixture
def wait_for():
    def wait(condition, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.1)
        raise AssertionError(f"waited {seconds}s in vain")

    return wait
