"""The warme overdracht as the pages show it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from plans import permissions
from plans.accesslog import events
from plans.models import Handover, Toekomstplan
from plans.selectors.objects import object_of_plan

if TYPE_CHECKING:
    from network.models import User
    from plans.permissions import PlanAccess


@dataclass
class PlanHandover:
    plan: Toekomstplan
    open: object | None
    history: list
    can_propose: bool
    is_successor: bool
    can_withdraw: bool = False


def plan_handover(*, access: PlanAccess) -> PlanHandover:
    """Warme overdracht: the open proposal (if any) and the handovers before it."""
    plan, viewer = access.plan, access.user

    handovers = list(
        Handover.objects.filter(plan=plan).select_related(
            "from_user", "to_user", "from_organisation", "to_organisation"
        )
    )
    open_one = next((h for h in handovers if h.is_open), None)
    events.page_viewed(access=access, page="handover", object_type="handover")
    return PlanHandover(
        plan=plan,
        open=open_one,
        history=[h for h in handovers if not h.is_open],
        can_propose=open_one is None
        and plan.regisseur_id == viewer.pk
        and permissions.can_manage_roles(access),
        is_successor=open_one is not None and open_one.to_user_id == viewer.pk,
        can_withdraw=open_one is not None and permissions.can_withdraw_handover(access, open_one),
    )


def handover_for(*, access: PlanAccess, handover_uuid):
    """A handover of this plan; 404 (logged) otherwise."""
    plan = access.plan

    return object_of_plan(
        Handover.objects.filter(plan=plan, uuid=handover_uuid).select_related("plan"),
        access=access,
        object_type="handover",
    )


def handovers_waiting_for(*, user: User) -> list:
    """Handovers proposed to this professional that wait for their answer."""

    if not user.is_authenticated:
        return []
    return list(
        Handover.objects.filter(to_user=user, accepted_at__isnull=True, cancelled_at__isnull=True)
        .select_related("plan__jongere", "from_user", "from_organisation")
        .order_by("proposed_at")
    )


def handover_for_successor(*, viewer: User, handover_uuid):
    """A handover proposed to this person, to read and answer; 404 (logged) for anyone else."""

    handover = (
        Handover.objects.select_related(
            "plan__jongere", "from_user", "from_organisation", "to_organisation"
        )
        .filter(uuid=handover_uuid)
        .first()
    )
    if handover is None or handover.to_user_id != viewer.pk:
        permissions.deny(
            user=viewer,
            plan=handover.plan if handover else None,
            need="handover",
            object_type="handover",
            object_uuid=handover_uuid,
        )
    events.object_viewed(access=permissions.access_for(viewer, handover.plan), obj=handover)
    return handover
