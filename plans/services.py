"""Every write to a plan. Each service checks permission, writes, and logs in one transaction."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from domains.models import Leefdomein, PlanTemplate
from network.models import Jongere, NetworkMember, Organisation
from plans import audit, fragments, permissions, tasks
from plans.models import (
    DEFAULT_SHARED_SECTIONS,
    AccessLogEntry,
    Action,
    ChecklistEntry,
    DomainAssessment,
    Goal,
    Handover,
    Invitation,
    PlanRole,
    RiskAssessment,
    StabilityScore,
    StoryItem,
    Toekomstplan,
)

if TYPE_CHECKING:
    from network.models import User

logger = logging.getLogger(__name__)
LogAction = AccessLogEntry.Action
Role = PlanRole.Role


class StaleEdit(Exception):
    """Someone else saved this object after the form was opened; nothing was overwritten."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def _touch(plan: Toekomstplan) -> None:
    Toekomstplan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


def _update_versioned(instance, *, expected_version: int, changes: dict) -> list[str]:
    """Optimistic locking: write `changes` only if nobody saved since `expected_version`."""
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    model = type(instance)
    rows = model.objects.filter(pk=instance.pk, version=expected_version).update(
        **changes, version=F("version") + 1
    )
    if rows == 0:
        raise StaleEdit(model.objects.get(pk=instance.pk))
    if any(hasattr(value, "resolve_expression") for value in changes.values()):
        instance.refresh_from_db()
    else:  # the row now holds exactly these values: no need to read it back
        for name, value in changes.items():
            setattr(instance, name, value)
        instance.version = expected_version + 1
    return changed


def _member_of(user: User, organisation: Organisation) -> bool:
    return user.memberships.filter(organisation=organisation).exists()


def plan_create(
    *,
    actor: User,
    jongere: Jongere,
    organisation: Organisation,
    template: PlanTemplate | None = None,
) -> Toekomstplan:
    """Start the one plan of a jongere with the actor as regisseur, in phase WIE.

    The database refuses a second plan for the same jongere. A template suggests goals and
    checklist items for the jongere's doelgroep; they are a start, the jongere's words replace them.
    """
    if not _member_of(actor, organisation):
        raise PermissionDenied
    if Toekomstplan.objects.filter(jongere=jongere).exists():
        raise ValidationError(_("This young person already has a plan: there is only one."))
    with transaction.atomic():
        plan = Toekomstplan.objects.create(jongere=jongere, regisseur=actor, template=template)
        regisseur_role = PlanRole.objects.create(
            plan=plan, user=actor, role=Role.REGISSEUR, organisation=organisation
        )
        permissions.sync_role_permissions(plan=plan, user=actor)
        if jongere.user_id:
            PlanRole.objects.create(plan=plan, user=jongere.user, role=Role.JONGERE)
            permissions.sync_role_permissions(plan=plan, user=jongere.user)
        DomainAssessment.objects.bulk_create(
            DomainAssessment(plan=plan, leefdomein=domain) for domain in Leefdomein.objects.all()
        )
        if template is not None:
            suggestions = list(template.goals.all())
            goals = Goal.objects.bulk_create(
                Goal(
                    plan=plan,
                    leefdomein_id=suggestion.leefdomein_id,
                    text=suggestion.text,
                    created_by=actor,
                )
                for suggestion in suggestions
            )
            Action.objects.bulk_create(
                Action(goal=goal, text=line.strip(), created_by=actor)
                for goal, suggestion in zip(goals, suggestions, strict=True)
                for line in suggestion.actions.splitlines()
                if line.strip()
            )
            ChecklistEntry.objects.bulk_create(
                ChecklistEntry(plan=plan, item=item)
                for item in template.checklist_items.filter(is_active=True)
            )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.CREATE,
            object_type="toekomstplan",
            object_uuid=plan.uuid,
            detail={"template": template.doelgroep if template else None},
            role=regisseur_role,
        )
        # The jongere leaves the starter's "start on time" list at once (others': within a minute).
        fragments.forget_inbox(actor.pk)
    return plan


def plan_start(
    *,
    actor: User,
    jongere: Jongere | None,
    new_jongere: dict,
    organisation: Organisation,
    template: PlanTemplate | None,
) -> Toekomstplan:
    """From the new-plan page: register the jongere when needed, then start their one plan."""
    from network.services import jongere_register

    with transaction.atomic():
        if jongere is None:
            jongere = jongere_register(gemeente=organisation.gemeente, **new_jongere)
        return plan_create(
            actor=actor, jongere=jongere, organisation=organisation, template=template
        )


def role_grant(
    *,
    plan: Toekomstplan,
    actor: User,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    network_member: NetworkMember | None = None,
) -> PlanRole:
    """Give a person a role in the plan; their access follows from it, and nothing else.

    A person holds at most one role per plan. Professionals act for an organisation they work
    for. The regisseur role moves only by handover, never by a grant.
    """
    permissions.require(actor, plan, "roles", object_type="planrole")
    if role == Role.REGISSEUR:
        raise ValidationError(_("The case director role is handed over, not granted."))
    if role == Role.PROFESSIONAL:
        if organisation is None or not _member_of(user, organisation):
            raise ValidationError(_("A professional works in the plan for their own organisation."))
    else:
        organisation = None
    if role == Role.JONGERE and plan.jongere.user_id != user.pk:
        raise ValidationError(_("Only the young person themselves can have that role."))
    with transaction.atomic():
        if PlanRole.objects.filter(plan=plan, user=user, revoked_at__isnull=True).exists():
            raise ValidationError(_("This person already has a role in this plan."))
        plan_role = _role_create(
            plan=plan,
            user=user,
            role=role,
            organisation=organisation,
            network_member=network_member,
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.SHARE,
            object_type="planrole",
            object_uuid=plan_role.uuid,
            detail={"granted": role},
        )
        _touch(plan)
    return plan_role


