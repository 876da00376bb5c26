"""A person's notifications and the header's unread count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    Exists,
    OuterRef,
    Q,
)

from plans import fragments
from plans.models import Notification, PlanRole

if TYPE_CHECKING:
    from network.models import User


def _visible_notifications(user: User):
    return Notification.objects.filter(user=user).filter(
        Q(plan__isnull=True)
        | Exists(
            PlanRole.objects.filter(plan_id=OuterRef("plan_id"), user=user, revoked_at__isnull=True)
        )
    )


# How long the header's count may be reused when nothing said it changed (a safety net: the
# services that add notifications, mark them read or change roles forget it at once).
UNREAD_COUNT_SECONDS = 120


def unread_notification_count(*, user: User) -> int:
    """Unread notifications about plans the person still has a role in: the badge in the header
    of every page. Read from the cache (Redis) between changes, so a page does not count them
    again on every request; only a number is kept there, nothing of a plan."""
    key = fragments.unread_count_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = _visible_notifications(user).filter(read_at__isnull=True).count()
        cache.set(key, count, UNREAD_COUNT_SECONDS)
    return count


def notification_page(*, user: User, page_number) -> Page:
    """The person's notifications, newest first, a page at a time (two queries)."""
    paginator = Paginator(_visible_notifications(user), settings.PAGE_SIZE)
    return paginator.get_page(page_number)
