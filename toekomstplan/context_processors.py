from django.conf import settings


def demo(request):
    """Tells every template whether this is a demo installation, its logins, and whether the
    signed-in person is a demo account that skips two-factor sign-in."""
    if not settings.TOEKOMSTPLAN_DEMO:
        return {"demo_mode": False}
    from plans.demo import DEMO_LOGINS, DEMO_PASSWORD
    from plans.permissions import is_demo_account

    user = getattr(request, "user", None)
    return {
        "demo_mode": True,
        "demo_logins": DEMO_LOGINS,
        "demo_password": DEMO_PASSWORD,
        "demo_skips_second_factor": bool(user and user.is_authenticated and is_demo_account(user)),
    }
