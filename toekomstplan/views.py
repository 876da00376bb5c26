from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from plans import permissions, signin
from toekomstplan.celery import app as celery_app


@require_GET
def home(request):
    """Send each person where they belong."""
    user = request.user
    if not user.is_authenticated:
        return redirect("account_login")
    if signin.is_professional(user):
        return redirect("plans:plan_list")
    if permissions.portal_roles(user).exists():
        return redirect("portal:home")
    if user.is_staff:
        return redirect("admin:index")
    return render(request, "home.html")


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: whether each part answers, in JSON; 200 when all do,
    503 when one does not. Never raises: a part that fails is reported, with its error's kind.

    `?part=database` asks only the parts named: the web container's own health check asks only
    the database, since the app keeps working (degraded) while Redis is away, and a web server
    restarted for that would only make things worse."""
    parts = {"database": _database_answers, "cache": _cache_answers, "broker": _broker_answers}
    asked = [name for name in request.GET.getlist("part") if name in parts]
    if asked:
        parts = {name: parts[name] for name in asked}
    checks = {}
    for name, answers in parts.items():
        try:
            answers()
        except Exception as error:  # a health check reports every failure, whatever its kind
            checks[name] = {"status": "error", "error": type(error).__name__}
        else:
            checks[name] = {"status": "ok"}
    healthy = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def _database_answers() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache_answers() -> None:
    cache = caches["default"]
    # Redis (toekomstplan.cache) is asked; the in-memory cache of `make run` always answers.
    if hasattr(cache, "ping") and not cache.ping():
        raise ConnectionError("the cache does not answer")


def _broker_answers() -> None:
    if celery_app.conf.task_always_eager:
        return  # no broker: tasks run in-process
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0, timeout=1)


@require_GET
def manifest(request):
    """The web app manifest: the portal can be put on a phone's home screen like an app."""
    data = {
        "name": "toekomstplan",
        "short_name": "toekomstplan",
        "description": gettext("Your future plan, in your own words."),
        "lang": settings.LANGUAGE_CODE,
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f5f7f9",
        "theme_color": "#1f4e79",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def bench_floor(request):
    """The benchmark's yardstick (only with TP_BENCH_FLOOR): the whole middleware stack and a
    response, but no database, so page timings can be read as multiples of it."""
    return HttpResponse(b"ok", content_type="text/plain")
