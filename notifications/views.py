"""/meldingen/: a person's notifications."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from notifications import selectors
from notifications import services as notification_services
from plans.decorators import plan_page


@plan_page
@require_http_methods(["GET", "POST"])
def notification_list(request):
    """My notifications: reminders about the plans I work in, newest first. Looking changes
    nothing (a GET may be fetched by a browser's preloading or a link checker); "Mark as read"
    on one, or "All read", is a POST."""
    if request.method == "POST":
        one = request.POST.get("notification", "")
        ids = [int(one)] if one.isdigit() and len(one) <= 18 else None
        notification_services.notifications_mark_read(user=request.user, ids=ids)
        page = request.POST.get("pagina", "")
        return redirect(f"{request.path}?pagina={page}" if page.isdigit() else request.path)
    page = selectors.notification_page(user=request.user, page_number=request.GET.get("pagina"))
    unread = {n.pk for n in page.object_list if n.read_at is None}
    return render(request, "notifications/notifications.html", {"page": page, "unread": unread})
