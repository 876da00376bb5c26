import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from domains.models import Leefdomein, PlanTemplate
from plans import permissions, services
from plans.models import (
    AccessLogEntry,
    ChecklistEntry,
    DomainAssessment,
    Goal,
    PlanRole,
    StabilityScore,
)
from tests.network.factories import JongereFactory, NetworkMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def entries(plan, **filters):
    return AccessLogEntry.objects.filter(plan=plan, **filters)


def domain(code="wonen"):
    return Leefdomein.objects.get(code=code)


def test_plan_create_makes_the_actor_regisseur_and_logs(plan, regisseur, organisation, jongere):
    assert plan.regisseur == regisseur
    assert plan.phase == "wie"
    role = PlanRole.objects.get(plan=plan, user=regisseur)
    assert role.role == "regisseur" and role.organisation == organisation
    assert PlanRole.objects.get(plan=plan, user=jongere.user).role == "jongere"
    assert DomainAssessment.objects.filter(plan=plan).count() == 8
    entry = entries(plan, action="create", object_type="toekomstplan").get()
    assert entry.actor == regisseur
    assert entry.role == "regisseur"
    assert entry.organisation == organisation


def test_plan_create_from_a_template_suggests_goals_and_checklist(regisseur, organisation):
    template = PlanTemplate.objects.get(doelgroep="lvb")
    jongere = JongereFactory(doelgroepen=["lvb"])
    plan = services.plan_create(
        actor=regisseur, jongere=jongere, organisation=organisation, template=template
    )
    assert sorted(plan.goals.values_list("text", flat=True)) == sorted(
        template.goals.values_list("text", flat=True)
    )
    assert ChecklistEntry.objects.filter(plan=plan).count() == template.checklist_items.count()
    assert entries(plan, action="create").get().detail == {"template": "lvb"}


def test_plan_create_refuses_an_organisation_the_actor_does_not_work_for(regisseur):
    from tests.network.factories import OrganisationFactory

    with pytest.raises(PermissionDenied):
        services.plan_create(
            actor=regisseur, jongere=JongereFactory(), organisation=OrganisationFactory()
        )


def test_role_grant_gives_access_and_logs_a_share(plan, regisseur, professional_factory):
    colleague = professional_factory()
    org = colleague.memberships.get().organisation
    assert not permissions.can_view_plan(permissions.access_for(colleague, plan))
    role = services.role_grant(
        plan=plan, actor=regisseur, user=colleague, role="professional", organisation=org
    )
    colleague = type(colleague).objects.get(pk=colleague.pk)
    assert permissions.can_view_plan(permissions.access_for(colleague, plan))
    assert permissions.can_edit_plan(permissions.access_for(colleague, plan))
    assert not permissions.can_manage_roles(permissions.access_for(colleague, plan))
    entry = entries(plan, action="share").get()
    assert entry.object_uuid == role.uuid and entry.detail == {"granted": "professional"}


def test_role_grant_refuses_a_second_role_for_the_same_person(plan, regisseur, jongere):
    with pytest.raises(ValidationError):
        services.role_grant(plan=plan, actor=regisseur, user=jongere.user, role="netwerk")


def test_role_grant_by_someone_without_the_right_is_refused_and_logged(plan, jongere):
    with pytest.raises(PermissionDenied):
        services.role_grant(plan=plan, actor=jongere.user, user=UserFactory(), role="netwerk")
    entry = entries(plan, action="refused").get()
    assert entry.actor == jongere.user and entry.outcome == "refused"


def test_role_revoke_takes_access_away_and_logs(plan, regisseur):
    jim = UserFactory()
    member = NetworkMemberFactory(jongere=plan.jongere, is_jim=True)
    role = services.role_grant(
        plan=plan, actor=regisseur, user=jim, role="jim", network_member=member
    )
    assert (
        "view_shared" in permissions.access_for(type(jim).objects.get(pk=jim.pk), plan).permissions
    )
    services.role_revoke(plan_role=role, actor=regisseur)
    fresh = type(jim).objects.get(pk=jim.pk)
    assert permissions.access_for(fresh, plan).permissions == frozenset()
    assert entries(plan, action="share", detail__revoked="jim").exists()


def test_role_revoke_refuses_the_jongere_role(plan, regisseur, jongere):
    with pytest.raises(PermissionDenied):
        services.role_revoke(
            plan_role=PlanRole.objects.get(plan=plan, user=jongere.user), actor=regisseur
        )


