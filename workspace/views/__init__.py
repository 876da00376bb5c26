"""Pages for professionals: fetch through permissions, bind a form, call one service, respond.

One module per page or concern; the URLs import from here.
"""

from workspace.views.caseload import plan_list, plan_new
from workspace.views.handovers import handover_answer, handover_withdraw, plan_handover
from workspace.views.hoe import (
    action_done,
    action_edit,
    action_new,
    goal_close,
    goal_edit,
    goal_new,
    plan_hoe,
)
from workspace.views.plan import plan_detail, plan_logboek, plan_phase, plan_progress, plan_verhaal
from workspace.views.wat import domain_edit, plan_risk, plan_wat
from workspace.views.wie import network_member_edit, plan_invite, plan_wie, role_revoke, role_share

__all__ = [
    "action_done",
    "action_edit",
    "action_new",
    "domain_edit",
    "goal_close",
    "goal_edit",
    "goal_new",
    "handover_answer",
    "handover_withdraw",
    "network_member_edit",
    "plan_detail",
    "plan_handover",
    "plan_hoe",
    "plan_invite",
    "plan_list",
    "plan_logboek",
    "plan_new",
    "plan_phase",
    "plan_progress",
    "plan_risk",
    "plan_verhaal",
    "plan_wat",
    "plan_wie",
    "role_revoke",
    "role_share",
]