def _role_create(
    *,
    plan: Toekomstplan,
    user: User,
    role: str,
    organisation: Organisation | None,
    network_member: NetworkMember | None,
) -> PlanRole:
    plan_role = PlanRole.objects.create(
        plan=plan,
        user=user,
        role=role,
        organisation=organisation,
        network_member=network_member,
        shared_sections=list(DEFAULT_SHARED_SECTIONS) if role in permissions.NETWORK_ROLES else [],
    )
    if network_member is not None and network_member.user_id is None:
        network_member.user = user
        network_member.save(update_fields=["user"])
    permissions.sync_role_permissions(plan=plan, user=user)
    return plan_role


def role_revoke(*, plan_role: PlanRole, actor: User) -> PlanRole:
    """End a role: the person loses access to the plan on their next request.

    The jongere's own role and the regisseur's cannot be revoked (the regisseur hands over);
    the jongere ends the roles of their own network, the regisseur any other.
    """
    plan = plan_role.plan
    if plan_role.revoked_at is not None:
        return plan_role
    permissions.require_that(
        permissions.can_revoke(actor, plan_role), actor, plan, "roles", object_type="planrole"
    )
    with transaction.atomic():
        plan_role.revoked_at = timezone.now()
        plan_role.save(update_fields=["revoked_at"])
        permissions.sync_role_permissions(plan=plan, user=plan_role.user)
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.SHARE,
            object_type="planrole",
            object_uuid=plan_role.uuid,
            detail={"revoked": plan_role.role},
        )
        _touch(plan)
    return plan_role


def domain_assess(
    *,
    plan: Toekomstplan,
    actor: User,
    leefdomein: Leefdomein,
    expected_version: int,
    situation: str,
    wish: str,
    support_needed: str,
    stability: int | None,
) -> DomainAssessment:
    """Record where the jongere stands on a leefdomein; every new stability score is kept.

    The history of stability shows whether the basis is getting stable enough to let go.
    """
    permissions.require(actor, plan, "edit", object_type="domainassessment")
    with transaction.atomic():
        assessment, _created = DomainAssessment.objects.get_or_create(
            plan=plan, leefdomein=leefdomein
        )
        changed = _update_versioned(
            assessment,
            expected_version=expected_version,
            changes={
                "situation": situation,
                "wish": wish,
                "support_needed": support_needed,
                "stability": stability,
                "updated_at": timezone.now(),
            },
        )
        if "stability" in changed and stability is not None:
            StabilityScore.objects.create(assessment=assessment, score=stability, recorded_by=actor)
        if {"situation", "wish"} & set(changed):
            DomainAssessment.objects.filter(pk=assessment.pk).update(words_by=actor)
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="domainassessment",
            object_uuid=assessment.uuid,
            detail={"fields": [name for name in changed if name != "updated_at"]},
        )
        _touch(plan)
    return assessment


def goal_create(*, plan: Toekomstplan, actor: User, leefdomein: Leefdomein, text: str) -> Goal:
    """Add a goal on a leefdomein, in the jongere's words: by the jongere, or with them."""
    permissions.require_that(
        permissions.can_add_goal(actor, plan), actor, plan, "edit", object_type="goal"
    )
    if not text.strip():
        raise ValidationError(_("Write down the goal."))
    with transaction.atomic():
        goal = Goal.objects.create(
            plan=plan, leefdomein=leefdomein, text=text.strip(), created_by=actor
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.CREATE,
            object_type="goal",
            object_uuid=goal.uuid,
        )
        _touch(plan)
    return goal


def goal_update(
    *,
    goal: Goal,
    actor: User,
    expected_version: int,
    text: str,
    leefdomein: Leefdomein,
) -> Goal:
    """Change a goal's words or leefdomein; a stale form raises StaleEdit and changes nothing."""
    plan = goal.plan
    permissions.require(actor, plan, "edit", object_type="goal")
    if not text.strip():
        raise ValidationError(_("Write down the goal."))
    with transaction.atomic():
        changed = _update_versioned(
            goal,
            expected_version=expected_version,
            changes={"text": text.strip(), "leefdomein_id": leefdomein.pk},
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="goal",
            object_uuid=goal.uuid,
            detail={"fields": changed},
        )
        _touch(plan)
    return goal


def goal_complete(
    *, goal: Goal, actor: User, expected_version: int, status: str = Goal.Status.BEREIKT
) -> Goal:
    """Close a goal as reached (bereikt) or stopped (gestopt)."""
    plan = goal.plan
    permissions.require(actor, plan, "edit", object_type="goal")
    if status not in (Goal.Status.BEREIKT, Goal.Status.GESTOPT):
        raise ValidationError(_("A goal is closed as reached or stopped."))
    with transaction.atomic():
        changed = _update_versioned(
            goal,
            expected_version=expected_version,
            changes={"status": status, "closed_at": timezone.now()},
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="goal",
            object_uuid=goal.uuid,
            detail={"fields": changed, "status": status},
        )
        _touch(plan)
    return goal


def _check_assignee(
    plan: Toekomstplan, assignee_role: PlanRole | None, assignee_member: NetworkMember | None
) -> None:
    if assignee_role is not None and assignee_member is not None:
        raise ValidationError(_("An action has one person who does it."))
    if assignee_role is not None and (
        assignee_role.plan_id != plan.pk or not assignee_role.is_active
    ):
        raise ValidationError(_("That person has no role in this plan."))
    if assignee_member is not None and assignee_member.jongere_id != plan.jongere_id:
        raise ValidationError(_("That person is not in the young person's network."))


