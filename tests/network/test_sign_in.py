import pytest
from django.urls import reverse

from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_dutch_and_shows_demo_logins_in_demo_mode(client, settings):
    settings.TOEKOMSTPLAN_DEMO = True
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="nl"' in html
    assert "Inloggen" in html
    assert "sanne@demo.toekomstplan.nl" in html


def test_login_page_hides_demo_logins_outside_demo_mode(client, settings):
    settings.TOEKOMSTPLAN_DEMO = False
    html = client.get(reverse("account_login")).content.decode()
    assert "sanne@demo.toekomstplan.nl" not in html


def test_demo_professional_signs_in_and_lands_on_the_caseload_with_a_banner(client, settings):
    from django.core.management import call_command

    settings.TOEKOMSTPLAN_DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.post(
        reverse("account_login"),
        {"login": "sanne@demo.toekomstplan.nl", "password": "demo-toekomstplan"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("plans:plan_list")
    assert "tweestapsverificatie" in response.content.decode()


def test_wrong_password_gives_a_clear_dutch_message(client, regisseur):
    response = client.post(reverse("account_login"), {"login": regisseur.email, "password": "fout"})
    assert response.status_code == 200
    assert "wachtwoord" in response.content.decode().lower()


def test_nobody_signs_up_on_their_own(client):
    response = client.get(reverse("account_signup"))
    assert "account/signup_closed.html" in [t.name for t in response.templates]


def test_home_sends_each_person_where_they_belong(client_for, regisseur, plan, jongere):
    assert client_for(regisseur).get("/")["Location"] == reverse("plans:plan_list")
    coordinator = UserFactory(is_staff=True)
    assert client_for(coordinator).get("/")["Location"] == reverse("admin:index")
    assert client_for(jongere.user).get("/")["Location"] == reverse("portal:home")
    assert client_for(UserFactory()).get("/").status_code == 200


def test_healthz_answers(client):
    assert client.get("/healthz/").json()["status"] == "ok"
