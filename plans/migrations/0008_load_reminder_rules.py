"""The default reminder rules, from the ages that matter (DOMAIN.md). Coordinators change them
in the admin; `{naam}` becomes the jongere's first name."""

from django.db import migrations

A = "age"
RULES = [
    # code, trigger, years, months, audience, title, message
    (
        "start-16-jongere",
        A,
        16,
        0,
        "jongere",
        "Tijd voor je toekomstplan",
        "Je bent 16. Een goed moment om samen naar je toekomst te kijken: wie helpt je, wat wil je, "
        "en hoe pak je het aan? Je toekomstplan is van jou.",
    ),
    (
        "start-16-regisseur",
        A,
        16,
        0,
        "regisseur",
        "{naam} is 16: start het toekomstplan",
        "{naam} is 16 geworden. Start nu het toekomstplan, samen met de jongere en het netwerk: "
        "eerst WIE, dan WAT, dan HOE. Een jongere van 16 zonder (ingevuld) plan is een signaal.",
    ),
    (
        "review-16-6",
        A,
        16,
        6,
        "professionals",
        "Plan van {naam} bespreken",
        "{naam} is 16,5 jaar. Bespreek het plan samen: klopt het nog, wat is bereikt, wat is er "
        "nodig op elk leefdomein?",
    ),
    (
        "plan18-jongere",
        A,
        16,
        11,
        "jongere",
        "Bijna 17: begin met Plan 18",
        "Over een maand word je 17. Dan begin je met Plan 18: wat moet er geregeld zijn als je 18 "
        "wordt? Kijk samen met je begeleider naar de checklist.",
    ),
    (
        "plan18-professionals",
        A,
        16,
        11,
        "professionals",
        "{naam} wordt bijna 17: start Plan 18",
        "Over een maand wordt {naam} 17. Start Plan 18 en loop de 18-checklist samen door: wat "
        "moet geregeld zijn op de 18e verjaardag?",
    ),
    (
        "overdracht-17-6",
        A,
        17,
        6,
        "professionals",
        "Indicaties en verslag voor {naam}",
        "{naam} is 17,5. Zorg dat indicaties tot minstens zes maanden na de 18e verjaardag "
        "doorlopen, dat de diagnostiek recent is en dat er een afsluitend verslag komt.",
    ),
    (
        "aanvragen-17-9",
        A,
        17,
        9,
        "professionals",
        "Aanvragen voor {naam} moeten nu de deur uit",
        "Over drie maanden wordt {naam} 18. Aanvragen (Wmo, Zvw of Wlz, zorgtoeslag, verlengde "
        "jeugdhulp) moeten nu ingediend zijn.",
    ),
    (
        "aanvragen-17-9-jongere",
        A,
        17,
        9,
        "jongere",
        "Nog drie maanden tot je 18e",
        "Over drie maanden word je 18. Wat je na je 18e nodig hebt, moet nu aangevraagd worden. "
        "Kijk in je plan wat nog open staat.",
    ),
    (
        "achttien-jongere",
        A,
        18,
        0,
        "jongere",
        "Je bent 18",
        "Gefeliciteerd! Vanaf nu regel je zelf je zaken, zoals je zorgverzekering, DigiD en "
        "zorgtoeslag. Kijk in je checklist wat nog moet. Je plan stopt niet: je begeleiders "
        "helpen je verder.",
    ),
    (
        "achttien-jim",
        A,
        18,
        0,
        "jim",
        "{naam} is 18 geworden",
        "{naam} is 18 geworden. Er verandert veel: zorgverzekering, DigiD, geldzaken. Help je mee "
        "met de checklist?",
    ),
    (
        "achttien-professionals",
        A,
        18,
        0,
        "professionals",
        "{naam} is 18: wat nu verandert",
        "De Jeugdwet stopt; zorg gaat naar Wmo, Zvw of Wlz. {naam} is nu handelingsbekwaam. Stop "
        "niet bij 18: het plan loopt door tot er een stabiele basis is.",
    ),
    (
        "premie-18-1",
        A,
        18,
        1,
        "jongere",
        "Je betaalt nu zelf je zorgverzekering",
        "Vanaf deze maand betaal je zelf de premie van je zorgverzekering. Heb je zorgtoeslag "
        "aangevraagd? Dan krijg je een deel terug.",
    ),
    (
        "verlengd-22-6",
        A,
        22,
        6,
        "professionals",
        "Verlengde jeugdhulp van {naam} stopt over een half jaar",
        "Bij 23 stopt verlengde jeugdhulp (en het RMC). Regel nu samen met {naam} wat daarna nodig is.",
    ),
    (
        "doelgroep-26-6",
        A,
        26,
        6,
        "professionals",
        "{naam} is over een half jaar 27",
        "Bij 27 houdt de doelgroep op. Bespreek het loslaten, of de overdracht naar ondersteuning "
        "voor volwassenen.",
    ),
    (
        "actie-morgen",
        "action_due_tomorrow",
        None,
        0,
        "assignee",
        "Een actie staat voor morgen",
        "Een actie in het plan van {naam} moet morgen klaar zijn. Lukt dat? Vink hem af als hij "
        "klaar is.",
    ),
    (
        "actie-over-tijd",
        "action_overdue",
        None,
        0,
        "assignee",
        "Een actie is over tijd",
        "Een actie in het plan van {naam} had gisteren klaar moeten zijn. Vink hem af, of spreek "
        "een nieuwe datum af.",
    ),
    (
        "actie-over-tijd-regisseur",
        "action_overdue",
        None,
        0,
        "regisseur",
        "Een actie in het plan van {naam} is over tijd",
        "Een actie in het plan van {naam} is over tijd. Kijk bij HOE wie hem doet en wat er nodig is.",
    ),
    (
        "evaluatie-voorbij",
        "review_passed",
        None,
        0,
        "regisseur",
        "Evaluatie van het plan van {naam} is voorbij",
        "De datum om de risicotaxatie van {naam} opnieuw te bekijken is voorbij. Plan een gesprek.",
    ),
]


def load(apps, schema_editor):
    ReminderRule = apps.get_model("plans", "ReminderRule")
    for order, (code, trigger, years, months, audience, title, message) in enumerate(RULES):
        ReminderRule.objects.update_or_create(
            code=code,
            defaults={
                "name": title.replace("{naam}", "jongere"),
                "trigger": trigger,
                "age_years": years,
                "age_months": months,
                "audience": audience,
                "title": title,
                "message": message,
                "order": order * 10,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("plans", "ReminderRule").objects.filter(
        code__in=[rule[0] for rule in RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_reminders_notifications_pdf_exports")]

    operations = [migrations.RunPython(load, unload)]