def action_create(
    *,
    goal: Goal,
    actor: User,
    text: str,
    assignee_role: PlanRole | None = None,
    assignee_member: NetworkMember | None = None,
    due_date: date | None = None,
) -> Action:
    """Say who does what by when for a goal: from the network as well as from formal support.

    The jongere adds steps for themselves to their own goals; professionals add any.
    """
    plan = goal.plan
    own_step = (
        permissions.can_write_own_words(actor, plan)
        and assignee_role is not None
        and assignee_role.user_id == actor.pk
        and goal.created_by_id == actor.pk
    )
    permissions.require_that(
        own_step or permissions.has_need(actor, plan, "edit"),
        actor,
        plan,
        "edit",
        object_type="action",
    )
    if not text.strip():
        raise ValidationError(_("Write down what needs to be done."))
    _check_assignee(plan, assignee_role, assignee_member)
    with transaction.atomic():
        action = Action.objects.create(
            goal=goal,
            text=text.strip(),
            assignee_role=assignee_role,
            assignee_member=assignee_member,
            due_date=due_date,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.CREATE,
            object_type="action",
            object_uuid=action.uuid,
        )
        _touch(plan)
    return action


def action_update(
    *,
    action: Action,
    actor: User,
    expected_version: int,
    text: str,
    assignee_role: PlanRole | None,
    assignee_member: NetworkMember | None,
    due_date: date | None,
) -> Action:
    """Change what, who or when of an action; a stale form raises StaleEdit."""
    plan = action.goal.plan
    permissions.require(actor, plan, "edit", object_type="action")
    if not text.strip():
        raise ValidationError(_("Write down what needs to be done."))
    _check_assignee(plan, assignee_role, assignee_member)
    with transaction.atomic():
        changed = _update_versioned(
            action,
            expected_version=expected_version,
            changes={
                "text": text.strip(),
                "assignee_role_id": assignee_role.pk if assignee_role else None,
                "assignee_member_id": assignee_member.pk if assignee_member else None,
                "due_date": due_date,
            },
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="action",
            object_uuid=action.uuid,
            detail={"fields": changed},
        )
        _touch(plan)
    return action


def action_complete(*, action: Action, actor: User, expected_version: int) -> Action:
    """Mark an action as done, now: by a professional, or by the person it is assigned to."""
    plan = action.goal.plan
    permissions.require_that(
        permissions.can_complete_action(actor, plan, action),
        actor,
        plan,
        "complete",
        object_type="action",
    )
    with transaction.atomic():
        changed = _update_versioned(
            action, expected_version=expected_version, changes={"done_at": timezone.now()}
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="action",
            object_uuid=action.uuid,
            detail={"fields": changed},
        )
        _touch(plan)
    return action


def sharing_update(*, plan_role: PlanRole, actor: User, sections: list[str]) -> PlanRole:
    """Set what one person sees of the plan. The jongere decides who sees what.

    For the JIM and the network: any of the sections. For a professional: only whether they
    see the risicotaxatie.
    """
    plan = plan_role.plan
    permissions.require_that(
        permissions.can_share(actor, plan, plan_role), actor, plan, "share", object_type="planrole"
    )
    allowed = permissions.shareable_sections(plan_role)
    unknown = set(sections) - allowed
    if unknown:
        raise ValidationError(
            _("These parts cannot be shared with this person: %(parts)s."),
            params={"parts": ", ".join(sorted(unknown))},
        )
    new = sorted(set(sections))
    if sorted(plan_role.shared_sections) == new:
        return plan_role
    with transaction.atomic():
        plan_role.shared_sections = new
        plan_role.save(update_fields=["shared_sections"])
        permissions.sync_role_permissions(plan=plan, user=plan_role.user)
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.SHARE,
            object_type="planrole",
            object_uuid=plan_role.uuid,
            detail={"sections": new},
        )
    return plan_role


def invitation_token(invitation: Invitation) -> str:
    """The secret in the e-mailed link: a signature over the invitation's id (nothing stored)."""
    return signing.dumps(str(invitation.uuid), salt=Invitation.TOKEN_SALT)


def invitation_create(
    *,
    plan: Toekomstplan,
    actor: User,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    network_member: NetworkMember | None = None,
) -> Invitation:
    """Invite someone by e-mail into the plan with a role; the e-mail goes out from Celery.

    The regisseur invites professionals and the network; the jongere invites their own network.
    An earlier open invitation for the same address is replaced, so only the newest link works.
    """
    permissions.require_that(
        role in permissions.invitable_roles(actor, plan),
        actor,
        plan,
        "invite",
        object_type="invitation",
    )
    email = email.strip().lower()
    if role == Role.PROFESSIONAL and organisation is None:
        raise ValidationError(_("Choose the organisation the professional works for."))
    if role != Role.PROFESSIONAL:
        organisation = None
    if network_member is not None and network_member.jongere_id != plan.jongere_id:
        raise ValidationError(_("That person is not in the young person's network."))
    if PlanRole.objects.filter(
        plan=plan, user__email__iexact=email, revoked_at__isnull=True
    ).exists():
        raise ValidationError(_("This person already has a role in this plan."))
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            plan=plan, email=email, accepted_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=now)
        invitation = Invitation.objects.create(
            plan=plan,
            email=email,
            role=role,
            organisation=organisation,
            network_member=network_member,
            invited_by=actor,
            expires_at=now + timedelta(days=settings.INVITATION_DAYS),
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.SHARE,
            object_type="invitation",
            object_uuid=invitation.uuid,
            detail={"invited": role},
        )
        transaction.on_commit(lambda: tasks.invitation_send_task.delay(invitation.pk))
    return invitation


