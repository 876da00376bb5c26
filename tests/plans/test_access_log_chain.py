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
