"""The made-up people of the demo gemeente who sign in (`manage.py seed_demo` makes them).

In demo mode their logins are shown on the sign-in page and the demo professionals may skip the
second factor, with a banner (`plans.signin.is_demo_account`); nothing else treats them apart.
"""

from dataclasses import dataclass

DEMO_PASSWORD = "demo-toekomstplan"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    description: str


# email, first name, last name, organisation key, team lead
PROFESSIONALS = [
    ("sanne@demo.toekomstplan.nl", "Sanne", "de Vries", "wijkteam", False),
    ("ahmed@demo.toekomstplan.nl", "Ahmed", "Benali", "jeugdhulp", False),
    ("lotte@demo.toekomstplan.nl", "Lotte", "Jansen", "mbo", False),
    ("mark@demo.toekomstplan.nl", "Mark", "Visser", "wijkteam", True),
]
COORDINATOR = ("coordinator@demo.toekomstplan.nl", "Carla", "Smit")

DEMO_LOGINS = [
    DemoLogin("sanne@demo.toekomstplan.nl", "regisseur, Wijkteam Demodorp"),
    DemoLogin("ahmed@demo.toekomstplan.nl", "professional, Jeugdhulp Oost"),
    DemoLogin("lotte@demo.toekomstplan.nl", "loopbaanbegeleider, ROC Demodorp"),
    DemoLogin("mark@demo.toekomstplan.nl", "teamleider, Wijkteam Demodorp"),
    DemoLogin("coordinator@demo.toekomstplan.nl", "coördinator gemeente (beheer)"),
    DemoLogin(
        "milan@demo.toekomstplan.nl",
        "jongere, 16¾ (inloggen met code; de code staat in de terminal)",
    ),
    DemoLogin("kees.jim@demo.toekomstplan.nl", "JIM van Milan (inloggen met code)"),
]

DEMO_EMAILS = frozenset([email for email, *_ in PROFESSIONALS] + [COORDINATOR[0]])