def invitation_send(*, invitation: Invitation) -> Invitation:
    """Send the invitation e-mail, once. It holds no plan content: only who invites, and a link."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("invited_by")
            .get(pk=invitation.pk)
        )
        if invitation.sent_at is not None or not invitation.is_open:
            return invitation
        context = {
            "inviter": invitation.invited_by,
            "link": settings.SITE_URL
            + reverse("invitation_accept", args=[invitation_token(invitation)]),
            "days": settings.INVITATION_DAYS,
            "expires_at": invitation.expires_at,
        }
        send_mail(
            subject=render_to_string("plans/email/invitation_subject.txt", context).strip(),
            message=render_to_string("plans/email/invitation_body.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return invitation


def invitation_accept(*, invitation: Invitation, user: User) -> PlanRole:
    """Bind the signed-in account to the invited role. Works once, before it expires, and only
    for the address it was sent to."""
    if user.email.lower() != invitation.email:
        permissions.refuse(
            user=user,
            plan=invitation.plan,
            need="invitation",
            object_type="invitation",
            object_uuid=invitation.uuid,
        )
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    if invitation.role == Role.JONGERE and hasattr(user, "jongere"):
        raise ValidationError(_("This account already belongs to another young person."))
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("plan__jongere", "organisation", "network_member")
            .get(pk=invitation.pk)
        )
        plan = invitation.plan
        if not invitation.is_open:
            raise ValidationError(_("This invitation has already been used or has expired."))
        if invitation.role == Role.PROFESSIONAL and not _member_of(user, invitation.organisation):
            raise ValidationError(_("You do not work for the organisation this invitation is for."))
        if PlanRole.objects.filter(plan=plan, user=user, revoked_at__isnull=True).exists():
            raise ValidationError(_("You already have a role in this plan."))
        if invitation.role == Role.JONGERE:
            if plan.jongere.user_id is not None:
                raise ValidationError(_("This plan already has an account for the young person."))
            plan.jongere.user = user
            plan.jongere.save(update_fields=["user"])
        plan_role = _role_create(
            plan=plan,
            user=user,
            role=invitation.role,
            organisation=invitation.organisation,
            network_member=invitation.network_member,
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(
            actor=user,
            plan=plan,
            action=LogAction.SHARE,
            object_type="invitation",
            object_uuid=invitation.uuid,
            detail={"accepted": invitation.role},
            role=plan_role,
        )
        _touch(plan)
    return plan_role


def plan_phase_set(
    *, plan: Toekomstplan, actor: User, expected_version: int, phase: str
) -> Toekomstplan:
    """Move the plan to WIE, WAT or HOE: the method's order, chosen by those who work in it."""
    permissions.require(actor, plan, "edit", object_type="toekomstplan")
    if phase not in Toekomstplan.Phase.values:
        raise ValidationError(_("Unknown phase."))
    with transaction.atomic():
        changed = _update_versioned(
            plan,
            expected_version=expected_version,
            changes={"phase": phase, "updated_at": timezone.now()},
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="toekomstplan",
            object_uuid=plan.uuid,
            detail={"fields": changed, "phase": phase},
        )
    return plan


def network_member_save(
    *,
    plan: Toekomstplan,
    actor: User,
    member: NetworkMember | None = None,
    expected_version: int | None = None,
    name: str,
    relation: str,
    closeness: int,
    is_jim: bool,
    phone: str = "",
    email: str = "",
) -> NetworkMember:
    """Add or change someone of the jongere's own network; there is at most one JIM."""
    permissions.require(actor, plan, "edit", object_type="networkmember")
    if not name.strip():
        raise ValidationError({"name": _("Write down the name.")})
    values = {
        "name": name.strip(),
        "relation": relation,
        "closeness": closeness,
        "is_jim": is_jim,
        "phone": phone.strip(),
        "email": email.strip().lower(),
    }
    with transaction.atomic():
        if is_jim:
            others = NetworkMember.objects.filter(jongere_id=plan.jongere_id, is_jim=True)
            if member is not None:
                others = others.exclude(pk=member.pk)
            for previous_jim in others:
                audit.record(
                    actor=actor,
                    plan=plan,
                    action=LogAction.UPDATE,
                    object_type="networkmember",
                    object_uuid=previous_jim.uuid,
                    detail={"fields": ["is_jim"]},
                )
            others.update(is_jim=False, version=F("version") + 1)
        if member is None:
            member = NetworkMember.objects.create(jongere=plan.jongere, **values)
            action, fields = LogAction.CREATE, sorted(values)
        else:
            if member.jongere_id != plan.jongere_id:
                raise ValidationError(_("That person is not in the young person's network."))
            fields = _update_versioned(member, expected_version=expected_version, changes=values)
            action = LogAction.UPDATE
        audit.record(
            actor=actor,
            plan=plan,
            action=action,
            object_type="networkmember",
            object_uuid=member.uuid,
            detail={"fields": fields},
        )
        _touch(plan)
    return member


