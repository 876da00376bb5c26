"""The demo gemeente: made-up people with plans in every phase, for trying toekomstplan out.

Used by `manage.py seed_demo` and, in demo mode, by the sign-in page that lists the logins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from domains.models import ChecklistItem, Leefdomein, PlanTemplate
from network.demo_accounts import COORDINATOR, DEMO_PASSWORD, PROFESSIONALS
from network.models import Jongere, Membership, NetworkMember, Organisation, User
from network.services import coordinator_group_ensure
from plans import services
from plans.models import DomainAssessment, PlanRole, Toekomstplan

GEMEENTE = "Demodorp"

ORGANISATIONS = [
    ("wijkteam", "Wijkteam Demodorp", "wijkteam"),
    ("jeugdhulp", "Jeugdhulp Oost", "jeugdhulp"),
    ("mbo", "ROC Demodorp (mbo)", "onderwijs"),
]


@dataclass(frozen=True)
class DemoJongere:
    key: str
    first_name: str
    last_name: str
    age_months: int
    doelgroepen: tuple[str, ...]
    regisseur: str
    others: tuple[str, ...]
    phase: str
    status: str = "actief"
    jim: tuple[str, str] | None = None
    network: tuple[tuple[str, str], ...] = ()
    # leefdomein code -> (situation, wish, support, stability)
    assessments: tuple[tuple[str, str, str, str, int], ...] = ()
    # (leefdomein, goal, [(action, who, due in days, done)])
    goals: tuple[tuple[str, str, tuple[tuple[str, str, int, bool], ...]], ...] = ()
    # Written by the jongere in the portal: (leefdomein, situation, wish)
    own_words: tuple[tuple[str, str, str], ...] = ()
    # (leefdomein, goal, first step) by the jongere
    own_goals: tuple[tuple[str, str, str], ...] = ()
    # Mijn verhaal: (kind, text, age, card, audience)
    story: tuple[tuple[str, str, int | None, str, str], ...] = ()
    # 18-checklist: (item code, status)
    checklist: tuple[tuple[str, str], ...] = ()


JONGEREN = [
    DemoJongere(
        "daan",
        "Daan",
        "Bakker",
        15 * 12 + 9,
        (),
        "sanne@demo.toekomstplan.nl",
        ("lotte@demo.toekomstplan.nl",),
        "wie",
        network=(("Ingrid Bakker", "ouder"),),
    ),
    DemoJongere(
        "yara",
        "Yara",
        "Haddad",
        16 * 12 + 3,
        ("statushouder",),
        "sanne@demo.toekomstplan.nl",
        ("lotte@demo.toekomstplan.nl",),
        "wat",
        jim=("Fatima El Amrani", "buur"),
        assessments=(
            ("wonen", "Ik woon met mijn oom in een flat.", "Later een eigen kamer.", "licht", 3),
            (
                "school",
                "Ik zit in de internationale schakelklas.",
                "Naar het mbo, zorg.",
                "licht",
                3,
            ),
            ("relaties", "Mijn moeder woont nog in Syrië.", "Vaker met haar bellen.", "licht", 2),
        ),
        goals=(
            (
                "school",
                "Ik haal mijn taalniveau A2.",
                (
                    ("Elke week naar de taalcafé-avond", "jongere", 14, False),
                    ("Oefentoets regelen", "lotte@demo.toekomstplan.nl", 21, False),
                ),
            ),
        ),
    ),
    DemoJongere(
        "milan",
        "Milan",
        "de Groot",
        16 * 12 + 9,
        ("lvb",),
        "ahmed@demo.toekomstplan.nl",
        ("sanne@demo.toekomstplan.nl",),
        "hoe",
        jim=("Kees van Dijk", "mentor"),
        network=(("Petra de Groot", "ouder"),),
        assessments=(
            ("wonen", "Ik woon thuis bij mijn moeder.", "Later begeleid wonen.", "licht", 3),
            ("inkomen", "Ik krijg zakgeld.", "Zelf leren betalen.", "intensief", 2),
            ("werk", "Stage bij de supermarkt.", "Vast werk in de supermarkt.", "licht", 3),
            ("zorg", "Ik heb een begeleider.", "Begeleiding houden na 18.", "intensief", 2),
            ("vrije_tijd", "Ik voetbal op zaterdag.", "Blijven voetballen.", "geen", 4),
        ),
        goals=(
            (
                "inkomen",
                "Ik weet hoeveel geld ik elke week kan uitgeven.",
                (
                    ("Samen een weekbudget maken", "jim", -7, True),
                    ("Bewindvoering bespreken met moeder", "ahmed@demo.toekomstplan.nl", -3, False),
                ),
            ),
            (
                "zorg",
                "Mijn begeleiding loopt door na mijn 18e.",
                (("Wmo-aanvraag voorbereiden", "sanne@demo.toekomstplan.nl", 30, False),),
            ),
            (
                "werk",
                "Ik krijg een contract bij de supermarkt.",
                (
                    ("Gesprek met stagebegeleider", "jongere", 10, False),
                    ("Meegaan naar het gesprek met de stagebegeleider", "jim", 10, False),
                ),
            ),
        ),
        own_words=(
            (
                "vrije_tijd",
                "Ik voetbal op zaterdag. Dat vind ik het leukst.",
                "Ik wil trainer worden van de kleintjes.",
            ),
        ),
        own_goals=(
            (
                "vrije_tijd",
                "Ik wil helpen bij de training van de F-jes.",
                "Vragen aan mijn trainer",
            ),
        ),
        story=(
            ("moment", "Ik ging naar de basisschool in Amersfoort.", 4, "", "begeleiders"),
            ("moment", "Mijn ouders gingen uit elkaar.", 9, "", "alleen_ik"),
            (
                "moment",
                "Ik kwam op het praktijkonderwijs. Daar ging het beter.",
                12,
                "",
                "iedereen",
            ),
            ("moment", "Ik begon mijn stage bij de supermarkt.", 16, "", "iedereen"),
            ("droom", "Ik woon op mezelf, met een kat.", None, "", "iedereen"),
            (
                "droom",
                "Ik heb vast werk en ben trainer bij de voetbalclub.",
                None,
                "",
                "begeleiders",
            ),
            ("kwaliteit", "", None, "doorzetten", "iedereen"),
            ("kwaliteit", "", None, "helpen", "iedereen"),
            ("kwaliteit", "Ik kan goed met kleine kinderen.", None, "", "begeleiders"),
        ),
        checklist=(
            ("digid", "geregeld"),
            ("bankrekening", "geregeld"),
            ("studentenreisproduct", "nvt"),
        ),
    ),
    DemoJongere(
        "noah",
        "Noah",
        "Mulder",
        17 * 12 + 9,
        ("afstand_arbeidsmarkt",),
        "sanne@demo.toekomstplan.nl",
        ("ahmed@demo.toekomstplan.nl", "lotte@demo.toekomstplan.nl"),
        "hoe",
        network=(("Ruud Mulder", "ouder"), ("Sem Kok", "vriend")),
        assessments=(
            ("wonen", "Ik woon in een gezinshuis.", "Zelfstandig wonen.", "intensief", 2),
            ("school", "Ik ben gestopt met school.", "Een opleiding tot monteur.", "intensief", 1),
            ("werk", "Ik heb geen werk.", "Werken als monteur.", "licht", 2),
            (
                "inkomen",
                "Ik heb een schuld bij mijn telefoonprovider.",
                "Geen schulden.",
                "intensief",
                2,
            ),
            ("zorg", "Jeugdhulp stopt straks.", "Iemand om mee te praten.", "licht", 3),
        ),
        goals=(
            (
                "wonen",
                "Ik heb een plek als ik 18 word.",
                (
                    ("Inschrijven als woningzoekende", "jongere", -20, False),
                    ("Verlengde jeugdhulp aanvragen", "ahmed@demo.toekomstplan.nl", 14, False),
                ),
            ),
            (
                "school",
                "Ik begin in september aan de opleiding monteur.",
                (
                    ("Intake ROC plannen", "lotte@demo.toekomstplan.nl", -5, True),
                    ("Open dag bezoeken", "jongere", 12, False),
                ),
            ),
            (
                "inkomen",
                "Ik heb een regeling voor mijn schuld.",
                (("Schuldhulp aanmelden", "sanne@demo.toekomstplan.nl", -2, False),),
            ),
        ),
    ),
    DemoJongere(
        "emma",
        "Emma",
        "Peters",
        18 * 12 + 6,
        ("zwerfjongere",),
        "sanne@demo.toekomstplan.nl",
        ("ahmed@demo.toekomstplan.nl",),
        "hoe",
        assessments=(
            ("wonen", "Ik slaap bij vrienden.", "Een eigen kamer.", "intensief", 1),
            ("inkomen", "Ik heb geen inkomen.", "Een uitkering tot ik werk.", "intensief", 1),
            ("zorg", "Ik heb geen huisarts.", "Een huisarts in de buurt.", "licht", 2),
            ("vrienden", "Ik heb een paar goede vrienden.", "Zo houden.", "geen", 4),
        ),
        goals=(
            (
                "wonen",
                "Ik heb een vaste plek om te slapen.",
                (
                    ("Aanmelden bij de jongerenopvang", "sanne@demo.toekomstplan.nl", -10, True),
                    ("Kamer bekijken bij Kamers met Kansen", "jongere", 7, False),
                ),
            ),
            (
                "inkomen",
                "Ik heb elke maand geld voor eten.",
                (
                    ("Uitkering aanvragen", "jongere", -1, False),
                    ("Bankrekening openen", "jongere", 5, False),
                ),
            ),
        ),
    ),
    DemoJongere(
        "jesse",
        "Jesse",
        "Vermeulen",
        22 * 12,
        (),
        "ahmed@demo.toekomstplan.nl",
        (),
        "hoe",
        status="losgelaten",
        assessments=tuple(
            (code, "Dit gaat goed.", "Zo houden.", "geen", 5)
            for code in (
                "wonen",
                "school",
                "werk",
                "inkomen",
                "vrienden",
                "relaties",
                "vrije_tijd",
                "zorg",
            )
        ),
        goals=(
            (
                "werk",
                "Ik heb een vaste baan.",
                (("Sollicitatiebrief schrijven", "jongere", -200, True),),
            ),
        ),
    ),
]


def _birth_date(today: date, age_months: int) -> date:
    months = today.year * 12 + today.month - 1 - age_months
    year, month = divmod(months, 12)
    day = min(today.day, 28)
    return date(year, month + 1, day)


def _user(email: str, first_name: str, last_name: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed_demo(*, today: date) -> dict[str, int]:
    """Create the demo gemeente if parts are missing. Running it again changes nothing."""
    orgs = {}
    for key, name, kind in ORGANISATIONS:
        orgs[key], _ = Organisation.objects.get_or_create(
            gemeente=GEMEENTE, name=name, defaults={"kind": kind}
        )
    pros: dict[str, User] = {}
    org_of: dict[str, Organisation] = {}
    for email, first, last, org_key, lead in PROFESSIONALS:
        pros[email] = _user(email, first, last)
        org_of[email] = orgs[org_key]
        Membership.objects.get_or_create(
            user=pros[email], organisation=orgs[org_key], defaults={"is_team_lead": lead}
        )
    coordinator = _user(*COORDINATOR, is_staff=True)
    coordinator.groups.add(coordinator_group_ensure())

    domains = {d.code: d for d in Leefdomein.objects.all()}
    created = 0
    for spec in JONGEREN:
        jongere_user = _user(f"{spec.key}@demo.toekomstplan.nl", spec.first_name, spec.last_name)
        jongere, _ = Jongere.objects.get_or_create(
            user=jongere_user,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "birth_date": _birth_date(today, spec.age_months),
                "gemeente": GEMEENTE,
                "doelgroepen": list(spec.doelgroepen),
            },
        )
        if Toekomstplan.objects.filter(jongere=jongere).exists():
            continue
        created += 1
        _build_plan(spec, jongere, pros, org_of, domains, today)
    return {
        "organisations": Organisation.objects.filter(gemeente=GEMEENTE).count(),
        "jongeren": Jongere.objects.filter(gemeente=GEMEENTE).count(),
        "plans_created": created,
    }


def _build_plan(spec, jongere, pros, org_of, domains, today) -> None:
    regisseur = pros[spec.regisseur]
    template = PlanTemplate.objects.filter(doelgroep__in=spec.doelgroepen[:1]).first()
    plan = services.plan_create(
        actor=regisseur, jongere=jongere, organisation=org_of[spec.regisseur], template=template
    )
    roles = {"jongere": PlanRole.objects.get(plan=plan, role=PlanRole.Role.JONGERE)}
    for email in spec.others:
        roles[email] = services.role_grant(
            plan=plan,
            actor=regisseur,
            user=pros[email],
            role=PlanRole.Role.PROFESSIONAL,
            organisation=org_of[email],
        )
    roles[spec.regisseur] = PlanRole.objects.get(plan=plan, role=PlanRole.Role.REGISSEUR)
    members = {}
    for name, relation in spec.network:
        members[name] = NetworkMember.objects.create(jongere=jongere, name=name, relation=relation)
    if spec.jim:
        name, relation = spec.jim
        first = name.split()[0].lower()
        member = NetworkMember.objects.create(
            jongere=jongere,
            name=name,
            relation=relation,
            is_jim=True,
            email=f"{first}.jim@demo.toekomstplan.nl",
            phone="06 1234 5678",
        )
        jim_user = _user(member.email, *name.split(" ", 1))
        member.user = jim_user
        member.save(update_fields=["user"])
        roles["jim"] = services.role_grant(
            plan=plan,
            actor=regisseur,
            user=jim_user,
            role=PlanRole.Role.JIM,
            network_member=member,
        )
    for code, situation, wish, support, stability in spec.assessments:
        assessment = DomainAssessment.objects.get(plan=plan, leefdomein=domains[code])
        services.domain_assess(
            plan=plan,
            actor=regisseur,
            leefdomein=domains[code],
            expected_version=assessment.version,
            situation=situation,
            wish=wish,
            support_needed=support,
            stability=stability,
        )
    for code, text, actions in spec.goals:
        goal = services.goal_create(plan=plan, actor=regisseur, leefdomein=domains[code], text=text)
        for what, who, days, done in actions:
            action = services.action_create(
                goal=goal,
                actor=regisseur,
                text=what,
                assignee_role=roles.get(who),
                due_date=today + timedelta(days=days),
            )
            if done:
                services.action_complete(
                    action=action, actor=regisseur, expected_version=action.version
                )
    _build_own_part(spec, plan, jongere.user, domains)
    if spec.status == Toekomstplan.Status.LOSGELATEN:
        for goal in plan.goals.all():
            services.goal_complete(goal=goal, actor=regisseur, expected_version=goal.version)
    Toekomstplan.objects.filter(pk=plan.pk).update(phase=spec.phase, status=spec.status)


def _build_own_part(spec, plan, jongere_user, domains) -> None:
    """What the jongere writes in the portal: own words, own goals, the story, the checklist."""

    for code, situation, wish in spec.own_words:
        assessment = DomainAssessment.objects.get(plan=plan, leefdomein=domains[code])
        services.domain_words_save(
            plan=plan,
            actor=jongere_user,
            leefdomein=domains[code],
            expected_version=assessment.version,
            situation=situation,
            wish=wish,
        )
    for code, text, first_step in spec.own_goals:
        services.own_goal_create(
            plan=plan,
            actor=jongere_user,
            leefdomein=domains[code],
            text=text,
            first_step=first_step,
        )
    for kind, text, age, card, audience in spec.story:
        services.story_item_add(
            plan=plan,
            actor=jongere_user,
            kind=kind,
            text=text,
            age=age,
            card=card,
            audience=audience,
        )
    items = {
        i.code: i for i in ChecklistItem.objects.filter(code__in=[c for c, _ in spec.checklist])
    }
    for code, status in spec.checklist:
        if code in items:
            services.checklist_mark(
                plan=plan, actor=jongere_user, item=items[code], status=status, expected_version=1
            )
