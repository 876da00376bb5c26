"""Coordinators keep the catalogues in the admin, and never see a plan's content there."""

import re

import pytest
from django.contrib import admin
from django.core.management import call_command

from network.services import coordinator_group_ensure
from plans import models as plan_models
from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    user = UserFactory(is_staff=True)
    user.groups.add(coordinator_group_ensure())
    return user


def test_no_plan_content_model_is_registered_in_the_admin():
    registered = set(admin.site._registry)
    plan_classes = {
        obj
        for obj in vars(plan_models).values()
        if isinstance(obj, type) and getattr(obj, "_meta", None) and obj._meta.app_label == "plans"
    }
    assert registered & plan_classes == {plan_models.AccessLogEntry, plan_models.ReminderRule}


def test_access_log_cannot_be_altered_or_deleted_from_the_admin(plan, client_for):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(superuser)
    entry = plan_models.AccessLogEntry.objects.filter(plan=plan).first()
    change_url = f"/admin/plans/accesslogentry/{entry.pk}/change/"
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    client.post(change_url, {"action": "delete", "outcome": "refused"})
    assert client.get(f"/admin/plans/accesslogentry/{entry.pk}/delete/").status_code == 403
    client.post(
        "/admin/plans/accesslogentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    entry.refresh_from_db()
    assert entry.action == "create"
    assert plan_models.AccessLogEntry.objects.filter(pk=entry.pk).exists()
    call_command("verify_access_log")


def test_coordinators_do_not_see_the_access_log_in_the_admin(coordinator, client_for, plan):
    assert client_for(coordinator).get("/admin/plans/accesslogentry/").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/admin/network/organisation/",
        "/admin/domains/leefdomein/",
        "/admin/domains/checklistitem/",
        "/admin/domains/plantemplate/",
        "/admin/domains/plantemplate/add/",
        "/admin/plans/reminderrule/",
        "/admin/plans/reminderrule/add/",
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


def test_admin_index_lists_no_plan_content(coordinator, client_for):
    html = client_for(coordinator).get("/admin/").content.decode()
    links = set(re.findall(r'href="(/admin/plans/[^"]*)"', html))
    assert links <= {
        "/admin/plans/",
        "/admin/plans/reminderrule/",
        "/admin/plans/reminderrule/add/",
    }
    assert "/admin/plans/reminderrule/" in links


def test_coordinator_adds_a_reminder_rule_and_an_age_rule_needs_an_age(coordinator, client_for):
    client = client_for(coordinator)
    data = {
        "name": "Bijna 19",
        "code": "bijna-19",
        "is_active": "on",
        "order": "5",
        "trigger": "age",
        "age_years": "",
        "age_months": "11",
        "audience": "jongere",
        "title": "Bijna 19",
        "message": "Hoe gaat het, {naam}?",
    }
    response = client.post("/admin/plans/reminderrule/add/", data)
    assert response.status_code == 200
    assert not plan_models.ReminderRule.objects.filter(code="bijna-19").exists()
    response = client.post("/admin/plans/reminderrule/add/", {**data, "age_years": "18"})
    assert response.status_code == 302
    rule = plan_models.ReminderRule.objects.get(code="bijna-19")
    assert (rule.age_years, rule.age_months, rule.audience) == (18, 11, "jongere")


def _jongere_form(**overrides) -> dict:
    return {
        "first_name": "Milan",
        "last_name": "de Groot",
        "birth_date": "2009-03-01",
        "gemeente": "Demodorp",
        "doelgroepen": "[]",
        "known_by": "",
        **overrides,
    }


def test_the_admin_refuses_a_birth_date_outside_12_to_27_and_the_caseload_keeps_working(
    plan, regisseur, client_for
):
    """Issue 19: 9999-12-31 set in the admin made the caseload of everyone in the plan a 500."""
    superuser = UserFactory(is_staff=True, is_superuser=True)
    url = f"/admin/network/jongere/{plan.jongere.pk}/change/"
    before = plan.jongere.birth_date
    for attack in ("9999-12-31", "1900-01-01"):
        response = client_for(superuser).post(url, _jongere_form(birth_date=attack))
        assert response.status_code == 200
        assert "Een jongere in toekomstplan is tussen 12 en 27 jaar oud." in (
            response.content.decode()
        )
    plan.jongere.refresh_from_db()
    assert plan.jongere.birth_date == before
    assert client_for(regisseur).get("/plannen/").status_code == 200
