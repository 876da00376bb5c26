"""Reads of plan data that more than one app needs, one module per concern.

Callers import from here; the modules are where the code lives.
"""

from plans.selectors.big5 import (
    big5_now,
)
from plans.selectors.checklist import (
    ChecklistProgress,
    ChecklistRow,
    checklist_for,
)
from plans.selectors.objects import (
    action_for_edit,
    assessment_for_edit,
    assessment_version,
    checklist_item_for,
    goal_for_edit,
    has_story_for,
    leefdomein_by_code,
    network_member_for_edit,
    risk_for_edit,
    story_for,
    story_item_for_edit,
)
from plans.selectors.people import (
    MAP_CENTRE,
    MAP_RINGS,
    ActionPeople,
    MapNode,
    PlanPeople,
    account_exists,
    invitation_from_token,
    network_map,
    plan_people,
    plan_people_for_actions,
)

__all__ = [
    "MAP_CENTRE",
    "MAP_RINGS",
    "ActionPeople",
    "ChecklistProgress",
    "ChecklistRow",
    "MapNode",
    "PlanPeople",
    "account_exists",
    "action_for_edit",
    "assessment_for_edit",
    "assessment_version",
    "big5_now",
    "checklist_for",
    "checklist_item_for",
    "goal_for_edit",
    "has_story_for",
    "invitation_from_token",
    "leefdomein_by_code",
    "network_map",
    "network_member_for_edit",
    "plan_people",
    "plan_people_for_actions",
    "risk_for_edit",
    "story_for",
    "story_item_for_edit",
]
