import pytest
from django.urls import reverse

from plans import services
from plans.models import AccessLogEntry
from tests.conftest import caseload_rows
from tests.network.factories import JongereFactory

pytestmark = pytest.mark.django_db

URL = reverse("plans:plan_list")


def test_caseload_lists_only_plans_with_a_role(plan, regisseur, stranger, organisation, client_for):
    other = services.plan_create(
        actor=stranger,
        jongere=JongereFactory(),
        organisation=stranger.memberships.get().organisation,
    )
    html = client_for(regisseur).get(URL).content.decode()
    assert plan.jongere.full_name in html
    assert other.jongere.full_name not in html


def test_caseload_shows_open_and_overdue_counts(big_plan, regisseur, client_for):
    row = caseload_rows(client_for(regisseur).get(URL).content.decode())[0]
    # age, milestone, phase, Big5, open, overdue, last activity
    assert row["cells"][4] == "300"
    assert row["cells"][5] == "120"  # two of every five actions were due before today


def test_caseload_is_paginated_and_bad_page_numbers_fall_back(
    regisseur, organisation, client_for, settings
):
    settings.PAGE_SIZE = 3
    for _ in range(7):
        services.plan_create(actor=regisseur, jongere=JongereFactory(), organisation=organisation)
    client = client_for(regisseur)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 3
    assert first.context["page"].paginator.num_pages == 3
    assert len(client.get(URL, {"pagina": 3}).context["page"].object_list) == 1
    assert client.get(URL, {"pagina": "abc"}).context["page"].number == 1
    assert client.get(URL, {"pagina": 999}).context["page"].number == 3


def test_caseload_queries_do_not_grow_with_the_caseload(
    regisseur, organisation, client_for, django_assert_max_num_queries, settings
):
    for _ in range(30):
        services.plan_create(actor=regisseur, jongere=JongereFactory(), organisation=organisation)
    client = client_for(regisseur)
    client.get(URL)
    with django_assert_max_num_queries(15):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == settings.PAGE_SIZE


def test_caseload_view_is_logged(plan, regisseur, client_for):
    client_for(regisseur).get(URL)
    entry = AccessLogEntry.objects.get(object_type="caseload")
    assert entry.actor == regisseur and entry.detail["plans"] == [str(plan.uuid)]


def test_caseload_needs_sign_in(client):
    assert client.get(URL).status_code == 302


HUGE = "99999999999999999999999"  # the review's attack: past any OFFSET the database takes


def test_a_page_number_beyond_any_database_offset_shows_the_last_page_not_a_server_error(
    regisseur, organisation, client_for, settings
):
    settings.PAGE_SIZE = 3
    for _ in range(4):
        services.plan_create(actor=regisseur, jongere=JongereFactory(), organisation=organisation)
    client = client_for(regisseur)
    response = client.get(URL, {"pagina": HUGE})
    assert response.status_code == 200
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 1
    plan = regisseur.plan_roles.first().plan
    for path in (f"/plannen/{plan.uuid}/hoe/", f"/plannen/{plan.uuid}/logboek/", "/meldingen/"):
        assert client.get(path, {"pagina": HUGE}).status_code == 200, path
