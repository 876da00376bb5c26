import dataclasses
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tooling.scale import ScaleDataError, describe, seed_scale


class Command(BaseCommand):
    help = (
        "Build a synthetic gemeente for benchmarks: N jongeren with plans in every phase, "
        "professionals, a year of access log, and bench logins (reused when already there)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jongeren", type=int, required=True, help="how many jongeren")
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="empty a benchmark database and build the scale data again",
        )
        parser.add_argument(
            "--bench-file",
            type=Path,
            help="write the bench logins and write targets to this JSON file (for locust)",
        )

    def handle(self, *args, **options):
        if options["jongeren"] < 1:
            raise CommandError("--jongeren must be at least 1.")
        try:
            result = seed_scale(
                jongeren=options["jongeren"],
                rebuild=options["rebuild"],
                progress=lambda line: self.stdout.write(line),
            )
        except ScaleDataError as error:
            raise CommandError(str(error)) from error
        for line in describe(result):
            self.stdout.write(line)
        if options["bench_file"]:
            options["bench_file"].write_text(json.dumps(dataclasses.asdict(result.logins)))
