"""/meldingen/: a person's notifications."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from notifications import selectors
from notifications import services as notification_services
from plans.decorators import plan_page


@plan_page
@require_GET
def notification_list(request):
    """My notifications: reminders about the plans I work in, newest first. Seen means read."""
    page = selectors.notification_page(user=request.user, page_number=request.GET.get("pagina"))
    unread = {n.pk for n in page.object_list if n.read_at is None}
    notification_services.notifications_mark_read(user=request.user, ids=list(unread))
    return render(request, "notifications/notifications.html", {"page": page, "unread": unread})
