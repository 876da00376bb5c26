"""Turn one locust run into docs/benchmarks.md: per page p50/p95/p99 and requests per second,
as absolute times and as multiples of the floor view measured in the same run, with the machine
described and the EXPLAIN plans of the access log's queries on the scale data."""

import argparse
import csv
import datetime
import math
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR = "floor (no database)"
BASELINE = "signed-in baseline (no notifications)"
FIRST_VIEW = "first view: "  # as bench/locustfile.py names them
PAGES = [
    "caseload (300 plans)",
    "overview (large plan)",
    "HOE (large plan)",
    "portal home",
    "write: complete an action",
]
TARGET_PAGE_MS, TARGET_WRITE_MS, TARGET_RATIO, TARGET_QUERIES = 150, 200, 5, 15


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if "MemTotal" in line
    )
    pg = subprocess.run(
        ["bash", "-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    pg_version = subprocess.run([f"{pg}/postgres", "--version"], capture_output=True, text=True)
    load = os.getloadavg()
    return [
        f"- CPU: {os.cpu_count()} cores, {cpu}; memory {mem_kb / 1024 / 1024:.0f} GB",
        f"- {platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"{pg_version.stdout.strip()}, Redis {_redis_version()}",
        f"- load average when the report was written: {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f} (1 / 5 / 15 min)",
    ]


def _redis_version() -> str:
    out = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout
    return next((part.split("=")[1] for part in out.split() if part.startswith("v=")), "?")


def seed_lines(path: Path | None) -> list[str]:
    """What seed_scale said in this run: built (with its time) or reused."""
    if path is None or not path.exists():
        return []
    lines = path.read_text().splitlines()
    summary = next((line for line in lines if line.startswith("Scale gemeente")), "")
    reused = any(line.startswith("Reusing") for line in lines)
    how = "reused from an earlier run" if reused else "built in this run by `seed_scale`"
    return [f"The scale data was {how}: {summary}", ""]


def read_stats(path: Path) -> dict[str, dict]:
    with path.open() as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def server_times(path: Path | None) -> dict[str, list[float]]:
    """Per measured request, the milliseconds the app itself took (gunicorn's access log: from
    reading the request to the last byte of the response), without the load generator's own
    time on the client side."""
    times: dict[str, list[float]] = {}
    if path is None or not path.exists():
        return times
    for line in path.read_text().splitlines():
        micros, _space, name = line.partition(" ")
        if name and name != "-" and micros.isdigit():
            times.setdefault(name, []).append(int(micros) / 1000)
    return times


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile, as locust reports its own."""
    ordered = sorted(values)
    rank = math.ceil(share * len(ordered) - 1e-9)
    return ordered[max(0, min(len(ordered), rank) - 1)]


def _django() -> None:
    import django
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toekomstplan.settings")
    django.setup()
    # Queries are counted with kept pages in this process's memory, which the count empties
    # to see a page rendered in full; the bench's Redis is left alone.
    settings.CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def query_counts(targets_path: Path) -> dict[str, int]:
    """The queries each measured request makes on the scale data, counted the way the test
    suite counts them (every statement, BEGIN and COMMIT included), through Django's test
    client as the same bench accounts, each request made once before the one that counts."""
    import json
    import time

    _django()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from network.models import User
    from plans.models import Action

    targets = json.loads(targets_path.read_text())
    professional = User.objects.get(email=targets["professionals"][0])
    jongere = User.objects.get(email=targets["jongeren"][0])
    pro = Client(secure=True, HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    pro.force_login(professional)
    session = pro.session  # as after password and TOTP (what allauth records)
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": professional.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(professional.pk)
    session.save()
    young = Client(secure=True, HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    young.force_login(jongere)
    big = f"/plannen/{targets['big_plan_uuid']}/"
    requests = {
        BASELINE: (pro, "/meldingen/"),
        "caseload (300 plans)": (pro, "/plannen/"),
        "overview (large plan)": (pro, big),
        "HOE (large plan)": (pro, f"{big}hoe/"),
        "portal home": (young, "/mijn/"),
    }
    counts = {}
    kept = caches["fragments"]
    for name, (client, path) in requests.items():
        client.get(path)  # the first visit sets the CSRF cookie that kept pages are keyed on
        for when in ("rendered", "kept"):
            if when == "rendered":
                kept.clear()  # (this process's own memory: see _django)
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
            if status == 200:
                counts.setdefault(name, {})[when] = len(captured)
    open_ones = Action.objects.filter(
        uuid__in=[action for _plan, action in targets["writable_actions"]], done_at__isnull=True
    ).select_related("goal__plan")[:1]
    for action in open_ones:
        path = f"/plannen/{action.goal.plan.uuid}/hoe/acties/{action.uuid}/klaar/"
        with CaptureQueriesContext(connection) as captured:
            status = pro.post(path, {"version": action.version}, headers={"HX-Request": "true"})
        if status.status_code == 200:
            counts["write: complete an action"] = {"rendered": len(captured)}
    return counts


def _queries(counted: dict | None) -> str:
    """Rendered in full, and (for pages) when its content was kept: "12 / 6"."""
    if not counted:
        return "–"
    if counted.get("kept", counted["rendered"]) != counted["rendered"]:
        return f"{counted['rendered']} / {counted['kept']}"
    return str(counted["rendered"])


def explain_plans() -> list[str]:
    """EXPLAIN ANALYZE of the access-log reads the pages make, on the large bench plan."""
    _django()
    from network.models import User
    from plans.models import AccessLogEntry, Toekomstplan
    from tooling.scale import bench_professional_email
    from workspace import selectors as workspace_selectors

    user = User.objects.get(email=bench_professional_email(1))
    plan = Toekomstplan.objects.filter(regisseur=user).order_by("id").first()
    jongere = plan.jongere.user
    queries = {
        "logboek (page 1, newest first)": AccessLogEntry.objects.filter(plan=plan)
        .select_related("actor", "organisation")
        .order_by("-created_at", "-pk")[:50],
        "gekeken (the jongere's view, page 1)": AccessLogEntry.objects.filter(plan=plan)
        .exclude(actor=jongere)
        .select_related("actor", "organisation")
        .order_by("-created_at", "-pk")[:30],
        "voortgang (writes only, page 1)": AccessLogEntry.objects.filter(
            plan=plan, outcome="success"
        )
        .exclude(action__in=["view", "refused"])
        .order_by("-created_at", "-pk")[:30],
        "caseload (300 plans, page 1)": workspace_selectors.caseload(user=user)[:25],
    }
    out = [
        f"Access log rows: {AccessLogEntry.objects.count()}; the large plan has "
        f"{AccessLogEntry.objects.filter(plan=plan).count()}.",
        "",
    ]
    for title, queryset in queries.items():
        out += [f"#### {title}", "", "```", queryset.explain(analyze=True), "```", ""]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--targets", type=Path, required=True)
    parser.add_argument("--jongeren", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--seed-log", type=Path)
    parser.add_argument("--access-log", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    stats = read_stats(args.csv)
    floor = stats[FLOOR]
    floor_p95 = max(float(floor["95%"]), 1.0)
    counts = query_counts(args.targets)
    served = server_times(args.access_log)
    lines = [
        "# Benchmarks",
        "",
        f"One `make bench` run on {datetime.date.today():%d-%m-%Y}: {args.jongeren} jongeren in "
        f"the scale gemeente, gunicorn with {args.workers} sync workers and production settings "
        f"(DEBUG off), {args.seconds} s of locust load from a separate process.",
        "",
        *seed_lines(args.seed_log),
        "## Machine",
        "",
        *machine(),
        "- Locust, PostgreSQL, Redis and gunicorn share the same two cores (and, in some runs, "
        "other work on the machine: see the load average). Read the figures as an upper bound; "
        "they move by tens of percents from run to run.",
        "",
        "## Figures",
        "",
        "Times in milliseconds as locust measured them (loopback, no TLS: it ends at the load "
        "balancer). *× floor* is the page's p95 divided by the floor view's p95 from the same "
        "run: the floor is a Django view through the whole middleware stack that touches no "
        "database. *App p50 / p95* is the time the app itself took for the same requests, from "
        "gunicorn's access log (the rest of locust's time is the load generator's own work and "
        "the loopback). *Queries* is what one such request does on the scale data, every "
        "statement counted (the pages' target: at most 15): rendered in full / with its "
        "content kept from an earlier view of the same data (`plans.fragments`).",
        "",
        "| request | requests | failures | p50 | p95 | p99 | app p50 | app p95 | req/s "
        "| × floor (p95) | queries | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name in [FLOOR, BASELINE, *PAGES]:
        row = stats.get(name)
        if row is None:
            lines.append(f"| {name} | 0 | – | – | – | – | – | – | – | – | – | not measured |")
            continue
        p95 = float(row["95%"])
        ratio = p95 / floor_p95
        if name == FLOOR:
            target = "the yardstick"
        elif name == BASELINE:
            target = "none: what any signed-in page costs before it shows anything"
        elif name.startswith("write"):
            ok = p95 <= TARGET_WRITE_MS
            target = f"p95 < {TARGET_WRITE_MS} ms: {'met' if ok else 'NOT met'}"
        else:
            fast = p95 <= TARGET_PAGE_MS
            near = ratio <= TARGET_RATIO
            few = counts.get(name, {}).get("rendered", 99) <= TARGET_QUERIES
            target = "; ".join(
                [
                    f"p95 < {TARGET_PAGE_MS} ms: {'met' if fast else 'NOT met'}",
                    f"≤ {TARGET_RATIO}× floor: {'met' if near else 'NOT met'}",
                    f"≤ {TARGET_QUERIES} queries: {'met' if few else 'NOT met'}",
                ]
            )
        app = served.get(name)
        app_p50, app_p95 = (
            (f"{percentile(app, 0.5):.1f}", f"{percentile(app, 0.95):.1f}") if app else ("–", "–")
        )
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
            f"{row['95%']} | {row['99%']} | {app_p50} | {app_p95} | "
            f"{float(row['Requests/s']):.1f} | {ratio:.1f} | {_queries(counts.get(name))} | "
            f"{target} |"
        )
    first = {name: times for name, times in served.items() if name.startswith(FIRST_VIEW)}
    if first:
        lines += [
            "",
            "First views, before measuring: each professional's first look at the large plan "
            "after signing in, when nothing is kept for them yet and the page renders in full "
            "(the caseload and the portal home rendered in full as the page signing in lands "
            "on). The app's own time, from gunicorn's access log:",
            "",
            "| first view | requests | app p50 | app max |",
            "|---|---:|---:|---:|",
            *(
                f"| {name.removeprefix(FIRST_VIEW)} | {len(times)} | "
                f"{percentile(times, 0.5):.1f} | {max(times):.1f} |"
                for name, times in sorted(first.items())
            ),
        ]
    total = stats.get("Aggregated")
    if total:
        lines += [
            "",
            f"All requests together (sign-ins included): {float(total['Requests/s']):.1f} per "
            f"second, {total['Failure Count']} failures.",
        ]
    lines += [
        "",
        "How to repeat: `make bench` (see `scripts/bench.sh` for the knobs: `BENCH_JONGEREN`, "
        "`BENCH_SECONDS`, `BENCH_USERS`, `BENCH_WORKERS`, `BENCH_REBUILD=1`). The load, a busy "
        "hour rather than a stress test (the server is not saturated, so the times are service "
        "times, not queues): 6 professionals (each its own account, signed in with password and "
        "TOTP) open the caseload, the overview and HOE of the large plan (60 goals, 300 "
        "actions) and their (empty) notifications, and complete actions in their caseload; 4 "
        "jongeren open the portal; 2 "
        "anonymous users fetch the floor view; each waits 1–3 s between requests. Sign-ins, "
        "and each professional's first look at the large plan, happen before measuring starts "
        "(the first views' times are given apart above).",
        "",
    ]
    extra = Path(ROOT / "docs" / "benchmarks.notes.md")
    if extra.exists():
        lines += [extra.read_text().rstrip(), ""]
    lines += ["## The access log on the scale data (EXPLAIN ANALYZE)", "", *explain_plans()]
    args.out.write_text("\n".join(lines).rstrip() + "\n")
    print("\n".join(line for line in lines if line.startswith("|")))


if __name__ == "__main__":
    main()
