"""The access log as named events: one function per kind of event over one private writer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plans.accesslog import chain
from plans.models import AccessLogEntry, Toekomstplan

if TYPE_CHECKING:
    from network.models import User


def log_page_view(
    *,
    viewer: User,
    plan: Toekomstplan,
    page: str,
    object_type: str = "toekomstplan",
    detail: dict | None = None,
):
    """Reading a page of a plan is reading plan data: it goes in the access log."""
    chain.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type=object_type,
        object_uuid=plan.uuid,
        detail={"page": page, **(detail or {})},
    )


def log_caseload_view(*, viewer: User, plans: list[str]) -> None:
    """Which plans a caseload page listed goes in the access log: names are plan data too."""
    chain.record(
        actor=viewer,
        plan=None,
        action=AccessLogEntry.Action.VIEW,
        object_type="caseload",
        detail={"plans": plans},
    )
