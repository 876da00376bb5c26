from django.conf import settings


def demo(request):
    """Tells every template whether this is a demo installation, and its logins."""
    if not settings.TOEKOMSTPLAN_DEMO:
        return {"demo_mode": False}
    from plans.demo import DEMO_LOGINS, DEMO_PASSWORD

    return {"demo_mode": True, "demo_logins": DEMO_LOGINS, "demo_password": DEMO_PASSWORD}
