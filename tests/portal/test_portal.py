"""The portal for the jongere and their JIM: my plan, in my words, on my phone."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from domains.models import ChecklistItem, Leefdomein
from network.models import NetworkMember
from plans import services
from plans.models import (
    AccessLogEntry,
    Action,
    ChecklistEntry,
    DomainAssessment,
    Goal,
    PlanRole,
    RiskAssessment,
    Section,
    StoryItem,
)
from tests.conftest import portal_page_urls
from tests.network.factories import JongereFactory, UserFactory

pytestmark = pytest.mark.django_db


def domain(code):
    return Leefdomein.objects.get(code=code)


@pytest.fixture
def jim(plan, jongere, regisseur):
    """Kees, the JIM, is also in the own network; his tasks come to him either way."""
    member = NetworkMember.objects.create(
        jongere=jongere, name="Kees Mentor", relation="mentor", is_jim=True, user=UserFactory()
    )
    return services.role_grant(
        plan=plan, actor=regisseur, user=member.user, role="jim", network_member=member
    )


# --- In my own words ------------------------------------------------------------------------


def test_a_jongere_adds_a_goal_in_own_words_and_the_hoe_page_shows_it_as_theirs(
    plan, jongere, regisseur, client_for
):
    me = client_for(jongere.user)
    response = me.post(
        reverse("portal:goal_new", kwargs={"code": "werk"}),
        {"text": "Ik wil een baan in de dierenwinkel.", "first_step": "Een cv maken"},
    )
    assert response.status_code == 302
    goal = Goal.objects.get(plan=plan, text="Ik wil een baan in de dierenwinkel.")
    assert goal.created_by == jongere.user
    step = Action.objects.get(goal=goal)
    assert step.text == "Een cv maken" and step.assignee_role.user == jongere.user

    hoe = client_for(regisseur).get(reverse("plans:plan_hoe", kwargs={"plan_uuid": plan.uuid}))
    html = hoe.content.decode()
    assert "Ik wil een baan in de dierenwinkel." in html
    card = html[html.index("Ik wil een baan in de dierenwinkel.") :][:1500]
    assert f"geschreven door {jongere.first_name}" in card

    log = AccessLogEntry.objects.filter(plan=plan)
    assert log.filter(actor=jongere.user, action="create", object_uuid=goal.uuid).exists()
    assert log.filter(actor=jongere.user, action="create", object_uuid=step.uuid).exists()
    assert log.filter(actor=regisseur, action="view", detail__page="hoe").exists()


def test_a_goal_without_words_is_refused_with_a_plain_message_and_nothing_is_saved(
    plan, jongere, client_for
):
    response = client_for(jongere.user).post(
        reverse("portal:goal_new", kwargs={"code": "werk"}),
        {"text": "  ", "first_step": "Iets", "due_date": "2001-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Schrijf je doel op." in html and "Kies vandaag of een dag later." in html
    assert 'value="Iets"' in html  # what was typed stays
    assert not Goal.objects.filter(plan=plan).exists()


def test_the_jongere_writes_how_it_goes_and_the_wat_page_shows_it_as_theirs(
    plan, jongere, regisseur, client_for
):
    assessment = DomainAssessment.objects.get(plan=plan, leefdomein=domain("wonen"))
    response = client_for(jongere.user).post(
        reverse("portal:domein", kwargs={"code": "wonen"}),
        {"situation": "Ik slaap bij mijn tante.", "wish": "Een eigen kamer.", "version": 1},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (
        assessment.situation == "Ik slaap bij mijn tante." and assessment.words_by == jongere.user
    )
    wat = client_for(regisseur).get(reverse("plans:plan_wat", kwargs={"plan_uuid": plan.uuid}))
    html = wat.content.decode()
    assert "Ik slaap bij mijn tante." in html and f"geschreven door {jongere.first_name}" in html


def test_two_people_writing_the_same_words_never_overwrite_each_other(
    plan, jongere, regisseur, client_for
):
    url = reverse("portal:domein", kwargs={"code": "wonen"})
    services.domain_assess(
        plan=plan,
        actor=regisseur,
        leefdomein=domain("wonen"),
        expected_version=1,
        situation="Woont bij tante (gesprek 3 mei).",
        wish="",
        support_needed="licht",
        stability=3,
    )
    response = client_for(jongere.user).post(
        url, {"situation": "Mijn eigen tekst", "wish": "", "version": 1}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Jouw tekst staat er nog." in html
    assert "Mijn eigen tekst" in html and "Woont bij tante (gesprek 3 mei)." in html
    assessment = DomainAssessment.objects.get(plan=plan, leefdomein=domain("wonen"))
    assert assessment.situation == "Woont bij tante (gesprek 3 mei)."


def test_a_professional_cannot_write_as_the_jongere(plan, regisseur, client_for):
    response = client_for(regisseur).post(
        reverse("portal:goal_new", kwargs={"code": "werk"}), {"text": "Namens jou"}
    )
    assert response.status_code == 404
    assert not Goal.objects.filter(text="Namens jou").exists()


# --- Actions: my own to tick off -------------------------------------------------------------


def test_the_jongere_ticks_off_their_own_action_but_not_someone_elses(
    plan, jongere, regisseur, client_for
):
    goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=domain("werk"), text="Baan")
    mine = services.action_create(
        goal=goal,
        actor=regisseur,
        text="Cv maken",
        assignee_role=PlanRole.objects.get(plan=plan, user=jongere.user),
    )
    theirs = services.action_create(goal=goal, actor=regisseur, text="Werkgever bellen")
    me = client_for(jongere.user)
    done = me.post(reverse("portal:action_done", kwargs={"action_uuid": mine.uuid}), {"version": 1})
    assert done.status_code == 302
    assert Action.objects.get(pk=mine.pk).done_at is not None
    refused = me.post(
        reverse("portal:action_done", kwargs={"action_uuid": theirs.uuid}), {"version": 1}
    )
    assert refused.status_code == 404
    assert Action.objects.get(pk=theirs.pk).done_at is None
    assert AccessLogEntry.objects.filter(actor=jongere.user, outcome="refused").exists()


def test_the_jim_ticks_off_actions_given_to_him_as_role_or_as_network_member(
    plan, jim, regisseur, client_for
):
    goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=domain("werk"), text="Baan")
    as_role = services.action_create(goal=goal, actor=regisseur, text="Meegaan", assignee_role=jim)
    as_member = services.action_create(
        goal=goal, actor=regisseur, text="Oefenen", assignee_member=jim.network_member
    )
    client = client_for(jim.user)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Meegaan" in home and "Oefenen" in home and home.count(">Klaar<") == 2
    for action in (as_role, as_member):
        response = client.post(
            reverse("portal:action_done", kwargs={"action_uuid": action.uuid}),
            {"version": action.version, "next": "home"},
        )
        assert response.status_code == 302 and response["Location"] == reverse("portal:home")
        assert Action.objects.get(pk=action.pk).done_at is not None


def test_a_jim_sees_his_own_tasks_even_when_nothing_else_is_shared(
    plan, jim, jongere, regisseur, client_for, portal_html
):
    goal = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=domain("werk"), text="Een geheim doel"
    )
    services.action_create(
        goal=goal, actor=regisseur, text="Meegaan naar gesprek", assignee_role=jim
    )
    services.action_create(goal=goal, actor=regisseur, text="Andermans taak")
    services.sharing_update(plan_role=jim, actor=jongere.user, sections=[])
    html = portal_html(client_for(jim.user))
    assert "Meegaan naar gesprek" in html
    assert "Andermans taak" not in html and "Een geheim doel" not in html


# --- The JIM never sees what was not shared, for every section -------------------------------


@pytest.fixture
def everything(plan, jongere, regisseur, jim):
    """A plan with something recognisable in every section."""
    me = jongere.user
    services.domain_words_save(
        plan=plan,
        actor=me,
        leefdomein=domain("wonen"),
        expected_version=1,
        situation="VERHAAL-WOORDEN",
        wish="",
    )
    services.story_item_add(
        plan=plan, actor=me, kind="droom", text="VERHAAL-DROOM", audience="iedereen"
    )
    goal = services.goal_create(plan=plan, actor=me, leefdomein=domain("werk"), text="DOEL-TEKST")
    services.action_create(goal=goal, actor=regisseur, text="ACTIE-TEKST")
    zorg = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=domain("zorg"), text="ZORG-DOEL"
    )
    services.action_create(goal=zorg, actor=regisseur, text="ZORG-ACTIE")
    services.checklist_mark(
        plan=plan,
        actor=me,
        item=ChecklistItem.objects.get(code="digid"),
        status="geregeld",
        expected_version=1,
    )
    RiskAssessment.objects.create(plan=plan, safety_agreements="RISICO-AFSPRAAK")
    return {
        Section.VERHAAL: ["VERHAAL-WOORDEN", "VERHAAL-DROOM"],
        Section.DOELEN: ["DOEL-TEKST"],
        Section.ACTIES: ["ACTIE-TEKST"],
        Section.CHECKLIST: ["DigiD aanvragen"],
        Section.ZORG: ["ZORG-DOEL", "ZORG-ACTIE"],
        Section.RISICOTAXATIE: ["RISICO-AFSPRAAK"],
    }


def test_with_everything_shared_the_jim_sees_every_section(
    everything, jim, jongere, client_for, portal_html
):
    services.sharing_update(plan_role=jim, actor=jongere.user, sections=list(Section.values))
    html = portal_html(client_for(jim.user))
    for markers in everything.values():
        for marker in markers:
            assert marker in html


@pytest.mark.parametrize("hidden", Section.values)
def test_the_jim_never_sees_a_section_the_jongere_did_not_share(
    everything, jim, jongere, client_for, portal_html, hidden
):
    shared = [s for s in Section.values if s != hidden]
    services.sharing_update(plan_role=jim, actor=jongere.user, sections=shared)
    client = client_for(jim.user)
    html = portal_html(client)
    for marker in everything[hidden]:
        assert marker not in html, f"{marker} ({hidden}) leaked to the JIM"
    # Nor by guessing the address of the parts.
    for name, kwargs in [("portal:gegevens_json", {}), ("portal:verhaal", {})]:
        body = client.get(reverse(name, kwargs=kwargs)).content.decode()
        for marker in everything[hidden]:
            assert marker not in body


def test_a_jim_with_nothing_shared_sees_none_of_the_plan(
    everything, jim, jongere, client_for, portal_html
):
    services.sharing_update(plan_role=jim, actor=jongere.user, sections=[])
    html = portal_html(client_for(jim.user))
    for markers in everything.values():
        for marker in markers:
            assert marker not in html


# --- Mijn verhaal: told once, per item who sees it -------------------------------------------


def test_a_new_professional_reads_the_story_first_and_not_what_the_jongere_hid(
    plan, jongere, regisseur, professional_factory, client_for
):
    me = jongere.user
    services.story_item_add(plan=plan, actor=me, kind="moment", text="Verhuisd naar Zwolle", age=8)
    services.story_item_add(
        plan=plan,
        actor=me,
        kind="moment",
        text="Iets wat alleen ik weet",
        age=11,
        audience="alleen_ik",
    )
    services.story_item_add(plan=plan, actor=me, kind="kwaliteit", card="doorzetten")
    newcomer = professional_factory()
    services.role_grant(
        plan=plan,
        actor=regisseur,
        user=newcomer,
        role="professional",
        organisation=newcomer.memberships.get().organisation,
    )
    client = client_for(newcomer)
    detail = reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})
    first = client.get(detail)
    verhaal = reverse("plans:plan_verhaal", kwargs={"plan_uuid": plan.uuid})
    assert first.status_code == 302 and first["Location"] == verhaal
    # Sent on before the overview was read: the log holds no overview view for it.
    assert not AccessLogEntry.objects.filter(
        actor=newcomer, action="view", detail__page="overview"
    ).exists()
    html = client.get(verhaal).content.decode()
    assert "Verhuisd naar Zwolle" in html and "Ik zet door" in html
    assert "Iets wat alleen ik weet" not in html
    assert "U bent nieuw in dit plan." in html
    assert client.get(detail).status_code == 200  # read once: the plan opens
    assert AccessLogEntry.objects.filter(
        actor=newcomer, action="view", object_type="verhaal"
    ).exists()


def test_a_jim_sees_only_story_items_meant_for_everyone_and_only_when_the_story_is_shared(
    plan, jim, jongere, client_for
):
    me = jongere.user
    services.story_item_add(
        plan=plan, actor=me, kind="droom", text="Voor iedereen", audience="iedereen"
    )
    services.story_item_add(plan=plan, actor=me, kind="droom", text="Voor begeleiders")
    client = client_for(jim.user)
    assert "Voor iedereen" not in client.get(reverse("portal:verhaal")).content.decode()
    services.sharing_update(plan_role=jim, actor=me, sections=["verhaal"])
    html = client.get(reverse("portal:verhaal")).content.decode()
    assert "Voor iedereen" in html and "Voor begeleiders" not in html


def test_the_jongere_builds_the_story_and_changes_who_sees_an_item(
    plan, jongere, regisseur, client_for
):
    me = client_for(jongere.user)
    add = reverse("portal:verhaal_add", kwargs={"kind": "moment"})
    assert (
        me.post(
            add, {"kind": "moment", "age": "40", "text": "Te oud", "audience": "begeleiders"}
        ).status_code
        == 400
    )
    response = me.post(
        add,
        {"kind": "moment", "age": "14", "text": "Mijn eerste baantje", "audience": "begeleiders"},
    )
    assert response.status_code == 302
    item = StoryItem.objects.get(plan=plan)
    assert (item.age, item.text) == (14, "Mijn eerste baantje")
    me.post(
        reverse("portal:verhaal_add", kwargs={"kind": "kwaliteit"}),
        {"kind": "kwaliteit", "card": "eerlijk", "audience": "iedereen"},
    )
    assert StoryItem.objects.get(plan=plan, card="eerlijk").text == "Ik ben eerlijk"

    edit = reverse("portal:verhaal_item", kwargs={"item_uuid": item.uuid})
    response = me.post(edit, {"text": item.text, "age": 14, "audience": "alleen_ik", "version": 1})
    assert response.status_code == 302
    assert StoryItem.objects.get(pk=item.pk).audience == "alleen_ik"
    assert AccessLogEntry.objects.filter(object_uuid=item.uuid, action="share").exists()
    verhaal = reverse("plans:plan_verhaal", kwargs={"plan_uuid": plan.uuid})
    assert "Mijn eerste baantje" not in client_for(regisseur).get(verhaal).content.decode()

    stale = me.post(
        edit, {"text": "Oud formulier", "age": 14, "audience": "iedereen", "version": 1}
    )
    assert stale.status_code == 409 and "Oud formulier" in stale.content.decode()
    me.post(reverse("portal:verhaal_delete", kwargs={"item_uuid": item.uuid}))
    assert not StoryItem.objects.filter(pk=item.pk).exists()
    assert AccessLogEntry.objects.filter(object_uuid=item.uuid, action="delete").exists()


# --- The 18-checklist -----------------------------------------------------------------------


def test_the_checklist_shows_what_matters_for_my_age_and_doelgroep(plan, jongere, client_for):
    jongere.birth_date = timezone.localdate() - timedelta(days=int(16.5 * 365.25))
    jongere.doelgroepen = []
    jongere.save()
    html = client_for(jongere.user).get(reverse("portal:checklist")).content.decode()
    assert "DigiD aanvragen" in html  # from 16
    assert "Verblijfsvergunning op tijd verlengen" not in html  # only for statushouders
    now, later = html.split("Later:")
    assert "DigiD aanvragen" in now and "Zorgverzekering afsluiten" in later  # from 18
    assert "Indicaties lopen door na 18" not in html  # for the professionals, not the jongere


def test_marking_the_checklist_shows_progress_to_the_regisseur(
    plan, jongere, regisseur, client_for
):
    me = client_for(jongere.user)
    url = reverse("portal:checklist_mark", kwargs={"item_code": "digid"})
    assert me.post(url, {"status": "geregeld", "version": 1}).status_code == 302
    assert me.post(url, {"status": "kwijt", "version": 2}).status_code == 302
    assert ChecklistEntry.objects.get(plan=plan, item__code="digid").status == "geregeld"
    stale = me.post(url, {"status": "todo", "version": 1}, follow=True)
    assert "Iemand heeft dit net veranderd." in stale.content.decode()
    detail = client_for(regisseur).get(
        reverse("plans:plan_progress", kwargs={"plan_uuid": plan.uuid})
    )
    assert re.search(r"1 van \d+ geregeld", detail.content.decode())


# --- Mijn gegevens: the right of inzage ------------------------------------------------------


def test_the_inzage_download_holds_everything_of_this_jongere_and_nothing_of_another(
    plan, jongere, regisseur, organisation, jim, client_for
):
    me = jongere.user
    goal = services.own_goal_create(
        plan=plan, actor=me, leefdomein=domain("werk"), text="Mijn doel", first_step="Eerste stap"
    )
    services.action_create(
        goal=goal, actor=regisseur, text="Actie van de regisseur", assignee_role=jim
    )
    services.story_item_add(
        plan=plan, actor=me, kind="droom", text="Mijn droom", audience="alleen_ik"
    )
    client_for(regisseur).get(reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid}))
    other_jongere = JongereFactory(user=UserFactory())
    other = services.plan_create(actor=regisseur, jongere=other_jongere, organisation=organisation)
    other_goal = services.goal_create(
        plan=other, actor=regisseur, leefdomein=domain("werk"), text="Doel van een ander"
    )
    services.action_create(goal=other_goal, actor=regisseur, text="Actie van een ander")

    # The jongere is also in a friend's network: those lines are about the friend's plan.
    services.role_grant(plan=other, actor=regisseur, user=me, role="netwerk")
    client_for(me).get(reverse("portal:home"), {"plan": str(other.uuid)})
    assert AccessLogEntry.objects.filter(plan=other, actor=me).exists()

    before = set(AccessLogEntry.objects.filter(plan=plan).values_list("uuid", flat=True))
    response = client_for(me).get(reverse("portal:gegevens_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    text = response.content.decode()

    ids = lambda rows: {row["id"] for row in rows}  # noqa: E731
    assert ids(data["doelen"]) == {
        str(g) for g in Goal.objects.filter(plan=plan).values_list("uuid", flat=True)
    }
    actions = {a["id"] for g in data["doelen"] for a in g["acties"]}
    assert actions == {
        str(a) for a in Action.objects.filter(goal__plan=plan).values_list("uuid", flat=True)
    }
    assert ids(data["leefdomeinen"]) == {
        str(a) for a in DomainAssessment.objects.filter(plan=plan).values_list("uuid", flat=True)
    }
    assert ids(data["rollen"]) == {
        str(r) for r in PlanRole.objects.filter(plan=plan).values_list("uuid", flat=True)
    }
    assert {str(u) for u in before} <= ids(data["logboek"])
    assert data["verhaal"][0]["tekst"] == "Mijn droom"
    assert data["jongere"]["achternaam"] == jongere.last_name

    assert "Doel van een ander" not in text and "Actie van een ander" not in text
    assert other_jongere.last_name not in text and str(other.uuid) not in text
    other_log = AccessLogEntry.objects.filter(plan=other).values_list("uuid", flat=True)
    assert not {str(u) for u in other_log} & ids(data["logboek"])
    assert AccessLogEntry.objects.filter(actor=me, action="export", object_type="inzage").exists()


def test_only_the_jongere_downloads_their_data(plan, jim, regisseur, client_for):
    assert client_for(jim.user).get(reverse("portal:gegevens_json")).status_code == 404
    assert client_for(regisseur).get(reverse("portal:gegevens_json")).status_code == 404


# --- Mijn toekomst: what is new, and the budget ---------------------------------------------


def test_the_home_page_says_what_is_new_since_the_last_visit(plan, jongere, regisseur, client_for):
    me = client_for(jongere.user)
    me.get(reverse("portal:home"))
    goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=domain("werk"), text="Baan")
    services.action_create(goal=goal, actor=regisseur, text="Bellen")
    html = me.get(reverse("portal:home")).content.decode()
    assert "Nieuw sinds je vorige bezoek" in html
    assert "1 nieuw doel." in html and "1 nieuwe actie." in html
    assert "Nieuw sinds je vorige bezoek" in me.get(reverse("portal:home")).content.decode()
    assert "Niets nieuws." in me.get(reverse("portal:home")).content.decode()


def test_portal_words_have_no_jargon(plan, jongere, regisseur, client_for):
    RiskAssessment.objects.create(plan=plan, safety_agreements="Bel Sanne")
    html = "\n".join(
        client_for(jongere.user).get(url).content.decode()
        for url in portal_page_urls(client_for(jongere.user))
    ).lower()
    for word in ("risicotaxatie", "regisseur", "leefdomein", "caseload", "casus"):
        assert word not in html, word


@pytest.fixture
def busy_portal(big_plan, jongere, regisseur, jim):
    """A big plan seen from the portal: 60 goals, 300 actions, a long story, a full checklist."""
    me = jongere.user
    StoryItem.objects.bulk_create(
        StoryItem(plan=big_plan, kind="moment", text=f"Moment {i}", age=i % 20) for i in range(30)
    )
    ChecklistEntry.objects.bulk_create(
        ChecklistEntry(plan=big_plan, item=item, status="geregeld")
        for item in ChecklistItem.objects.all()
    )
    Action.objects.filter(goal__plan=big_plan).update(
        assignee_role=PlanRole.objects.get(plan=big_plan, user=me)
    )
    services.sharing_update(plan_role=jim, actor=me, sections=list(Section.values))
    return big_plan


@pytest.mark.parametrize("who", ["jongere", "jim"])
def test_every_portal_page_stays_within_its_query_budget_on_a_big_plan(
    busy_portal, jongere, jim, client_for, django_assert_max_num_queries, who
):
    client = client_for(jongere.user if who == "jongere" else jim.user)
    urls = portal_page_urls(client)
    assert len(urls) >= 8
    for url in urls:
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200, url


def test_portal_pages_weigh_less_than_100_kb_with_their_css_and_js(
    busy_portal, jongere, client_for
):
    from django.contrib.staticfiles import finders

    client = client_for(jongere.user)
    for url in portal_page_urls(client):
        html = client.get(url).content.decode()
        assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
        weight = len(html.encode()) + sum(Path(finders.find(a)).stat().st_size for a in assets)
        assert weight < 100_000, f"{url}: {weight} bytes"


def test_the_web_app_manifest_lets_the_portal_live_on_a_home_screen(
    client, plan, jongere, client_for
):
    manifest = client.get(reverse("manifest"))
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["display"] == "standalone" and data["start_url"] == "/"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in data["icons"]}
    home = client_for(jongere.user).get(reverse("portal:home")).content.decode()
    assert 'rel="manifest"' in home and 'name="theme-color"' in home


# --- Plain language: the average sentence on the portal --------------------------------------


class _VisibleText(HTMLParser):
    """The text a person sees, one string per block (heading, paragraph, list item, button...)."""

    BLOCKS = {
        *("p", "li", "h1", "h2", "h3", "h4", "label", "legend", "button", "summary"),
        *("a", "dt", "dd", "option", "td", "th", "div", "section", "article", "nav"),
    }

    def __init__(self):
        super().__init__()
        self.blocks, self.current = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def close(self):
        super().close()
        self._flush()


def sentences_of(html: str) -> list[str]:
    """The visible sentences of a page: not the head, scripts, icons, screen-reader-only
    additions or the demo banner."""
    html = re.sub(r"<head>.*?</head>", "", html, flags=re.S)
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", "", html, flags=re.S)
    html = re.sub(r'<span class="tp-visually-hidden">.*?</span>', "", html, flags=re.S)
    html = re.sub(r'<p class="tp-demo-banner".*?</p>', "", html, flags=re.S)
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    found = []
    for block in parser.blocks:
        found += [s.strip() for s in re.split(r"(?<=[.!?:])\s+", block) if re.search(r"\w", s)]
    return found


def test_portal_sentences_are_short(settings, client_for, capsys):
    """B1: short sentences. Measured over every portal page of the demo jongere and JIM: the
    running text (sentences ending in . ! or ?) and, more kindly, every piece of visible text
    including headings, labels and buttons. Both figures go in the report."""
    from network.models import User
    from tooling.demo import seed_demo

    seed_demo(today=timezone.localdate())
    every, prose = [], []
    for email in ("milan@demo.toekomstplan.nl", "kees.jim@demo.toekomstplan.nl"):
        client = client_for(User.objects.get(email=email))
        for url in portal_page_urls(client):
            for sentence in sentences_of(client.get(url).content.decode()):
                every.append((len(sentence.split()), sentence))
                if sentence.endswith((".", "!", "?")):
                    prose.append((len(sentence.split()), sentence))
    average = sum(n for n, _ in prose) / len(prose)
    overall = sum(n for n, _ in every) / len(every)
    prose.sort(reverse=True)
    with capsys.disabled():
        print(
            f"\nportal B1: {len(prose)} sentences of running text, {average:.1f} words on average"
            f" (all {len(every)} pieces of text: {overall:.1f}); longest: {prose[0][1]!r}"
        )
    assert average <= 12, f"{average:.1f} words per sentence; longest: {prose[:5]}"


def test_the_jongere_gets_all_their_data_as_a_readable_pdf_made_in_the_background(
    plan, jongere, regisseur, organisation, client_for, django_capture_on_commit_callbacks
):
    import io

    from pypdf import PdfReader

    from plans.models import PlanExport

    me = jongere.user
    services.own_goal_create(
        plan=plan, actor=me, leefdomein=domain("werk"), text="Een baan bij de bakker"
    )
    services.story_item_add(
        plan=plan, actor=me, kind="droom", text="Een eigen bakkerij", audience="alleen_ik"
    )
    client_for(regisseur).get(reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid}))
    other = services.plan_create(
        actor=regisseur, jongere=JongereFactory(user=UserFactory()), organisation=organisation
    )
    services.goal_create(
        plan=other, actor=regisseur, leefdomein=domain("werk"), text="Niet van mij"
    )

    client = client_for(me)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:gegevens"))
    assert response.status_code == 302
    export = PlanExport.objects.get(plan=plan, requested_by=me)
    assert (export.version, export.status) == ("inzage", "done")
    page = client.get(reverse("portal:gegevens")).content.decode()
    assert "Downloaden (" in page and 'http-equiv="refresh"' not in page

    download = client.get(
        reverse(
            "plans:plan_export_download",
            kwargs={"plan_uuid": plan.uuid, "export_uuid": export.uuid},
        )
    )
    assert download.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for expected in (
        "Alles wat we over jou bewaren",
        "Een baan bij de bakker",
        "Een eigen bakkerij",
        regisseur.get_full_name(),
        "Wie je plan bekeek",
    ):
        assert expected in text, expected
    assert "Niet van mij" not in text
    assert AccessLogEntry.objects.filter(
        actor=me, action="export", object_type="planexport", detail__version="inzage"
    ).exists()


def test_a_jim_cannot_ask_for_the_jongeres_data(plan, jim, client_for):
    assert client_for(jim.user).post(reverse("portal:gegevens")).status_code == 404
