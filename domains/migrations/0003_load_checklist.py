"""The 18-checklist: what to arrange around the 18th birthday, in B1, with the age it matters from."""

from django.db import migrations

# code, title, explanation (B1), from_age, doelgroepen, audience, leefdomein, link
ITEMS = [
    (
        "digid",
        "DigiD aanvragen",
        "Met DigiD log je in bij de overheid. Je hebt het nodig voor je zorgverzekering, toeslagen en DUO.",
        16,
        [],
        "jongere",
        "inkomen",
        "https://www.digid.nl",
    ),
    (
        "berichtenbox",
        "Berichtenbox van MijnOverheid aanzetten",
        "Post van de overheid krijg je dan online. Kijk er elke maand in. Zo mis je geen brieven.",
        17,
        [],
        "jongere",
        "inkomen",
        "https://mijn.overheid.nl",
    ),
    (
        "bankrekening",
        "Eigen bankrekening openen",
        "Je hebt een bankrekening op je eigen naam nodig. Daar komt je loon, studiegeld of uitkering op.",
        16,
        [],
        "jongere",
        "inkomen",
        "",
    ),
    (
        "zorgverzekering",
        "Zorgverzekering afsluiten",
        "Vanaf 18 jaar betaal je zelf elke maand voor je zorgverzekering. Dat heet premie. "
        "Regel het vóór de maand na je verjaardag.",
        17,
        [],
        "jongere",
        "zorg",
        "",
    ),
    (
        "eigen_risico",
        "Eigen risico begrijpen",
        "Vanaf 18 jaar betaal je de eerste kosten van zorg zelf, tot een vast bedrag per jaar. "
        "Dat heet eigen risico. Zet er elke maand een beetje geld voor opzij.",
        18,
        [],
        "jongere",
        "zorg",
        "",
    ),
    (
        "tandarts",
        "Tandarts regelen",
        "Na je 18e zit de tandarts niet meer in je gewone verzekering. "
        "Kijk of je een extra verzekering voor de tandarts wilt.",
        17,
        [],
        "jongere",
        "zorg",
        "",
    ),
    (
        "zorgtoeslag",
        "Zorgtoeslag aanvragen",
        "Heb je weinig geld? Dan krijg je misschien geld voor je zorgverzekering. "
        "Dat heet zorgtoeslag. Je vraagt het aan bij de Belastingdienst.",
        17,
        [],
        "jongere",
        "inkomen",
        "https://www.belastingdienst.nl/toeslagen",
    ),
    (
        "huurtoeslag",
        "Huurtoeslag aanvragen",
        "Huur je zelf een huis of kamer en heb je weinig geld? Dan krijg je misschien huurtoeslag.",
        18,
        [],
        "jongere",
        "wonen",
        "https://www.belastingdienst.nl/toeslagen",
    ),
    (
        "duo_studiefinanciering",
        "Studiefinanciering of tegemoetkoming bij DUO",
        "Ga je naar school? Vraag bij DUO geld voor je studie aan. Of een tegemoetkoming scholieren. "
        "Dat kan al 3 maanden voor je 18e verjaardag.",
        17,
        [],
        "jongere",
        "school",
        "https://duo.nl",
    ),
    (
        "studentenreisproduct",
        "Studentenreisproduct aanvragen",
        "Met het studentenreisproduct reis je gratis of met korting met de bus en de trein. "
        "Je vraagt het aan bij DUO.",
        16,
        [],
        "jongere",
        "school",
        "https://duo.nl",
    ),
    (
        "kinderbijslag",
        "Kinderbijslag stopt",
        "Als je 18 bent, krijgen je ouders geen kinderbijslag meer voor jou. "
        "Praat met je ouders over wie wat betaalt.",
        17,
        [],
        "jongere",
        "inkomen",
        "",
    ),
    (
        "aansprakelijkheid",
        "Aansprakelijkheidsverzekering (WA)",
        "Maak je per ongeluk iets kapot van een ander? Dan betaalt deze verzekering. "
        "Na je 18e ben je soms niet meer verzekerd via je ouders.",
        18,
        [],
        "jongere",
        "inkomen",
        "",
    ),
    (
        "contracten_bkr",
        "Contracten en het BKR",
        "Vanaf 18 jaar teken je zelf contracten, zoals een telefoonabonnement. "
        "Betaal je niet op tijd? Dan kom je bij het BKR. Dan krijg je moeilijker een lening of huis.",
        17,
        [],
        "jongere",
        "inkomen",
        "",
    ),
    (
        "woningzoekende",
        "Inschrijven als woningzoekende",
        "Wil je later zelf wonen? Schrijf je dan zo snel mogelijk in als woningzoekende. "
        "De wachtlijst is lang, dus hoe eerder hoe beter.",
        18,
        [],
        "jongere",
        "wonen",
        "",
    ),
    (
        "belastingaangifte",
        "Belastingaangifte doen",
        "Werk je? Dan krijg je soms geld terug van de Belastingdienst. Doe daarvoor elk jaar aangifte.",
        18,
        [],
        "jongere",
        "inkomen",
        "https://www.belastingdienst.nl",
    ),
    (
        "kinderalimentatie",
        "Kinderalimentatie naar jezelf",
        "Betaalt een van je ouders alimentatie? Vanaf 18 jaar kan dat geld naar jou gaan, tot je 21e.",
        18,
        [],
        "jongere",
        "inkomen",
        "",
    ),
    (
        "wajong",
        "Wajong of doelgroepregister",
        "Is werken moeilijk door een beperking? Dan krijg je misschien Wajong, "
        "of kom je in het doelgroepregister. Dan helpt UWV je met werk.",
        17,
        ["lvb", "afstand_arbeidsmarkt"],
        "jongere",
        "werk",
        "https://www.uwv.nl",
    ),
    (
        "bewind_mentorschap",
        "Bewind, mentorschap of curatele",
        "Vind je het moeilijk om zelf je geld of grote keuzes te regelen? "
        "Dan kan iemand je helpen. De rechter beslist dat. Vraag het aan vóór je 18e.",
        17,
        ["lvb"],
        "jongere",
        "inkomen",
        "",
    ),
    (
        "pgb_overgang",
        "Jeugd-pgb over naar Wmo of Wlz",
        "Krijg je zorg met een pgb? Na je 18e gaat dat via de Wmo of de Wlz. Vraag het op tijd aan.",
        17,
        [],
        "jongere",
        "zorg",
        "",
    ),
    (
        "eigen_bijdrage_cak",
        "Eigen bijdrage aan het CAK",
        "Krijg je na je 18e hulp of zorg? Dan betaal je misschien elke maand een klein bedrag aan het CAK.",
        18,
        [],
        "jongere",
        "zorg",
        "https://www.hetcak.nl",
    ),
    (
        "verblijfsvergunning",
        "Verblijfsvergunning op tijd verlengen",
        "Kijk tot wanneer je verblijfsvergunning geldig is. Vraag op tijd een nieuwe aan.",
        16,
        ["statushouder"],
        "jongere",
        "wonen",
        "https://ind.nl",
    ),
    (
        "indicaties_doorlopend",
        "Indicaties lopen door na 18",
        "Zorg dat indicaties minstens zes maanden na de 18e verjaardag doorlopen, "
        "zodat er geen gat valt in de hulp.",
        17,
        [],
        "professional",
        "zorg",
        "",
    ),
    (
        "recente_diagnostiek",
        "Recente diagnostiek",
        "Zorg voor recente diagnostiek, zodat nieuwe hulp na 18 snel kan beginnen.",
        17,
        [],
        "professional",
        "zorg",
        "",
    ),
    (
        "afsluitend_verslag",
        "Afsluitend verslag jeugdhulp",
        "Schrijf een afsluitend verslag, zodat de volgende hulp weet wat er al gedaan is.",
        17,
        [],
        "professional",
        "zorg",
        "",
    ),
    (
        "netwerk_vastgelegd",
        "Netwerkcontacten vastgelegd",
        "Leg vast wie er in het netwerk van de jongere staan, met hun contactgegevens.",
        16,
        [],
        "professional",
        "relaties",
        "",
    ),
]


def load(apps, schema_editor):
    ChecklistItem = apps.get_model("domains", "ChecklistItem")
    Leefdomein = apps.get_model("domains", "Leefdomein")
    domains = {d.code: d for d in Leefdomein.objects.all()}
    for order, (code, title, explanation, age, groups, audience, domain, link) in enumerate(
        ITEMS, start=1
    ):
        ChecklistItem.objects.update_or_create(
            code=code,
            defaults={
                "title": title,
                "explanation": explanation,
                "from_age": age,
                "doelgroepen": groups,
                "audience": audience,
                "leefdomein": domains[domain],
                "link": link,
                "order": order,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("domains", "ChecklistItem").objects.filter(
        code__in=[item[0] for item in ITEMS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("domains", "0002_load_leefdomeinen")]
    operations = [migrations.RunPython(load, unload)]
