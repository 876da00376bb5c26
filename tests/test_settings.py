"""Settings come from the environment, with the embedded default when nothing is set."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, "
    "'broker': settings.CELERY_BROKER_URL, 'email': settings.EMAIL_BACKEND, "
    "'demo': settings.TOEKOMSTPLAN_DEMO, 'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE, "
    "'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS}))"
)
VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "TOEKOMSTPLAN_DEMO",
)


def read_settings(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in VARS}
    env.update(overrides, DJANGO_SETTINGS_MODULE="toekomstplan.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result


def test_embedded_default_is_sqlite_eager_console_mail_and_demo():
    values = json.loads(read_settings().stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["eager"] is True and values["broker"] == "memory://"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["demo"] is True
    assert values["lang"] == "nl" and values["tz"] == "Europe/Amsterdam"


def test_environment_variables_take_over():
    values = json.loads(
        read_settings(
            DATABASE_URL="postgres://u:p@db.example:5432/tp",
            REDIS_URL="redis://cache.example:6379/1",
            EMAIL_URL="smtp://mail.example:25",
            SECRET_KEY="x" * 50,
            DEBUG="false",
            ALLOWED_HOSTS="toekomstplan.example.nl,www.example.nl",
            TOEKOMSTPLAN_DEMO="false",
        ).stdout
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["eager"] is False and values["broker"] == "redis://cache.example:6379/1"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["demo"] is False and values["debug"] is False
    assert values["hosts"] == ["toekomstplan.example.nl", "www.example.nl"]


def test_production_without_secret_key_refuses_to_start():
    result = read_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
