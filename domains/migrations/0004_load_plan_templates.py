"""A plan template per doelgroep: suggested goals (as a jongere might say them) and checklist items."""

from django.db import migrations

TEMPLATES = {
    "statushouder": (
        "Statushouder",
        "Voor jongeren met een verblijfsvergunning die hier een nieuw leven opbouwen.",
        [
            ("school", "Ik leer Nederlands en haal mijn inburgeringsexamen."),
            ("wonen", "Ik heb een eigen kamer of woning waar ik kan blijven."),
            ("relaties", "Ik weet hoe het met mijn familie gaat en kan contact houden."),
            ("werk", "Ik weet welk werk ik hier kan doen."),
        ],
        [
            "verblijfsvergunning",
            "digid",
            "bankrekening",
            "zorgverzekering",
            "zorgtoeslag",
            "duo_studiefinanciering",
        ],
    ),
    "zwerfjongere": (
        "Zwerfjongere",
        "Voor jongeren zonder vaste woon- of verblijfplaats.",
        [
            ("wonen", "Ik heb een vaste plek om te slapen."),
            ("inkomen", "Ik heb elke maand geld voor eten en een dak boven mijn hoofd."),
            ("inkomen", "Ik weet welke schulden ik heb en wie me helpt."),
            ("zorg", "Ik heb een huisarts en een zorgverzekering."),
        ],
        ["digid", "bankrekening", "zorgverzekering", "woningzoekende", "berichtenbox"],
    ),
    "lvb": (
        "Licht verstandelijke beperking",
        "Voor jongeren met een licht verstandelijke beperking (lvb).",
        [
            ("inkomen", "Iemand die ik vertrouw helpt mij met mijn geld."),
            ("wonen", "Ik weet waar ik na mijn 18e ga wonen en wie mij daar helpt."),
            ("werk", "Ik heb werk of dagbesteding die bij mij past."),
        ],
        ["bewind_mentorschap", "wajong", "pgb_overgang", "digid", "zorgverzekering"],
    ),
    "afstand_arbeidsmarkt": (
        "Afstand tot de arbeidsmarkt",
        "Voor jongeren die niet vanzelf aan het werk komen.",
        [
            ("werk", "Ik weet welk werk ik leuk vind en wat ik al kan."),
            ("school", "Ik haal een startkwalificatie of een certificaat."),
            ("inkomen", "Ik heb een eigen inkomen."),
        ],
        ["wajong", "digid", "bankrekening", "belastingaangifte"],
    ),
}


def load(apps, schema_editor):
    PlanTemplate = apps.get_model("domains", "PlanTemplate")
    TemplateGoal = apps.get_model("domains", "TemplateGoal")
    Leefdomein = apps.get_model("domains", "Leefdomein")
    ChecklistItem = apps.get_model("domains", "ChecklistItem")
    domains = {d.code: d for d in Leefdomein.objects.all()}
    for doelgroep, (name, description, goals, items) in TEMPLATES.items():
        template, _ = PlanTemplate.objects.update_or_create(
            doelgroep=doelgroep, defaults={"name": name, "description": description}
        )
        template.goals.all().delete()
        for order, (domain, text) in enumerate(goals, start=1):
            TemplateGoal.objects.create(
                template=template, leefdomein=domains[domain], text=text, order=order
            )
        template.checklist_items.set(ChecklistItem.objects.filter(code__in=items))


def unload(apps, schema_editor):
    apps.get_model("domains", "PlanTemplate").objects.filter(doelgroep__in=TEMPLATES).delete()


class Migration(migrations.Migration):
    dependencies = [("domains", "0003_load_checklist")]
    operations = [migrations.RunPython(load, unload)]
