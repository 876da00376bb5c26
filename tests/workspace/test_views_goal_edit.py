"""Two people editing the same goal never silently overwrite each other."""

import pytest
from django.urls import reverse

from domains.models import Leefdomein
from plans import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(plan, regisseur):
    return services.goal_create(
        plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.get(code="wonen"), text="Kamer"
    )


def url(plan, goal):
    return reverse("plans:goal_edit", kwargs={"plan_uuid": plan.uuid, "goal_uuid": goal.uuid})


def test_a_goal_is_saved(plan, goal, regisseur, client_for):
    wonen = Leefdomein.objects.get(code="wonen")
    response = client_for(regisseur).post(
        url(plan, goal), {"text": "Een eigen kamer", "leefdomein": wonen.pk, "version": 1}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.text == "Een eigen kamer" and goal.version == 2


def test_stale_goal_edit_shows_conflict_and_keeps_input(
    plan, goal, regisseur, professional_factory, client_for
):
    colleague = professional_factory()
    services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    wonen = Leefdomein.objects.get(code="wonen")
    first, second = client_for(regisseur), client_for(colleague)
    first.get(url(plan, goal))
    second.get(url(plan, goal))
    first.post(url(plan, goal), {"text": "Tekst van Sanne", "leefdomein": wonen.pk, "version": 1})
    response = second.post(
        url(plan, goal), {"text": "Tekst van Ahmed", "leefdomein": wonen.pk, "version": 1}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit doel opgeslagen" in html
    assert "Tekst van Sanne" in html  # what is saved now
    assert "Tekst van Ahmed" in html  # what they typed, kept in the form
    goal.refresh_from_db()
    assert goal.text == "Tekst van Sanne"
    # Saving again after seeing the conflict is a deliberate choice and goes through.
    response = second.post(
        url(plan, goal), {"text": "Tekst van Ahmed", "leefdomein": wonen.pk, "version": 2}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.text == "Tekst van Ahmed"


def test_htmx_conflict_returns_the_partial_with_409(plan, goal, regisseur, client_for):
    wonen = Leefdomein.objects.get(code="wonen")
    client = client_for(regisseur)
    client.post(url(plan, goal), {"text": "Eerst", "leefdomein": wonen.pk, "version": 1})
    response = client.post(
        url(plan, goal),
        {"text": "Later", "leefdomein": wonen.pk, "version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="goal-form"')
    assert "Later" in html


def test_an_empty_goal_is_refused_with_a_message(plan, goal, regisseur, client_for):
    wonen = Leefdomein.objects.get(code="wonen")
    response = client_for(regisseur).post(
        url(plan, goal), {"text": "", "leefdomein": wonen.pk, "version": 1}
    )
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()


def test_a_stranger_gets_404(plan, goal, stranger, client_for):
    assert client_for(stranger).get(url(plan, goal)).status_code == 404


def test_a_goal_of_another_plan_gets_404(plan, goal, regisseur, organisation, client_for):
    from tests.network.factories import JongereFactory

    other = services.plan_create(
        actor=regisseur, jongere=JongereFactory(), organisation=organisation
    )
    wrong = reverse("plans:goal_edit", kwargs={"plan_uuid": other.uuid, "goal_uuid": goal.uuid})
    assert client_for(regisseur).get(wrong).status_code == 404


def test_goal_edit_queries_do_not_grow_with_the_plan(
    big_plan, regisseur, client_for, django_assert_max_num_queries
):
    goal = big_plan.goals.first()
    client = client_for(regisseur)
    client.get(url(big_plan, goal))
    with django_assert_max_num_queries(15):
        assert client.get(url(big_plan, goal)).status_code == 200
