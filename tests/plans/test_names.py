"""A name or birth date changed in the admin shows on the next view of a kept page, not five
minutes later (issue 19: names are not plan data, so no logged change moved the version)."""

import pytest
from django.urls import reverse

from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


def seen(client, url: str) -> str:
    client.get(url)
    return client.get(url).content.decode()


@pytest.fixture
def superuser_client(client_for):
    return client_for(UserFactory(is_staff=True, is_superuser=True))


def test_a_jongeres_new_name_shows_at_once_on_the_kept_overview_and_caseload(
    plan, jongere, regisseur, client_for, superuser_client
):
    me = client_for(regisseur)
    overview = reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})
    assert jongere.last_name in seen(me, overview)
    seen(me, reverse("plans:plan_list"))

    response = superuser_client.post(
        reverse("admin:network_jongere_change", args=[jongere.pk]),
        {
            "first_name": jongere.first_name,
            "last_name": "Vernieuwd",
            "birth_date": jongere.birth_date.isoformat(),
            "gemeente": jongere.gemeente,
            "doelgroepen": [],
            "_save": "Opslaan",
        },
    )
    assert response.status_code == 302
    assert "Vernieuwd" in me.get(overview).content.decode()
    assert "Vernieuwd" in me.get(reverse("plans:plan_list")).content.decode()


def test_a_professionals_and_an_organisations_new_names_show_at_once(
    plan, regisseur, organisation, client_for, superuser_client
):
    me = client_for(regisseur)
    overview = reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})
    before = seen(me, overview)
    assert organisation.name in before

    superuser_client.post(
        reverse("admin:network_organisation_change", args=[organisation.pk]),
        {"name": "Wijkteam Nieuwe Naam", "kind": organisation.kind, "gemeente": "Testdorp"},
    )
    assert "Wijkteam Nieuwe Naam" in me.get(overview).content.decode()

    superuser_client.post(
        reverse("admin:network_user_change", args=[regisseur.pk]),
        {
            "email": regisseur.email,
            "first_name": "Sannetje",
            "last_name": regisseur.last_name,
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "_save": "Opslaan",
        },
    )
    assert "Sannetje" in me.get(overview).content.decode()
