"""Goals and actions (HOE): who does what by when, in the jongere's words."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from domains.models import Leefdomein
from network.models import NetworkMember
from plans import permissions
from plans.accesslog import events
from plans.models import (
    Action,
    Goal,
    PlanRole,
    Toekomstplan,
)
from plans.services.base import _touch, _update_versioned

if TYPE_CHECKING:
    from network.models import User


def goal_create(*, plan: Toekomstplan, actor: User, leefdomein: Leefdomein, text: str) -> Goal:
    """Add a goal on a leefdomein, in the jongere's words: by the jongere, or with them."""
    access = permissions.access_for(actor, plan)
    permissions.require_that(permissions.can_add_goal(access), access, "edit", object_type="goal")
    if not text.strip():
        raise ValidationError(_("Write down the goal."))
    with transaction.atomic():
        goal = Goal.objects.create(
            plan=plan, leefdomein=leefdomein, text=text.strip(), created_by=actor
        )
        events.created(access=access, obj=goal)
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
    access = permissions.access_for(actor, plan)
    permissions.require(access, "edit", object_type="goal")
    if not text.strip():
        raise ValidationError(_("Write down the goal."))
    with transaction.atomic():
        changed = _update_versioned(
            goal,
            expected_version=expected_version,
            changes={"text": text.strip(), "leefdomein_id": leefdomein.pk},
        )
        events.changed(access=access, obj=goal, fields=changed)
        _touch(plan)
    return goal


def goal_complete(
    *, goal: Goal, actor: User, expected_version: int, status: str = Goal.Status.BEREIKT
) -> Goal:
    """Close a goal as reached (bereikt) or stopped (gestopt)."""
    plan = goal.plan
    access = permissions.access_for(actor, plan)
    permissions.require(access, "edit", object_type="goal")
    if status not in (Goal.Status.BEREIKT, Goal.Status.GESTOPT):
        raise ValidationError(_("A goal is closed as reached or stopped."))
    with transaction.atomic():
        changed = _update_versioned(
            goal,
            expected_version=expected_version,
            changes={"status": status, "closed_at": timezone.now()},
        )
        events.changed(access=access, obj=goal, fields=changed, status=status)
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
    access = permissions.access_for(actor, plan)
    own_step = (
        permissions.can_write_own_words(access)
        and assignee_role is not None
        and assignee_role.user_id == actor.pk
        and goal.created_by_id == actor.pk
    )
    permissions.require_that(
        own_step or permissions.has_need(access, "edit"),
        access,
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
        events.created(access=access, obj=action)
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
    access = permissions.access_for(actor, plan)
    permissions.require(access, "edit", object_type="action")
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
        events.changed(access=access, obj=action, fields=changed)
        _touch(plan)
    return action


def action_complete(*, action: Action, actor: User, expected_version: int) -> Action:
    """Mark an action as done, now: by a professional, or by the person it is assigned to."""
    plan = action.goal.plan
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        permissions.can_complete_action(access, action),
        access,
        "complete",
        object_type="action",
    )
    with transaction.atomic():
        changed = _update_versioned(
            action, expected_version=expected_version, changes={"done_at": timezone.now()}
        )
        events.changed(access=access, obj=action, fields=changed)
        _touch(plan)
    return action


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
            access = permissions.access_for(actor, plan)
            action_create(
                goal=goal,
                actor=actor,
                text=first_step,
                assignee_role=access.role,
                due_date=due_date,
            )
    return goal
