"""Pages kept in memory per data version (plans.fragments): never stale, never shared, logged."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from domains.models import Leefdomein
from network.models import Membership, NetworkMember
from plans import services
from plans.fragments import SealedSerializer
from plans.models import AccessLogEntry
from tests.conftest import caseload_rows, confirm_second_factor
from tests.network.factories import JongereFactory, UserFactory

pytestmark = pytest.mark.django_db


def werk():
    return Leefdomein.objects.get(code="werk")


def plan_url(name, plan):
    return reverse(f"plans:{name}", kwargs={"plan_uuid": plan.uuid})


def seen(client, url: str) -> str:
    """The page as a returning viewer gets it: the first visit sets the CSRF cookie, and
    pages are kept from the second on."""
    client.get(url)
    return client.get(url).content.decode()


def plans_by_name(plans):
    return sorted(plans, key=lambda plan: (plan.jongere.last_name, plan.jongere.first_name))


def open_actions_in_caseload(html: str) -> int:
    return int(re.search(r'<td class="utrecht-table__cell tp-num"[^>]*>(\d+)</td>', html)[1])


def test_a_change_shows_on_the_next_view_of_each_kept_page(plan, jongere, regisseur, client_for):
    me, they = client_for(regisseur), client_for(jongere.user)
    before = {
        "overview": seen(me, plan_url("plan_detail", plan)),
        "hoe": seen(me, plan_url("plan_hoe", plan)),
        "caseload": seen(me, reverse("plans:plan_list")),
        "portal": seen(they, reverse("portal:home")),
    }
    assert "Stage zoeken" not in before["overview"] + before["hoe"]
    assert open_actions_in_caseload(before["caseload"]) == 0

    goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=werk(), text="Stage zoeken")
    services.action_create(goal=goal, actor=regisseur, text="Cv maken")

    assert "Stage zoeken" in me.get(plan_url("plan_detail", plan)).content.decode()
    assert "Cv maken" in me.get(plan_url("plan_hoe", plan)).content.decode()
    assert open_actions_in_caseload(me.get(reverse("plans:plan_list")).content.decode()) == 1
    portal = they.get(reverse("portal:home")).content.decode()
    assert "Cv maken" in portal and portal != before["portal"]


def test_a_new_plan_in_the_caseload_shows_at_once(plan, regisseur, organisation, client_for):
    me = client_for(regisseur)
    assert "1 plan" in seen(me, reverse("plans:plan_list"))
    services.plan_create(
        actor=regisseur, jongere=JongereFactory(last_name="Nieuwkomer"), organisation=organisation
    )
    html = me.get(reverse("plans:plan_list")).content.decode()
    assert "2 plannen" in html and "Nieuwkomer" in html


def test_every_view_is_logged_also_when_the_page_came_from_memory(
    plan, jongere, regisseur, client_for
):
    me, they = client_for(regisseur), client_for(jongere.user)
    for _ in range(3):
        assert me.get(plan_url("plan_detail", plan)).status_code == 200
        assert me.get(plan_url("plan_hoe", plan)).status_code == 200
        assert me.get(reverse("plans:plan_list")).status_code == 200
        assert they.get(reverse("portal:home")).status_code == 200
    views = AccessLogEntry.objects.filter(action="view")
    pages = [e.detail.get("page") for e in views.filter(plan=plan)]
    assert pages.count("overview") == 3 and pages.count("hoe") == 3
    assert pages.count("portal") == 3
    caseload = views.filter(actor=regisseur, object_type="caseload")
    assert caseload.count() == 3
    assert all(e.detail["plans"] == [str(plan.uuid)] for e in caseload)
    portal = views.filter(actor=jongere.user, detail__page="portal").first()
    assert portal.role == "jongere" and portal.detail["sections"]


def test_a_kept_page_is_never_shown_to_someone_else(plan, jongere, regisseur, client_for):
    member = NetworkMember.objects.create(
        jongere=jongere, name="Kees", relation="mentor", is_jim=True, user=UserFactory()
    )
    services.role_grant(
        plan=plan, actor=regisseur, user=member.user, role="jim", network_member=member
    )
    owner = seen(client_for(jongere.user), reverse("portal:home"))
    jim = seen(client_for(member.user), reverse("portal:home"))
    assert "Jouw mensen" in owner and "Jouw mensen" not in jim
    assert "Mensen in het plan" in jim


def test_forms_on_a_kept_page_carry_a_token_of_the_viewers_own_session(plan, regisseur):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (first, second):
        client.force_login(regisseur)
        confirm_second_factor(client, regisseur)
    url = plan_url("plan_hoe", plan)
    first.get(url)
    page = second.get(url).content.decode()
    main = page[page.index("<main") :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', main)[1]
    response = second.post(
        plan_url("goal_new", plan),
        {"leefdomein": "werk", "text": "Rijbewijs", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert "Rijbewijs" in second.get(url).content.decode()


def test_overdue_actions_follow_the_day(plan, regisseur, client_for):
    evening = timezone.make_aware(
        timezone.datetime.combine(timezone.localdate(), timezone.datetime.min.time())
    ) + timedelta(hours=23, minutes=58)
    with time_machine.travel(evening, tick=False) as clock:
        goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=werk(), text="Werk")
        services.action_create(
            goal=goal, actor=regisseur, text="Bellen", due_date=timezone.localdate()
        )
        me = client_for(regisseur)
        assert "tp-overdue" not in seen(me, plan_url("plan_detail", plan))
        clock.shift(timedelta(minutes=4))  # past midnight: the action is late now
        assert "tp-overdue" in me.get(plan_url("plan_detail", plan)).content.decode()


def test_every_logged_change_moves_the_data_version_and_a_view_does_not(
    plan, regisseur, client_for
):
    plan.refresh_from_db()
    start = plan.data_version
    client_for(regisseur).get(plan_url("plan_detail", plan))
    plan.refresh_from_db()
    assert plan.data_version == start
    goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=werk(), text="Een")
    services.goal_update(
        goal=goal, actor=regisseur, expected_version=goal.version, text="Twee", leefdomein=werk()
    )
    plan.refresh_from_db()
    assert plan.data_version == start + 2


def test_plan_content_is_kept_in_the_workers_memory_not_in_redis(
    plan, jongere, regisseur, client_for
):
    services.goal_create(plan=plan, actor=regisseur, leefdomein=werk(), text="Geheim doel")
    assert "Geheim doel" in seen(client_for(regisseur), plan_url("plan_detail", plan))
    seen(client_for(jongere.user), reverse("portal:home"))
    store = getattr(cache, "_cache", None)
    if hasattr(store, "get_client"):  # Redis
        client = store.get_client(None, write=False)
        stored = b"".join(client.get(key) or b"" for key in client.scan_iter("*"))
    else:
        stored = b"".join(v if isinstance(v, bytes) else b"" for v in store.values())
    assert b"Geheim doel" not in stored
    assert jongere.last_name.encode() not in stored


def test_a_page_seen_before_is_answered_in_a_handful_of_queries(
    big_plan, jongere, regisseur, client_for, django_assert_max_num_queries
):
    me, they = client_for(regisseur), client_for(jongere.user)
    pages = [
        (me, plan_url("plan_detail", big_plan), 7),
        (me, plan_url("plan_hoe", big_plan), 6),
        (me, reverse("plans:plan_list"), 9),
        (they, reverse("portal:home"), 8),
    ]
    for client, url, budget in pages:
        seen(client, url)
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


def test_kept_pages_are_sealed_and_open_only_under_the_same_secret_key(settings):
    sealed = SealedSerializer().dumps(("key", "<h1>Milan de Vries</h1>"))
    assert b"Milan" not in sealed
    assert SealedSerializer().loads(sealed) == ("key", "<h1>Milan de Vries</h1>")
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    assert SealedSerializer().loads(tampered) is None
    settings.SECRET_KEY = "another-secret-key-after-rotation-0123456789abcdef"
    assert SealedSerializer().loads(sealed) is None


def test_a_caseload_row_kept_for_one_person_shows_nothing_more_to_another(
    plan, organisation, regisseur, professional_factory, client_for
):
    lead = professional_factory(organisation=organisation)
    Membership.objects.filter(user=lead).update(is_team_lead=True)
    mine = seen(client_for(regisseur), reverse("plans:plan_list"))
    theirs = seen(client_for(lead), reverse("plans:plan_list"))
    link = f'href="/plannen/{plan.uuid}/"'
    assert link in mine and "tp-big5__pillar" in mine
    assert plan.jongere.last_name in theirs
    assert link not in theirs and "tp-big5__pillar" not in theirs


def test_a_change_in_one_plan_shows_in_its_caseload_row(plan, regisseur, organisation, client_for):
    others = [
        services.plan_create(actor=regisseur, jongere=JongereFactory(), organisation=organisation)
        for _ in range(3)
    ]
    me = client_for(regisseur)
    before = caseload_rows(seen(me, reverse("plans:plan_list")))
    goal = services.goal_create(
        plan=plans_by_name(others)[0], actor=regisseur, leefdomein=werk(), text="Werk"
    )
    services.action_create(goal=goal, actor=regisseur, text="Bellen")
    after = caseload_rows(me.get(reverse("plans:plan_list")).content.decode())
    changed = [b["name"] for b, a in zip(before, after, strict=True) if a != b]
    assert changed == [plans_by_name(others)[0].jongere.full_name]


def test_a_handover_shows_on_the_successors_caseload_at_once_and_goes_when_withdrawn(
    plan, organisation, regisseur, professional_factory, client_for
):
    successor = professional_factory()
    them = client_for(successor)
    assert "Overdrachten die op u wachten" not in seen(them, reverse("plans:plan_list"))
    handover = services.handover_propose(
        plan=plan,
        actor=regisseur,
        to_user=successor,
        to_organisation=successor.memberships.get().organisation,
        note="Zij kent Milan al.",
    )
    html = them.get(reverse("plans:plan_list")).content.decode()
    assert "Overdrachten die op u wachten" in html and plan.jongere.full_name in html
    services.handover_cancel(handover=handover, actor=regisseur)
    assert "Overdrachten die op u wachten" not in seen(them, reverse("plans:plan_list"))
