"""One object of a plan by its UUID, for a page that shows or edits it: 404 (logged) for an
object of another plan or none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import (
    F,
)

from domains.models import ChecklistItem, Leefdomein
from network.models import NetworkMember
from plans import permissions
from plans.accesslog import events
from plans.models import Action, DomainAssessment, Goal, RiskAssessment, StoryItem, Toekomstplan

if TYPE_CHECKING:
    from plans.permissions import PlanAccess


def goal_for_edit(*, access: PlanAccess, goal_uuid) -> Goal:
    """One goal of the plan, to change it; 404 (logged) if it is not in this plan."""
    plan = access.plan
    return object_of_plan(
        Goal.objects.select_related("leefdomein", "plan").filter(plan=plan, uuid=goal_uuid),
        access=access,
        object_type="goal",
    )


def object_of_plan(queryset, *, access: PlanAccess, object_type: str, log_read: bool = True):
    """The one object `queryset` finds within this plan, with the read logged; when there is
    none (another plan's uuid, or made up) a logged refusal and 404."""
    found = queryset.first()
    if found is None:
        permissions.deny(access=access, need="view", object_type=object_type)
    if not log_read:
        return found
    events.object_viewed(access=access, obj=found)
    return found


def network_member_for_edit(*, access: PlanAccess, member_uuid) -> NetworkMember:
    """Someone of this jongere's network, to change; 404 (logged) otherwise."""
    plan = access.plan
    return object_of_plan(
        NetworkMember.objects.filter(jongere_id=plan.jongere_id, uuid=member_uuid),
        access=access,
        object_type="networkmember",
    )


def assessment_for_edit(*, access: PlanAccess, code: str) -> DomainAssessment:
    """The assessment of one leefdomein of this plan, to change; 404 (logged) otherwise."""
    plan = access.plan
    return object_of_plan(
        DomainAssessment.objects.select_related("leefdomein").filter(
            plan=plan, leefdomein__code=code
        ),
        access=access,
        object_type="domainassessment",
    )


def action_for_edit(*, access: PlanAccess, action_uuid, to_write: bool = False) -> Action:
    """One action of this plan, to change or complete; 404 (logged) otherwise. Fetched only to
    write it (`to_write`), the read is not logged separately: the service logs the write, or
    its refusal."""
    plan = access.plan
    return object_of_plan(
        Action.objects.select_related(
            "goal__plan", "assignee_role__user", "assignee_member"
        ).filter(goal__plan=plan, uuid=action_uuid),
        access=access,
        object_type="action",
        log_read=not to_write,
    )


def risk_for_edit(*, access: PlanAccess):
    """The risicotaxatie of the plan (empty when none yet). Reading it is logged."""
    plan = access.plan

    risk = RiskAssessment.objects.filter(plan=plan).first() or RiskAssessment(plan=plan)
    events.object_viewed(access=access, obj=risk)
    return risk


def story_for(*, access: PlanAccess, page: str) -> dict[str, list]:
    """The jongere's story as this person may see it: per item, the jongere decides."""
    plan = access.plan

    items = list(
        StoryItem.objects.filter(
            plan=plan, audience__in=permissions.story_audiences(access)
        ).order_by(F("age").asc(nulls_last=True), "created_at")
    )
    events.page_viewed(access=access, page=page, object_type="verhaal")
    kinds = StoryItem.Kind
    return {
        "moments": [i for i in items if i.kind == kinds.MOMENT],
        "dreams": [i for i in items if i.kind == kinds.DROOM],
        "qualities": [i for i in items if i.kind == kinds.KWALITEIT],
    }


def story_item_for_edit(*, access: PlanAccess, item_uuid):
    """One item of the jongere's own story, to change it; 404 (logged) otherwise."""
    plan = access.plan

    return object_of_plan(
        StoryItem.objects.select_related("plan").filter(plan=plan, uuid=item_uuid),
        access=access,
        object_type="storyitem",
    )


def checklist_item_for(*, access: PlanAccess, item_code: str):
    """An item of the 18-checklist by its code; 404 (logged) for an unknown one."""

    item = ChecklistItem.objects.filter(code=item_code, is_active=True).first()
    if item is None:
        permissions.deny(access=access, need="view", object_type="checklistitem")
    return item


def leefdomein_by_code(*, access: PlanAccess, code: str) -> Leefdomein:
    """A leefdomein by its code; 404 (logged) for an unknown one."""
    found = Leefdomein.objects.filter(code=code).first()
    if found is None:
        permissions.deny(access=access, need="view", object_type="leefdomein")
    return found


def assessment_version(*, plan: Toekomstplan, leefdomein: Leefdomein) -> int:
    """The current version of a domain's words, for a form after a conflict."""
    found = DomainAssessment.objects.filter(plan=plan, leefdomein=leefdomein).first()
    return found.version if found else 1


def has_story_for(*, access: PlanAccess) -> bool:
    """Whether the jongere's story has anything this person may read."""
    plan = access.plan

    return StoryItem.objects.filter(
        plan=plan, audience__in=permissions.story_audiences(access)
    ).exists()
