"""Rendered pages of plan data, kept for one version of that data.

A plan page is mostly the plan itself, and people open the same pages of the same plans again
and again in a day's work: rendering them took about three quarters of their time. The content
part of a page is kept here, keyed on everything it was rendered from:

- the plan and its `data_version`, which every logged change moves in the same transaction
  (`chain.append`), so a page made before a change is never shown after it; for the caseload,
  the plans on the page with their versions, and how many plans it has;
- the viewer, and their role and permissions in the plan, so nobody is shown what another role
  sees;
- the day (overdue actions, ages), the language, the request's parameters, and the viewer's
  CSRF secret (the forms on the page carry a token made from it).

Only GET requests are served from here, and only once the viewer has a CSRF cookie; the
response to a write is rendered fresh. Every page view is logged, whether its content came from
here or not. Names of people and organisations and a jongere's birth date are not a plan's data:
a change of those in the admin moves the data version of the plans that show them
(`plans.services.names_changed`), so it too shows on the next request.

With Redis the pages are shared by all workers and app servers, sealed: `SealedSerializer`
encrypts every value (AES-GCM, with a key derived from SECRET_KEY) before it leaves the process,
so Redis never holds plan content in the clear. Without Redis (`make run`) they stay in the
worker's own memory.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from plans import sealing
from plans.accesslog import events

if TYPE_CHECKING:
    from django.core.paginator import Page
    from django.http import HttpRequest

    from plans.permissions import PlanAccess

CACHE = "fragments"
TIMEOUT = 300
INBOX_TIMEOUT = 60
Content = TypeVar("Content")


def plan_content(
    request: HttpRequest,
    access: PlanAccess,
    page: str,
    render: Callable[[], Content],
    *vary,
    log_detail: dict | None = None,
) -> Content:
    """What `render()` makes of `page` of the plan (its HTML, or the HTML and what else the view
    needs of it), from memory when this viewer saw it before at this data version; the view is
    logged either way. `render` reads and renders and does not log. `vary` names whatever else
    the content depends on; `log_detail` goes in the access log entry with the page."""
    events.page_viewed(access=access, page=page, **(log_detail or {}))
    plan, role = access.plan, access.role
    key = _page_key(
        request,
        page,
        plan.uuid,
        plan.data_version,
        role and (role.pk, role.role, role.organisation_id, role.network_member_id),
        sorted(access.permissions),
        *vary,
    )
    return _kept([("content", key, render)])["content"]


def caseload_content(
    request: HttpRequest,
    page: Page,
    *,
    inbox: Callable[[], str],
    filter_form: Callable[[], str],
    plan_list: Callable[[], str],
) -> tuple[str, str]:
    """The caseload's parts, from one round trip to the store when they were kept:

    - `inbox()`, what waits for the professional above the list (handovers proposed to them,
      jongeren to start a plan with), kept for `INBOX_TIMEOUT` seconds; the handover services
      and starting a plan forget it at once (`forget_inbox`);
    - `filter_form()`, kept per person and question (its choices are organisations, not plan
      data);
    - `plan_list()`, kept while none of the plans on the page changed (nor how many there are).

    Returns the inbox and the rest. Which plans the page listed is logged either way."""
    plans = list(page.object_list)
    events.caseload_viewed(viewer=request.user, plans=[str(plan.uuid) for plan in plans])
    question = sorted(request.GET.lists())
    listed = [(plan.uuid, plan.data_version, plan.has_role) for plan in plans]
    made = _kept(
        [
            (
                "inbox",
                _inbox_key(request.user.pk, translation.get_language())
                if request.method == "GET"
                else None,
                inbox,
                INBOX_TIMEOUT,
            ),
            ("form", _page_key(request, "caseload filter", question), filter_form),
            (
                "list",
                _page_key(request, "caseload", page.paginator.count, listed, question),
                plan_list,
            ),
        ]
    )
    return made["inbox"], mark_safe(made["form"] + made["list"])  # rendered templates


def caseload_rows(plans: list, render: Callable[[list], Iterable[str]]) -> list[str]:
    """The caseload's row of each plan, as `render(plans)` makes them: kept per plan version and
    day, for everyone who lists that plan (a row shows nothing of who looks, only whether they
    have a role, which is in the key), so a change renders that plan's row again, not the page."""
    language, today = translation.get_language(), timezone.localdate()
    keys = [
        "row:"
        + hashlib.sha256(
            repr([plan.uuid, plan.data_version, plan.has_role, today, language]).encode()
        ).hexdigest()
        for plan in plans
    ]
    rows = dict(zip(keys, plans, strict=True))

    def render_missing(missing: list[str]) -> dict[str, str]:
        return dict(zip(missing, render([rows[key] for key in missing]), strict=True))

    made = _kept([(key, key, None) for key in rows], render_many=render_missing)
    return [mark_safe(made[key]) for key in keys]  # rows rendered by caseload_row, escaped


