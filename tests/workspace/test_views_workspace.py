"""The professional's workspace: caseload, new plan, WIE, WAT, HOE, risicotaxatie, overdracht,
voortgang — what each page shows, what bad input gets, and that queries do not grow."""

import datetime

import pytest
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from domains.models import Leefdomein
from network.models import Jongere, Membership, NetworkMember
from plans import services
from plans.models import DomainAssessment, Goal, Handover, PlanRole, RiskAssessment, Toekomstplan
from tests.conftest import caseload_rows, many_plans
from tests.network.factories import JongereFactory

pytestmark = pytest.mark.django_db


def u(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"plan_uuid": plan.uuid, **kwargs})


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


# Caseload ---------------------------------------------------------------------------------


def test_caseload_query_count_is_the_same_for_2_and_500_plans(regisseur, organisation, client_for):
    client = client_for(regisseur)
    many_plans(regisseur, organisation, 2)
    client.get(reverse("plans:plan_list"))
    caches["fragments"].clear()  # both counted as rendered in full
    small = queries(client, reverse("plans:plan_list"))
    many_plans(regisseur, organisation, 498)
    caches["fragments"].clear()
    big = queries(client, reverse("plans:plan_list"))
    assert small == big
    html = client.get(reverse("plans:plan_list")).content.decode()
    assert "500 plannen" in html
    assert html.count('<th scope="row"') == 25


def test_caseload_shows_milestone_and_big5(plan, regisseur, client_for):
    plan.jongere.birth_date = timezone.localdate() - datetime.timedelta(days=int(17.8 * 365.25))
    plan.jongere.save()
    wonen = Leefdomein.objects.get(code="wonen")
    assessment = DomainAssessment.objects.get(plan=plan, leefdomein=wonen)
    services.domain_assess(
        plan=plan,
        actor=regisseur,
        leefdomein=wonen,
        expected_version=assessment.version,
        situation="",
        wish="",
        support_needed="licht",
        stability=2,
    )
    html = client_for(regisseur).get(reverse("plans:plan_list")).content.decode()
    assert "18 over 2 maanden" in html or "18 over 3 maanden" in html
    assert "tp-big5__pillar--2" in html


def test_caseload_filters_search_and_sorts(regisseur, organisation, client_for):
    today = timezone.localdate()
    near = services.plan_create(
        actor=regisseur,
        organisation=organisation,
        jongere=JongereFactory(
            first_name="Bram",
            birth_date=today.replace(year=today.year - 18) + datetime.timedelta(days=40),
        ),
    )
    far = services.plan_create(
        actor=regisseur,
        organisation=organisation,
        jongere=JongereFactory(
            first_name="Fleur",
            birth_date=today.replace(year=today.year - 19) - datetime.timedelta(days=200),
        ),
    )
    client = client_for(regisseur)

    def names(**params):
        html = client.get(reverse("plans:plan_list"), params).content.decode()
        return [row["name"].split()[0] for row in caseload_rows(html)]

    assert names(q="bra") == ["Bram"]
    assert names(milestone=3) == ["Bram"]
    assert set(names()) == {"Bram", "Fleur"}
    assert names(sort="leeftijd")[0] == "Bram"
    Toekomstplan.objects.filter(pk=far.pk).update(phase="hoe")
    assert names(phase="hoe") == ["Fleur"]
    goal = services.goal_create(
        plan=near, actor=regisseur, leefdomein=Leefdomein.objects.first(), text="Doel"
    )
    services.action_create(
        goal=goal, actor=regisseur, text="Bellen", due_date=today + datetime.timedelta(days=1)
    )
    from plans.models import Action

    Action.objects.filter(goal=goal).update(due_date=today - datetime.timedelta(days=3))
    assert names(overdue="on") == ["Bram"]
    assert names(sort="te_laat") == ["Bram", "Fleur"]  # most overdue first
    assert set(names(organisation=str(organisation.uuid))) == {"Bram", "Fleur"}


