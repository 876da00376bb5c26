"""A leaver keeps no plan: ending a membership ends the roles held through it (issue 19).

Written as the review's attack: a coordinator removes Lotte's membership in the admin, and
Lotte's session, still signed in, tries to open the plan and save a new goal.
"""

import pytest
from django.urls import reverse

from domains.models import Leefdomein
from network.models import Membership
from plans import permissions, services
from plans.models import AccessLogEntry, Goal, Notification, PlanRole
from tests.network.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return OrganisationFactory(name="ROC Demodorp")


@pytest.fixture
def lotte(plan, regisseur, school, professional_factory):
    user = professional_factory(organisation=school, first_name="Lotte", last_name="Jansen")
    services.role_grant(
        plan=plan, actor=regisseur, user=user, role="professional", organisation=school
    )
    return user


def _remove_membership(client, user, membership):
    """The admin's change form of a person, with the membership's DELETE box ticked."""
    return client.post(
        reverse("admin:network_user_change", args=[user.pk]),
        {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": str(membership.pk),
            "memberships-0-user": str(user.pk),
            "memberships-0-organisation": str(membership.organisation_id),
            "memberships-0-DELETE": "on",
            "_save": "Opslaan",
        },
    )


def test_a_leaver_removed_in_the_admin_no_longer_opens_the_plan_or_saves_a_goal(
    plan, regisseur, lotte, school, coordinator, client_for
):
    lottes_session = client_for(lotte)
    overview = reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})
    assert lottes_session.get(overview).status_code == 200

    membership = Membership.objects.get(user=lotte, organisation=school)
    response = _remove_membership(client_for(coordinator), lotte, membership)
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()

    assert lottes_session.get(overview).status_code == 404
    response = lottes_session.post(
        reverse("plans:goal_new", kwargs={"plan_uuid": plan.uuid}),
        {"leefdomein": Leefdomein.objects.get(code="school").pk, "text": "Een nieuw doel"},
    )
    assert response.status_code == 404
    assert not Goal.objects.filter(plan=plan, text="Een nieuw doel").exists()
    assert PlanRole.objects.get(plan=plan, user=lotte).revoked_at is not None
    assert not permissions.can_view_plan(permissions.access_for(lotte, plan))
    ended = AccessLogEntry.objects.get(
        plan=plan, object_type="planrole", action="share", actor=coordinator
    )
    assert ended.detail == {"revoked": "professional", "membership_ended": True}
    told = Notification.objects.get(user=regisseur, plan=plan)
    assert "Lotte Jansen" in told.title and "ROC Demodorp" in told.title


def test_a_regisseur_who_leaves_is_reported_to_the_plans_professionals_and_team_leads(
    plan, regisseur, organisation, lotte, professional_factory
):
    lead = professional_factory(organisation=organisation)
    Membership.objects.filter(user=lead).update(is_team_lead=True)
    ended = services.membership_end(
        membership=Membership.objects.get(user=regisseur, organisation=organisation),
        actor=UserFactory(is_staff=True),
    )
    assert [role.role for role in ended] == ["regisseur"]
    assert not permissions.can_view_plan(permissions.access_for(regisseur, plan))
    assert set(Notification.objects.filter(plan=plan).values_list("user", flat=True)) == {
        lotte.pk,
        lead.pk,
    }


def test_roles_through_another_organisation_stay_when_one_membership_ends(
    plan, lotte, school, organisation
):
    MembershipFactory(user=lotte, organisation=organisation)
    services.membership_end(
        membership=Membership.objects.get(user=lotte, organisation=organisation),
        actor=UserFactory(is_staff=True),
    )
    assert permissions.can_view_plan(permissions.access_for(lotte, plan))


def test_a_coordinator_cannot_make_herself_a_team_lead_in_the_admin(
    plan, coordinator, organisation, client_for
):
    own = Membership.objects.get(user=coordinator)
    client = client_for(coordinator)
    response = client.post(
        reverse("admin:network_user_change", args=[coordinator.pk]),
        {
            "first_name": coordinator.first_name,
            "last_name": coordinator.last_name,
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": str(own.pk),
            "memberships-0-user": str(coordinator.pk),
            "memberships-0-organisation": str(organisation.pk),
            "memberships-0-is_team_lead": "on",
            "_save": "Opslaan",
        },
    )
    assert response.status_code in (200, 302)
    own.refresh_from_db()
    assert own.is_team_lead is False
    caseload = client.get(reverse("plans:plan_list")).content.decode()
    assert plan.jongere.last_name not in caseload
