from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from plans import permissions


@require_GET
def home(request):
    """Send each person where they belong."""
    user = request.user
    if not user.is_authenticated:
        return redirect("account_login")
    if permissions.is_professional(user):
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
def bench_floor(request):
    """The benchmark's yardstick (only with TP_BENCH_FLOOR): the whole middleware stack and a
    response, but no database, so page timings can be read as multiples of it."""
    return HttpResponse(b"ok", content_type="text/plain")
