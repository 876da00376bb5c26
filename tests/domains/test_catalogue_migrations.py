"""The data migrations load the catalogue the whole product builds on."""

import pytest

from domains.models import Big5, ChecklistItem, Leefdomein, PlanTemplate
from network.models import Doelgroep

pytestmark = pytest.mark.django_db


def test_eight_leefdomeinen_each_in_one_big5_pillar():
    domains = {d.code: d for d in Leefdomein.objects.all()}
    assert list(domains) == [
        "wonen",
        "school",
        "werk",
        "inkomen",
        "vrienden",
        "relaties",
        "vrije_tijd",
        "zorg",
    ]
    assert {d.big5 for d in domains.values()} == set(Big5.values)
    assert domains["school"].big5 == domains["werk"].big5 == "school_werk"
    assert all(d.explanation.endswith(("?", ".")) for d in domains.values())


def test_checklist_catalogue_has_at_least_twenty_items_with_b1_explanation_and_age():
    items = list(ChecklistItem.objects.all())
    assert len(items) >= 20
    for item in items:
        assert 14 <= item.from_age <= 27
        assert item.explanation
        sentences = [s for s in item.explanation.replace("?", ".").split(".") if s.strip()]
        assert max(len(s.split()) for s in sentences) <= 22, item.code  # short sentences (B1)
        assert set(item.doelgroepen) <= set(Doelgroep.values)
    codes = {item.code for item in items}
    assert {"digid", "zorgverzekering", "zorgtoeslag", "bankrekening", "woningzoekende"} <= codes
    assert ChecklistItem.objects.get(code="bewind_mentorschap").doelgroepen == ["lvb"]


def test_a_template_for_every_doelgroep_with_goals_and_checklist_items():
    templates = PlanTemplate.objects.prefetch_related("goals", "checklist_items")
    assert {t.doelgroep for t in templates} == set(Doelgroep.values)
    for template in templates:
        assert template.goals.count() >= 3
        assert template.checklist_items.count() >= 3
