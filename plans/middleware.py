"""Request-wide plumbing: where a request comes from (for the access log), session timeouts."""

import ipaddress
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RequestOrigin:
    ip_address: str | None
    user_agent: str


current_origin: ContextVar[RequestOrigin | None] = ContextVar("current_origin", default=None)


def _normalised_ip(value: str) -> str | None:
    """An IP address in the form the database gives back (so the log's hashes stay stable)."""
    value = value.strip()
    if value.count(":") == 1:  # IPv4 with a port, as some gateways send it
        value = value.split(":", 1)[0]
    value = value.strip("[]").split("]:", 1)[0]
    try:
        return ipaddress.ip_address(value).compressed
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address the request came from. Behind TRUSTED_PROXY_COUNT reverse proxies, the
    address the nearest trusted proxy saw (the right-most ones are the proxies' own)."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            found = _normalised_ip(forwarded[-hops])
            if found:
                return found
    return _normalised_ip(request.META.get("REMOTE_ADDR") or "")


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = RequestOrigin(
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        token = current_origin.set(origin)
        try:
            return self.get_response(request)
        finally:
            current_origin.reset(token)


class SessionTimeoutMiddleware:
    """Sign people out after a while: professionals after 30 idle minutes, everyone after 12 hours.

    A forgotten session on a shared desk computer must not keep a plan open. The time of the last
    request is written at most once a minute, so most requests cost no session write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._expired(request)
            if expired:
                return self._sign_out(request, expired)
        return self.get_response(request)

    def _expired(self, request) -> str | None:
        from plans.permissions import is_professional

        session = request.session
        now = time.time()
        if "tp_started" not in session:
            session["tp_started"] = now
            session["tp_seen"] = now
            session["tp_professional"] = is_professional(request.user)
            return None
        idle_limit = (
            settings.SESSION_IDLE_SECONDS_PROFESSIONAL
            if session.get("tp_professional")
            else settings.SESSION_IDLE_SECONDS_OTHERS
        )
        if now - session["tp_started"] > settings.SESSION_ABSOLUTE_SECONDS:
            return "absolute"
        if now - session.get("tp_seen", now) > idle_limit:
            return "idle"
        if now - session.get("tp_seen", 0) > 60:
            session["tp_seen"] = now
        return None

    def _sign_out(self, request, reason: str):
        logout(request)
        text = (
            _("You were signed out because you were inactive for a while. Please sign in again.")
            if reason == "idle"
            else _(
                "You were signed out because your session had lasted 12 hours. "
                "Please sign in again."
            )
        )
        messages.info(request, text)
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=401)
            response["HX-Redirect"] = reverse("account_login")
            return response
        return redirect_to_login(request.get_full_path(), reverse("account_login"))
