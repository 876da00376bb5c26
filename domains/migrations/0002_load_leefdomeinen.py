"""The eight leefdomeinen of NJi, each in one Big5 pillar, with a plain-language (B1) explanation."""

from django.db import migrations

LEEFDOMEINEN = [
    (
        "wonen",
        "Wonen",
        "wonen",
        "Waar woon je? Is dat een fijne en veilige plek? Kun je daar blijven?",
    ),
    (
        "school",
        "School",
        "school_werk",
        "Ga je naar school of doe je een opleiding? Lukt dat goed?",
    ),
    ("werk", "Werk", "school_werk", "Heb je werk, of zoek je werk? Wat wil je later gaan doen?"),
    ("inkomen", "Inkomen", "inkomen", "Heb je genoeg geld om van te leven? Heb je schulden?"),
    (
        "vrienden",
        "Vrienden",
        "support",
        "Wie zijn je vrienden? Wie kun je bellen als het even niet gaat?",
    ),
    (
        "relaties",
        "Relaties en familie",
        "support",
        "Hoe gaat het met je familie, je partner en andere mensen die belangrijk voor je zijn?",
    ),
    (
        "vrije_tijd",
        "Vrije tijd",
        "welzijn",
        "Wat doe je graag? Sport, hobby's, vrijwilligerswerk of iets anders.",
    ),
    (
        "zorg",
        "Zorg en gezondheid",
        "welzijn",
        "Hoe gaat het met je lichaam en met je gevoel? Welke hulp of zorg heb je nodig?",
    ),
]


def load(apps, schema_editor):
    Leefdomein = apps.get_model("domains", "Leefdomein")
    for order, (code, name, big5, explanation) in enumerate(LEEFDOMEINEN, start=1):
        Leefdomein.objects.update_or_create(
            code=code,
            defaults={"name": name, "big5": big5, "order": order, "explanation": explanation},
        )


def unload(apps, schema_editor):
    apps.get_model("domains", "Leefdomein").objects.filter(
        code__in=[code for code, *_ in LEEFDOMEINEN]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("domains", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
