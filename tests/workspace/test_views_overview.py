import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import services
from plans.models import AccessLogEntry, PlanRole
from tests.conftest import add_goals
from tests.network.factories import JongereFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(plan):
    return reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})


def test_regisseur_sees_wie_wat_hoe_with_all_eight_leefdomeinen(plan, regisseur, client_for):
    add_goals(plan, regisseur, goals=2, actions_per_goal=2)
    response = client_for(regisseur).get(url(plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="tp-domain"') == 8
    for name in (
        "Wonen",
        "School",
        "Werk",
        "Inkomen",
        "Vrienden",
        "Relaties",
        "Vrije tijd",
        "Zorg",
    ):
        assert name in html
    assert plan.jongere.full_name in html
    assert "Doel 1" in html and "open actie" in html  # HOE summed up; its actions are on HOE


def test_the_view_is_logged_with_role_and_organisation(plan, regisseur, organisation, client_for):
    client_for(regisseur).get(url(plan), HTTP_USER_AGENT="Testbrowser/1.0")
    entry = AccessLogEntry.objects.filter(plan=plan, action="view").get()
    assert entry.actor == regisseur
    assert entry.role == "regisseur"
    assert entry.organisation == organisation
    assert entry.ip_address == "127.0.0.1"
    assert entry.user_agent == "Testbrowser/1.0"


def test_a_stranger_gets_404_and_the_refusal_is_logged(plan, stranger, client_for):
    response = client_for(stranger).get(url(plan))
    assert response.status_code == 404
    assert plan.jongere.last_name not in response.content.decode()
    entry = AccessLogEntry.objects.get(plan=plan, actor=stranger)
    assert entry.action == "refused" and entry.outcome == "refused"


def test_a_missing_plan_looks_exactly_like_a_forbidden_one(plan, stranger, client_for):
    client = client_for(stranger)
    unknown = uuid.uuid4()
    forbidden = client.get(url(plan))
    missing = client.get(reverse("plans:plan_detail", kwargs={"plan_uuid": unknown}))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
    refused = AccessLogEntry.objects.get(plan=None, actor=stranger, action="refused")
    assert refused.object_uuid == unknown


def test_a_superuser_without_a_role_gets_404(plan, client_for):
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert client_for(admin).get(url(plan)).status_code == 404


def test_a_jim_does_not_open_the_professional_overview(plan, regisseur, client_for):
    jim = UserFactory()
    services.role_grant(plan=plan, actor=regisseur, user=jim, role=PlanRole.Role.JIM)
    assert client_for(jim).get(url(plan)).status_code == 404


def test_anonymous_is_sent_to_login(plan, client):
    response = client.get(url(plan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_revoked_role_gives_404_on_the_next_request(
    plan, regisseur, professional_factory, client_for
):
    colleague = professional_factory()
    role = services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    client = client_for(colleague)
    assert client.get(url(plan)).status_code == 200
    services.role_revoke(plan_role=role, actor=regisseur)
    assert client.get(url(plan)).status_code == 404


def _count_queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_plan(regisseur, organisation, client_for):
    small = services.plan_create(
        actor=regisseur, jongere=JongereFactory(), organisation=organisation
    )
    add_goals(small, regisseur, goals=3, actions_per_goal=1)
    big = services.plan_create(actor=regisseur, jongere=JongereFactory(), organisation=organisation)
    add_goals(big, regisseur, goals=60, actions_per_goal=5)
    assert big.goals.count() == 60
    client = client_for(regisseur)
    _count_queries(client, url(small))  # warm up session and content types
    assert _count_queries(client, url(small)) == _count_queries(client, url(big))


def test_overview_of_a_big_plan_stays_within_its_query_budget(
    big_plan, regisseur, client_for, django_assert_max_num_queries
):
    client = client_for(regisseur)
    client.get(url(big_plan))
    with django_assert_max_num_queries(15):
        response = client.get(url(big_plan))
    assert response.status_code == 200
    assert response.content.decode().count('<li class="tp-goal-line"') == 60


def test_the_overview_counts_each_goals_open_and_overdue_actions_and_links_to_it_on_hoe(
    plan, regisseur, client_for
):
    add_goals(plan, regisseur, goals=13, actions_per_goal=5)  # each: 2 overdue, 3 due later
    html = client_for(regisseur).get(url(plan)).content.decode()
    assert html.count("5 open acties") == 13 and html.count("2 te laat") == 13
    assert "65" in html.split("Open acties", 1)[1][:200]  # the plan's total
    hoe = reverse("plans:plan_hoe", kwargs={"plan_uuid": plan.uuid})
    goal = plan.goals.get(text="Doel 0")
    assert f'href="{hoe}?leefdomein={goal.leefdomein.code}#doel-{goal.uuid}"' in html


def test_behind_a_trusted_proxy_the_client_address_is_logged(plan, regisseur, client_for, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client_for(regisseur).get(
        url(plan), HTTP_X_FORWARDED_FOR="10.9.8.7, 203.0.113.5", REMOTE_ADDR="172.18.0.2"
    )
    entry = AccessLogEntry.objects.filter(plan=plan, action="view").get()
    assert entry.ip_address == "203.0.113.5"
