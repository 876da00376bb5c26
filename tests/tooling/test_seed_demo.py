import pytest
from django.core.management import call_command
from django.utils import timezone

from network.models import Jongere, NetworkMember, Organisation, User
from plans.models import AccessLogEntry, Action, Goal, PlanRole, Toekomstplan

pytestmark = pytest.mark.django_db

MODELS = (
    User,
    Organisation,
    Jongere,
    NetworkMember,
    Toekomstplan,
    PlanRole,
    Goal,
    Action,
    AccessLogEntry,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_twice_gives_the_same_counts(capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    output = capsys.readouterr().out
    assert "sanne@demo.toekomstplan.nl" in output and "demo-toekomstplan" in output


def test_demo_gemeente_has_the_promised_people_and_plans():
    call_command("seed_demo")
    assert Organisation.objects.count() == 3
    assert set(Organisation.objects.values_list("kind", flat=True)) == {
        "wijkteam",
        "jeugdhulp",
        "onderwijs",
    }
    assert User.objects.filter(memberships__isnull=False).distinct().count() == 4
    assert User.objects.filter(is_staff=True, is_superuser=False).count() == 1
    today = timezone.localdate()
    ages = sorted(round(y + m / 12, 2) for y, m in (j.age_on(today) for j in Jongere.objects.all()))
    assert ages == [15.75, 16.25, 16.75, 17.75, 18.5, 22.0]
    plans = Toekomstplan.objects.all()
    assert {p.phase for p in plans} == {"wie", "wat", "hoe"}
    assert {p.status for p in plans} == {"actief", "losgelaten"}
    assert NetworkMember.objects.filter(is_jim=True).count() == 2
    assert PlanRole.objects.filter(role="jim").count() == 2
    goal_domains = set(Goal.objects.values_list("leefdomein__code", flat=True))
    assert len(goal_domains) >= 4
    assert Action.objects.filter(done_at__isnull=True).exists()
    assert Action.objects.filter(done_at__isnull=False).exists()
