"""Coordinators keep the catalogues in the admin, and never see a plan's content there."""

import pytest
from django.contrib import admin

from network.services import coordinator_group_ensure
from plans import models as plan_models
from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    user = UserFactory(is_staff=True)
    user.groups.add(coordinator_group_ensure())
    return user


def test_no_plan_model_is_registered_in_the_admin():
    registered = set(admin.site._registry)
    plan_classes = {
        obj
        for obj in vars(plan_models).values()
        if isinstance(obj, type) and getattr(obj, "_meta", None) and obj._meta.app_label == "plans"
    }
    assert not registered & plan_classes


@pytest.mark.parametrize(
    "path",
    [
        "/admin/network/organisation/",
        "/admin/domains/leefdomein/",
        "/admin/domains/checklistitem/",
        "/admin/domains/plantemplate/",
        "/admin/domains/plantemplate/add/",
    ],
)
def test_coordinator_manages_catalogues_and_organisations(coordinator, client_for, path):
    assert client_for(coordinator).get(path).status_code == 200


def test_template_admin_edits_suggested_goals_inline(coordinator, client_for):
    from domains.models import PlanTemplate

    template = PlanTemplate.objects.get(doelgroep="lvb")
    html = (
        client_for(coordinator)
        .get(f"/admin/domains/plantemplate/{template.pk}/change/")
        .content.decode()
    )
    assert template.goals.first().text in html


def test_admin_index_lists_no_plans_section(coordinator, client_for):
    html = client_for(coordinator).get("/admin/").content.decode()
    assert "/admin/plans/" not in html
