"""Holes found in review, closed for good."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from network.models import Membership
from network.services import coordinator_group_ensure
from plans import services
from plans.models import AccessLogEntry, Toekomstplan
from tests.conftest import caseload_rows
from tests.network.factories import JongereFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_cannot_change_an_existing_persons_email_or_password(
    plan, jongere, client_for
):
    coordinator = UserFactory(is_staff=True)
    coordinator.groups.add(coordinator_group_ensure())
    client = client_for(coordinator)
    url = f"/admin/network/user/{jongere.user.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="email"' not in page
    client.post(
        url, {"email": coordinator.email, "first_name": "X", "last_name": "Y", "is_active": "on"}
    )
    jongere.user.refresh_from_db()
    assert jongere.user.email != coordinator.email
    password_url = f"/admin/network/user/{jongere.user.pk}/password/"
    assert client.get(password_url).status_code == 403


def test_a_professional_who_is_also_a_jim_needs_the_second_factor_in_the_portal(
    plan, regisseur, professional_factory, client_for
):
    mentor = professional_factory()
    services.role_grant(plan=plan, actor=regisseur, user=mentor, role="jim")
    response = client_for(mentor, second_factor=False).get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_a_professional_role_keeps_needing_the_second_factor_after_leaving_the_organisation(
    plan, regisseur, professional_factory, client_for
):
    colleague = professional_factory()
    services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    Membership.objects.filter(user=colleague).delete()
    response = client_for(colleague, second_factor=False).get(
        reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})
    )
    assert response.status_code == 302


def test_odd_but_valid_input_never_breaks_the_log_chain(plan, jongere, client_for, settings):
    client = client_for(jongere.user)
    client.get(reverse("portal:home"), {"plan": str(plan.uuid).upper()})
    client.get(reverse("portal:home"), REMOTE_ADDR="2001:DB8:0:0:0:0:0:1")
    settings.TRUSTED_PROXY_COUNT = 1
    client.get(reverse("portal:home"), HTTP_X_FORWARDED_FOR="203.0.113.5:41234")
    call_command("verify_access_log")
    ips = set(AccessLogEntry.objects.values_list("ip_address", flat=True))
    assert {"2001:db8::1", "203.0.113.5"} <= ips


def test_a_malformed_plan_id_in_the_portal_is_a_logged_404(jongere, plan, client_for):
    response = client_for(jongere.user).get(reverse("portal:home"), {"plan": "abc"})
    assert response.status_code == 404
    refused = AccessLogEntry.objects.get(actor=jongere.user, outcome="refused")
    assert refused.object_type == "portal"


def test_a_role_of_another_plan_is_a_logged_404(plan, regisseur, organisation, client_for):
    other = services.plan_create(
        actor=regisseur, jongere=JongereFactory(), organisation=organisation
    )
    foreign = other.roles.get(role="regisseur")
    url = reverse("plans:role_revoke", kwargs={"plan_uuid": plan.uuid, "role_uuid": foreign.uuid})
    assert client_for(regisseur).post(url).status_code == 404
    assert AccessLogEntry.objects.filter(
        actor=regisseur, outcome="refused", object_uuid=foreign.uuid
    ).exists()


def test_accepting_someone_elses_invitation_is_logged(plan, regisseur):
    invitation = services.invitation_create(
        plan=plan, actor=regisseur, email="kees@example.nl", role="jim"
    )
    intruder = UserFactory()
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=intruder)
    assert AccessLogEntry.objects.filter(actor=intruder, outcome="refused").exists()


def test_inviting_an_account_that_is_another_jongeres_gives_a_clear_message(
    regisseur, organisation
):
    plan = services.plan_create(
        actor=regisseur, jongere=JongereFactory(user=None), organisation=organisation
    )
    other_jongere = JongereFactory(user=UserFactory())
    invitation = services.invitation_create(
        plan=plan, actor=regisseur, email=other_jongere.user.email, role="jongere"
    )
    with pytest.raises(ValidationError, match="andere jongere"):
        services.invitation_accept(invitation=invitation, user=other_jongere.user)


def test_a_let_go_plan_takes_no_invitations(plan, regisseur):
    Toekomstplan.objects.filter(pk=plan.pk).update(status="losgelaten")
    plan.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.invitation_create(plan=plan, actor=regisseur, email="x@example.nl", role="jim")


def test_an_unknown_goal_is_a_logged_404(plan, regisseur, client_for):
    url = reverse("plans:goal_edit", kwargs={"plan_uuid": plan.uuid, "goal_uuid": uuid.uuid4()})
    assert client_for(regisseur).get(url).status_code == 404
    assert AccessLogEntry.objects.filter(
        actor=regisseur, outcome="refused", object_type="goal"
    ).exists()


def _grant_professional(plan, regisseur, user):
    return services.role_grant(
        plan=plan,
        actor=regisseur,
        user=user,
        role="professional",
        organisation=user.memberships.get().organisation,
    )


def test_a_team_lead_without_role_sees_no_plan_content_in_the_caseload(
    plan, organisation, regisseur, professional_factory, client_for
):
    lead = professional_factory(organisation=organisation)
    Membership.objects.filter(user=lead).update(is_team_lead=True)
    html = client_for(lead).get(reverse("plans:plan_list")).content.decode()
    assert plan.jongere.last_name in html
    assert f'href="/plannen/{plan.uuid}/"' not in html  # no link: no role
    assert "tp-big5__pillar" not in html and 'colspan="5"' in html


def test_a_handover_moves_the_actions_to_the_new_roles(plan, regisseur, professional_factory):
    from domains.models import Leefdomein

    successor = professional_factory()
    old_role = plan.roles.get(user=regisseur)
    goal = services.goal_create(
        plan=plan, actor=regisseur, leefdomein=Leefdomein.objects.first(), text="Doel"
    )
    action = services.action_create(
        goal=goal, actor=regisseur, text="Bellen", assignee_role=old_role
    )
    handover = services.handover_propose(
        plan=plan,
        actor=regisseur,
        to_user=successor,
        to_organisation=successor.memberships.get().organisation,
        note="Notitie",
    )
    services.handover_accept(handover=handover, actor=successor)
    action.refresh_from_db()
    assert action.assignee_role.user == successor and action.assignee_role.revoked_at is None


def test_letting_go_cancels_an_open_handover(plan, regisseur, professional_factory):
    successor = professional_factory()
    handover = services.handover_propose(
        plan=plan,
        actor=regisseur,
        to_user=successor,
        to_organisation=successor.memberships.get().organisation,
        note="Notitie",
    )
    services.plan_let_go(plan=plan, actor=regisseur, expected_version=plan.version, reason="Klaar")
    handover.refresh_from_db()
    assert handover.cancelled_at is not None


def test_only_the_regisseur_writes_the_risicotaxatie(
    plan, regisseur, professional_factory, client_for
):
    colleague = professional_factory()
    role = _grant_professional(plan, regisseur, colleague)
    services.sharing_update(plan_role=role, actor=regisseur, sections=["risicotaxatie"])
    client = client_for(colleague)
    url = reverse("plans:plan_risk", kwargs={"plan_uuid": plan.uuid})
    assert client.get(url).status_code == 200
    assert client.post(url, {"level": "hoog", "version": 1}).status_code == 404


def test_an_unchanged_past_review_date_does_not_block_saving(plan, regisseur, client_for):
    import datetime

    from plans.models import RiskAssessment

    RiskAssessment.objects.create(plan=plan, review_date=datetime.date(2025, 1, 1))
    url = reverse("plans:plan_risk", kwargs={"plan_uuid": plan.uuid})
    response = client_for(regisseur).post(
        url,
        {"risk_factors": "Schulden", "level": "laag", "review_date": "2025-01-01", "version": 1},
    )
    assert response.status_code == 302


def test_the_progress_timeline_shows_sharing_only_to_who_may_see_the_log(
    plan, regisseur, professional_factory, client_for
):
    colleague = professional_factory()
    _grant_professional(plan, regisseur, colleague)
    url = reverse("plans:plan_progress", kwargs={"plan_uuid": plan.uuid})
    professional_page = client_for(colleague).get(url).context["page"]
    assert all(e.object_type != "planrole" for e in professional_page.object_list)
    regisseur_page = client_for(regisseur).get(url).context["page"]
    assert any(e.object_type == "planrole" for e in regisseur_page.object_list)


def test_a_pillar_is_unknown_while_one_of_its_domains_is_unassessed(plan, regisseur, client_for):
    from domains.models import Leefdomein
    from plans.models import DomainAssessment

    school = Leefdomein.objects.get(code="school")
    assessment = DomainAssessment.objects.get(plan=plan, leefdomein=school)
    services.domain_assess(
        plan=plan,
        actor=regisseur,
        leefdomein=school,
        expected_version=assessment.version,
        situation="",
        wish="",
        support_needed="",
        stability=5,
    )
    html = client_for(regisseur).get(reverse("plans:plan_list")).content.decode()
    assert caseload_rows(html)[0]["big5"]["School en werk"] is None
