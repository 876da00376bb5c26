"""The access log as named events: one function per kind of event over one private writer.

A service writes its change and calls its event in the same transaction; a selector or the
kept pages call `page_viewed` / `object_viewed` for what a page shows; `plan_for` calls
`refused`. Nothing else writes to the log (`chain.append` is this module's writer).

Free text is never put in the log: events name the fields that changed, not their words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from plans.accesslog import chain
from plans.models import AccessLogEntry, PlanRole, Toekomstplan

if TYPE_CHECKING:
    from django.db.models import Model

    from network.models import User

Action = AccessLogEntry.Action


class Acting(Protocol):
    """Who acts on which plan, in which role: a `plans.permissions.PlanAccess`."""

    user: User
    plan: Toekomstplan
    role: PlanRole | None


def _create_log(
    *,
    actor: User | None,
    plan: Toekomstplan | None,
    action: str,
    object_type: str,
    object_uuid: UUID | str | None = None,
    role: PlanRole | None = None,
    outcome: str = AccessLogEntry.Outcome.SUCCESS,
    detail: dict | None = None,
) -> AccessLogEntry:
    return chain.append(
        actor=actor,
        plan=plan,
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        outcome=outcome,
        detail=detail,
        role=role,
    )


def _about(obj: Model, object_type: str | None) -> tuple[str, UUID | None]:
    """What an object is in the log: its model's name and its UUID (none while unsaved)."""
    return object_type or obj._meta.model_name, (obj.uuid if obj.pk else None)


class ObjectEvent(Protocol):
    def __call__(
        self,
        *,
        access: Acting,
        obj: Model,
        role: PlanRole | None = None,
        object_type: str | None = None,
        **detail,
    ) -> AccessLogEntry: ...


def _object_event(action: str, doc: str) -> ObjectEvent:
    """The event of one kind of thing done to an object of the plan: `access` acted (in
    `role`, when they acted in a role just given to them) on `obj`, with `detail`."""

    def event(*, access, obj, role=None, object_type=None, **detail) -> AccessLogEntry:
        kind, uuid = _about(obj, object_type)
        return _create_log(
            actor=access.user,
            plan=access.plan,
            action=action,
            object_type=kind,
            object_uuid=uuid,
            role=role or access.role,
            detail=detail,
        )

    event.__doc__ = doc
    return event


created = _object_event(
    Action.CREATE, "Something was added to the plan: a goal, an action, a story item, the plan."
)
changed = _object_event(
    Action.UPDATE, "Something in the plan changed; `fields` names what, never the words."
)
deleted = _object_event(Action.DELETE, "Something was taken out of the plan.")
shared = _object_event(
    Action.SHARE,
    "Who sees the plan changed: a role given or ended, an invitation, what a person sees, the "
    "regisseur role handed over.",
)
exported = _object_event(
    Action.EXPORT, "Plan data left the app: a PDF made or downloaded, the inzage data."
)


def page_viewed(
    *, access: Acting, page: str, object_type: str = "toekomstplan", **detail
) -> AccessLogEntry:
    """Reading a page of a plan is reading plan data."""
    return _create_log(
        actor=access.user,
        plan=access.plan,
        action=Action.VIEW,
        object_type=object_type,
        object_uuid=access.plan.uuid,
        role=access.role,
        detail={"page": page, **detail},
    )


def object_viewed(*, access: Acting, obj: Model) -> AccessLogEntry:
    """One object of a plan opened on a page of its own (to read or edit it)."""
    kind, uuid = _about(obj, None)
    return _create_log(
        actor=access.user,
        plan=access.plan,
        action=Action.VIEW,
        object_type=kind,
        object_uuid=uuid,
        role=access.role,
    )


def caseload_viewed(*, viewer: User, plans: list[str]) -> AccessLogEntry:
    """Which plans a caseload page listed: the jongeren's names are plan data too."""
    return _create_log(
        actor=viewer,
        plan=None,
        action=Action.VIEW,
        object_type="caseload",
        detail={"plans": plans},
    )


def refused(
    *,
    user: User,
    plan: Toekomstplan | None,
    need: str,
    object_type: str,
    object_uuid: UUID | str | None = None,
    role: PlanRole | None = None,
) -> AccessLogEntry:
    """A refused attempt goes in the log, even though the person learns nothing of it."""
    return _create_log(
        actor=user,
        plan=plan,
        action=Action.REFUSED,
        object_type=object_type,
        object_uuid=object_uuid or (plan.uuid if plan else None),
        outcome=AccessLogEntry.Outcome.REFUSED,
        detail={"need": need},
        role=role,
    )
