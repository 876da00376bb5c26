"""The gunicorn settings every server start reads (gunicorn.conf.py in the project root)."""

import gc
import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_takes_its_start_up_objects_out_of_the_garbage_collectors_view(unfrozen):
    hooks = runpy.run_path(str(CONF))
    assert gc.get_freeze_count() == 0

    hooks["post_worker_init"](worker=None)

    # What Django loaded at start-up is frozen: a full collection no longer walks it.
    assert gc.get_freeze_count() > 10_000


def test_a_worker_compiles_the_templates_before_its_first_request(unfrozen):
    from django.template import engines

    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    cached = getattr(loader, "loaders", [loader])[0]  # under django-template-partials' loader
    hooks = runpy.run_path(str(CONF))

    hooks["post_worker_init"](worker=None)

    # The first page a worker serves no longer waits for its templates to be compiled.
    compiled = set(cached.get_template_cache)
    assert {"base.html", "workspace/plan_hoe.html", "portal/home.html"} <= compiled


def test_the_access_log_never_writes_a_query_string_or_a_referrer():
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", runpy.run_path(str(CONF))["access_log_format"])
    logger = Logger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/plannen/?q=Milan+de+Groot",
        "PATH_INFO": "/plannen/",
        "QUERY_STRING": "q=Milan+de+Groot",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://toekomstplan.example/plannen/?q=Milan+de+Groot",
        "HTTP_USER_AGENT": "Firefox",
    }
    response = SimpleNamespace(status="200 OK", sent=1000, headers=[], response_length=1000)
    request = SimpleNamespace(headers=[], path="/plannen/", query="q=Milan+de+Groot")
    atoms = logger.atoms(response, request, environ, timedelta(0))
    line = logger.cfg.access_log_format % atoms
    assert "/plannen/" in line
    assert "Milan" not in line and "Groot" not in line
