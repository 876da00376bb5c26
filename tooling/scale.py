"""A synthetic gemeente at scale, for benchmarks: `manage.py seed_scale --jongeren N`.

Everything is written in bulk (COPY on PostgreSQL), in chunks of jongeren so progress shows and
memory stays flat. The rows are the ones the services would have made: roles with their
django-guardian object permissions, eight domain assessments per plan, goals and actions in the
HOE phase, and a year of access log whose entries form the same keyed hash chains, anchored the
same way, as `plans.audit.record()` writes them one by one (so `verify_access_log` passes).
"""

from __future__ import annotations

import base64
import json
import queue
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, timedelta

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from domains.models import ChecklistItem, Leefdomein, PlanTemplate
from network.models import Jongere, Membership, NetworkMember, Organisation, User
from plans.models import (
    AccessLogEntry,
    AccessLogHead,
    Action,
    ChecklistEntry,
    DomainAssessment,
    Goal,
    PlanRole,
    RiskAssessment,
    StabilityScore,
    Toekomstplan,
    ToekomstplanUserObjectPermission,
)
from plans.permissions import ROLE_PERMISSIONS

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


@dataclass
class BenchLogins:
    professionals: list[str]
    jongeren: list[str]
    password: str
    totp_secret: str
    caseload_plans: int
    big_plan_uuid: str
    # open actions in the bench caseload (not in the large plan), to complete: (plan, action)
    writable_actions: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ScaleResult:
    jongeren: int
    reused: bool
    seconds: float
    counts: dict[str, int]
    logins: BenchLogins


class ScaleDataError(Exception):
    pass


def _email(local: str) -> str:
    return f"{local}@{EMAIL_DOMAIN}"


def bench_professional_email(index: int) -> str:
    return _email(f"bench-pro-{index}")


def bench_jongere_email(index: int) -> str:
    return _email(f"bench-jongere-{index}")


class _ChainRow:
    """An access log entry as plain attributes: the model's own chain_content and
    compute_hash run on it, so bulk-written entries hash exactly like those record() writes."""

    __slots__ = (
        "action",
        "actor_id",
        "created_at",
        "detail",
        "entry_hash",
        "ip_address",
        "object_type",
        "object_uuid",
        "organisation_id",
        "outcome",
        "plan_id",
        "prev_hash",
        "role",
        "user_agent",
        "uuid",
    )

    chain_content = AccessLogEntry.chain_content
    compute_hash = AccessLogEntry.compute_hash


class _Writer:
    """Bulk rows into one table with ids we choose: COPY on PostgreSQL, bulk_create elsewhere."""

    def __init__(self, model: type[models.Model], fields: list[str]):
        self.model = model
        self.fields = ["id", *fields]
        meta = model._meta
        self.columns = [meta.get_field(name).column for name in self.fields]
        self.json = [isinstance(meta.get_field(name), models.JSONField) for name in self.fields]
        self.next_id = (model.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, *values) -> int:
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values))
        return pk

    def take(self) -> list[tuple]:
        """The rows added since the last take, to write (perhaps on another thread)."""
        rows, self.rows = self.rows, []
        self.written += len(rows)
        return rows

    def write(self, rows: list[tuple]) -> None:
        if not rows:
            return
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(self.model._meta.db_table)
            cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy,
            ):
                encode = [i for i, is_json in enumerate(self.json) if is_json]
                for row in rows:
                    if encode:
                        row = list(row)
                        for i in encode:
                            row[i] = json.dumps(row[i])
                    copy.write_row(row)
        else:
            self.model.objects.bulk_create(
                (self.model(**dict(zip(self.fields, row, strict=True))) for row in rows),
                batch_size=500,
            )


def _skip_reference_checks() -> None:
    """Bulk load without the row-by-row foreign key checks (PostgreSQL's replica mode, for this
    transaction only). The rows are consistent by construction; the test of seed_scale builds
    with every check on, so a wrong reference fails there. Without the right to do so, the
    checks simply stay on."""
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT scale_replica")
        try:
            cursor.execute("SET LOCAL session_replication_role = replica")
        except Exception:
            cursor.execute("ROLLBACK TO SAVEPOINT scale_replica")
        else:
            cursor.execute("RELEASE SAVEPOINT scale_replica")