def risk_assessment_save(
    *,
    plan: Toekomstplan,
    actor: User,
    expected_version: int,
    risk_factors: str,
    protective_factors: str,
    level: str,
    safety_agreements: str,
    review_date: date | None,
) -> RiskAssessment:
    """Write the risicotaxatie: the regisseur does; those it is opened to only read it."""
    permissions.require_that(
        permissions.can_edit_risicotaxatie(actor, plan),
        actor,
        plan,
        "roles",
        object_type="riskassessment",
    )
    with transaction.atomic():
        risk, _created = RiskAssessment.objects.get_or_create(plan=plan)
        changed = _update_versioned(
            risk,
            expected_version=expected_version,
            changes={
                "risk_factors": risk_factors.strip(),
                "protective_factors": protective_factors.strip(),
                "level": level,
                "safety_agreements": safety_agreements.strip(),
                "review_date": review_date,
                "updated_at": timezone.now(),
            },
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="riskassessment",
            object_uuid=risk.uuid,
            detail={"fields": [f for f in changed if f != "updated_at"]},
        )
        _touch(plan)
    return risk


def handover_propose(
    *,
    plan: Toekomstplan,
    actor: User,
    to_user: User,
    to_organisation: Organisation | None,
    note: str,
    stays_involved: bool = False,
) -> Handover:
    """Warme overdracht: the regisseur proposes a successor at another organisation, with a note.

    Nothing changes until the successor accepts; the plan itself is never rewritten.
    """
    permissions.require(actor, plan, "roles", object_type="handover")
    if plan.regisseur_id != actor.pk:
        permissions.refuse(user=actor, plan=plan, need="handover", object_type="handover")
        raise PermissionDenied
    errors = {}
    if to_organisation is None:
        errors["to_organisation"] = _("Choose the organisation of the successor.")
    elif not _member_of(to_user, to_organisation):
        errors["to_organisation"] = _("The successor does not work for this organisation.")
    if to_user.pk == actor.pk:
        errors["to_user"] = _("Choose someone else as successor.")
    if not note.strip():
        errors["note"] = _("Write a handover note: what should the successor know?")
    if errors:
        raise ValidationError(errors)
    from_role = audit.active_role(actor, plan)
    with transaction.atomic():
        if Handover.objects.filter(
            plan=plan, accepted_at__isnull=True, cancelled_at__isnull=True
        ).exists():
            raise ValidationError(_("There is already a handover waiting for an answer."))
        handover = Handover.objects.create(
            plan=plan,
            from_user=actor,
            from_organisation=from_role.organisation,
            to_user=to_user,
            to_organisation=to_organisation,
            note=note.strip(),
            stays_involved=stays_involved,
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.CREATE,
            object_type="handover",
            object_uuid=handover.uuid,
        )
        fragments.forget_inbox(to_user.pk)  # the caseload shows it waiting
    return handover


def handover_accept(*, handover: Handover, actor: User) -> Handover:
    """The successor takes over as regisseur; the old regisseur leaves or stays as professional."""
    plan = handover.plan
    if handover.to_user_id != actor.pk:
        permissions.refuse(user=actor, plan=plan, need="handover", object_type="handover")
        raise PermissionDenied
    with transaction.atomic():
        handover = Handover.objects.select_for_update(of=("self",)).get(pk=handover.pk)
        if not handover.is_open:
            raise ValidationError(_("This handover has already been answered."))
        if plan.status != Toekomstplan.Status.ACTIEF:
            raise ValidationError(_("This plan has been let go."))
        if not _member_of(actor, handover.to_organisation):
            raise ValidationError(_("You no longer work for the organisation of this handover."))
        now = timezone.now()
        old = PlanRole.objects.get(plan=plan, role=Role.REGISSEUR, revoked_at__isnull=True)
        old.revoked_at = now
        old.save(update_fields=["revoked_at"])
        previous = PlanRole.objects.filter(plan=plan, user=actor, revoked_at__isnull=True).first()
        if previous is not None:
            previous.revoked_at = now
            previous.save(update_fields=["revoked_at"])
        new_role = PlanRole.objects.create(
            plan=plan, user=actor, role=Role.REGISSEUR, organisation=handover.to_organisation
        )
        stays = None
        if handover.stays_involved:
            stays = PlanRole.objects.create(
                plan=plan, user=old.user, role=Role.PROFESSIONAL, organisation=old.organisation
            )
        # Who was to do what stays the same person: their actions move to their new roles.
        Action.objects.filter(goal__plan=plan, assignee_role=old).update(
            assignee_role=stays or new_role
        )
        if previous is not None:
            Action.objects.filter(goal__plan=plan, assignee_role=previous).update(
                assignee_role=new_role
            )
        Toekomstplan.objects.filter(pk=plan.pk).update(
            regisseur=actor, version=F("version") + 1, updated_at=now
        )
        plan.refresh_from_db()
        for user in (actor, old.user):
            permissions.sync_role_permissions(plan=plan, user=user)
        handover.accepted_at = now
        handover.save(update_fields=["accepted_at"])
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.SHARE,
            object_type="handover",
            object_uuid=handover.uuid,
            detail={"accepted": True, "ended_roles": [str(r.uuid) for r in (old, previous) if r]},
        )
        fragments.forget_inbox(handover.to_user_id)
    return handover


def handover_cancel(*, handover: Handover, actor: User) -> Handover:
    """The proposing regisseur withdraws, or the proposed successor declines."""
    plan = handover.plan
    if actor.pk not in (handover.from_user_id, handover.to_user_id):
        permissions.refuse(user=actor, plan=plan, need="handover", object_type="handover")
        raise PermissionDenied
    with transaction.atomic():
        updated = Handover.objects.filter(
            pk=handover.pk, accepted_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=timezone.now())
        if updated:
            audit.record(
                actor=actor,
                plan=plan,
                action=LogAction.UPDATE,
                object_type="handover",
                object_uuid=handover.uuid,
                detail={"cancelled": True},
            )
            fragments.forget_inbox(handover.to_user_id)
    handover.refresh_from_db()
    return handover


