"""Coordinators keep the catalogues themselves: every form explains its fields in Dutch."""

import pytest

from domains.models import ChecklistItem, Leefdomein, PlanTemplate
from network.services import coordinator_group_ensure
from plans.models import ReminderRule
from tests.network.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    user = UserFactory(is_staff=True)
    user.groups.add(coordinator_group_ensure())
    return user


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            lambda: f"/admin/domains/leefdomein/{Leefdomein.objects.first().pk}/change/",
            "Dit ziet de jongere: korte zinnen, taalniveau B1",
        ),
        (
            lambda: f"/admin/domains/checklistitem/{ChecklistItem.objects.first().pk}/change/",
            "Vanaf deze leeftijd staat het punt op de checklist",
        ),
        (
            lambda: f"/admin/domains/plantemplate/{PlanTemplate.objects.first().pk}/change/",
            "Geschreven zoals de jongere het zou zeggen",
        ),
        (
            lambda: f"/admin/plans/reminderrule/{ReminderRule.objects.first().pk}/change/",
            "Wie de herinnering krijgt",
        ),
        (
            lambda: f"/admin/network/organisation/{OrganisationFactory().pk}/change/",
            "De cijfers van een gemeente tellen de plannen",
        ),
        (lambda: "/admin/network/jongere/add/", "krijgt deze organisatie een signaal"),
    ],
)
def test_catalogue_forms_explain_their_fields_in_dutch(coordinator, client_for, path, expected):
    response = client_for(coordinator).get(path())
    assert response.status_code == 200
    assert expected in response.content.decode()
