"""The people of a plan (WIE): the network map, roles, invitations, who can do an action."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core import signing
from django.utils import timezone

from network.models import NetworkMember, User
from plans import permissions
from plans.accesslog import events
from plans.models import Invitation, PlanRole, Toekomstplan

if TYPE_CHECKING:
    from plans.permissions import PlanAccess


@dataclass
class MapNode:
    x: float
    y: float
    label: str
    kind: str  # "network", "jim" or "professional"
    ring: int


@dataclass
class PlanPeople:
    plan: Toekomstplan
    roles: list[PlanRole]
    network: list[NetworkMember]
    invitations: list
    invitable_roles: list[str]
    revocable: set[int]
    shareable: set[int]
    map_nodes: list[MapNode] = field(default_factory=list)
    can_edit: bool = False


MAP_CENTRE = 200


MAP_RINGS = {1: 70, 2: 120, 3: 170}


def network_map(network: list[NetworkMember], roles: list[PlanRole]) -> list[MapNode]:
    """Positions for the network map: the jongere in the middle, the own network on circles by
    closeness, professionals on the outer circle as formal support."""
    rings: dict[int, list[tuple[str, str]]] = {1: [], 2: [], 3: []}
    for member in network:
        rings[member.closeness].append((member.name, "jim" if member.is_jim else "network"))
    for role in roles:
        if role.role in PlanRole.PROFESSIONAL_ROLES:
            rings[3].append((str(role.user), "professional"))
    nodes = []
    for ring, people in rings.items():
        offset = {1: -90, 2: -60, 3: -30}[ring]
        for index, (label, kind) in enumerate(people):
            angle = math.radians(offset + 360 * index / max(len(people), 1))
            radius = MAP_RINGS[ring]
            nodes.append(
                MapNode(
                    x=round(MAP_CENTRE + radius * math.cos(angle), 1),
                    y=round(MAP_CENTRE + radius * math.sin(angle), 1),
                    label=label.split()[0] if label else "?",
                    kind=kind,
                    ring=ring,
                )
            )
    return nodes


def plan_people(*, access: PlanAccess) -> PlanPeople:
    """WIE: who has which role, the own network, open invitations, and what the viewer may do."""
    plan = access.plan

    roles = list(
        PlanRole.objects.filter(plan=plan, revoked_at__isnull=True).select_related(
            "user", "organisation", "network_member", "plan"
        )
    )
    invitations = list(
        Invitation.objects.filter(
            plan=plan,
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).select_related("organisation", "invited_by")
    )
    events.page_viewed(access=access, page="wie")
    network = list(NetworkMember.objects.filter(jongere_id=plan.jongere_id))
    return PlanPeople(
        plan=plan,
        roles=roles,
        network=network,
        invitations=invitations,
        invitable_roles=permissions.invitable_roles(access),
        revocable={r.pk for r in roles if permissions.can_revoke(access, r)},
        shareable={r.pk for r in roles if permissions.can_share(access, r)},
        map_nodes=network_map(network, roles),
        can_edit=permissions.can_edit_plan(access),
    )


def invitation_from_token(token: str):
    """The invitation a link points at, or None when the link was altered or made up."""

    try:
        invitation_uuid = signing.loads(token, salt=Invitation.TOKEN_SALT)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("plan__jongere", "invited_by", "organisation")
        .filter(uuid=invitation_uuid)
        .first()
    )


def account_exists(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


@dataclass
class ActionPeople:
    roles: list[PlanRole]
    network: list[NetworkMember]


def plan_people_for_actions(*, plan: Toekomstplan, keep: PlanRole | None = None) -> ActionPeople:
    """Who can be asked to do something: everyone with a role, and the own network. `keep` is
    the current assignee, offered even if their role has ended, so an edit does not drop it."""
    roles = PlanRole.objects.filter(plan=plan, revoked_at__isnull=True)
    if keep is not None:
        roles = roles | PlanRole.objects.filter(pk=keep.pk)
    return ActionPeople(
        roles=list(roles.select_related("user", "organisation")),
        network=list(NetworkMember.objects.filter(jongere_id=plan.jongere_id)),
    )
