"""The access log as pages show it: the logboek, "who looked" for the jongere, and voortgang."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator

from network.models import User
from plans.accesslog import events
from plans.models import AccessLogEntry, Toekomstplan

if TYPE_CHECKING:
    from plans.permissions import PlanAccess


def access_log_page(*, access: PlanAccess, filters: dict, page_number: str | int | None) -> Page:
    """The logboek of one plan, newest first, filtered; reading the log is logged too."""
    plan = access.plan
    entries = AccessLogEntry.objects.filter(plan=plan).select_related("actor", "organisation")
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("person"):
        entries = entries.filter(actor__uuid=filters["person"])
    if filters.get("date_from"):
        entries = entries.filter(created_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        entries = entries.filter(created_at__date__lte=filters["date_to"])
    page = Paginator(entries.order_by("-created_at", "-pk"), 50).get_page(page_number)
    events.page_viewed(access=access, page="logboek", object_type="logboek")
    return page


def access_log_people(*, plan: Toekomstplan) -> list:
    """Everyone who appears in a plan's log, for the person filter."""

    return list(
        User.objects.filter(
            pk__in=AccessLogEntry.objects.filter(plan=plan).values("actor")
        ).order_by("first_name", "last_name")
    )


def looked_at_my_plan(*, access: PlanAccess, page_number) -> Page:
    """For the jongere: who else read or changed their plan, newest first."""
    plan, viewer = access.plan, access.user
    entries = (
        AccessLogEntry.objects.filter(plan=plan)
        .exclude(actor=viewer)
        .select_related("actor", "organisation")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(entries, 30).get_page(page_number)
    events.page_viewed(access=access, page="gekeken", object_type="logboek")
    return page


CONTENT_OBJECT_TYPES = (
    "toekomstplan",
    "domainassessment",
    "goal",
    "action",
    "checklistentry",
    "networkmember",
)


def plan_timeline(*, access: PlanAccess, page_number, with_roles: bool) -> Page:
    """Voortgang: what changed in the plan, newest first (the writes of the access log).

    Who was invited or lost access (`with_roles`) is the logboek's, for the regisseur and the
    jongere; others see the changes of the plan's content."""
    plan = access.plan
    writes = (
        AccessLogEntry.objects.filter(plan=plan, outcome=AccessLogEntry.Outcome.SUCCESS)
        .exclude(action__in=[AccessLogEntry.Action.VIEW, AccessLogEntry.Action.REFUSED])
        .select_related("actor", "organisation")
        .order_by("-created_at", "-pk")
    )
    if not with_roles:
        writes = writes.filter(object_type__in=CONTENT_OBJECT_TYPES)
    page = Paginator(writes, 30).get_page(page_number)
    events.page_viewed(access=access, page="voortgang")
    return page
