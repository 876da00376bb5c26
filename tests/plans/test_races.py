"""Two people (or two taps) at once never leave two of what may exist once (issue 19).

Written as the review's attack: twenty simultaneous invitations to one address, and twenty
simultaneous picks of the same quality card, on the real PostgreSQL.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from plans import services
from plans.models import Invitation, StoryItem

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _at_once(count, work):
    """Run `work()` in `count` threads released together; what each returned or raised."""
    start = threading.Barrier(count)
    results = [None] * count

    def run(index):
        start.wait()
        try:
            results[index] = work()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_invitations_to_one_address_at_once_leave_one_working_link(plan, regisseur):
    results = _at_once(
        20,
        lambda: services.invitation_create(
            plan=plan, actor=regisseur, email="Juul.JIM@example.nl", role="jim"
        ),
    )
    assert all(isinstance(result, Invitation) for result in results), results
    open_ones = Invitation.objects.filter(
        plan=plan, email="juul.jim@example.nl", accepted_at__isnull=True, cancelled_at__isnull=True
    )
    assert open_ones.count() == 1


def test_twenty_picks_of_one_quality_card_at_once_keep_one_and_tell_the_others(plan, jongere):
    results = _at_once(
        20,
        lambda: services.story_item_add(
            plan=plan, actor=jongere.user, kind="kwaliteit", card="eerlijk"
        ),
    )
    assert sum(isinstance(result, StoryItem) for result in results) == 1
    refused = [result for result in results if not isinstance(result, StoryItem)]
    assert all(isinstance(result, ValidationError) for result in refused), refused
    assert StoryItem.objects.filter(plan=plan, card="eerlijk").count() == 1


def test_the_migration_keeps_the_newest_of_open_invitations_to_one_address(plan, regisseur):
    executor = MigrationExecutor(connection)
    before = [("plans", "0014_portal_seen_version")]
    after = [("plans", "0016_invitation_one_open_per_address")]
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        Old = apps.get_model("plans", "Invitation")
        now = timezone.now()
        common = {
            "plan_id": plan.pk,
            "role": "jim",
            "invited_by_id": regisseur.pk,
            "expires_at": now + timezone.timedelta(days=7),
        }
        older = Old.objects.create(email="juul@example.nl", created_at=now, **common)
        newer = Old.objects.create(
            email="juul@example.nl", created_at=now + timezone.timedelta(seconds=1), **common
        )
        other = Old.objects.create(email="sara@example.nl", created_at=now, **common)
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Invitation.objects.get(pk=older.pk).cancelled_at is not None
    assert Invitation.objects.get(pk=newer.pk).cancelled_at is None
    assert Invitation.objects.get(pk=other.pk).cancelled_at is None
