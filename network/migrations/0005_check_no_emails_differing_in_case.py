"""Before e-mail addresses are unique ignoring case (0006): stop, with the addresses, where
two accounts differ only in case. They may be one person with two accounts, or two people: a
coordinator decides (and merges or changes one), never a migration."""

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower


def refuse_duplicates(apps, schema_editor):
    User = apps.get_model("network", "User")
    twice = (
        User.objects.annotate(address=Lower("email"))
        .values("address")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("address", flat=True)
    )
    if twice:
        raise RuntimeError(
            "These e-mail addresses belong to more than one account, differing only in case; "
            "change or merge them before migrating: " + ", ".join(sorted(twice))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_catalogue_help_texts"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
    ]
