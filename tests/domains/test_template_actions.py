"""A doelgroep template suggests goals and, per goal, first actions; a new plan starts with them."""

import pytest

from domains.models import PlanTemplate
from network.services import coordinator_group_ensure
from plans import services
from plans.models import Action
from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_plan_from_a_template_starts_with_its_suggested_actions(regisseur, organisation, jongere):
    template = PlanTemplate.objects.get(doelgroep="statushouder")
    suggestion = template.goals.first()
    suggestion.actions = "Afspraak maken bij het taalcafé\n\n  Samen de DigiD aanvragen  \n"
    suggestion.save()
    plan = services.plan_create(
        actor=regisseur, jongere=jongere, organisation=organisation, template=template
    )
    goal = plan.goals.get(text=suggestion.text)
    assert sorted(goal.actions.values_list("text", flat=True)) == [
        "Afspraak maken bij het taalcafé",
        "Samen de DigiD aanvragen",
    ]
    assert Action.objects.filter(goal__plan=plan).count() == 2
    action = goal.actions.first()
    assert action.assignee_role is None and action.due_date is None


def test_the_coordinator_writes_suggested_actions_in_the_template_form(client_for):
    coordinator = UserFactory(is_staff=True)
    coordinator.groups.add(coordinator_group_ensure())
    template = PlanTemplate.objects.get(doelgroep="lvb")
    html = (
        client_for(coordinator)
        .get(f"/admin/domains/plantemplate/{template.pk}/change/")
        .content.decode()
    )
    assert 'name="goals-0-actions"' in html
    assert "Eén actie per regel" in html