def plan_let_go(
    *, plan: Toekomstplan, actor: User, expected_version: int, reason: str
) -> Toekomstplan:
    """Loslaten: close the plan once the basis is stable. Without every Big5 pillar at 4 or more,
    only with a stated reason. The plan is read-only afterwards."""
    permissions.require(actor, plan, "roles", object_type="toekomstplan")
    from plans.selectors import big5_now

    lowest = big5_now(plan=plan)
    stable = all(score is not None and score >= 4 for score in lowest.values())
    if not stable and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Not every Big5 pillar is at 4 or more yet: write down why you let go now."
                )
            }
        )
    with transaction.atomic():
        now = timezone.now()
        _update_versioned(
            plan,
            expected_version=expected_version,
            changes={
                "status": Toekomstplan.Status.LOSGELATEN,
                "let_go_at": now,
                "let_go_reason": reason.strip(),
                "updated_at": now,
            },
        )
        open_handovers = list(
            Handover.objects.filter(plan=plan, accepted_at__isnull=True, cancelled_at__isnull=True)
        )
        Handover.objects.filter(pk__in=[h.pk for h in open_handovers]).update(cancelled_at=now)
        for handover in open_handovers:
            audit.record(
                actor=actor,
                plan=plan,
                action=LogAction.UPDATE,
                object_type="handover",
                object_uuid=handover.uuid,
                detail={"cancelled": True, "reason": "let_go"},
            )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="toekomstplan",
            object_uuid=plan.uuid,
            detail={"fields": ["status"], "stable": stable},
        )
    return plan


def invitation_accept_as_new_account(*, invitation: Invitation) -> PlanRole:
    """Accept for someone without an account yet (JIM, network, jongere): the link in their
    mailbox proves the address. The account and the role come together, or not at all."""
    from network.services import user_for_invitation

    if invitation.role == Role.PROFESSIONAL:
        raise ValidationError(_("Sign in first; then you can accept the invitation."))
    with transaction.atomic():
        user = user_for_invitation(email=invitation.email)
        return invitation_accept(invitation=invitation, user=user)


def domain_words_save(
    *,
    plan: Toekomstplan,
    actor: User,
    leefdomein: Leefdomein,
    expected_version: int,
    situation: str,
    wish: str,
) -> DomainAssessment:
    """The jongere writes, per leefdomein, how it goes and what they want, in their own words.

    Their words are kept as theirs (`words_by`) so the professionals' pages show who wrote them.
    """
    permissions.require_that(
        permissions.can_write_own_words(actor, plan),
        actor,
        plan,
        "own_words",
        object_type="domainassessment",
    )
    with transaction.atomic():
        assessment, _created = DomainAssessment.objects.get_or_create(
            plan=plan, leefdomein=leefdomein
        )
        changed = _update_versioned(
            assessment,
            expected_version=expected_version,
            changes={"situation": situation.strip(), "wish": wish.strip()},
        )
        if changed:
            DomainAssessment.objects.filter(pk=assessment.pk).update(
                words_by=actor, updated_at=timezone.now()
            )
            assessment.refresh_from_db()
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="domainassessment",
            object_uuid=assessment.uuid,
            detail={"fields": changed},
        )
        _touch(plan)
    return assessment


def own_goal_create(
    *,
    plan: Toekomstplan,
    actor: User,
    leefdomein: Leefdomein,
    text: str,
    first_step: str = "",
    due_date: date | None = None,
) -> Goal:
    """The jongere adds a goal in their own words, with their own first step if they like."""
    with transaction.atomic():
        goal = goal_create(plan=plan, actor=actor, leefdomein=leefdomein, text=text)
        if first_step.strip():
            action_create(
                goal=goal,
                actor=actor,
                text=first_step,
                assignee_role=audit.active_role(actor, plan),
                due_date=due_date,
            )
    return goal


def checklist_mark(
    *, plan: Toekomstplan, actor: User, item, status: str, expected_version: int
) -> ChecklistEntry:
    """Mark an item of the 18-checklist: arranged, still to do, or not for me."""
    permissions.require_that(
        permissions.can_mark_checklist(actor, plan),
        actor,
        plan,
        "checklist",
        object_type="checklistentry",
    )
    if status not in ChecklistEntry.Status.values:
        raise ValidationError(_("Choose one of the options."))
    with transaction.atomic():
        entry, _created = ChecklistEntry.objects.get_or_create(plan=plan, item=item)
        changed = _update_versioned(
            entry,
            expected_version=expected_version,
            changes={"status": status, "updated_at": timezone.now()},
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.UPDATE,
            object_type="checklistentry",
            object_uuid=entry.uuid,
            detail={"fields": [name for name in changed if name != "updated_at"], "status": status},
        )
        _touch(plan)
    return entry


def _story_checks(kind: str, text: str, age: int | None, card: str) -> str:
    from plans.models import QUALITY_CARDS

    if kind not in StoryItem.Kind.values:
        raise ValidationError(_("Choose what you want to add."))
    if card:
        if kind != StoryItem.Kind.KWALITEIT or card not in QUALITY_CARDS:
            raise ValidationError(_("That card does not exist."))
        text = str(QUALITY_CARDS[card])
    if not text.strip():
        raise ValidationError(_("Write something first."))
    if age is not None and not 0 <= age <= 30:
        raise ValidationError(_("Fill in an age from 0 to 30."))
    return text.strip()


