from django.core.management.base import BaseCommand
from django.utils import timezone

from network.demo_accounts import DEMO_LOGINS, DEMO_PASSWORD
from tooling.demo import seed_demo


class Command(BaseCommand):
    help = "Load the demo gemeente (idempotent) and print its logins."

    def handle(self, *args, **options):
        counts = seed_demo(today=timezone.localdate())
        self.stdout.write(
            f"Demo gemeente ready: {counts['organisations']} organisations, "
            f"{counts['jongeren']} jongeren ({counts['plans_created']} new plans)."
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<36} {login.description}")
