"""The plan's data, one module per concern; everything is importable from `plans.models`.

The tables stay those of the `plans` app; migrations refer to `plans.models`.
"""

from plans.models.accesslog import AccessLogEntry, AccessLogHead, AccessLogQuerySet, AppendOnlyError
from plans.models.content import (
    QUALITY_CARDS,
    Action,
    ChecklistEntry,
    DomainAssessment,
    Goal,
    RiskAssessment,
    Stability,
    StabilityScore,
    StoryItem,
    SupportNeeded,
)
from plans.models.exports import PlanExport, _export_path
from plans.models.notifications import Notification, Reminder, ReminderRule
from plans.models.people import Handover, Invitation
from plans.models.plan import (
    DEFAULT_SHARED_SECTIONS,
    PlanRole,
    Section,
    Toekomstplan,
    ToekomstplanUserObjectPermission,
)

__all__ = [
    "DEFAULT_SHARED_SECTIONS",
    "QUALITY_CARDS",
    "AccessLogEntry",
    "AccessLogHead",
    "AccessLogQuerySet",
    "Action",
    "AppendOnlyError",
    "ChecklistEntry",
    "DomainAssessment",
    "Goal",
    "Handover",
    "Invitation",
    "Notification",
    "PlanExport",
    "PlanRole",
    "Reminder",
    "ReminderRule",
    "RiskAssessment",
    "Section",
    "Stability",
    "StabilityScore",
    "StoryItem",
    "SupportNeeded",
    "Toekomstplan",
    "ToekomstplanUserObjectPermission",
    "_export_path",
]