def forget_inbox(user_id: int) -> None:
    """Something waiting for this person changed: their caseload shows it from the next request
    (and again after the change commits, so a page rendered in between is not kept)."""

    def forget():
        caches[CACHE].delete_many([_inbox_key(user_id, code) for code, _name in settings.LANGUAGES])

    forget()
    transaction.on_commit(forget)


def _inbox_key(user_id: int, language: str) -> str:
    made_from = repr(["inbox", user_id, timezone.localdate(), language])
    return "inbox:" + hashlib.sha256(made_from.encode()).hexdigest()


def _page_key(request: HttpRequest, *made_from) -> str | None:
    """The key of a part of this person's page, or None when it cannot be kept: not a GET, or
    no CSRF cookie yet (rendering makes a new secret then, and nothing kept would fit it)."""
    if request.method != "GET" or not request.META.get("CSRF_COOKIE"):
        return None
    key = repr(
        [
            *made_from,
            request.user.pk,
            timezone.localdate(),
            translation.get_language(),
            request.META["CSRF_COOKIE"],
            bool(getattr(request, "htmx", False)),
        ]
    )
    return "page:" + hashlib.sha256(key.encode()).hexdigest()


def _kept(parts: list[tuple], *, render_many: Callable[[list], dict] | None = None) -> dict:
    """Each part's content by name, from parts of (name, key, render[, timeout]): the kept ones
    in one round trip to the store, the others rendered (by their own callable, or all at once
    by `render_many`, which gets their names) and kept. A part without a key is rendered and not
    kept."""
    cache = caches[CACHE]
    keys = {part[0]: part[1] for part in parts if part[1] is not None}
    found = cache.get_many(list(keys.values())) if keys else {}
    made = {name: found[key][1] for name, key in keys.items() if _fits(key, found.get(key))}
    missing = [part for part in parts if part[0] not in made]
    if not missing:
        return made
    if render_many is not None:
        fresh = render_many([part[0] for part in missing])
    else:
        fresh = {part[0]: part[2]() for part in missing}
    made |= fresh
    by_timeout: dict[int, dict] = {}
    for name, key, *rest in missing:
        if key is not None:
            timeout = rest[1] if len(rest) > 1 else TIMEOUT
            by_timeout.setdefault(timeout, {})[key] = (key, fresh[name])
    for timeout, values in by_timeout.items():
        cache.set_many(values, timeout)
    return made


def _fits(key: str, kept) -> bool:
    """Values are kept with their own key: one moved to another key in the store is not shown
    there."""
    return isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key


class SealedSerializer:
    """Django's Redis cache serializer for kept pages: pickled, then sealed (`plans.sealing`,
    AES-GCM under a key derived from SECRET_KEY). A value that does not open, such as one sealed
    before the key was rotated, reads as not kept."""

    PURPOSE = b"kept pages"

    def dumps(self, obj) -> bytes:
        return sealing.seal(self.PURPOSE, pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))

    def loads(self, data: bytes):
        plain = sealing.unseal(self.PURPOSE, data)
        return None if plain is None else pickle.loads(plain)  # opens only what this sealed


def unread_count_key(user_id: int) -> str:
    """Where the header's count of a person's unread notifications is kept (only a number)."""
    return f"tp:unread-notifications:{user_id}"


def forget_unread_count(user_id: int) -> None:
    """Something changed what a person's unread count would be (a notification sent or read, a
    role given or ended): drop it now, and again when the change is committed (a page that
    counted in between must not keep the old number)."""
    key = unread_count_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
