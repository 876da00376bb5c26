"""The synthetic gemeente's names, words and numbers, and the bench accounts' addresses."""

from __future__ import annotations

import base64
import random
import uuid

GEMEENTE = "Schaalstad"


EMAIL_DOMAIN = "schaal.example"


BENCH_PASSWORD = "bench-toekomstplan"


# A fixed TOTP secret for the bench professionals only (base32, as authenticator apps take it).
BENCH_TOTP_SECRET = base64.b32encode(b"toekomstplan-bench!!").decode()


# What bench/locustfile.py sends as its User-Agent, so the access log tells its requests apart.
BENCH_USER_AGENT = "toekomstplan-bench/locust"


BENCH_PROFESSIONALS = 8  # each locust user signs in as its own account (a TOTP code works once)


BENCH_JONGEREN = 20


BENCH_CASELOAD = 300


JONGEREN_PER_PROFESSIONAL = 50


CHUNK = 5000


ORGANISATIONS = [
    ("Wijkteam Schaalstad Noord", "wijkteam"),
    ("Wijkteam Schaalstad Zuid", "wijkteam"),
    ("Wijkteam Schaalstad West", "wijkteam"),
    ("Jeugdhulp Schaalstad", "jeugdhulp"),
    ("Jeugdzorg Regio Schaal", "jeugdhulp"),
    ("ROC Schaalstad (mbo)", "onderwijs"),
    ("Leerplicht Schaalstad", "onderwijs"),
    ("Werk en Inkomen Schaalstad", "werk_inkomen"),
    ("Wmo-loket Schaalstad", "wmo"),
    ("Beschermd Wonen Schaal", "woonbegeleiding"),
    ("Gemeente Schaalstad", "gemeente"),
]


FIRST_NAMES = [
    "Milan",
    "Noah",
    "Sem",
    "Daan",
    "Finn",
    "Levi",
    "Luuk",
    "Mohammed",
    "Yusuf",
    "Adam",
    "Emma",
    "Julia",
    "Mila",
    "Sara",
    "Zoë",
    "Nora",
    "Fenna",
    "Lotte",
    "Saar",
    "Amira",
    "Fatima",
    "Ayoub",
    "Dewi",
    "Rayan",
    "Jesse",
    "Thijs",
    "Tess",
    "Roos",
    "Ilse",
    "Bilal",
    "Selin",
    "Merel",
]


LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Bouzid",
    "Haddou",
    "Tahiri",
    "Öztürk",
    "Mahabier",
    "Ramdin",
]


GOAL_TEXTS = {
    "wonen": ["Een eigen kamer vinden", "Op tijd de huur betalen", "Inschrijven bij Woningnet"],
    "school": ["Mijn mbo-diploma halen", "Elke dag naar school gaan", "Een stageplek vinden"],
    "werk": ["Een bijbaan vinden", "Mijn cv afmaken", "Solliciteren bij de supermarkt"],
    "inkomen": ["Zorgtoeslag aanvragen", "Mijn schulden op een rij", "Een budgetplan maken"],
    "vrienden": ["Vrienden maken op de sportclub", "Minder alleen zijn"],
    "relaties": ["Beter contact met mijn moeder", "Afspraken maken met mijn vriendin"],
    "vrije_tijd": ["Weer gaan voetballen", "Een hobby vinden"],
    "zorg": ["Een huisarts kiezen", "Zelf mijn afspraken bij de GGZ maken"],
}


ACTION_TEXTS = [
    "Bellen met de woningcorporatie",
    "Formulier invullen met de begeleider",
    "Afspraak maken bij het Juridisch Loket",
    "DigiD aanvragen",
    "Samen naar de open dag",
    "Gesprek met de mentor plannen",
    "Bankafschriften verzamelen",
    "Langsgaan bij het jongerenloket",
]


SITUATIONS = [
    "Ik woon nu nog bij mijn moeder, dat gaat niet goed.",
    "Ik zit op het mbo maar ik mis veel lessen.",
    "Ik heb een bijbaan in het weekend.",
    "Ik heb schulden bij de telefoonmaatschappij.",
    "Ik zie mijn vrienden bijna elke dag.",
]


WISHES = [
    "Ik wil op mezelf wonen.",
    "Ik wil mijn diploma halen.",
    "Ik wil geen schulden meer.",
    "Ik wil weer sporten.",
]


PAGES = ["overview", "wie", "wat", "hoe", "voortgang"]


USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0"


def scale_email(local: str) -> str:
    return f"{local}@{EMAIL_DOMAIN}"


def bench_professional_email(index: int) -> str:
    return scale_email(f"bench-pro-{index}")


def bench_jongere_email(index: int) -> str:
    return scale_email(f"bench-jongere-{index}")


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)
