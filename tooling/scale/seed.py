"""A synthetic gemeente at scale, for benchmarks: `manage.py seed_scale --jongeren N`.

Everything is written in bulk (COPY on PostgreSQL), in chunks of jongeren so progress shows and
memory stays flat. The rows are the ones the services would have made: roles with their
django-guardian object permissions, eight domain assessments per plan, goals and actions in the
HOE phase, and a year of access log whose entries form the same keyed hash chains, anchored the
same way, as `plans.accesslog.chain.append()` writes them one by one (so `verify_access_log`
passes).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

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
from tooling.scale.builder import Builder
from tooling.scale.data import (
    BENCH_JONGEREN,
    BENCH_PASSWORD,
    BENCH_PROFESSIONALS,
    BENCH_TOTP_SECRET,
    BENCH_USER_AGENT,
    EMAIL_DOMAIN,
    GEMEENTE,
    bench_jongere_email,
    bench_professional_email,
)


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
    builder = Builder(jongeren=jongeren, rng=random.Random(seed), progress=progress)
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
