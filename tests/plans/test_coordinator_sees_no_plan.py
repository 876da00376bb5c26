"""A gemeente coordinator keeps catalogues and reads figures, and never reaches a plan's content:
not through /plannen/, not through the admin, not through a CSV."""

import re

import pytest
from django.test import Client

from plans import services
from plans.models import AccessLogEntry, DomainAssessment, RiskAssessment
from tests.test_access_matrix import _url, guarded_urls, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

SECRETS = ("Geheim-doel-7391", "Geheime-actie-7391", "Geheim-verhaal-7391", "Geheim-risico-7391")


@pytest.fixture
def secret_plan(world):  # noqa: F811
    plan, people, kwargs = world
    regisseur = people["regisseur"]
    from domains.models import Leefdomein

    goal = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.get(code="werk"), text=SECRETS[0]
    )
    services.action_create(goal=goal, actor=regisseur, text=SECRETS[1])
    services.story_item_add(plan=plan, actor=people["jongere"], kind="droom", text=SECRETS[2])
    DomainAssessment.objects.filter(plan=plan).update(situation=SECRETS[2])
    RiskAssessment.objects.update_or_create(plan=plan, defaults={"risk_factors": SECRETS[3]})
    return plan, people, kwargs


@pytest.mark.parametrize("name", [n for n in guarded_urls() if n.startswith("plans:")])
def test_a_coordinator_gets_404_on_every_plan_page(secret_plan, coordinator, client_for, name):
    plan, _people, kwargs = secret_plan
    assert plan.goals.filter(text=SECRETS[0]).exists()
    client = client_for(coordinator)
    url = _url(name, kwargs)
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    assert response.status_code == 404, (name, response.status_code)
    assert AccessLogEntry.objects.filter(actor=coordinator, outcome="refused").exists()


def test_a_coordinator_finds_no_plan_text_on_any_admin_page(secret_plan, coordinator, client_for):
    client = client_for(coordinator)
    seen, todo = set(), ["/admin/"]
    while todo and len(seen) < 400:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for secret in SECRETS:
            assert secret not in html, (url, secret)
        for link in re.findall(r'href="(/admin/[^"#]*)"', html):
            link = link.replace("&amp;", "&")
            if "logout" not in link and "password" not in link and "delete" not in link:
                todo.append(link)
    assert "/admin/network/organisation/" in seen
    assert not any(url.startswith("/admin/plans/accesslogentry") for url in seen)


def test_a_coordinator_finds_no_plan_text_in_the_figures_or_their_csv(
    secret_plan, coordinator, client_for
):
    client = client_for(coordinator)
    page = client.get("/cijfers/")
    everything = page.content.decode()
    for table in page.context["tables"]:
        everything += client.get(f"/cijfers/{table.slug}.csv").content.decode()
    for secret in SECRETS:
        assert secret not in everything
    assert secret_plan[0].jongere.last_name not in everything


def test_the_caseload_of_a_coordinator_lists_no_plan(secret_plan, coordinator, client_for):
    html = client_for(coordinator).get("/plannen/").content.decode()
    assert secret_plan[0].jongere.last_name not in html
    assert str(secret_plan[0].uuid) not in html


def test_signed_out_nobody_reaches_the_csv():
    response = Client().get("/cijfers/fasen.csv")
    assert response.status_code == 302
