"""Our own error pages: 400, 403, 404, 500 and a refused form (CSRF), in Dutch, with the
product's look and a way back home; in the portal's plain words under /mijn/.

They are rendered without the request's context processors (no database, no user, no session):
the 500 page must come out even when the database or the cache is down, and an error page that
fails would hide the first failure behind a second one. No detail of the error is shown.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import get_language

PORTAL_PREFIX = "/mijn/"


def _static(path: str) -> str:
    try:
        return static(path)
    except Exception:  # a missing manifest must not turn the error page into a second error
        return settings.STATIC_URL + path


def _page(request, status: int, template: str) -> HttpResponse:
    portal = request is not None and request.path.startswith(PORTAL_PREFIX)
    context = {
        "status": status,
        "portal": portal,
        "lang": get_language() or settings.LANGUAGE_CODE,
        "home_url": PORTAL_PREFIX if portal else "/",
        "vendor_css": _static(
            "vendor/utrecht/utrecht-portal.css" if portal else "vendor/utrecht/utrecht.css"
        ),
        "own_css": _static("css/toekomstplan.css"),
    }
    body = loader.get_template(template).render(context)
    response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    return _page(request, 400, "errors/400.html")


def permission_denied(request, exception=None):
    return _page(request, 403, "errors/403.html")


def page_not_found(request, exception=None):
    return _page(request, 404, "errors/404.html")


def server_error(request):
    return _page(request, 500, "errors/500.html")


def csrf_failure(request, reason=""):
    """A form sent without (or with an old) safety code: most often a page left open too long
    or cookies turned off. Say what to do; never the technical reason."""
    return _page(request, 403, "errors/csrf.html")
