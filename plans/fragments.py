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
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone, translation

from plans import audit, permissions, selectors

if TYPE_CHECKING:
    from django.core.paginator import Page
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


def caseload_content(request: HttpRequest, page: Page, render: Callable[[], str]) -> str:
    """The caseload's content as `render()` makes it for this page of plans, from memory while
    none of the plans on it changed (nor how many there are); which plans it listed is logged
    either way."""
    plans = list(page.object_list)
    selectors.log_caseload_view(viewer=request.user, plans=[str(plan.uuid) for plan in plans])
    return _kept(
        request,
        render,
        "caseload",
        page.paginator.count,
        [(plan.uuid, plan.data_version, plan.has_role) for plan in plans],
        sorted(request.GET.lists()),
    )


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
    # Kept with its own key: a value moved to another key in the store is not shown there.
    kept = cache.get(key)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
        return kept[1]
    content = render()
    cache.set(key, (key, content), TIMEOUT)
    return content


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
