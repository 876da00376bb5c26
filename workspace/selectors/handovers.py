"""The warme overdracht as the pages show it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from plans import permissions
from plans.accesslog import chain
from plans.models import AccessLogEntry, Toekomstplan
from plans.selectors.objects import object_of_plan

if TYPE_CHECKING:
    from network.models import User


@dataclass
class PlanHandover:
    plan: Toekomstplan
    open: object | None
    history: list
    can_propose: bool
    is_successor: bool
    can_withdraw: bool = False


def plan_handover(*, plan: Toekomstplan, viewer: User) -> PlanHandover:
    """Warme overdracht: the open proposal (if any) and the handovers before it."""
    from plans.models import Handover

    handovers = list(
        Handover.objects.filter(plan=plan).select_related(
            "from_user", "to_user", "from_organisation", "to_organisation"
        )
    )
    open_one = next((h for h in handovers if h.is_open), None)
    chain.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="handover",
        object_uuid=plan.uuid,
    )
    return PlanHandover(
        plan=plan,
        open=open_one,
        history=[h for h in handovers if not h.is_open],
        can_propose=open_one is None
        and plan.regisseur_id == viewer.pk
        and permissions.can_manage_roles(viewer, plan),
        is_successor=open_one is not None and open_one.to_user_id == viewer.pk,
        can_withdraw=open_one is not None and permissions.can_withdraw_handover(viewer, open_one),
    )


def handover_for(*, plan: Toekomstplan, viewer: User, handover_uuid):
    """A handover of this plan; 404 (logged) otherwise."""
    from plans.models import Handover

    return object_of_plan(
        Handover.objects.filter(plan=plan, uuid=handover_uuid).select_related("plan"),
        plan=plan,
        viewer=viewer,
        object_type="handover",
    )


def handovers_waiting_for(*, user: User) -> list:
    """Handovers proposed to this professional that wait for their answer."""
    from plans.models import Handover

    if not user.is_authenticated:
        return []
    return list(
        Handover.objects.filter(to_user=user, accepted_at__isnull=True, cancelled_at__isnull=True)
        .select_related("plan__jongere", "from_user", "from_organisation")
        .order_by("proposed_at")
    )


def handover_for_successor(*, viewer: User, handover_uuid):
    """A handover proposed to this person, to read and answer; 404 (logged) for anyone else."""
    from plans.models import Handover

    handover = (
        Handover.objects.select_related(
            "plan__jongere", "from_user", "from_organisation", "to_organisation"
        )
        .filter(uuid=handover_uuid)
        .first()
    )
    if handover is None or handover.to_user_id != viewer.pk:
        permissions.refuse(
            user=viewer,
            plan=handover.plan if handover else None,
            need="handover",
            object_type="handover",
            object_uuid=handover_uuid,
        )
        raise Http404
    chain.record(
        actor=viewer,
        plan=handover.plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="handover",
        object_uuid=handover.uuid,
    )
    return handover
