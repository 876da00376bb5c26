"""Who gets what on every plan and portal page, generated from the URL configuration.

A new page under /plannen/<uuid>/ or /mijn/ is covered the moment its URL exists: it gets the
default rule of its area unless it is listed as stricter below. Expectations follow the "Who sees
what" table of DESIGN.md: a person without the right role gets 404 and learns nothing, and the
refusal is in the access log.
"""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from domains.models import Leefdomein
from network.models import NetworkMember
from plans import services
from plans.models import AccessLogEntry, PlanExport, PlanRole
from tests.network.factories import UserFactory

PERSONAS = [
    "anonymous",
    "jongere",
    "regisseur",
    "professional",
    "other_professional",
    "jim",
    "netwerk",
    "coordinator",
]
PLAN_VIEWERS = {"jongere", "regisseur", "professional"}
PORTAL_USERS = {"jongere", "jim", "netwerk"}

# Pages stricter than the default of their area.
EDITORS = {"regisseur", "professional"}
STRICTER = {
    "plans:plan_logboek": {"jongere", "regisseur"},
    "plans:goal_edit": EDITORS,
    "plans:domain_edit": EDITORS,
    "plans:network_new": EDITORS,
    "plans:network_edit": EDITORS,
    "plans:plan_phase": EDITORS,
    "plans:goal_new": EDITORS,
    "plans:goal_close": EDITORS,
    "plans:action_new": EDITORS,
    "plans:action_edit": EDITORS,
    "plans:action_done": EDITORS,
    "plans:plan_risk": {"jongere", "regisseur"},
    "plans:handover_withdraw": {"regisseur"},
    "plans:plan_invite": {"jongere", "regisseur"},
    # PDFs: only who asked for one follows or downloads it (the regisseur, in the world below).
    "plans:plan_export_status": {"regisseur"},
    "plans:plan_export_download": {"regisseur"},
    "portal:sharing": {"jongere"},
    "portal:invite": {"jongere"},
    "portal:share": {"jongere"},
    "portal:revoke": {"jongere"},
    "portal:looked": {"jongere"},
    "portal:gegevens": {"jongere"},
    "portal:gegevens_json": {"jongere"},
    "portal:verhaal_add": {"jongere"},
    "portal:verhaal_item": {"jongere"},
    "portal:verhaal_delete": {"jongere"},
    "portal:goal_new": {"jongere"},
    "portal:checklist_mark": {"jongere"},
    "portal:action_done": {"jim"},
}


def _walk(resolver, prefix="", namespace="", params=()):
    for entry in resolver.url_patterns:
        names = tuple(getattr(entry.pattern, "converters", {}))
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns, params + names)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), namespace + entry.name, params + names


def guarded_routes() -> dict[str, tuple[str, ...]]:
    """Every named URL under /plannen/<uuid>/ and /mijn/, with its parameter names."""
    return {
        name: params
        for route, name, params in _walk(get_resolver())
        if route.startswith(("plannen/<uuid:plan_uuid>/", "mijn/"))
    }


def guarded_urls():
    return sorted(guarded_routes())


def allowed_for(name: str) -> set[str]:
    if name in STRICTER:
        return STRICTER[name]
    return PORTAL_USERS if name.startswith("portal:") else PLAN_VIEWERS


@pytest.fixture
def world(db, plan, regisseur, professional_factory, jongere):
    professional = professional_factory()
    services.role_grant(
        plan=plan,
        actor=regisseur,
        user=professional,
        role="professional",
        organisation=professional.memberships.get().organisation,
    )
    jim = UserFactory()
    member = NetworkMember.objects.create(
        jongere=jongere, name="Kees", relation="mentor", is_jim=True, user=jim
    )
    jim_role = services.role_grant(
        plan=plan, actor=regisseur, user=jim, role="jim", network_member=member
    )
    netwerk = UserFactory()
    services.role_grant(plan=plan, actor=regisseur, user=netwerk, role="netwerk")
    goal = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.get(code="wonen"), text="Kamer"
    )
    action = services.action_create(
        goal=goal, actor=regisseur, text="Bellen", assignee_role=jim_role
    )
    story_item = services.story_item_add(
        plan=plan, actor=jongere.user, kind="droom", text="Een eigen zaak"
    )
    export = PlanExport.objects.create(
        plan=plan, requested_by=regisseur, version="b1", status="done", pages=1
    )
    export.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"), save=True)
    other_professional = professional_factory()
    handover = services.handover_propose(
        plan=plan,
        actor=regisseur,
        to_user=other_professional,
        to_organisation=other_professional.memberships.get().organisation,
        note="Overdracht",
    )
    people = {
        "jongere": jongere.user,
        "regisseur": regisseur,
        "professional": professional,
        "other_professional": other_professional,
        "jim": jim,
        "netwerk": netwerk,
        "coordinator": UserFactory(is_staff=True, is_superuser=True),
    }
    kwargs = {
        "plan_uuid": plan.uuid,
        "role_uuid": jim_role.uuid,
        "goal_uuid": goal.uuid,
        "member_uuid": member.uuid,
        "action_uuid": action.uuid,
        "handover_uuid": handover.uuid,
        "export_uuid": export.uuid,
        "code": "wonen",
        "kind": "droom",
        "item_code": "digid",
        "item_uuid": story_item.uuid,
    }
    return plan, people, kwargs


def _url(name, values):
    params = guarded_routes()[name]
    missing = [p for p in params if p not in values]
    assert not missing, f"give the matrix a value for {missing} (used by {name})"
    return reverse(name, kwargs={p: values[p] for p in params})


def test_the_matrix_covers_the_pages_that_matter():
    names = guarded_urls()
    for expected in (
        "plans:plan_detail",
        "plans:plan_logboek",
        "portal:home",
        "portal:sharing",
        "portal:looked",
        "plans:plan_pdf",
        "plans:plan_export_download",
    ):
        assert expected in names
    assert set(STRICTER) <= set(names), "a stricter rule names a page that no longer exists"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", guarded_urls())
def test_access_matrix(world, name, persona, client_for):
    plan, people, kwargs = world
    url = _url(name, kwargs)
    user = people.get(persona)
    client = Client() if user is None else client_for(user)
    refusals_before = AccessLogEntry.objects.filter(actor=user, outcome="refused").count()
    response = client.get(url)
    if response.status_code == 405:  # a form target: POST is its method
        response = client.post(url, {})

    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        return
    if persona in allowed_for(name):
        assert response.status_code in (200, 302, 400), (name, persona, response.status_code)
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 404, (name, persona, response.status_code)
        refusals = AccessLogEntry.objects.filter(actor=user, outcome="refused").count()
        assert refusals > refusals_before, f"refusal of {persona} on {name} was not logged"
        assert plan.jongere.last_name not in response.content.decode()


def test_revoked_role_is_refused_on_every_page(world, client_for):
    plan, people, kwargs = world
    role = PlanRole.objects.get(plan=plan, user=people["professional"])
    client = client_for(people["professional"])
    assert client.get(_url("plans:plan_verhaal", kwargs)).status_code == 200
    assert client.get(_url("plans:plan_detail", kwargs)).status_code == 200
    services.role_revoke(plan_role=role, actor=people["regisseur"])
    for name in guarded_urls():
        if name.startswith("plans:"):
            response = client.get(_url(name, kwargs))
            assert response.status_code in (404, 405), name
