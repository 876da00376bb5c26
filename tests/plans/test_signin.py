"""The user of a session is read with whether they are a professional: one query, every request."""

import pytest
from django.urls import reverse

from network.models import NetworkMember
from plans import services
from tests.network.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_reads_the_person_and_professional_in_one_query(
    regisseur, client_for, django_assert_max_num_queries
):
    client = client_for(regisseur)
    client.get(reverse("notifications"))
    with django_assert_max_num_queries(2):  # the person (and "professional?"), the list
        assert client.get(reverse("notifications")).status_code == 200


def test_becoming_a_professional_asks_for_the_second_factor_from_the_next_request(
    plan, jongere, regisseur, client_for
):
    member = NetworkMember.objects.create(
        jongere=jongere, name="Kees", relation="mentor", is_jim=True, user=UserFactory()
    )
    services.role_grant(
        plan=plan, actor=regisseur, user=member.user, role="jim", network_member=member
    )
    client = client_for(member.user, second_factor=False)
    assert client.get(reverse("portal:home")).status_code == 200
    MembershipFactory(user=member.user)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_an_inactive_account_is_signed_out(regisseur, client_for):
    client = client_for(regisseur)
    assert client.get(reverse("notifications")).status_code == 200
    regisseur.is_active = False
    regisseur.save(update_fields=["is_active"])
    response = client.get(reverse("notifications"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
