"""Before one open invitation per address is enforced (0016): where racing invitations left
more than one open for the same plan and address, keep the newest and cancel the others, as
invitation_create does when an address is invited again."""

from django.db import migrations
from django.utils import timezone


def cancel_duplicates(apps, schema_editor):
    Invitation = apps.get_model("plans", "Invitation")
    seen = set()
    stale = []
    open_ones = Invitation.objects.filter(accepted_at__isnull=True, cancelled_at__isnull=True)
    for pk, plan_id, email in open_ones.order_by("-created_at", "-pk").values_list(
        "pk", "plan_id", "email"
    ):
        if (plan_id, email) in seen:
            stale.append(pk)
        seen.add((plan_id, email))
    Invitation.objects.filter(pk__in=stale).update(cancelled_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0014_portal_seen_version"),
    ]

    operations = [
        migrations.RunPython(cancel_duplicates, migrations.RunPython.noop),
    ]
