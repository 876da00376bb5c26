import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from plans.accesslog import chain
from plans.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def test_every_entry_is_chained_to_the_previous_one_of_its_plan(plan, regisseur, client_for):
    client_for(regisseur).get(f"/plannen/{plan.uuid}/")
    chain = list(AccessLogEntry.objects.filter(plan=plan).order_by("id"))
    assert len(chain) >= 2
    assert chain[0].prev_hash == ""
    for before, after in itertools.pairwise(chain):
        assert after.prev_hash == before.entry_hash
        assert len(after.entry_hash) == 64


def test_verify_access_log_passes_on_an_untouched_log(plan, capsys):
    call_command("verify_access_log")
    assert "Access log intact" in capsys.readouterr().out


def _raw_sql(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_entry_edited_in_the_database_is_found(plan, regisseur, client_for):
    client = client_for(regisseur)
    for _ in range(3):
        client.get(f"/plannen/{plan.uuid}/")
    target = AccessLogEntry.objects.filter(plan=plan).order_by("id")[2]
    _raw_sql("UPDATE plans_accesslogentry SET action = 'update' WHERE id = %s", [target.pk])
    with pytest.raises(CommandError) as caught:
        call_command("verify_access_log")
    assert f"id={target.pk}" in str(caught.value)
    assert "content does not match" in str(caught.value)


def test_a_removed_entry_is_found(plan, regisseur, client_for):
    client = client_for(regisseur)
    for _ in range(3):
        client.get(f"/plannen/{plan.uuid}/")
    chain = list(AccessLogEntry.objects.filter(plan=plan).order_by("id"))
    _raw_sql("DELETE FROM plans_accesslogentry WHERE id = %s", [chain[1].pk])
    with pytest.raises(CommandError) as caught:
        call_command("verify_access_log")
    assert f"id={chain[2].pk}" in str(caught.value)


def test_entries_removed_from_the_end_are_found(plan, regisseur, client_for):
    client = client_for(regisseur)
    for _ in range(3):
        client.get(f"/plannen/{plan.uuid}/")
    last = AccessLogEntry.objects.filter(plan=plan).order_by("-id").first()
    _raw_sql("DELETE FROM plans_accesslogentry WHERE id = %s", [last.pk])
    with pytest.raises(CommandError) as caught:
        call_command("verify_access_log")
    assert "removed from its end" in str(caught.value)


def test_an_entry_rewritten_with_a_plain_hash_is_found(plan, regisseur, client_for):
    """Someone who can write the database but lacks the key cannot forge a valid chain."""
    import hashlib

    client_for(regisseur).get(f"/plannen/{plan.uuid}/")
    entry = AccessLogEntry.objects.filter(plan=plan).order_by("-id").first()
    entry.action = "update"
    forged = hashlib.sha256(entry.chain_content().encode()).hexdigest()
    _raw_sql(
        "UPDATE plans_accesslogentry SET action = 'update', entry_hash = %s WHERE id = %s",
        [forged, entry.pk],
    )
    with pytest.raises(CommandError):
        call_command("verify_access_log")


def test_an_anchor_moved_back_to_hide_a_deletion_is_found(plan, regisseur, client_for):
    from plans.models import AccessLogHead

    client = client_for(regisseur)
    for _ in range(3):
        client.get(f"/plannen/{plan.uuid}/")
    chain = list(AccessLogEntry.objects.filter(plan=plan).order_by("id"))
    _raw_sql("DELETE FROM plans_accesslogentry WHERE id = %s", [chain[-1].pk])
    head = AccessLogHead.objects.get(chain=plan.pk)
    _raw_sql(
        "UPDATE plans_accessloghead SET last_hash = %s, entries = %s WHERE id = %s",
        [chain[-2].entry_hash, head.entries - 1, head.pk],
    )
    with pytest.raises(CommandError):
        call_command("verify_access_log")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_page_views_outside_a_transaction_chain_and_commit_in_two_statements(
    plan, regisseur, client_for
):
    """Outside a service's transaction (every page view), an append is two statements that open
    and commit their own transaction; the chain verifies and no transaction is left open."""
    from django.test.utils import CaptureQueriesContext

    client_for(regisseur).get(f"/plannen/{plan.uuid}/")
    before = AccessLogEntry.objects.filter(plan=plan).count()
    with CaptureQueriesContext(connection) as queries:
        entry = chain.append(actor=regisseur, plan=plan, action="view", object_type="plan")
    assert AccessLogEntry.objects.filter(plan=plan).count() == before + 1
    assert AccessLogEntry.objects.get(pk=entry.pk).entry_hash == entry.entry_hash
    if connection.vendor == "postgresql":
        log_statements = [q for q in queries if "plans_accesslog" in q["sql"]]
        assert len(log_statements) == 2
        assert connection.connection.info.transaction_status == 0  # idle, nothing left open
    call_command("verify_access_log")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_append_rolls_back_and_leaves_the_chain_whole(plan, regisseur, monkeypatch):
    monkeypatch.setattr(AccessLogEntry, "compute_hash", lambda self: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        chain.append(actor=regisseur, plan=plan, action="view", object_type="plan")
    monkeypatch.undo()
    chain.append(actor=regisseur, plan=plan, action="view", object_type="plan")
    call_command("verify_access_log")


# --- Entries without a plan chain per person ------------------------------------------------


def test_caseload_views_chain_per_person_not_through_one_shared_anchor(
    plan, regisseur, stranger, client_for
):
    """A shared chain for every entry without a plan made all caseload views of the gemeente
    wait for one anchor row; each person now has a chain of their own."""
    from plans.models import AccessLogHead

    for person in (regisseur, stranger, regisseur):
        client_for(person).get("/plannen/")
    mine = list(
        AccessLogEntry.objects.filter(actor=regisseur, plan=None, object_type="caseload").order_by(
            "id"
        )
    )
    theirs = AccessLogEntry.objects.get(actor=stranger, plan=None, object_type="caseload")
    assert [entry.chain for entry in mine] == [-regisseur.pk, -regisseur.pk]
    assert theirs.chain == -stranger.pk
    assert mine[0].prev_hash == "" and mine[1].prev_hash == mine[0].entry_hash
    assert AccessLogHead.objects.get(chain=-regisseur.pk).entries == 2
    assert not AccessLogHead.objects.filter(chain=0).exists()
    call_command("verify_access_log")


def test_an_entry_moved_to_another_persons_chain_is_found(regisseur, stranger, client_for):
    for person in (regisseur, regisseur, stranger):
        client_for(person).get("/plannen/")
    first = AccessLogEntry.objects.filter(actor=regisseur, plan=None).order_by("id").first()
    _raw_sql("UPDATE plans_accesslogentry SET chain = %s WHERE id = %s", [-stranger.pk, first.pk])
    with pytest.raises(CommandError) as caught:
        call_command("verify_access_log")
    assert "does not match" in str(caught.value)


def test_entries_from_before_chains_per_person_still_verify(regisseur, client_for):
    """Entries written before this change have no chain of their own: without a plan they are
    in chain 0, and they verify beside the new chains per person."""
    from django.utils import timezone

    from plans.models import AccessLogHead

    previous = ""
    for _ in range(2):
        entry = AccessLogEntry(
            actor=regisseur,
            action="view",
            object_type="caseload",
            created_at=timezone.now(),
            prev_hash=previous,
        )
        entry.entry_hash = previous = entry.compute_hash()
        entry.save()
    AccessLogHead.objects.create(
        chain=0, last_hash=previous, entries=2, seal=AccessLogHead.compute_seal(0, previous, 2)
    )
    assert AccessLogEntry.objects.filter(chain__isnull=True).count() == 2
    client_for(regisseur).get("/plannen/")  # a new view: the person's own chain
    assert AccessLogEntry.objects.filter(chain=-regisseur.pk).count() == 1
    call_command("verify_access_log")
    last = AccessLogEntry.objects.filter(chain__isnull=True).order_by("-id").first()
    _raw_sql("DELETE FROM plans_accesslogentry WHERE id = %s", [last.pk])
    with pytest.raises(CommandError) as caught:
        call_command("verify_access_log")
    assert "removed from its end" in str(caught.value)
