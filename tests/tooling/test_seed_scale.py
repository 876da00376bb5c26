"""seed_scale: a synthetic gemeente in bulk whose access log verifies, with the bench logins."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from network.models import Jongere, User
from plans.models import AccessLogEntry, AccessLogHead, Action, Goal, PlanRole, Toekomstplan
from tests.conftest import confirm_second_factor
from tooling.scale import BENCH_TOTP_SECRET, BENCH_USER_AGENT, GEMEENTE, bench_professional_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(tmp_path):
    out = StringIO()
    if connection.vendor == "postgresql":
        # The bulk load skips reference checks where it may; in this test every check runs.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    bench_file = tmp_path / "targets.json"
    call_command("seed_scale", "--jongeren", "200", "--bench-file", str(bench_file), stdout=out)
    return out.getvalue(), json.loads(bench_file.read_text())


def test_seed_scale_builds_a_gemeente_whose_access_log_verifies(built):
    output, _targets = built
    assert Jongere.objects.filter(gemeente=GEMEENTE).count() == 200
    assert Toekomstplan.objects.count() == 200
    assert set(Toekomstplan.objects.values_list("phase", flat=True)) == {"wie", "wat", "hoe"}
    assert AccessLogEntry.objects.filter(plan__isnull=False).count() > 200 * 4
    assert AccessLogHead.objects.count() == 200
    verified = StringIO()
    call_command("verify_access_log", stdout=verified)
    assert "Access log intact" in verified.getvalue()
    assert "200/200 jongeren" in output  # progress is shown


def test_seed_scale_spreads_birth_dates_over_ages_15_to_27(built):
    today = datetime.date.today()
    ages = {j.age_on(today)[0] for j in Jongere.objects.all()}
    assert min(ages) >= 15 and max(ages) <= 27 and len(ages) >= 10


def test_seed_scale_gives_the_bench_a_caseload_of_300_and_a_large_plan(built):
    output, targets = built
    first = User.objects.get(email=bench_professional_email(1))
    assert PlanRole.objects.filter(user=first, revoked_at__isnull=True).count() == 200  # all
    big = Toekomstplan.objects.get(uuid=targets["big_plan_uuid"])
    assert Goal.objects.filter(plan=big).count() == 60
    assert Action.objects.filter(goal__plan=big).count() == 300
    assert targets["totp_secret"] == BENCH_TOTP_SECRET
    assert targets["writable_actions"]
    assert bench_professional_email(1) in output and "TOTP secret" in output


def test_a_bench_professional_opens_the_large_plan_with_its_roles_and_permissions(built):
    _output, targets = built
    professional = User.objects.get(email=targets["professionals"][1])
    client = Client()
    client.force_login(professional)
    confirm_second_factor(client, professional)
    response = client.get(f"/plannen/{targets['big_plan_uuid']}/hoe/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<article class="tp-goal"') == 10  # the first page of its 60 goals
    assert html.count('<li class="tp-action') == 50
    jongere = User.objects.get(email=targets["jongeren"][0])
    assert jongere.check_password(targets["password"])


def test_seed_scale_reuses_what_is_there_and_refuses_another_size(built):
    out = StringIO()
    call_command("seed_scale", "--jongeren", "200", stdout=out)
    assert "Reusing" in out.getvalue()
    assert Jongere.objects.count() == 200
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("seed_scale", "--jongeren", "300", stdout=StringIO())


def test_seed_scale_rebuild_refuses_a_database_with_real_people(built, regisseur):
    with pytest.raises(CommandError, match="not scale data"):
        call_command("seed_scale", "--jongeren", "200", "--rebuild", stdout=StringIO())
    assert Jongere.objects.filter(gemeente=GEMEENTE).count() == 200


def test_a_rerun_on_reused_data_opens_again_what_the_bench_completed(built, tmp_path):
    _output, targets = built
    professional = User.objects.get(email=bench_professional_email(2))
    client = Client(HTTP_USER_AGENT=BENCH_USER_AGENT)
    client.force_login(professional)
    confirm_second_factor(client, professional)
    plan_uuid, action_uuid = targets["writable_actions"][0]
    response = client.post(
        f"/plannen/{plan_uuid}/hoe/acties/{action_uuid}/klaar/",
        {"version": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Action.objects.get(uuid=action_uuid).done_at is not None
    bench_file = tmp_path / "again.json"
    call_command(
        "seed_scale", "--jongeren", "200", "--bench-file", str(bench_file), stdout=StringIO()
    )
    assert Action.objects.get(uuid=action_uuid).done_at is None
    assert [plan_uuid, action_uuid] in json.loads(bench_file.read_text())["writable_actions"]
    assert AccessLogEntry.objects.filter(object_uuid=action_uuid, action="update").exists()
