"""Sign-in that fits each person, and that holds: TOTP for professionals, codes for jongeren,
lockout after failed attempts, sessions that end."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.urls import reverse

from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


def plan_url(plan):
    return reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})


def current_code(secret):
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


@pytest.fixture
def regisseur_with_password(regisseur):
    regisseur.set_password(PASSWORD)
    regisseur.save()
    return regisseur


def test_professional_without_totp_is_sent_to_set_it_up_before_any_plan_page(
    client, plan, regisseur_with_password
):
    sign_in(client, regisseur_with_password)
    for url in (reverse("plans:plan_list"), plan_url(plan)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_professional_with_totp_must_enter_the_code_and_then_opens_the_plan(
    client, plan, regisseur_with_password
):
    secret = generate_totp_secret()
    TOTP.activate(regisseur_with_password, secret)
    response = sign_in(client, regisseur_with_password)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(plan_url(plan)).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(plan_url(plan)).status_code == 200


def test_a_wrong_totp_code_does_not_open_the_plan(client, plan, regisseur_with_password):
    TOTP.activate(regisseur_with_password, generate_totp_secret())
    sign_in(client, regisseur_with_password)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert client.get(plan_url(plan)).status_code == 302


def test_jongere_signs_in_by_a_code_sent_by_email(client, plan, jongere):
    response = client.post(reverse("account_request_login_code"), {"email": jongere.user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    code = re.search(r"^\s*(\d{6})\s*$", mail.outbox[0].body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code}, follow=True)
    assert response.wsgi_request.user == jongere.user
    assert client.get(plan_url(plan)).status_code == 200  # no second factor for jongeren


def test_login_page_offers_sign_in_by_code(client):
    html = client.get(reverse("account_login")).content.decode()
    assert reverse("account_request_login_code") in html


def test_failed_sign_ins_lock_the_account_with_a_clear_dutch_message(
    client, regisseur_with_password
):
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": regisseur_with_password.email, "password": "fout"}
        )
    response = client.post(
        reverse("account_login"), {"login": regisseur_with_password.email, "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "te veel inlogpogingen" in response.content.decode().lower()
    assert not response.wsgi_request.user.is_authenticated


def _age_session(client, *, started=0, seen=0):
    session = client.session
    session["tp_started"] = time.time() - started
    session["tp_seen"] = time.time() - seen
    session.save()


def test_professional_is_signed_out_after_30_idle_minutes(client_for, plan, regisseur):
    client = client_for(regisseur)
    assert client.get(plan_url(plan)).status_code == 200
    _age_session(client, started=31 * 60, seen=31 * 60)
    response = client.get(plan_url(plan))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert client.get(plan_url(plan)).status_code == 302


def test_professional_stays_signed_in_while_active(client_for, plan, regisseur):
    client = client_for(regisseur)
    client.get(plan_url(plan))
    _age_session(client, started=3 * 60 * 60, seen=20 * 60)
    assert client.get(plan_url(plan)).status_code == 200


def test_everyone_is_signed_out_after_12_hours(client_for, plan, jongere):
    client = client_for(jongere.user)
    client.get(plan_url(plan))
    _age_session(client, started=12 * 60 * 60 + 5, seen=10)
    assert client.get(plan_url(plan)).status_code == 302


def test_a_disabled_account_stops_working_on_the_next_request(client_for, plan, regisseur):
    client = client_for(regisseur)
    assert client.get(plan_url(plan)).status_code == 200
    regisseur.is_active = False
    regisseur.save()
    response = client.get(plan_url(plan))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_pages_forbid_inline_scripts_and_framing(client):
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_a_coordinator_signs_in_without_plan_access(client_for, plan):
    coordinator = UserFactory(is_staff=True)
    assert client_for(coordinator).get(plan_url(plan)).status_code == 404