class _Pipeline:
    """Write each chunk in its own transaction, on a second thread with its own connection when
    that is possible (PostgreSQL, not inside a caller's transaction): while PostgreSQL stores
    and checks one chunk, Python makes the next."""

    def __init__(self, writers: list[_Writer]):
        self.writers = writers
        self.threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        if self.threaded:
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()

    def submit(self) -> None:
        chunk = [(writer, writer.take()) for writer in self.writers]
        if not self.threaded:
            with transaction.atomic():
                self._write(chunk)
            return
        if self.error is not None:
            raise self.error
        self.queue.put(chunk)

    def close(self) -> None:
        if self.threaded:
            self.queue.put(None)
            self.thread.join()
            if self.error is not None:
                raise self.error

    @staticmethod
    def _write(chunk) -> None:
        for writer, rows in chunk:
            writer.write(rows)

    def _run(self) -> None:
        try:
            while (chunk := self.queue.get()) is not None:
                if self.error is None:
                    with transaction.atomic():
                        _skip_reference_checks()
                        self._write(chunk)
        except BaseException as error:  # handed to the main thread
            self.error = error
            while self.queue.get() is not None:
                pass
        finally:
            connection.close()


def scale_data_exists() -> int:
    """How many jongeren the scale gemeente has (0: none built yet)."""
    return Jongere.objects.filter(gemeente=GEMEENTE).count()


def _flush_app_data() -> None:
    """Empty the tables of people and plans (never the catalogue), for --rebuild. Refuses when
    the database holds anything that is not scale data: this must never eat real plans."""
    foreign_plans = Toekomstplan.objects.exclude(jongere__gemeente=GEMEENTE).exists()
    foreign_users = User.objects.exclude(email__endswith=f"@{EMAIL_DOMAIN}").exists()
    if foreign_plans or foreign_users:
        raise ScaleDataError(
            "This database holds people or plans that are not scale data; --rebuild only empties "
            "a database made for benchmarks. Use an empty database."
        )
    labels = {"network", "plans", "mfa", "account", "sessions", "guardian"}
    tables = [
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in labels and m._meta.managed and not m._meta.proxy
    ]
    sql = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def seed_scale(
    *,
    jongeren: int,
    rebuild: bool = False,
    progress: Callable[[str], None] = print,
    seed: int = 2026,
) -> ScaleResult:
    """Build (or reuse) the scale gemeente with `jongeren` jongeren and their plans."""
    started = time.monotonic()
    existing = scale_data_exists()
    if existing and not rebuild:
        if existing != jongeren:
            raise ScaleDataError(
                f"The scale gemeente already has {existing} jongeren, not {jongeren}: "
                "pass --rebuild to build it again with the number asked."
            )
        progress(f"Reusing the scale gemeente {GEMEENTE}: {existing} jongeren already there.")
        return ScaleResult(existing, True, time.monotonic() - started, _counts(), _bench_logins())
    if existing:
        progress("Removing the previous scale data ...")
        _flush_app_data()
    builder = _Builder(jongeren=jongeren, rng=random.Random(seed), progress=progress)
    builder.build()
    _reset_sequences()
    if connection.vendor == "postgresql":
        progress("Analysing tables ...")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return ScaleResult(jongeren, False, time.monotonic() - started, _counts(), _bench_logins())


def _reset_sequences() -> None:
    models_written = [
        User,
        Organisation,
        Membership,
        Jongere,
        NetworkMember,
        Toekomstplan,
        PlanRole,
        ToekomstplanUserObjectPermission,
        DomainAssessment,
        StabilityScore,
        Goal,
        Action,
        ChecklistEntry,
        RiskAssessment,
        AccessLogEntry,
        AccessLogHead,
        apps.get_model("mfa", "Authenticator"),
        apps.get_model("account", "EmailAddress"),
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models_written):
            cursor.execute(statement)


