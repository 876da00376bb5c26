"""Behind the documented proxy, one client's bad sign-ins lock out that client, not everyone
(issue 19): allauth's rate limits follow TRUSTED_PROXY_COUNT."""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from tests.network.factories import UserFactory
from tests.test_settings import ROOT

PASSWORD = "een-lang-en-geheim-wachtwoord"
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps([settings.TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_PROXY_COUNT]))"
)


def test_allauths_proxy_count_is_the_apps():
    env = {
        **os.environ,
        "TRUSTED_PROXY_COUNT": "2",
        "DJANGO_SETTINGS_MODULE": "toekomstplan.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert json.loads(out.stdout) == [2, 2], out.stderr


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_ten_bad_sign_ins_from_one_client_do_not_lock_out_another():
    cache.clear()
    other = UserFactory()
    other.set_password(PASSWORD)
    other.save()
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for attempt in range(12):
        attacker.post(
            reverse("account_login"), {"login": f"iemand{attempt}@example.nl", "password": "fout"}
        )
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = colleague.post(
        reverse("account_login"), {"login": other.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in colleague.session