def story_item_add(
    *,
    plan: Toekomstplan,
    actor: User,
    kind: str,
    text: str = "",
    age: int | None = None,
    card: str = "",
    audience: str = StoryItem.Audience.BEGELEIDERS,
) -> StoryItem:
    """The jongere tells their story once: a moment on the levenslijn, a dream, a quality."""
    permissions.require_that(
        permissions.can_write_own_words(actor, plan), actor, plan, "story", object_type="storyitem"
    )
    if audience not in StoryItem.Audience.values:
        raise ValidationError(_("Choose who may see this."))
    text = _story_checks(kind, text, age, card)
    if card and StoryItem.objects.filter(plan=plan, card=card).exists():
        raise ValidationError(_("You already chose this card."))
    with transaction.atomic():
        item = StoryItem.objects.create(
            plan=plan,
            kind=kind,
            text=text,
            age=age if kind == StoryItem.Kind.MOMENT else None,
            card=card,
            audience=audience,
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.CREATE,
            object_type="storyitem",
            object_uuid=item.uuid,
            detail={"kind": kind, "audience": audience},
        )
        _touch(plan)
    return item


def story_item_update(
    *,
    item: StoryItem,
    actor: User,
    expected_version: int,
    text: str,
    age: int | None,
    audience: str,
) -> StoryItem:
    """Change an item of the story, or who may see it (the jongere decides per item)."""
    plan = item.plan
    permissions.require_that(
        permissions.can_write_own_words(actor, plan), actor, plan, "story", object_type="storyitem"
    )
    if audience not in StoryItem.Audience.values:
        raise ValidationError(_("Choose who may see this."))
    text = item.text if item.card else _story_checks(item.kind, text, age, "")
    with transaction.atomic():
        changed = _update_versioned(
            item,
            expected_version=expected_version,
            changes={
                "text": text,
                "age": age if item.kind == StoryItem.Kind.MOMENT else None,
                "audience": audience,
                "updated_at": timezone.now(),
            },
        )
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.SHARE if changed == ["audience", "updated_at"] else LogAction.UPDATE,
            object_type="storyitem",
            object_uuid=item.uuid,
            detail={"fields": [n for n in changed if n != "updated_at"], "audience": audience},
        )
        _touch(plan)
    return item


def story_item_delete(*, item: StoryItem, actor: User) -> None:
    """The jongere takes an item out of their story; it is gone (the log keeps only that it was)."""
    plan = item.plan
    permissions.require_that(
        permissions.can_write_own_words(actor, plan), actor, plan, "story", object_type="storyitem"
    )
    with transaction.atomic():
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.DELETE,
            object_type="storyitem",
            object_uuid=item.uuid,
            detail={"kind": item.kind},
        )
        item.delete()
        _touch(plan)


def story_seen(*, plan: Toekomstplan, actor: User) -> None:
    """Remember that a professional has read the jongere's story, so it no longer comes first."""
    role = audit.active_role(actor, plan)
    if role is None or role.story_seen_at is not None:
        return
    role.story_seen_at = timezone.now()
    PlanRole.objects.filter(pk=role.pk).update(story_seen_at=role.story_seen_at)


def portal_visit(*, role: PlanRole) -> None:
    """Remember this portal visit, and the plan's data version it saw: the next one shows what
    is new since now."""
    role.portal_seen_at = timezone.now()
    role.portal_seen_version = role.plan.data_version
    PlanRole.objects.filter(pk=role.pk).update(
        portal_seen_at=role.portal_seen_at, portal_seen_version=role.portal_seen_version
    )


# Reminders -------------------------------------------------------------------------------------


def reminder_sweep(*, today: date | None = None) -> list[int]:
    """Record every due reminder (once: the database refuses a second row) and return the ids of
    the reminders still to send, including any a crashed earlier sweep left behind.

    Recording comes before sending, so a rerun, a second beat or a crash mid-sweep never sends
    twice; the look-back of `due_reminders` catches up days the worker was down.
    """
    from plans.models import Reminder
    from plans.reminders import due_reminders

    today = today or timezone.localdate()
    due = due_reminders(today)
    Reminder.objects.bulk_create(
        (
            Reminder(
                plan_id=d.plan_id,
                rule_id=d.rule_id,
                recipient_id=d.recipient_id,
                occasion=d.occasion,
                due_date=d.due_date,
            )
            for d in due
        ),
        ignore_conflicts=True,
        batch_size=2000,
    )
    return list(
        Reminder.objects.filter(status=Reminder.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _reminder_link(reminder, role: PlanRole) -> str:
    from plans.models import ReminderRule

    plan = reminder.plan
    if role.role not in PlanRole.PROFESSIONAL_ROLES:
        if role.role == Role.JONGERE:
            return reverse("portal:home")
        return f"{reverse('portal:home')}?plan={plan.uuid}"
    trigger = reminder.rule.trigger
    if trigger in (ReminderRule.Trigger.ACTION_DUE_TOMORROW, ReminderRule.Trigger.ACTION_OVERDUE):
        return reverse("plans:plan_hoe", kwargs={"plan_uuid": plan.uuid})
    if trigger == ReminderRule.Trigger.REVIEW_PASSED:
        return reverse("plans:plan_risk", kwargs={"plan_uuid": plan.uuid})
    return reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})