def test_domain_assess_keeps_stability_history_and_logs_field_names_only(plan, regisseur):
    assessment = DomainAssessment.objects.get(plan=plan, leefdomein=domain())
    for score in (2, 2, 3):
        assessment = services.domain_assess(
            plan=plan,
            actor=regisseur,
            leefdomein=domain(),
            expected_version=assessment.version,
            situation="Ik woon bij mijn tante.",
            wish="Op mezelf.",
            support_needed="licht",
            stability=score,
        )
    assert assessment.stability == 3
    assert list(
        StabilityScore.objects.filter(assessment=assessment).values_list("score", flat=True)
    ) == [2, 3]
    logged = entries(plan, action="update", object_type="domainassessment")
    assert logged.count() == 3
    assert "tante" not in str(list(logged.values_list("detail", flat=True)))
    assert set(logged.order_by("pk").first().detail["fields"]) >= {"situation", "stability"}


def test_stale_domain_assessment_raises_and_changes_nothing(plan, regisseur):
    assessment = DomainAssessment.objects.get(plan=plan, leefdomein=domain())
    kwargs = {
        "plan": plan,
        "leefdomein": domain(),
        "situation": "a",
        "wish": "b",
        "support_needed": "geen",
    }
    services.domain_assess(
        actor=regisseur, expected_version=assessment.version, stability=4, **kwargs
    )
    with pytest.raises(services.StaleEdit) as caught:
        services.domain_assess(
            actor=regisseur, expected_version=assessment.version, stability=1, **kwargs
        )
    assert caught.value.current.stability == 4
    assessment.refresh_from_db()
    assert assessment.stability == 4


def test_goal_create_update_complete_each_log(plan, regisseur):
    goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=domain(), text="Eigen kamer")
    goal = services.goal_update(
        goal=goal,
        actor=regisseur,
        expected_version=goal.version,
        text="Een eigen kamer",
        leefdomein=domain("inkomen"),
    )
    goal = services.goal_complete(goal=goal, actor=regisseur, expected_version=goal.version)
    assert goal.status == Goal.Status.BEREIKT and goal.closed_at is not None
    actions = list(
        entries(plan, object_type="goal", object_uuid=goal.uuid)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "update"]
    update = entries(plan, object_type="goal", action="update").order_by("pk").first()
    assert sorted(update.detail["fields"]) == ["leefdomein_id", "text"]


def test_goal_create_refuses_empty_text(plan, regisseur):
    with pytest.raises(ValidationError):
        services.goal_create(plan=plan, actor=regisseur, leefdomein=domain(), text="   ")


def test_action_create_update_complete_each_log(plan, regisseur, jongere):
    goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=domain(), text="Kamer")
    jongere_role = PlanRole.objects.get(plan=plan, user=jongere.user)
    action = services.action_create(
        goal=goal,
        actor=regisseur,
        text="Inschrijven",
        assignee_role=jongere_role,
        due_date=datetime.date(2027, 1, 1),
    )
    member = NetworkMemberFactory(jongere=jongere)
    action = services.action_update(
        action=action,
        actor=regisseur,
        expected_version=action.version,
        text="Inschrijven bij woningnet",
        assignee_role=None,
        assignee_member=member,
        due_date=datetime.date(2027, 2, 1),
    )
    action = services.action_complete(
        action=action, actor=regisseur, expected_version=action.version
    )
    assert action.done_at is not None and action.assignee_member == member
    logged = list(
        entries(plan, object_type="action").order_by("pk").values_list("action", flat=True)
    )
    assert logged == ["create", "update", "update"]


def test_action_assignee_must_belong_to_the_plan(plan, regisseur):
    goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=domain(), text="Kamer")
    outsider = NetworkMemberFactory()
    with pytest.raises(ValidationError):
        services.action_create(goal=goal, actor=regisseur, text="Bellen", assignee_member=outsider)


def test_stale_action_edit_raises_and_keeps_the_first_save(plan, regisseur):
    goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=domain(), text="Kamer")
    action = services.action_create(goal=goal, actor=regisseur, text="Bellen")
    opened_version = action.version
    services.action_update(
        action=action,
        actor=regisseur,
        expected_version=opened_version,
        text="Eerst",
        assignee_role=None,
        assignee_member=None,
        due_date=None,
    )
    with pytest.raises(services.StaleEdit):
        services.action_update(
            action=action,
            actor=regisseur,
            expected_version=opened_version,
            text="Tweede",
            assignee_role=None,
            assignee_member=None,
            due_date=None,
        )
    action.refresh_from_db()
    assert action.text == "Eerst"


@pytest.mark.parametrize("service", ["goal_create", "domain_assess"])
def test_a_stranger_cannot_write_and_the_refusal_is_logged(plan, stranger, service):
    with pytest.raises(PermissionDenied):
        if service == "goal_create":
            services.goal_create(plan=plan, actor=stranger, leefdomein=domain(), text="x")
        else:
            services.domain_assess(
                plan=plan,
                actor=stranger,
                leefdomein=domain(),
                expected_version=1,
                situation="",
                wish="",
                support_needed="",
                stability=None,
            )
    assert entries(plan, actor=stranger, action="refused", outcome="refused").count() == 1
    assert not Goal.objects.filter(plan=plan).exists()
