"""Writing the access log: services log writes, plan_for refusals, selectors reads."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from plans.middleware import current_origin
from plans.models import AccessLogEntry, PlanRole

if TYPE_CHECKING:
    from network.models import User
    from plans.models import Toekomstplan


def active_role(user: User, plan: Toekomstplan) -> PlanRole | None:
    """The user's current role in the plan, remembered on the user object for this request."""
    cache = user.__dict__.setdefault("_active_roles", {})
    if plan.pk not in cache:
        cache[plan.pk] = (
            PlanRole.objects.filter(plan=plan, user=user, revoked_at__isnull=True)
            .select_related("organisation")
            .first()
        )
    return cache[plan.pk]


def forget_roles(user: User) -> None:
    user.__dict__.pop("_active_roles", None)
    user.__dict__.pop("_plan_perms", None)


def record(
    *,
    actor: User | None,
    plan: Toekomstplan | None,
    action: str,
    object_type: str,
    object_uuid: UUID | None = None,
    outcome: str = AccessLogEntry.Outcome.SUCCESS,
    detail: dict | None = None,
    role: PlanRole | None = None,
) -> AccessLogEntry:
    """Append one entry: who (with role and organisation), which plan and object, what, outcome.

    Free text is never copied into the log; callers pass the names of changed fields instead.
    """
    if role is None and actor is not None and actor.is_authenticated and plan is not None:
        role = active_role(actor, plan)
    origin = current_origin.get()
    return AccessLogEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        role=role.role if role else "",
        organisation=role.organisation if role else None,
        plan=plan,
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        outcome=outcome,
        detail=detail or {},
        ip_address=origin.ip_address if origin else None,
        user_agent=origin.user_agent if origin else "",
    )
