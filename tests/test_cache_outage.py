"""With Redis away, the cache reads as empty and writes are skipped: sessions, kept pages and the
unread count fall back to the database, with one warning and no traceback per request.

"Away" is real here: a Redis URL on a loopback port where nothing listens."""

import logging
import socket

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import caches

from plans import fragments


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_away(settings):
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
    settings.CACHES = {
        "default": {
            "BACKEND": "toekomstplan.cache.TolerantRedisCache",
            "LOCATION": url,
            "OPTIONS": options,
        },
        "fragments": {
            "BACKEND": "toekomstplan.cache.TolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "kept",
            "OPTIONS": {**options, "serializer": "plans.fragments.SealedSerializer"},
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return url


def test_cache_away_reads_as_empty_and_skips_writes_with_one_warning(redis_away, caplog):
    cache = caches["default"]
    with caplog.at_level(logging.WARNING, logger="toekomstplan.cache"):
        for _ in range(20):
            assert cache.get("k", "fallback") == "fallback"
            cache.set("k", 1)
            assert cache.get_many(["a", "b"]) == {}
            cache.delete("k")
            cache.delete_many(["a"])
            assert cache.has_key("k") is False
            assert cache.add("lock", True) is True  # allauth's rate-limit lock: taken
    warnings = [r for r in caplog.records if r.name == "toekomstplan.cache"]
    assert len(warnings) == 1
    assert "does not answer" in warnings[0].getMessage()
    assert warnings[0].exc_info is None
    assert cache.ping() is False


def test_session_is_kept_in_the_database_while_the_cache_is_away(redis_away, db):
    session = SessionStore()
    session["_auth_user_id"] = "42"
    session["portal"] = {"seen": 3}
    session.save()
    again = SessionStore(session_key=session.session_key)
    assert again["_auth_user_id"] == "42"
    assert again["portal"] == {"seen": 3}
    again.delete()
    assert SessionStore(session_key=session.session_key).load() == {}


def test_kept_pages_render_fresh_while_the_cache_is_away(redis_away, db):
    made = []

    def render():
        made.append(1)
        return f"page {len(made)}"

    parts = [("content", "page:key", render)]
    assert fragments._kept(parts) == {"content": "page 1"}
    assert fragments._kept(parts) == {"content": "page 2"}
    fragments.forget_inbox(7)  # a write's forgetting does not fail either


def test_signing_in_works_while_the_cache_is_away(redis_away, client, regisseur):
    response = client.post(
        "/accounts/login/", {"login": regisseur.email, "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(regisseur.pk)


def test_signed_in_pages_work_while_the_cache_is_away(redis_away, client_for, plan, regisseur):
    client = client_for(regisseur)
    assert client.get(f"/plannen/{plan.uuid}/").status_code == 200
    assert client.get("/meldingen/").status_code == 200
    response = client.post(
        f"/plannen/{plan.uuid}/wie/uitnodigen/",
        {"email": "buur@example.nl", "role": "netwerk"},
    )
    assert response.status_code == 302
    assert plan.invitations.get().email == "buur@example.nl"