def reminder_send(*, reminder_id: int):
    """Send one recorded reminder: a notification in the app and an e-mail, exactly once.

    The e-mail carries no plan content, only a link to the notifications. Someone who lost
    their role since the sweep gets nothing; the row says so.
    """
    from plans.models import Notification, Reminder
    from plans.reminders import recipient_still_holds
    from plans.selectors import forget_unread_notification_count

    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("rule", "plan__jongere", "recipient")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.status != Reminder.Status.PENDING:
            return reminder
        role = (
            PlanRole.objects.filter(
                plan_id=reminder.plan_id, user_id=reminder.recipient_id, revoked_at__isnull=True
            )
            .select_related("user")
            .first()
        )
        if reminder.plan.status != Toekomstplan.Status.ACTIEF or not recipient_still_holds(
            reminder.rule, role
        ):
            reminder.status = Reminder.Status.SKIPPED
            reminder.save(update_fields=["status"])
            return reminder
        title, body = reminder.rule.text_for(reminder.plan.jongere.first_name)
        forget_unread_notification_count(user_id=reminder.recipient_id)
        Notification.objects.create(
            user=reminder.recipient,
            plan=reminder.plan,
            reminder=reminder,
            title=title,
            body=body,
            link=_reminder_link(reminder, role),
        )
        context = {"link": settings.SITE_URL + reverse("notifications")}
        send_mail(
            subject=render_to_string("plans/email/reminder_subject.txt", context).strip(),
            message=render_to_string("plans/email/reminder_body.txt", context),
            from_email=None,
            recipient_list=[reminder.recipient.email],
        )
        reminder.status = Reminder.Status.SENT
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["status", "sent_at"])
    return reminder


def notifications_mark_read(*, user: User, ids: list[int]) -> int:
    """Mark the notifications a person has just seen as read (only their own)."""
    from plans.models import Notification
    from plans.selectors import forget_unread_notification_count

    if not ids:
        return 0
    forget_unread_notification_count(user_id=user.pk)
    return Notification.objects.filter(user=user, pk__in=ids, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# PDF exports -----------------------------------------------------------------------------------


def plan_export_request(*, plan: Toekomstplan, actor: User, version: str):
    """Ask for a PDF of the plan; Celery renders it. Logged as an export of plan data.

    A plan on paper travels to meetings and the next organisation: who made which copy is in
    the access log.
    """
    from plans.models import PlanExport

    permissions.require_that(
        version in permissions.export_versions(actor, plan),
        actor,
        plan,
        "export",
        object_type="planexport",
    )
    with transaction.atomic():
        export = PlanExport.objects.create(plan=plan, requested_by=actor, version=version)
        audit.record(
            actor=actor,
            plan=plan,
            action=LogAction.EXPORT,
            object_type="planexport",
            object_uuid=export.uuid,
            detail={"version": version},
        )
        transaction.on_commit(lambda: tasks.plan_export_render_task.delay(export.pk))
    return export


def plan_export_render(*, export_id: int):
    """Render a requested PDF, once, with what the requester may see at this moment.

    Someone who lost access since asking gets no file.
    """
    from django.core.files.base import ContentFile

    from plans.models import PlanExport
    from plans.pdf import render_document, write_pdf
    from plans.selectors import plan_print

    with transaction.atomic():
        export = (
            PlanExport.objects.select_for_update(of=("self",))
            .select_related("plan__jongere", "plan__regisseur", "requested_by")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.status not in (
            PlanExport.Status.QUEUED,
            PlanExport.Status.RENDERING,
        ):
            return export
        export.status = PlanExport.Status.RENDERING
        export.started_at = timezone.now()
        export.save(update_fields=["status", "started_at"])
    actor = export.requested_by
    if export.version not in permissions.export_versions(actor, export.plan):
        PlanExport.objects.filter(pk=export.pk).update(
            status=PlanExport.Status.FAILED,
            error="no access",
            finished_at=timezone.now(),
        )
        export.refresh_from_db()
        return export
    try:
        if export.version == PlanExport.Version.INZAGE:
            from plans.selectors import inzage_data

            template = "plans/pdf/inzage.html"
            context = {"d": inzage_data(plan=export.plan), "plan": export.plan}
        else:
            printable = plan_print(plan=export.plan, viewer=actor, version=export.version)
            template = (
                "plans/pdf/plan_b1.html"
                if export.version == PlanExport.Version.B1
                else "plans/pdf/plan_professional.html"
            )
            context = {"p": printable}
        document = render_document(template_name=template, context=context)
        content = write_pdf(document)
    except Exception as error:
        logger.exception("PDF export %s failed", export.uuid)
        PlanExport.objects.filter(pk=export.pk).update(
            status=PlanExport.Status.FAILED,
            error=f"{type(error).__name__}"[:300],
            finished_at=timezone.now(),
        )
        export.refresh_from_db()
        return export
    export.file.save(f"{export.uuid}.pdf", ContentFile(content), save=False)
    export.status = PlanExport.Status.DONE
    export.pages = len(document.pages)
    export.size = len(content)
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "pages", "size", "finished_at"])
    return export


def plan_export_cleanup(*, now=None) -> int:
    """Remove exports (file and row) older than PLAN_EXPORT_KEEP_DAYS; copies must not linger."""
    from plans.models import PlanExport

    now = now or timezone.now()
    old = list(
        PlanExport.objects.filter(
            created_at__lt=now - timedelta(days=settings.PLAN_EXPORT_KEEP_DAYS)
        )
    )
    for export in old:
        if export.file:
            export.file.delete(save=False)
    PlanExport.objects.filter(pk__in=[e.pk for e in old]).delete()
    return len(old)


def plan_export_download(*, export, actor: User):
    """Hand out the file of an export to who asked for it, logging that the copy left the app.

    Anyone else, or someone who lost their role since, gets 404 (logged as refused)."""
    from django.http import Http404

    if not permissions.can_download_export(actor, export):
        permissions.refuse(
            user=actor,
            plan=export.plan,
            need="export",
            object_type="planexport",
            object_uuid=export.uuid,
        )
        raise Http404
    audit.record(
        actor=actor,
        plan=export.plan,
        action=LogAction.EXPORT,
        object_type="planexport",
        object_uuid=export.uuid,
        detail={"version": export.version, "downloaded": True},
    )
    return export.file.open("rb")
