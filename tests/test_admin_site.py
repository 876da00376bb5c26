"""/admin/ is signed in through the throttled sign-in with a second factor (issue 19).

Written as the review's attack: 25 wrong passwords at /admin/login/, then the right one,
opened the admin with every jongere's name and birth date, without a second factor.
"""

import pytest
from django.test import Client
from django.urls import reverse

from network.services import coordinator_group_ensure
from tests.conftest import confirm_second_factor
from tests.network.factories import JongereFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-en-geheim-wachtwoord"


@pytest.fixture
def coordinator():
    user = UserFactory(is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(coordinator_group_ensure())
    return user


def test_passwords_tried_at_admin_login_sign_nobody_in(coordinator):
    client = Client()
    for attempt in range(25):
        client.post("/admin/login/", {"username": coordinator.email, "password": f"fout{attempt}"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": coordinator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_admin_login_sends_to_the_sign_in_everyone_uses_and_back():
    response = Client().get("/admin/login/?next=/admin/network/jongere/")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login") + "?next=%2Fadmin%2Fnetwork%2Fjongere%2F"
    )


def test_admin_login_does_not_send_elsewhere():
    response = Client().get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_staff_signed_in_with_a_password_only_set_up_the_second_factor_first(coordinator):
    JongereFactory(first_name="Lotte", last_name="Geheim")
    client = Client()
    client.force_login(coordinator)
    response = client.get("/admin/network/jongere/", follow=True)
    chain = [url for url, _status in response.redirect_chain]
    assert any(url.startswith(reverse("mfa_activate_totp")) for url in chain)
    assert b"Geheim" not in response.content


def test_staff_with_the_second_factor_confirmed_open_the_admin(coordinator):
    JongereFactory(first_name="Lotte", last_name="Geheim")
    client = Client()
    client.force_login(coordinator)
    confirm_second_factor(client, coordinator)
    response = client.get("/admin/network/jongere/")
    assert response.status_code == 200
    assert b"Geheim" in response.content
