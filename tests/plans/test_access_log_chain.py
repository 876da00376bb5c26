import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

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

    from plans import audit

    client_for(regisseur).get(f"/plannen/{plan.uuid}/")
    before = AccessLogEntry.objects.filter(plan=plan).count()
    with CaptureQueriesContext(connection) as queries:
        entry = audit.record(actor=regisseur, plan=plan, action="view", object_type="plan")
    assert AccessLogEntry.objects.filter(plan=plan).count() == before + 1
    assert AccessLogEntry.objects.get(pk=entry.pk).entry_hash == entry.entry_hash
    if connection.vendor == "postgresql":
        log_statements = [q for q in queries if "plans_accesslog" in q["sql"]]
        assert len(log_statements) == 2
        assert connection.connection.info.transaction_status == 0  # idle, nothing left open
    call_command("verify_access_log")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_append_rolls_back_and_leaves_the_chain_whole(plan, regisseur, monkeypatch):
    from plans import audit

    monkeypatch.setattr(AccessLogEntry, "compute_hash", lambda self: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        audit.record(actor=regisseur, plan=plan, action="view", object_type="plan")
    monkeypatch.undo()
    audit.record(actor=regisseur, plan=plan, action="view", object_type="plan")
    call_command("verify_access_log")
