from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from plans import permissions, signin


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
    """For load balancers: the app answers and its database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


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
