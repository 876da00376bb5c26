"""Rendered pages of plan data, kept in each worker's memory for one version of that data.

A plan page is mostly the plan itself, and people open the same pages of the same plans again
and again in a day's work: rendering them took about three quarters of their time. The content
part of a page is kept here, keyed on everything it was rendered from:

- the plan and its `data_version`, which every logged change moves in the same transaction
  (`audit.record`), so a page made before a change is never shown after it; for the caseload,
  which plans it lists and their versions (`selectors.caseload_version`);
- the viewer, and their role and permissions in the plan, so nobody is shown what another role
  sees;
- the day (overdue actions, ages), the language, the request's parameters, and the viewer's
  CSRF secret (the forms on the page carry a token made from it).

Only GET requests are served from here, and only once the viewer has a CSRF cookie; the
response to a write is rendered fresh. What is kept
stays in the worker's own memory (Django's local-memory cache): plan content is not copied to
Redis or anywhere else, and it is gone when the worker stops. Every page view is logged, whether
its content came from here or not. Names of people and organisations are not a plan's data: a
change of those shows after at most `TIMEOUT` seconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.core.cache import caches
from django.utils import timezone, translation

from plans import audit, permissions, selectors

if TYPE_CHECKING:
    from django.http import HttpRequest

    from plans.models import Toekomstplan

CACHE = "fragments"
TIMEOUT = 300
Content = TypeVar("Content")


def plan_content(
    request: HttpRequest,
    plan: Toekomstplan,
    page: str,
    render: Callable[[], Content],
    *vary,
    log_detail: dict | None = None,
) -> Content:
    """What `render()` makes of `page` of `plan` (its HTML, or the HTML and what else the view
    needs of it), from memory when this viewer saw it before at this data version; the view is
    logged either way. `render` reads and renders and does not log. `vary` names whatever else
    the content depends on; `log_detail` goes in the access log entry with the page."""
    selectors.log_page_view(viewer=request.user, plan=plan, page=page, detail=log_detail)
    role = audit.active_role(request.user, plan)
    return _kept(
        request,
        render,
        page,
        plan.uuid,
        plan.data_version,
        role and (role.pk, role.role, role.organisation_id, role.network_member_id),
        sorted(permissions.plan_permissions(request.user, plan)),
        *vary,
    )


def caseload_content(
    request: HttpRequest, render: Callable[[], tuple[str, list[str], int]]
) -> tuple[str, int]:
    """The caseload's content and status as `render()` makes them (HTML, the uuids of the plans
    it lists, status), from memory while the plans in it are unchanged; which plans it listed is
    logged either way."""
    html, listed, status = _kept(
        request,
        render,
        "caseload",
        selectors.caseload_version(user=request.user),
        sorted(request.GET.lists()),
    )
    selectors.log_caseload_view(viewer=request.user, plans=listed)
    return html, status


def _kept(request: HttpRequest, render: Callable[[], Content], *made_from) -> Content:
    # Without a CSRF cookie yet, rendering makes a new secret: nothing kept would fit it.
    if request.method != "GET" or not request.META.get("CSRF_COOKIE"):
        return render()
    key = repr(
        [
            *made_from,
            request.user.pk,
            timezone.localdate(),
            translation.get_language(),
            request.META.get("CSRF_COOKIE", ""),
            bool(getattr(request, "htmx", False)),
        ]
    )
    key = "page:" + hashlib.sha256(key.encode()).hexdigest()
    cache = caches[CACHE]
    content = cache.get(key)
    if content is None:
        content = render()
        cache.set(key, content, TIMEOUT)
    return content
