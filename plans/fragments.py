"""Rendered pages of plan data, kept for one version of that data.

A plan page is mostly the plan itself, and people open the same pages of the same plans again
and again in a day's work: rendering them took about three quarters of their time. The content
part of a page is kept here, keyed on everything it was rendered from:

- the plan and its `data_version`, which every logged change moves in the same transaction
  (`audit.record`), so a page made before a change is never shown after it; for the caseload,
  the plans on the page with their versions, and how many plans it has;
- the viewer, and their role and permissions in the plan, so nobody is shown what another role
  sees;
- the day (overdue actions, ages), the language, the request's parameters, and the viewer's
  CSRF secret (the forms on the page carry a token made from it).

Only GET requests are served from here, and only once the viewer has a CSRF cookie; the
response to a write is rendered fresh. Every page view is logged, whether its content came from
here or not. Names of people and organisations are not a plan's data: a change of those shows
after at most `TIMEOUT` seconds.

With Redis the pages are shared by all workers and app servers, sealed: `SealedSerializer`
encrypts every value (AES-GCM, with a key derived from SECRET_KEY) before it leaves the process,
so Redis never holds plan content in the clear. Without Redis (`make run`) they stay in the
worker's own memory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from plans import audit, permissions, selectors

if TYPE_CHECKING:
    from django.core.paginator import Page
    from django.http import HttpRequest

    from plans.models import Toekomstplan

CACHE = "fragments"
TIMEOUT = 300
INBOX_TIMEOUT = 60
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
    request: HttpRequest, page: Page, filter_form: Callable[[], str], plan_list: Callable[[], str]
) -> str:
    """The caseload's content: its filter form as `filter_form()` makes it, kept per person and
    question (its choices are organisations, not plan data), and the list as `plan_list()`
    makes it, kept while none of the plans on the page changed (nor how many there are). Which
    plans it listed is logged either way."""
    plans = list(page.object_list)
    selectors.log_caseload_view(viewer=request.user, plans=[str(plan.uuid) for plan in plans])
    question = sorted(request.GET.lists())
    listed = [(plan.uuid, plan.data_version, plan.has_role) for plan in plans]
    return mark_safe(  # both parts are rendered templates
        _kept(request, filter_form, "caseload filter", question)
        + _kept(request, plan_list, "caseload", page.paginator.count, listed, question)
    )


def caseload_rows(
    plans: list[Toekomstplan], render: Callable[[list[Toekomstplan]], Iterable[str]]
) -> list[str]:
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
    cache = caches[CACHE]
    kept = {key: value[1] for key, value in cache.get_many(keys).items() if _fits(key, value)}
    missing = [(key, plan) for key, plan in zip(keys, plans, strict=True) if key not in kept]
    if missing:
        made = list(render([plan for _key, plan in missing]))
        fresh = {key: html for (key, _plan), html in zip(missing, made, strict=True)}
        cache.set_many({key: (key, html) for key, html in fresh.items()}, TIMEOUT)
        kept |= fresh
    return [mark_safe(kept[key]) for key in keys]  # rows rendered by caseload_row, escaped


def inbox(request: HttpRequest, render: Callable[[], str]) -> str:
    """What waits for a professional above their caseload (handovers proposed to them, jongeren
    to start a plan with) as `render()` makes it, kept for `INBOX_TIMEOUT` seconds: a handover
    proposed to them, answered or withdrawn forgets it at once (`forget_inbox`)."""
    if request.method != "GET":
        return render()
    key = _inbox_key(request.user.pk, translation.get_language())
    cache = caches[CACHE]
    kept = cache.get(key)
    if _fits(key, kept):
        return kept[1]
    html = render()
    cache.set(key, (key, html), INBOX_TIMEOUT)
    return html


def forget_inbox(user_id: int) -> None:
    """A handover to this person changed: their caseload shows it from the next request (and
    again after the change commits, so a page rendered in between is not kept)."""

    def forget():
        caches[CACHE].delete_many([_inbox_key(user_id, code) for code, _name in settings.LANGUAGES])

    forget()
    transaction.on_commit(forget)


def _inbox_key(user_id: int, language: str) -> str:
    made_from = repr(["inbox", user_id, timezone.localdate(), language])
    return "inbox:" + hashlib.sha256(made_from.encode()).hexdigest()


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
    kept = cache.get(key)
    if _fits(key, kept):
        return kept[1]
    content = render()
    cache.set(key, (key, content), TIMEOUT)
    return content


def _fits(key: str, kept) -> bool:
    """Values are kept with their own key: one moved to another key in the store is not shown
    there."""
    return isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key


class SealedSerializer:
    """Django's Redis cache serializer for kept pages: pickled, then sealed with AES-GCM under a
    key derived from SECRET_KEY (a fresh nonce for every value). A value that does not open,
    such as one sealed before the key was rotated, reads as not kept."""

    NONCE = 12

    @staticmethod
    def _cipher() -> AESGCM:
        return AESGCM(
            hashlib.sha256(b"toekomstplan kept pages\0" + settings.SECRET_KEY.encode()).digest()
        )

    def dumps(self, obj) -> bytes:
        nonce = os.urandom(self.NONCE)
        return nonce + self._cipher().encrypt(
            nonce, pickle.dumps(obj, pickle.HIGHEST_PROTOCOL), None
        )

    def loads(self, data: bytes):
        try:
            plain = self._cipher().decrypt(data[: self.NONCE], data[self.NONCE :], None)
        except (InvalidTag, ValueError):
            return None
        return pickle.loads(plain)  # opens only what this class sealed