def _counts() -> dict[str, int]:
    plans = Toekomstplan.objects.filter(jongere__gemeente=GEMEENTE)
    return {
        "jongeren": Jongere.objects.filter(gemeente=GEMEENTE).count(),
        "professionals": Membership.objects.filter(organisation__gemeente=GEMEENTE).count(),
        "plans": plans.count(),
        "goals": Goal.objects.filter(plan__in=plans).count(),
        "actions": Action.objects.filter(goal__plan__in=plans).count(),
        "access_log_entries": AccessLogEntry.objects.filter(plan__in=plans).count(),
    }


def _reopen_bench_writes() -> int:
    """Each bench run completes actions of the bench caseload. On reused data, open again what
    earlier runs completed (their access log entries say which, and stay), so that every run has
    as many to complete as the first."""
    completed = AccessLogEntry.objects.filter(
        actor__email__in=[bench_professional_email(i) for i in range(1, BENCH_PROFESSIONALS + 1)],
        object_type="action",
        action=AccessLogEntry.Action.UPDATE,
        user_agent=BENCH_USER_AGENT,
    ).values("object_uuid")
    # (version 1 again: the bench completes an action with the version it was seeded with)
    return Action.objects.filter(uuid__in=completed, done_at__isnull=False).update(
        done_at=None, version=1
    )


