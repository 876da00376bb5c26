from django.core.management.base import BaseCommand, CommandError

from plans.accesslog.verify import access_log_first_break


class Command(BaseCommand):
    help = (
        "Check the access log's hash chains and report the first entry where a chain breaks "
        "(an entry changed, inserted or removed outside the application)."
    )

    def handle(self, *args, **options):
        result = access_log_first_break()
        if result.broken is None:
            self.stdout.write(
                self.style.SUCCESS(f"Access log intact: {result.checked} entries checked.")
            )
            return
        entry = result.broken
        raise CommandError(
            f"Access log chain broken at entry id={entry.pk} uuid={entry.uuid} "
            f"(chain {entry.in_chain}, plan id={entry.plan_id}, "
            f"{entry.created_at:%Y-%m-%d %H:%M:%S %Z}): {result.reason}. "
            f"{result.checked} entries checked before it."
        )
