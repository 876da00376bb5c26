"""The measuring half of `make bench-tasks` (scripts/bench-tasks.sh prepares the databases).

1. PDF: a plan with 60 goals and 300 actions, both versions, rendered as the worker does.
2. Sweep: the daily reminder sweep over the whole gemeente (from `seed_scale`, or built here in
   bulk when that command is not available), timed cold and once more (idempotent rerun).
Prints seconds per PDF, pages, and jongeren swept per second.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toekomstplan.settings")

import django

django.setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from domains.models import Leefdomein  # noqa: E402
from exports.pdf import render_document, write_pdf  # noqa: E402
from exports.selectors import plan_print  # noqa: E402
from network.models import Jongere, Membership, Organisation, User  # noqa: E402
from notifications import services as notification_services  # noqa: E402
from plans import permissions, services  # noqa: E402
from plans.models import (  # noqa: E402
    Action,
    Goal,
    PlanRole,
    Reminder,
    Toekomstplan,
    ToekomstplanUserObjectPermission,
)

FALLBACK_JONGEREN = int(os.environ.get("BENCH_FALLBACK_JONGEREN", "20000"))
PDF_ROUNDS = int(os.environ.get("BENCH_PDF_ROUNDS", "3"))


def big_plan():
    """A plan with 60 goals and 300 actions, made in bulk."""
    organisation = Organisation.objects.create(name="Bench wijkteam", kind="wijkteam", gemeente="B")
    regisseur = User.objects.create_user(email="bench-regisseur@example.nl", first_name="Bench")
    Membership.objects.create(user=regisseur, organisation=organisation)
    jongere_user = User.objects.create_user(email="bench-jongere@example.nl", first_name="Sem")
    jongere = Jongere.objects.create(
        first_name="Sem",
        last_name="Benchmark",
        birth_date=datetime.date.today() - datetime.timedelta(days=17 * 365),
        gemeente="B",
        user=jongere_user,
    )
    plan = services.plan_create(actor=regisseur, jongere=jongere, organisation=organisation)
    role = PlanRole.objects.get(plan=plan, user=regisseur)
    domains = list(Leefdomein.objects.all())
    goals = Goal.objects.bulk_create(
        Goal(
            plan=plan,
            leefdomein=domains[i % len(domains)],
            text=f"Doel {i}: ik wil zelfstandig wonen en mijn geldzaken op orde hebben",
            created_by=regisseur,
        )
        for i in range(60)
    )
    today = datetime.date.today()
    Action.objects.bulk_create(
        Action(
            goal=goal,
            text=f"Actie {i}: afspraak maken en samen de aanvraag invullen",
            assignee_role=role,
            due_date=today + datetime.timedelta(days=i * 3 - 6),
            created_by=regisseur,
        )
        for goal in goals
        for i in range(5)
    )
    return plan, regisseur


def bench_pdf():
    plan, regisseur = big_plan()
    templates = {
        "professional": "exports/pdf/plan_professional.html",
        "b1": "exports/pdf/plan_b1.html",
    }
    print(f"== PDF of a plan with 60 goals and 300 actions ({PDF_ROUNDS} rounds, after a warm-up)")
    for version, template in templates.items():
        printable = plan_print(access=permissions.access_for(regisseur, plan), version=version)
        write_pdf(render_document(template_name=template, context={"p": printable}))  # warm-up
        times = []
        for _ in range(PDF_ROUNDS):
            start = time.perf_counter()
            printable = plan_print(access=permissions.access_for(regisseur, plan), version=version)
            document = render_document(template_name=template, context={"p": printable})
            content = write_pdf(document)
            times.append(time.perf_counter() - start)
        print(
            f"{version:>13}: {statistics.median(times):.2f} s per PDF (median), "
            f"{len(document.pages)} pages, {len(content) / 1024:.0f} KiB"
        )


def small_gemeente(count: int):
    """Jongeren of every age 15–27 with a plan, a regisseur role and their own account."""
    today = datetime.date.today()
    organisation = Organisation.objects.create(name="Bench gemeente", kind="wijkteam", gemeente="G")
    regisseurs = User.objects.bulk_create(
        User(email=f"regisseur{i}@bench.example.nl", password="!")
        for i in range(max(1, count // 40))
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=organisation) for u in regisseurs
    )
    span = 13 * 365
    jongeren_users = User.objects.bulk_create(
        User(email=f"jongere{i}@bench.example.nl", password="!") for i in range(count)
    )
    jongeren = Jongere.objects.bulk_create(
        Jongere(
            first_name=f"J{i}",
            last_name="Bench",
            birth_date=today - datetime.timedelta(days=15 * 365 + (i * 7919) % span),
            gemeente="G",
            user=jongeren_users[i],
        )
        for i in range(count)
    )
    plans = Toekomstplan.objects.bulk_create(
        Toekomstplan(jongere=j, regisseur=regisseurs[i % len(regisseurs)])
        for i, j in enumerate(jongeren)
    )
    PlanRole.objects.bulk_create(
        [
            PlanRole(plan=p, user_id=p.regisseur_id, role="regisseur", organisation=organisation)
            for p in plans
        ]
        + [
            PlanRole(plan=p, user_id=j.user_id, role="jongere")
            for p, j in zip(plans, jongeren, strict=True)
        ],
        batch_size=5000,
    )
    view = Permission.objects.get(codename="view_toekomstplan")
    ToekomstplanUserObjectPermission.objects.bulk_create(
        (
            ToekomstplanUserObjectPermission(
                user_id=p.regisseur_id, permission=view, content_object=p
            )
            for p in plans
        ),
        batch_size=5000,
    )


def bench_sweep():
    if os.environ.get("BENCH_SEEDED") != "1":
        start = time.perf_counter()
        small_gemeente(FALLBACK_JONGEREN)
        print(
            f"== built a gemeente of {FALLBACK_JONGEREN} jongeren in bulk "
            f"({time.perf_counter() - start:.1f} s); seed_scale was not available"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    count = Jongere.objects.count()
    plans = Toekomstplan.objects.count()
    today = timezone.localdate()
    print(f"== reminder sweep over {count} jongeren ({plans} plans), today = {today}")
    for label in ("first run", "rerun (records nothing new)"):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            pending = notification_services.reminder_sweep(today=today)
        seconds = time.perf_counter() - start
        print(
            f"{label:>20}: {seconds:.2f} s, {count / seconds:,.0f} jongeren swept per second, "
            f"{len(queries)} queries, {len(pending)} reminders to send"
        )
    sample = pending[:500]
    start = time.perf_counter()
    for reminder_id in sample:
        notification_services.reminder_send(reminder_id=reminder_id)
    seconds = time.perf_counter() - start
    if sample:
        print(
            f"{'sending':>20}: {len(sample) / seconds:,.0f} reminders per second "
            f"(notification + e-mail, {len(sample)} sent; the worker does this in its own tasks)"
        )
    print(f"{'recorded':>20}: {Reminder.objects.count()} reminders in total")


if __name__ == "__main__":
    bench_pdf()
    bench_sweep()
