"""The jongere decides who sees what; the risicotaxatie and zorg stay closed unless shared."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from domains.models import Leefdomein
from plans import permissions, services
from plans.models import AccessLogEntry, PlanRole, RiskAssessment
from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jim(plan, regisseur):
    user = UserFactory()
    role = services.role_grant(plan=plan, actor=regisseur, user=user, role="jim")
    return role


@pytest.fixture
def filled_plan(plan, regisseur):
    zorg = Leefdomein.objects.get(code="zorg")
    services.goal_create(plan=plan, actor=regisseur, leefdomein=zorg, text="Een huisarts vinden")
    services.goal_create(
        plan=plan,
        actor=regisseur,
        leefdomein=Leefdomein.objects.get(code="wonen"),
        text="Een eigen kamer",
    )
    RiskAssessment.objects.create(
        plan=plan, risk_factors="Schulden", safety_agreements="Bellen met Sanne bij crisis"
    )
    return plan


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_a_jim_sees_goals_actions_and_checklist_by_default(jim, plan):
    assert permissions.access_for(fresh(jim.user), plan).sections == {
        "doelen",
        "acties",
        "checklist",
    }


def test_a_jim_never_sees_zorg_or_risicotaxatie_unless_shared(
    jim, filled_plan, jongere, client_for, portal_html
):
    html = portal_html(client_for(jim.user))
    assert "Een eigen kamer" in html
    assert "Een huisarts vinden" not in html
    assert "Bellen met Sanne" not in html
    assert not permissions.can_view_risicotaxatie(
        permissions.access_for(fresh(jim.user), filled_plan)
    )

    services.sharing_update(
        plan_role=jim, actor=jongere.user, sections=["doelen", "acties", "zorg", "risicotaxatie"]
    )
    html = portal_html(client_for(jim.user))
    assert "Een huisarts vinden" in html
    assert "Bellen met Sanne" in html


def test_only_the_jongere_changes_what_the_jim_sees(jim, plan, regisseur):
    with pytest.raises(PermissionDenied):
        services.sharing_update(plan_role=jim, actor=regisseur, sections=["zorg"])
    assert AccessLogEntry.objects.filter(actor=regisseur, outcome="refused").exists()
    jim.refresh_from_db()
    assert "zorg" not in jim.shared_sections


def test_sharing_is_logged_as_share(jim, plan, jongere):
    services.sharing_update(plan_role=jim, actor=jongere.user, sections=["doelen"])
    entry = AccessLogEntry.objects.filter(action="share", object_uuid=jim.uuid).latest("id")
    assert entry.actor == jongere.user and entry.detail == {"sections": ["doelen"]}


def test_risicotaxatie_opens_for_a_professional_only_when_granted(
    plan, regisseur, jongere, professional_factory
):
    colleague = professional_factory()
    role = services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    assert not permissions.can_view_risicotaxatie(permissions.access_for(fresh(colleague), plan))
    services.sharing_update(plan_role=role, actor=regisseur, sections=["risicotaxatie"])
    assert permissions.can_view_risicotaxatie(permissions.access_for(fresh(colleague), plan))
    services.sharing_update(plan_role=role, actor=jongere.user, sections=[])
    assert not permissions.can_view_risicotaxatie(permissions.access_for(fresh(colleague), plan))


def test_a_professional_cannot_be_given_single_sections(plan, regisseur, professional_factory):
    from django.core.exceptions import ValidationError

    colleague = professional_factory()
    role = services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    with pytest.raises(ValidationError):
        services.sharing_update(plan_role=role, actor=regisseur, sections=["doelen"])


def test_regisseur_opens_the_risicotaxatie_from_the_wie_page(
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
    url = reverse("plans:role_share", kwargs={"plan_uuid": plan.uuid, "role_uuid": role.uuid})
    response = client_for(regisseur).post(url, {"sections": ["risicotaxatie"]})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.shared_sections == ["risicotaxatie"]


def test_the_jongere_hides_a_section_on_the_delen_page(jim, plan, jongere, client_for):
    client = client_for(jongere.user)
    page = client.get(reverse("portal:sharing"))
    assert page.status_code == 200
    assert f'name="{jim.uuid}-sections"' in page.content.decode()
    response = client.post(
        reverse("portal:share", kwargs={"role_uuid": jim.uuid}),
        {f"{jim.uuid}-sections": ["checklist"]},
    )
    assert response.status_code == 302
    jim.refresh_from_db()
    assert jim.shared_sections == ["checklist"]
    client = client_for(jim.user)
    assert client.get(reverse("portal:doelen")).status_code == 404
    assert client.get(reverse("portal:checklist")).status_code == 200


def test_the_jongere_stops_access_for_someone_from_the_network(jim, plan, jongere, client_for):
    client_for(jongere.user).post(reverse("portal:revoke", kwargs={"role_uuid": jim.uuid}))
    assert client_for(jim.user).get(reverse("portal:home")).status_code == 404
    assert PlanRole.objects.get(pk=jim.pk).revoked_at is not None


def test_the_jongere_cannot_revoke_a_professional(plan, jongere, regisseur, client_for):
    role = PlanRole.objects.get(plan=plan, user=regisseur)
    client_for(jongere.user).post(reverse("portal:revoke", kwargs={"role_uuid": role.uuid}))
    assert PlanRole.objects.get(pk=role.pk).revoked_at is None


def test_the_jongere_sees_who_looked_in_plain_words(plan, regisseur, jongere, client_for):
    client_for(regisseur).get(reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid}))
    html = client_for(jongere.user).get(reverse("portal:looked")).content.decode()
    org = regisseur.memberships.get().organisation.name
    assert f"{regisseur.first_name} van {org} heeft je plan bekeken." in html


def test_portal_pages_stay_within_their_query_budget(
    big_plan, jongere, client_for, django_assert_max_num_queries
):
    client = client_for(jongere.user)
    for name in ("portal:home", "portal:sharing", "portal:looked"):
        client.get(reverse(name))
        with django_assert_max_num_queries(15):
            assert client.get(reverse(name)).status_code == 200


def test_actions_shared_without_goals_are_shown_as_a_list(
    jim, plan, regisseur, jongere, client_for, portal_html
):
    goal = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.get(code="wonen"), text="Kamer"
    )
    services.action_create(goal=goal, actor=regisseur, text="Woningnet bellen")
    services.sharing_update(plan_role=jim, actor=jongere.user, sections=["acties"])
    html = portal_html(client_for(jim.user))
    assert "Kamer" not in html
    assert "Woningnet bellen" in html
