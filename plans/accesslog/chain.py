"""Appending to the access log: the hash chains and their sealed anchors. Only the named events
(`plans.accesslog.events`) call `append`."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db import connection, transaction
from django.db.models import F

from plans.accesslog.origin import current_origin
from plans.models import AccessLogEntry, AccessLogHead, PlanRole, Toekomstplan

CHAIN_LOCK = 7513  # advisory lock namespace for the access log chains (after NEN 7513)

# A logged change of these kinds moves the plan's data version (pages kept for the old
# version are then never shown again); views, exports and refusals change no plan data.
CHANGES = frozenset(
    {
        AccessLogEntry.Action.CREATE,
        AccessLogEntry.Action.UPDATE,
        AccessLogEntry.Action.DELETE,
        AccessLogEntry.Action.SHARE,
    }
)

if TYPE_CHECKING:
    from network.models import User


def append(
    *,
    actor: User | None,
    plan: Toekomstplan | None,
    action: str,
    object_type: str,
    object_uuid: UUID | None = None,
    outcome: str = AccessLogEntry.Outcome.SUCCESS,
    detail: dict | None = None,
    role: PlanRole | None = None,
) -> AccessLogEntry:
    """Append one entry: who (with role and organisation), which plan and object, what, outcome.

    Free text is never copied into the log; callers pass the names of changed fields instead.
    Each plan's entries form a hash chain (each keyed hash covers the entry and the one before),
    anchored by an AccessLogHead with the last hash and the count, so a changed, inserted or
    removed entry is found by `manage.py verify_access_log` (BIO: detect log changes). Entries
    without a plan (caseload views, refusals of unknown plans) chain per person: one shared
    chain made every caseload view of the gemeente wait for the same anchor.

    Every write of plan data is logged here, so a logged change also moves the plan's
    `data_version`, in the same transaction as the change itself.
    """
    origin = current_origin.get()
    detail = dict(detail or {})
    if object_uuid is not None:
        try:
            object_uuid = UUID(str(object_uuid))
        except ValueError:
            detail["requested"] = str(object_uuid)[:100]
            object_uuid = None
    entry = AccessLogEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        role=role.role if role else "",
        organisation=role.organisation if role else None,
        plan=plan,
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        outcome=outcome,
        detail=detail,
        ip_address=origin.ip_address if origin else None,
        user_agent=origin.user_agent if origin else "",
    )
    chain = entry.chain = AccessLogEntry.chain_for(actor_id=entry.actor_id, plan_id=entry.plan_id)
    changes_plan = plan is not None and action in CHANGES and outcome == entry.Outcome.SUCCESS
    if changes_plan and "data_version" in plan.__dict__:
        plan.data_version += 1  # the instance in hand follows the row
    if connection.vendor == "postgresql" and _append_in_two_statements(
        entry, chain, changes_plan=changes_plan
    ):
        return entry
    # Inside a service's transaction the entry simply joins it (no savepoint of its own): if
    # anything fails, the whole write and its entry roll back together.
    with transaction.atomic(savepoint=not connection.in_atomic_block):
        # The anchor row is the lock: appends to one chain wait for each other.
        head = AccessLogHead.objects.select_for_update().filter(chain=chain).first()
        if head is None:  # the chain's first entry: no row to lock yet
            _lock_chain(chain)
            head = AccessLogHead.objects.filter(chain=chain).first()
        entry.prev_hash = head.last_hash if head else ""
        entry.entry_hash = entry.compute_hash()
        entry.save()
        count = (head.entries if head else 0) + 1
        seal = AccessLogHead.compute_seal(chain, entry.entry_hash, count)
        if head is None:
            AccessLogHead.objects.create(
                chain=chain, last_hash=entry.entry_hash, entries=count, seal=seal
            )
        else:
            AccessLogHead.objects.filter(pk=head.pk).update(
                last_hash=entry.entry_hash, entries=count, seal=seal
            )
        if changes_plan:
            Toekomstplan.objects.filter(pk=plan.pk).update(data_version=F("data_version") + 1)
    return entry


def _append_in_two_statements(entry: AccessLogEntry, chain: int, *, changes_plan: bool) -> bool:
    """PostgreSQL: append to an anchored chain in two round trips, the transaction included.

    A page view is logged on every request, so this is on every page's path: the first
    statement opens the transaction (when no service has one open) and locks and reads the
    anchor; the second inserts the entry, moves the anchor and commits. The hashes are computed
    here, in between, so the key never goes to the database. A change also moves the plan's
    data version in the second statement. False, with nothing written, for a chain without an
    anchor yet (its first entry takes the ordinary path).
    """
    own = not connection.in_atomic_block
    head_table = connection.ops.quote_name(AccessLogHead._meta.db_table)
    entry_table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    plan_table = connection.ops.quote_name(Toekomstplan._meta.db_table)
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                ("BEGIN; " if own else "")
                + f"SELECT last_hash, entries FROM {head_table} WHERE chain = %s FOR UPDATE",
                [chain],
            )
            if own:
                cursor.nextset()  # past BEGIN's result, to the anchor row
            head = cursor.fetchone()
            if head is None:
                if own:
                    cursor.execute("ROLLBACK")
                return False
            entry.prev_hash, count = head[0], head[1] + 1
            entry.entry_hash = entry.compute_hash()
            fields = [f for f in AccessLogEntry._meta.concrete_fields if not f.primary_key]
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            values = [f.get_db_prep_save(f.pre_save(entry, True), connection) for f in fields]
            bump = (
                f", bump AS (UPDATE {plan_table} SET data_version = data_version + 1 WHERE id = %s)"
            )
            cursor.execute(
                f"WITH new AS (INSERT INTO {entry_table} ({columns})"
                f" VALUES ({', '.join(['%s'] * len(fields))}) RETURNING id)"
                + (bump if changes_plan else "")
                + f" UPDATE {head_table} SET last_hash = %s, entries = %s, seal = %s"
                " WHERE chain = %s RETURNING (SELECT id FROM new)" + ("; COMMIT" if own else ""),
                [
                    *values,
                    *([entry.plan_id] if changes_plan else []),
                    entry.entry_hash,
                    count,
                    AccessLogHead.compute_seal(chain, entry.entry_hash, count),
                    chain,
                ],
            )
            entry.pk = cursor.fetchone()[0]
        except BaseException:
            if own:
                cursor.execute("ROLLBACK")
            raise
    entry._state.adding = False
    entry._state.db = connection.alias
    return True


def _lock_chain(chain: int) -> None:
    """Serialise appends to one chain, so two writers never fork it (PostgreSQL).

    SQLite already lets one writer in at a time.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [CHAIN_LOCK, chain])
