"""The data migration loads the default reminder rules from the ages that matter."""

import importlib

import pytest

from plans.models import ReminderRule

pytestmark = pytest.mark.django_db

migration = importlib.import_module("plans.migrations.0008_load_reminder_rules")


def test_the_default_rules_cover_the_ages_that_matter():
    ages = set(ReminderRule.objects.filter(trigger="age").values_list("age_years", "age_months"))
    assert ages == {
        (16, 0),
        (16, 6),
        (16, 11),
        (17, 6),
        (17, 9),
        (18, 0),
        (18, 1),
        (22, 6),
        (26, 6),
    }
    assert set(ReminderRule.objects.values_list("trigger", flat=True)) == {
        "age",
        "action_due_tomorrow",
        "action_overdue",
        "review_passed",
    }
    start = ReminderRule.objects.get(code="start-16-regisseur")
    assert start.audience == "regisseur"
    assert "zonder" in start.message and "signaal" in start.message
    assert ReminderRule.objects.get(code="aanvragen-17-9").audience == "professionals"
    assert all(rule.is_active for rule in ReminderRule.objects.all())


def test_loading_again_changes_nothing_and_unloading_removes_them():
    from django.apps import apps

    before = ReminderRule.objects.count()
    migration.load(apps, None)
    assert ReminderRule.objects.count() == before == len(migration.RULES)
    migration.unload(apps, None)
    assert ReminderRule.objects.count() == 0
