"""Every write to a plan, one module per concern. Each service checks permission, writes, and
logs in one transaction.

Callers import from here; the modules are where the code lives.
"""

from plans.services.assessments import (
    domain_assess,
    domain_words_save,
)
from plans.services.base import (
    StaleEdit,
)
from plans.services.goals import (
    action_complete,
    action_create,
    action_update,
    goal_complete,
    goal_create,
    goal_update,
    own_goal_create,
)
from plans.services.handovers import (
    handover_accept,
    handover_cancel,
    handover_propose,
)
from plans.services.invitations import (
    invitation_accept,
    invitation_accept_as_new_account,
    invitation_create,
    invitation_send,
    invitation_token,
)
from plans.services.memberships import (
    membership_end,
)
from plans.services.names import (
    names_changed,
)
from plans.services.network import (
    network_member_save,
)
from plans.services.outbox import (
    outbox_sweep,
)
from plans.services.plans import (
    plan_create,
    plan_let_go,
    plan_phase_set,
    plan_start,
)
from plans.services.risk import (
    risk_assessment_save,
)
from plans.services.roles import (
    role_grant,
    role_revoke,
    sharing_update,
)
from plans.services.story import (
    checklist_mark,
    portal_visit,
    story_item_add,
    story_item_delete,
    story_item_update,
    story_seen,
)

__all__ = [
    "StaleEdit",
    "action_complete",
    "action_create",
    "action_update",
    "checklist_mark",
    "domain_assess",
    "domain_words_save",
    "goal_complete",
    "goal_create",
    "goal_update",
    "handover_accept",
    "handover_cancel",
    "handover_propose",
    "invitation_accept",
    "invitation_accept_as_new_account",
    "invitation_create",
    "invitation_send",
    "invitation_token",
    "membership_end",
    "names_changed",
    "network_member_save",
    "outbox_sweep",
    "own_goal_create",
    "plan_create",
    "plan_let_go",
    "plan_phase_set",
    "plan_start",
    "portal_visit",
    "risk_assessment_save",
    "role_grant",
    "role_revoke",
    "sharing_update",
    "story_item_add",
    "story_item_delete",
    "story_item_update",
    "story_seen",
]
