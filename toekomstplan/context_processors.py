from django.conf import settings
from django.utils.functional import SimpleLazyObject

from network.demo_accounts import DEMO_LOGINS, DEMO_PASSWORD
from notifications.selectors import unread_notification_count
from plans.signin import is_demo_account


def demo(request):
    """Tells every template whether this is a demo installation, its logins, and whether the
    signed-in person is a demo account that skips two-factor sign-in."""
    if not settings.TOEKOMSTPLAN_DEMO:
        return {"demo_mode": False}

    user = getattr(request, "user", None)
    return {
        "demo_mode": True,
        "demo_logins": DEMO_LOGINS,
        "demo_password": DEMO_PASSWORD,
        "demo_skips_second_factor": bool(user and user.is_authenticated and is_demo_account(user)),
    }


def notifications(request):
    """The number of unread notifications for the header badge: one query, only when a page
    actually shows it (lazily), and none for anonymous visitors."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}

    def count():
        return unread_notification_count(user=user)

    return {"unread_notifications": SimpleLazyObject(count)}
