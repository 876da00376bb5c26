"""Where a request comes from (IP address, user agent), for the access log: one typed
request context, set by a middleware for the request it serves."""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings


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
