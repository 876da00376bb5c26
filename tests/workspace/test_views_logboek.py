import pytest
from django.urls import reverse

from plans import services
from plans.models import AccessLogEntry
from tests.conftest import add_goals

pytestmark = pytest.mark.django_db


def url(plan):
    return reverse("plans:plan_logboek", kwargs={"plan_uuid": plan.uuid})


def test_regisseur_sees_the_log_with_who_role_and_organisation(plan, regisseur, client_for):
    client = client_for(regisseur)
    client.get(reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid}))
    html = client.get(url(plan)).content.decode()
    assert str(regisseur) in html
    assert regisseur.memberships.get().organisation.name in html
    assert "bekeken" in html


def test_the_log_filters_by_action_and_person(plan, regisseur, jongere, client_for):
    client = client_for(regisseur)
    client.get(reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid}))
    page = client.get(url(plan), {"action": "create"}).context["page"]
    assert {entry.action for entry in page} == {"create"}
    page = client.get(url(plan), {"person": str(regisseur.uuid)}).context["page"]
    assert {entry.actor_id for entry in page} == {regisseur.pk}


def test_a_bad_filter_gets_a_clear_message(plan, regisseur, client_for):
    response = client_for(regisseur).get(
        url(plan), {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    )
    assert response.status_code == 400
    assert "einddatum ligt voor de begindatum" in response.content.decode()


def test_reading_the_log_is_logged(plan, regisseur, client_for):
    client_for(regisseur).get(url(plan))
    assert AccessLogEntry.objects.filter(plan=plan, object_type="logboek").exists()


def test_a_professional_who_is_not_regisseur_gets_404(
    plan, regisseur, professional_factory, client_for
):

    colleague = professional_factory()
    services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    assert client_for(colleague).get(url(plan)).status_code == 404


def test_a_stranger_gets_404(plan, stranger, client_for):
    assert client_for(stranger).get(url(plan)).status_code == 404


def test_the_log_is_paginated_and_its_queries_do_not_grow(
    plan, regisseur, client_for, django_assert_max_num_queries
):
    add_goals(plan, regisseur, goals=2, actions_per_goal=1)
    client = client_for(regisseur)
    for _ in range(60):
        client.get(reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid}))
    client.get(url(plan))
    with django_assert_max_num_queries(15):
        response = client.get(url(plan))
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.num_pages == 2
