"""HOE a page of goals at a time, per leefdomein; the add-an-action form fetched when opened."""

import re

import pytest
from django.urls import reverse

from domains.models import Leefdomein
from plans.models import AccessLogEntry, Action, Goal
from tests.conftest import add_goals

pytestmark = pytest.mark.django_db


def hoe(plan, query=""):
    return reverse("plans:plan_hoe", kwargs={"plan_uuid": plan.uuid}) + query


def goal_texts(html):
    return re.findall(r'class="utrecht-heading-3 tp-goal__title"[^>]*>([^<]+)<', html)


@pytest.fixture
def filled(plan, regisseur):
    # 25 goals, given to the 8 leefdomeinen in turn: "Doel 0", 8, 16 and 24 share one.
    return add_goals(plan, regisseur, goals=25, actions_per_goal=2)


def test_hoe_shows_ten_goals_a_page_in_leefdomein_order_and_pages_on(filled, regisseur, client_for):
    client = client_for(regisseur)
    pages = [client.get(hoe(filled, f"?pagina={n}")) for n in (1, 2, 3)]
    assert all(page.status_code == 200 for page in pages)
    seen = [goal_texts(page.content.decode()) for page in pages]
    assert [len(s) for s in seen] == [10, 10, 5]
    listed = [text for page in seen for text in page]
    assert sorted(listed) == sorted(f"Doel {i}" for i in range(25))  # each goal once
    order = list(
        Goal.objects.filter(plan=filled)
        .order_by("leefdomein__order", "created_at", "pk")
        .values_list("text", flat=True)
    )
    assert listed == order
    assert "Pagina 1 van 3" in pages[0].content.decode()


def test_a_leefdomein_filter_shows_only_its_goals_and_marks_its_chip(filled, regisseur, client_for):
    domain = Goal.objects.get(plan=filled, text="Doel 0").leefdomein
    response = client_for(regisseur).get(hoe(filled, f"?leefdomein={domain.code}"))
    html = response.content.decode()
    assert sorted(goal_texts(html)) == ["Doel 0", "Doel 16", "Doel 24", "Doel 8"]
    assert re.search(
        rf'<a class="tp-chip" href="\?leefdomein={domain.code}" aria-current="page">{domain.name}',
        html,
    )
    assert 'Alle <span class="tp-chip__count">25</span>' in html


def test_an_unknown_leefdomein_is_named_and_every_goal_stays_reachable(
    filled, regisseur, client_for
):
    response = client_for(regisseur).get(hoe(filled, "?leefdomein=maan"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit plan heeft geen doelen op dat leefdomein" in html
    assert len(goal_texts(html)) == 10


def test_a_page_number_past_the_end_shows_the_last_page(filled, regisseur, client_for):
    for query in ("?pagina=99", "?pagina=abc"):
        response = client_for(regisseur).get(hoe(filled, query))
        assert response.status_code == 200
    assert "Pagina 3 van 3" in client_for(regisseur).get(hoe(filled, "?pagina=99")).content.decode()


def test_the_add_action_form_comes_when_asked_with_everyone_who_can_do_it(
    filled, regisseur, client_for
):
    client = client_for(regisseur)
    page = client.get(hoe(filled)).content.decode()
    assert "Wie doet het?" not in page  # no form per goal in the page itself
    goal = Goal.objects.filter(plan=filled).first()
    url = reverse("plans:action_new", kwargs={"plan_uuid": filled.uuid, "goal_uuid": goal.uuid})
    assert f'hx-get="{url}"' in page and f'href="{url}"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<form") and "<html" not in fragment
    assert "Wie doet het?" in fragment and str(regisseur.first_name) in fragment
    assert AccessLogEntry.objects.filter(
        actor=regisseur, object_type="goal", object_uuid=goal.uuid, action="view"
    ).exists()
    whole = client.get(url).content.decode()  # without JavaScript: a page of its own
    assert "<html" in whole and "Wie doet het?" in whole and goal.text in whole


def test_without_javascript_a_refused_action_keeps_its_page_and_input(
    filled, regisseur, client_for
):
    goal = Goal.objects.filter(plan=filled).first()
    url = reverse("plans:action_new", kwargs={"plan_uuid": filled.uuid, "goal_uuid": goal.uuid})
    p = str(goal.uuid)
    response = client_for(regisseur).post(url, {f"{p}-text": "", f"{p}-assignee": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nog niet opgeslagen" in html and goal.text in html


def test_without_javascript_a_change_returns_to_the_goals_own_page_of_hoe(
    filled, regisseur, client_for
):
    domain = Leefdomein.objects.get(pk=Goal.objects.get(plan=filled, text="Doel 0").leefdomein_id)
    add_goals(filled, regisseur, goals=Leefdomein.objects.count() * 10, actions_per_goal=1)
    # now 14 on that domain: the last is on its second page
    last = Goal.objects.filter(plan=filled, leefdomein=domain).order_by("created_at", "pk").last()
    action = Action.objects.filter(goal=last).first()
    done = reverse(
        "plans:action_done", kwargs={"plan_uuid": filled.uuid, "action_uuid": action.uuid}
    )
    response = client_for(regisseur).post(done, {"version": action.version})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?leefdomein={domain.code}&pagina=2#doel-{last.uuid}")
    followed = client_for(regisseur).get(response["Location"].split("#")[0])
    assert f'id="doel-{last.uuid}"' in followed.content.decode()