def _bench_logins() -> BenchLogins:
    first = User.objects.get(email=bench_professional_email(1))
    big = Toekomstplan.objects.filter(regisseur=first).order_by("id").first()
    caseload = PlanRole.objects.filter(user=first, revoked_at__isnull=True).count()
    _reopen_bench_writes()
    writable = (
        Action.objects.filter(
            goal__plan__roles__user=first,
            goal__plan__roles__revoked_at__isnull=True,
            goal__plan__status=Toekomstplan.Status.ACTIEF,
            done_at__isnull=True,
        )
        .exclude(goal__plan=big)
        .order_by("pk")
        .values_list("goal__plan__uuid", "uuid")
    )
    return BenchLogins(
        professionals=[bench_professional_email(i) for i in range(1, BENCH_PROFESSIONALS + 1)],
        jongeren=[bench_jongere_email(i) for i in range(1, BENCH_JONGEREN + 1)],
        password=BENCH_PASSWORD,
        totp_secret=BENCH_TOTP_SECRET,
        caseload_plans=caseload,
        big_plan_uuid=str(big.uuid),
        writable_actions=[(str(p), str(a)) for p, a in writable],
    )


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class _Builder:
    def __init__(self, *, jongeren: int, rng: random.Random, progress):
        self.n = jongeren
        self.rng = rng
        self.progress = progress
        self.now = timezone.now().astimezone(UTC).replace(microsecond=0)
        self.today = timezone.localdate()
        self.domains = list(Leefdomein.objects.order_by("order"))
        self.templates = list(PlanTemplate.objects.prefetch_related("checklist_items"))
        self.template_items = {
            t.pk: [i.pk for i in t.checklist_items.all() if i.is_active] for t in self.templates
        }
        self.checklist_items = list(ChecklistItem.objects.values_list("pk", flat=True))
        self.perm_ids = dict(
            Permission.objects.filter(content_type__app_label="plans").values_list("codename", "pk")
        )
        self.unusable = make_password(None)
        self.bench_hash = make_password(BENCH_PASSWORD)
        w = _Writer
        self.users = w(
            User,
            [
                "password",
                "is_superuser",
                "first_name",
                "last_name",
                "is_staff",
                "is_active",
                "date_joined",
                "uuid",
                "email",
            ],
        )
        self.orgs = w(Organisation, ["uuid", "name", "kind", "gemeente"])
        self.memberships = w(Membership, ["user_id", "organisation_id", "is_team_lead"])
        self.jongeren = w(
            Jongere,
            ["uuid", "first_name", "last_name", "birth_date", "gemeente", "doelgroepen", "user_id"],
        )
        self.members = w(
            NetworkMember,
            [
                "uuid",
                "jongere_id",
                "name",
                "relation",
                "is_jim",
                "closeness",
                "version",
                "phone",
                "email",
                "user_id",
            ],
        )
        self.plans = w(
            Toekomstplan,
            [
                "uuid",
                "jongere_id",
                "phase",
                "status",
                "regisseur_id",
                "template_id",
                "version",
                "created_at",
                "updated_at",
                "let_go_at",
                "let_go_reason",
                "data_version",
            ],
        )
        self.roles = w(
            PlanRole,
            [
                "uuid",
                "plan_id",
                "user_id",
                "role",
                "organisation_id",
                "network_member_id",
                "shared_sections",
                "granted_at",
                "revoked_at",
                "portal_seen_version",
            ],
        )
        self.perms = w(
            ToekomstplanUserObjectPermission, ["permission_id", "user_id", "content_object_id"]
        )
        self.assessments = w(
            DomainAssessment,
            [
                "uuid",
                "plan_id",
                "leefdomein_id",
                "situation",
                "wish",
                "support_needed",
                "stability",
                "version",
                "updated_at",
            ],
        )
        self.scores = w(StabilityScore, ["assessment_id", "score", "recorded_at", "recorded_by_id"])
        self.goals = w(
            Goal,
            [
                "uuid",
                "plan_id",
                "leefdomein_id",
                "text",
                "status",
                "version",
                "created_at",
                "created_by_id",
                "closed_at",
            ],
        )
        self.actions = w(
            Action,
            [
                "uuid",
                "goal_id",
                "text",
                "assignee_role_id",
                "assignee_member_id",
                "due_date",
                "done_at",
                "version",
                "created_at",
                "created_by_id",
            ],
        )
        self.checklist = w(
            ChecklistEntry, ["uuid", "plan_id", "item_id", "status", "version", "updated_at"]
        )
        self.risks = w(
            RiskAssessment,
            [
                "uuid",
                "plan_id",
                "risk_factors",
                "protective_factors",
                "level",
                "safety_agreements",
                "review_date",
                "version",
                "updated_at",
            ],
        )
        self.log = w(
            AccessLogEntry,
            [
                "uuid",
                "created_at",
                "actor_id",
                "role",
                "organisation_id",
                "plan_id",
                "action",
                "object_type",
                "object_uuid",
                "outcome",
                "detail",
                "ip_address",
                "user_agent",
                "prev_hash",
                "entry_hash",
            ],
        )
        self.heads = w(AccessLogHead, ["chain", "last_hash", "entries", "seal"])
        self.authenticators = w(
            apps.get_model("mfa", "Authenticator"), ["user_id", "type", "data", "created_at"]
        )
        self.emails = w(
            apps.get_model("account", "EmailAddress"), ["user_id", "email", "verified", "primary"]
        )
        self.all_writers = [
            self.users,
            self.orgs,
            self.memberships,
            self.jongeren,
            self.members,
            self.plans,
            self.roles,
            self.perms,
            self.assessments,
            self.scores,
            self.goals,
            self.actions,
            self.checklist,
            self.risks,
            self.log,
            self.heads,
            self.authenticators,
            self.emails,
        ]

    # -- people -------------------------------------------------------------------------------

    def _user(self, email: str, first: str, last: str, *, bench: bool = False) -> int:
        return self.users.add(
            self.bench_hash if bench else self.unusable,
            False,
            first,
            last,
            False,
            True,
            self.now - timedelta(days=400),
            _uuid(self.rng),
            email,
        )

    def _name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def _people(self) -> None:
        from allauth.mfa.utils import encrypt

        self.org_ids = [
            self.orgs.add(_uuid(self.rng), name, kind, GEMEENTE) for name, kind in ORGANISATIONS
        ]
        count = max(BENCH_PROFESSIONALS + 2, self.n // JONGEREN_PER_PROFESSIONAL)
        self.professionals: list[tuple[int, int]] = []  # (user id, organisation id)
        secret = encrypt(BENCH_TOTP_SECRET)
        for index in range(count):
            first, last = self._name()
            bench = index < BENCH_PROFESSIONALS
            email = (
                bench_professional_email(index + 1) if bench else _email(f"professional-{index}")
            )
            user_id = self._user(email, first, last, bench=bench)
            org = self.org_ids[0] if bench else self.org_ids[index % len(self.org_ids)]
            self.memberships.add(user_id, org, index % 40 == 39)
            self.emails.add(user_id, email, True, True)
            if bench:
                self.authenticators.add(user_id, "totp", {"secret": secret}, self.now)
            self.professionals.append((user_id, org))
        self.regular = self.professionals[BENCH_PROFESSIONALS:]

    # -- plans --------------------------------------------------------------------------------

    def build(self) -> None:
        started = time.monotonic()
        with transaction.atomic():
            self._people()
            for writer in self.all_writers:
                writer.write(writer.take())
        made = f"{len(self.professionals)} professionals, {len(self.org_ids)} organisations"
        self.progress(f"  {made}")
        pipeline = _Pipeline(self.all_writers)
        try:
            for start in range(0, self.n, CHUNK):
                for index in range(start, min(start + CHUNK, self.n)):
                    self._jongere(index)
                pipeline.submit()
                done = min(start + CHUNK, self.n)
                self.progress(
                    f"  {done:>7}/{self.n} jongeren, {self.log.written} log entries "
                    f"({time.monotonic() - started:.0f} s)"
                )
        finally:
            pipeline.close()

    def _jongere(self, index: int) -> None:
        rng = self.rng
        bench_plan = index < BENCH_CASELOAD
        big = index == 0
        bench_jongere = 0 < index <= BENCH_JONGEREN
        first, last = self._name()
        age_days = rng.randint(15 * 365 + 4, 28 * 365 - 2)  # 15 up to (not including) 28
        birth = self.today - timedelta(days=age_days)
        groups = ["statushouder", "zwerfjongere", "lvb", "afstand_arbeidsmarkt"]
        doelgroepen = rng.sample(groups, rng.choice([0, 1, 1, 2]))
        jongere_user = None
        if bench_jongere or rng.random() < 0.5:
            email = bench_jongere_email(index) if bench_jongere else _email(f"jongere-{index}")
            jongere_user = self._user(email, first, last, bench=bench_jongere)
            self.emails.add(jongere_user, email, True, True)
        jongere_id = self.jongeren.add(
            _uuid(rng), first, last, birth, GEMEENTE, doelgroepen, jongere_user
        )
        # the plan
        roll = rng.random()
        phase = "wie" if roll < 0.2 else "wat" if roll < 0.45 else "hoe"
        if big or bench_jongere:
            phase = "hoe"
        status = "losgelaten" if not bench_plan and rng.random() < 0.04 else "actief"
        if bench_plan:
            regisseur, org = self.professionals[0]
        else:
            regisseur, org = self.regular[index % len(self.regular)]
        template = rng.choice(self.templates) if rng.random() < 0.7 else None
        created = self.now - timedelta(days=rng.randint(1, 730), seconds=rng.randint(0, 86399))
        plan_uuid = _uuid(rng)
        let_go_at = self.now - timedelta(days=rng.randint(1, 60)) if status != "actief" else None
        plan_id = self.plans.add(
            plan_uuid,
            jongere_id,
            phase,
            status,
            regisseur,
            template.pk if template else None,
            1,
            created,
            let_go_at or self.now - timedelta(days=rng.randint(0, 30)),
            let_go_at,
            "Zelfstandig, met een baan en een kamer." if let_go_at else "",
            0,
        )
        # roles, with their object permissions
        roles: list[tuple[int, str, int, int | None]] = []  # (role id, role, user, org)

        def role(user_id, kind, organisation=None, member=None, shared=()):
            role_id = self.roles.add(
                _uuid(rng),
                plan_id,
                user_id,
                kind,
                organisation,
                member,
                list(shared),
                created,
                None,
                0,
            )
            for codename in ROLE_PERMISSIONS[kind]:
                self.perms.add(self.perm_ids[codename], user_id, plan_id)
            roles.append((role_id, kind, user_id, organisation))
            return role_id

        regisseur_role = role(regisseur, "regisseur", org)
        if bench_plan:
            for user_id, bench_org in self.professionals[1:BENCH_PROFESSIONALS]:
                role(user_id, "professional", bench_org)
        elif rng.random() < 0.5:
            other, other_org = rng.choice(self.regular)
            if other != regisseur:
                role(other, "professional", other_org)
        if jongere_user:
            role(jongere_user, "jongere")
        # own network, perhaps with a JIM who signs in
        member_ids = []
        for m in range(40 if big else rng.choice([0, 1, 1, 2, 3])):
            is_jim = m == 0 and rng.random() < 0.5
            jim_user = None
            if is_jim and rng.random() < 0.6:
                jim_email = _email(f"jim-{index}")
                jim_user = self._user(jim_email, *self._name())
                self.emails.add(jim_user, jim_email, True, True)
            member_id = self.members.add(
                _uuid(rng),
                jongere_id,
                " ".join(self._name()),
                "mentor" if is_jim else rng.choice(["ouder", "familie", "vriend", "buur"]),
                is_jim,
                1 + m % 3,
                1,
                "",
                "",
                jim_user,
            )
            member_ids.append(member_id)
            if jim_user:
                role(jim_user, "jim", member=member_id, shared=("doelen", "acties", "checklist"))
        # WAT: the jongere's words and stability, with history
        assessed = phase != "wie"
        for domain in self.domains:
            stability = rng.randint(1, 5) if assessed else None
            assessment_id = self.assessments.add(
                _uuid(rng),
                plan_id,
                domain.pk,
                rng.choice(SITUATIONS) if assessed else "",
                rng.choice(WISHES) if assessed and rng.random() < 0.5 else "",
                rng.choice(["geen", "licht", "intensief"]) if assessed else "",
                stability,
                1,
                created,
            )
            if assessed:
                for step in range(2 if rng.random() < 0.3 else 1):
                    self.scores.add(
                        assessment_id,
                        max(1, stability - step),
                        created + timedelta(days=30 * (2 - step) + 1),
                        regisseur,
                    )
        # HOE: goals with actions
        if phase == "hoe":
            goal_count = 60 if big else rng.randint(2, 6)
            for g in range(goal_count):
                domain = self.domains[(g if big else rng.randrange(8)) % 8]
                goal_status = "open" if big or rng.random() < 0.8 else "bereikt"
                goal_id = self.goals.add(
                    _uuid(rng),
                    plan_id,
                    domain.pk,
                    rng.choice(GOAL_TEXTS[domain.code]),
                    goal_status,
                    1,
                    created,
                    regisseur,
                    None if goal_status == "open" else self.now - timedelta(days=5),
                )
                for a in range(5 if big else rng.randint(1, 3)):
                    assignee_role = rng.choice(roles)[0] if rng.random() < 0.8 else None
                    member = (
                        rng.choice(member_ids) if assignee_role is None and member_ids else None
                    )
                    done = not big and rng.random() < 0.4
                    self.actions.add(
                        _uuid(rng),
                        goal_id,
                        rng.choice(ACTION_TEXTS),
                        assignee_role,
                        member,
                        self.today + timedelta(days=rng.randint(-20, 60) + (a if big else 0)),
                        self.now - timedelta(days=rng.randint(1, 40)) if done else None,
                        1,
                        created,
                        regisseur,
                    )
        elif phase == "wat" and rng.random() < 0.5:
            domain = rng.choice(self.domains)
            self.goals.add(
                _uuid(rng),
                plan_id,
                domain.pk,
                rng.choice(GOAL_TEXTS[domain.code]),
                "open",
                1,
                created,
                regisseur,
                None,
            )
        if template is not None:
            for item in self.template_items[template.pk]:
                self.checklist.add(
                    _uuid(rng),
                    plan_id,
                    item,
                    rng.choice(["todo", "todo", "geregeld", "nvt"]),
                    1,
                    created,
                )
        if rng.random() < 0.2 or big:
            self.risks.add(
                _uuid(rng),
                plan_id,
                "Schulden; weinig steun thuis.",
                "Gaat naar school; goede band met de mentor.",
                rng.choice(["laag", "midden", "hoog"]),
                "Bij problemen belt hij de regisseur.",
                self.today + timedelta(days=rng.randint(10, 180)),
                1,
                created,
            )
        self._access_log(plan_id, plan_uuid, created, phase, roles, regisseur_role, big)

    # -- the access log -----------------------------------------------------------------------

    def _access_log(self, plan_id, plan_uuid, created, phase, roles, regisseur_role, big):
        """A year of reads and writes of one plan, as one hash chain with its anchor."""
        rng = self.rng
        start = max(created, self.now - timedelta(days=365))
        span = max(int((self.now - start).total_seconds()), 60)
        count = 3000 if big else {"wie": 4, "wat": 10, "hoe": 20}[phase] + rng.randint(0, 6)
        moments = sorted(start + timedelta(seconds=rng.randrange(span)) for _ in range(count))
        by_id = {r[0]: r for r in roles}
        entries = []
        for n, moment in enumerate(moments):
            if n == 0 and created >= start:
                who, action, object_type = by_id[regisseur_role], "create", "toekomstplan"
                detail = {"template": None}
            else:
                who = rng.choice(roles)
                roll = rng.random()
                if who[1] in ("jongere", "jim"):
                    action, object_type = "view", "toekomstplan"
                    detail = {"page": "portal", "sections": ["acties", "checklist", "doelen"]}
                elif roll < 0.8:
                    action, object_type = "view", "toekomstplan"
                    detail = {"page": rng.choice(PAGES)}
                elif roll < 0.92:
                    action, object_type, detail = "update", "action", {"fields": ["done_at"]}
                else:
                    action, object_type, detail = "create", "goal", {"fields": ["text"]}
            row = _ChainRow()
            row.uuid = _uuid(rng)
            row.created_at = moment
            row.actor_id = who[2]
            row.role = who[1]
            row.organisation_id = who[3]
            row.plan_id = plan_id
            row.action = action
            row.object_type = object_type
            row.object_uuid = plan_uuid
            row.outcome = "success"
            row.detail = detail
            row.ip_address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            row.user_agent = USER_AGENT
            entries.append(row)
        last_hash = ""
        for row in entries:
            row.prev_hash = last_hash
            row.entry_hash = last_hash = row.compute_hash()
            self.log.add(
                row.uuid,
                row.created_at,
                row.actor_id,
                row.role,
                row.organisation_id,
                row.plan_id,
                row.action,
                row.object_type,
                row.object_uuid,
                row.outcome,
                row.detail,
                row.ip_address,
                row.user_agent,
                row.prev_hash,
                row.entry_hash,
            )
        self.heads.add(
            plan_id,
            last_hash,
            len(entries),
            AccessLogHead.compute_seal(plan_id, last_hash, len(entries)),
        )


def describe(result: ScaleResult) -> Iterable[str]:
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in result.counts.items())
    yield f"Scale gemeente {GEMEENTE}: {counts} ({result.seconds:.0f} s)."
    logins = result.logins
    yield f"Bench logins (password {logins.password}):"
    yield (
        f"  professionals, each with {logins.caseload_plans} plans in the caseload and TOTP "
        f"secret {logins.totp_secret}:"
    )
    for email in logins.professionals:
        yield f"    {email}"
    yield f"  jongeren (sign in with the password): {', '.join(logins.jongeren[:3])} ... "
    yield f"  the large plan (60 goals, 300 actions): /plannen/{logins.big_plan_uuid}/"