def test_a_bad_caseload_filter_gets_a_dutch_message(regisseur, client_for):
    response = client_for(regisseur).get(reverse("plans:plan_list"), {"milestone": "99"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_a_team_lead_sees_the_teams_plans_without_opening_them(
    plan, organisation, professional_factory, client_for
):
    lead = professional_factory(organisation=organisation)
    Membership.objects.filter(user=lead).update(is_team_lead=True)
    response = client_for(lead).get(reverse("plans:plan_list"))
    html = response.content.decode()
    assert escape(plan.jongere.full_name) in html  # (Faker makes names such as "d'Heripon")
    assert "team, geen rol" in html
    assert client_for(lead).get(u("plan_detail", plan)).status_code == 404


# New plan ----------------------------------------------------------------------------------


def test_a_new_plan_for_a_newly_registered_jongere_starts_in_wie(
    regisseur, organisation, client_for
):
    response = client_for(regisseur).post(
        reverse("plans:plan_new"),
        {
            "first_name": "Sem",
            "last_name": "Kok",
            "birth_date": "2009-05-01",
            "doelgroepen": ["lvb"],
            "organisation": str(organisation.uuid),
            "template": "lvb",
        },
    )
    plan = Toekomstplan.objects.get(jongere__first_name="Sem")
    assert response["Location"] == u("plan_wie", plan)
    assert plan.phase == "wie" and plan.goals.count() >= 3
    assert plan.jongere.doelgroepen == ["lvb"]


def test_a_new_plan_rejects_a_child_and_keeps_what_was_typed(regisseur, organisation, client_for):
    birth = (timezone.localdate() - datetime.timedelta(days=5 * 365)).isoformat()
    response = client_for(regisseur).post(
        reverse("plans:plan_new"),
        {
            "first_name": "Mila",
            "last_name": "Vos",
            "birth_date": birth,
            "organisation": str(organisation.uuid),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "tussen 12 en 27 jaar" in html
    assert 'value="Mila"' in html
    assert not Jongere.objects.filter(first_name="Mila").exists()


def test_a_jongere_gets_only_one_plan(plan, regisseur, organisation, client_for):
    Toekomstplan.objects.filter(pk=plan.pk)  # the jongere already has a plan
    other = JongereFactory(gemeente=organisation.gemeente)
    client_for(regisseur).post(
        reverse("plans:plan_new"),
        {"jongere": str(other.uuid), "organisation": str(organisation.uuid)},
    )
    assert Toekomstplan.objects.filter(jongere=other).count() == 1
    response = client_for(regisseur).post(
        reverse("plans:plan_new"),
        {"jongere": str(other.uuid), "organisation": str(organisation.uuid)},
    )
    assert response.status_code == 400  # no longer offered: it has a plan


# WIE ---------------------------------------------------------------------------------------


def test_wie_draws_the_network_map_and_adds_one_jim(plan, regisseur, client_for):
    client = client_for(regisseur)
    for name in ("Oma Truus", "Kees"):
        client.post(
            u("network_new", plan),
            {"name": name, "relation": "familie", "closeness": 1, "is_jim": "on"},
        )
    assert list(
        NetworkMember.objects.filter(jongere=plan.jongere, is_jim=True).values_list(
            "name", flat=True
        )
    ) == ["Kees"]
    html = client.get(u("plan_wie", plan)).content.decode()
    assert 'class="tp-map__svg"' in html and "Kees (JIM)" in html


def test_a_network_member_needs_a_name(plan, regisseur, client_for):
    response = client_for(regisseur).post(
        u("network_new", plan), {"name": "", "relation": "vriend", "closeness": 2}
    )
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()


# WAT ---------------------------------------------------------------------------------------


def test_wat_saves_words_support_and_stability_with_history(plan, regisseur, client_for):
    client = client_for(regisseur)
    for version, score in ((1, 2), (2, 4)):
        client.post(
            u("domain_edit", plan, code="wonen"),
            {
                "situation": "Ik slaap bij mijn zus.",
                "wish": "Een kamer",
                "support_needed": "licht",
                "stability": score,
                "version": version,
            },
        )
    assessment = DomainAssessment.objects.get(plan=plan, leefdomein__code="wonen")
    assert assessment.stability == 4
    assert list(assessment.history.values_list("score", flat=True)) == [2, 4]
    html = client.get(u("plan_wat", plan)).content.decode()
    assert 'class="tp-chart"' in html and "Ik slaap bij mijn zus." in html


def test_a_stability_outside_1_to_5_is_refused_next_to_the_field(plan, regisseur, client_for):
    response = client_for(regisseur).post(
        u("domain_edit", plan, code="wonen"),
        {
            "situation": "Bij mijn zus",
            "wish": "",
            "support_needed": "",
            "stability": 7,
            "version": 1,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een score van 1 tot en met 5." in html
    assert "Bij mijn zus" in html


# HOE ---------------------------------------------------------------------------------------


@pytest.fixture
def goal(plan, regisseur):
    return services.goal_create(
        plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.get(code="werk"), text="Werk"
    )


def test_an_action_due_in_the_past_is_refused_and_the_input_kept(plan, goal, regisseur, client_for):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    p = str(goal.uuid)
    response = client_for(regisseur).post(
        u("action_new", plan, goal_uuid=goal.uuid),
        {f"{p}-text": "CV schrijven", f"{p}-assignee": "", f"{p}-due_date": yesterday},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een datum vanaf vandaag." in html and 'value="CV schrijven"' in html
    assert not goal.actions.exists()


def test_an_empty_goal_is_refused(plan, regisseur, client_for):
    response = client_for(regisseur).post(u("goal_new", plan), {"leefdomein": "werk", "text": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()


def test_actions_are_added_and_completed_in_place_with_htmx(
    plan, goal, regisseur, jongere, client_for
):
    client = client_for(regisseur)
    role = PlanRole.objects.get(plan=plan, user=jongere.user)
    p = str(goal.uuid)
    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = client.post(
        u("action_new", plan, goal_uuid=goal.uuid),
        {f"{p}-text": "CV schrijven", f"{p}-assignee": f"rol:{role.uuid}", f"{p}-due_date": due},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith("<article")
    action = goal.actions.get()
    assert action.assignee_role == role
    response = client.post(
        u("action_done", plan, action_uuid=action.uuid),
        {"version": action.version},
        HTTP_HX_REQUEST="true",
    )
    action.refresh_from_db()
    assert action.done_at is not None and "gedaan" in response.content.decode()


def test_without_htmx_the_same_forms_redirect_back(plan, goal, regisseur, client_for):
    p = str(goal.uuid)
    response = client_for(regisseur).post(
        u("action_new", plan, goal_uuid=goal.uuid), {f"{p}-text": "Bellen", f"{p}-assignee": ""}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#doel-{goal.uuid}")


@pytest.mark.parametrize(
    "name,extra",
    [
        ("plan_detail", {}),
        ("plan_verhaal", {}),
        ("plan_wie", {}),
        ("plan_wat", {}),
        ("plan_hoe", {}),
        ("plan_risk", {}),
        ("plan_progress", {}),
        ("plan_handover", {}),
        ("plan_logboek", {}),
    ],
)
def test_plan_pages_stay_within_their_query_budget_on_a_big_plan(
    big_plan, regisseur, client_for, django_assert_max_num_queries, name, extra
):
    client = client_for(regisseur)
    client.get(u(name, big_plan, **extra))
    with django_assert_max_num_queries(16):  # 15 + the header badge
        assert client.get(u(name, big_plan, **extra)).status_code == 200


@pytest.mark.parametrize("name", ["plan_wie", "plan_wat", "plan_hoe", "plan_progress"])
def test_plan_pages_do_not_grow_with_the_plan(regisseur, organisation, client_for, name):
    from tests.conftest import add_goals

    small = services.plan_create(
        actor=regisseur, jongere=JongereFactory(), organisation=organisation
    )
    add_goals(small, regisseur, goals=1, actions_per_goal=1)
    NetworkMember.objects.create(jongere=small.jongere, name="Oma", relation="familie")
    big = services.plan_create(actor=regisseur, jongere=JongereFactory(), organisation=organisation)
    add_goals(big, regisseur, goals=60, actions_per_goal=5)
    NetworkMember.objects.bulk_create(
        NetworkMember(jongere=big.jongere, name=f"N{i}", relation="vriend") for i in range(40)
    )
    client = client_for(regisseur)
    client.get(u(name, small))
    assert queries(client, u(name, small)) == queries(client, u(name, big))


# Risicotaxatie -----------------------------------------------------------------------------


def test_the_regisseur_writes_the_risicotaxatie(plan, regisseur, client_for):
    review = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client_for(regisseur).post(
        u("plan_risk", plan),
        {
            "risk_factors": "Schulden",
            "protective_factors": "Oma",
            "level": "midden",
            "safety_agreements": "Bellen bij crisis",
            "review_date": review,
            "version": 1,
        },
    )
    assert response.status_code == 302
    risk = RiskAssessment.objects.get(plan=plan)
    assert risk.level == "midden" and risk.review_date.isoformat() == review


def test_a_review_date_in_the_past_is_refused(plan, regisseur, client_for):
    response = client_for(regisseur).post(
        u("plan_risk", plan),
        {
            "risk_factors": "Schulden",
            "level": "laag",
            "review_date": "2020-01-01",
            "version": 1,
        },
    )
    assert response.status_code == 400
    assert "Kies een datum vanaf vandaag." in response.content.decode()


def test_the_jongere_reads_the_risicotaxatie_but_cannot_change_it(plan, jongere, client_for):
    client = client_for(jongere.user)
    assert client.get(u("plan_risk", plan)).status_code == 200
    assert client.post(u("plan_risk", plan), {"level": "hoog", "version": 1}).status_code == 404


# Warme overdracht --------------------------------------------------------------------------


def test_a_handover_without_organisation_is_refused_next_to_the_field(
    plan, regisseur, professional_factory, client_for
):
    successor = professional_factory()
    response = client_for(regisseur).post(
        u("plan_handover", plan),
        {
            "to_user": str(successor.uuid),
            "to_organisation": "",
            "note": "Zie dossier",
        },
    )
    assert response.status_code == 400
    assert "Kies de organisatie van de opvolger." in response.content.decode()
    assert not Handover.objects.exists()


def test_warme_overdracht_moves_the_regisseur_and_keeps_the_plan(
    plan, regisseur, jongere, professional_factory, client_for
):
    successor = professional_factory()
    other_org = successor.memberships.get().organisation
    goal = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.first(), text="Mijn eigen woorden"
    )
    client_for(regisseur).post(
        u("plan_handover", plan),
        {
            "to_user": str(successor.uuid),
            "to_organisation": str(other_org.uuid),
            "note": "Ze wil graag op vrijdag afspreken.",
            "stays_involved": "on",
        },
    )
    handover = Handover.objects.get()
    successor_client = client_for(successor)
    assert (
        "Overdrachten die op u wachten"
        in successor_client.get(reverse("plans:plan_list")).content.decode()
    )
    response = successor_client.post(
        reverse("plans:handover_answer", kwargs={"handover_uuid": handover.uuid}),
        {"answer": "accept"},
    )
    assert response["Location"] == u("plan_detail", plan)
    plan.refresh_from_db()
    assert plan.regisseur == successor
    assert (
        PlanRole.objects.get(plan=plan, user=successor, revoked_at__isnull=True).role == "regisseur"
    )
    assert (
        PlanRole.objects.get(plan=plan, user=regisseur, revoked_at__isnull=True).role
        == "professional"
    )
    assert Goal.objects.get(pk=goal.pk).text == "Mijn eigen woorden"
    html = client_for(jongere.user).get(reverse("portal:home")).content.decode()
    assert f"Je nieuwe vaste begeleider is {successor.first_name} van {other_org.name}." in html


def test_nobody_else_can_answer_a_handover(plan, regisseur, professional_factory, client_for):
    successor = professional_factory()
    handover = services.handover_propose(
        plan=plan,
        actor=regisseur,
        to_user=successor,
        to_organisation=successor.memberships.get().organisation,
        note="Notitie",
    )
    intruder = professional_factory()
    url = reverse("plans:handover_answer", kwargs={"handover_uuid": handover.uuid})
    assert client_for(intruder).post(url, {"answer": "accept"}).status_code == 404
    plan.refresh_from_db()
    assert plan.regisseur == regisseur


# Voortgang and loslaten --------------------------------------------------------------------


def test_letting_go_early_needs_a_reason(plan, regisseur, client_for):
    client = client_for(regisseur)
    response = client.post(u("plan_progress", plan), {"reason": "", "version": plan.version})
    assert response.status_code == 400
    assert "schrijf op waarom" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "actief"
    client.post(
        u("plan_progress", plan), {"reason": "Verhuist naar Spanje", "version": plan.version}
    )
    plan.refresh_from_db()
    assert plan.status == "losgelaten" and plan.let_go_reason == "Verhuist naar Spanje"


def test_a_stable_plan_is_let_go_without_reason_and_becomes_read_only(plan, regisseur, client_for):
    for assessment in DomainAssessment.objects.filter(plan=plan):
        services.domain_assess(
            plan=plan,
            actor=regisseur,
            leefdomein=assessment.leefdomein,
            expected_version=assessment.version,
            situation="",
            wish="",
            support_needed="geen",
            stability=4,
        )
    plan.refresh_from_db()
    client = client_for(regisseur)
    client.post(u("plan_progress", plan), {"reason": "", "version": plan.version})
    plan.refresh_from_db()
    assert plan.status == "losgelaten"
    with pytest.raises(PermissionDenied):
        services.goal_create(
            plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.first(), text="Nog eentje"
        )
    assert client.get(u("plan_hoe", plan)).status_code == 200
    assert "Een doel toevoegen" not in client.get(u("plan_hoe", plan)).content.decode()
    assert client.get(u("plan_progress", plan)).status_code == 200
