"""Bulk writing for seed_scale: rows in chunks (COPY on PostgreSQL) from a thread of their own, and
the access log's chain rows computed as `chain.append` computes them.
"""

from __future__ import annotations

import json
import queue
import threading

from django.db import connection, models, transaction

from plans.models import (
    AccessLogEntry,
)


class ChainRow:
    """An access log entry as plain attributes: the model's own chain_content and
    compute_hash run on it, so bulk-written entries hash exactly like those record() writes."""

    __slots__ = (
        "action",
        "actor_id",
        "created_at",
        "detail",
        "entry_hash",
        "ip_address",
        "object_type",
        "object_uuid",
        "organisation_id",
        "outcome",
        "plan_id",
        "prev_hash",
        "role",
        "user_agent",
        "uuid",
    )

    chain_content = AccessLogEntry.chain_content
    compute_hash = AccessLogEntry.compute_hash


class Writer:
    """Bulk rows into one table with ids we choose: COPY on PostgreSQL, bulk_create elsewhere."""

    def __init__(self, model: type[models.Model], fields: list[str]):
        self.model = model
        self.fields = ["id", *fields]
        meta = model._meta
        self.columns = [meta.get_field(name).column for name in self.fields]
        self.json = [isinstance(meta.get_field(name), models.JSONField) for name in self.fields]
        self.next_id = (model.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, *values) -> int:
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values))
        return pk

    def take(self) -> list[tuple]:
        """The rows added since the last take, to write (perhaps on another thread)."""
        rows, self.rows = self.rows, []
        self.written += len(rows)
        return rows

    def write(self, rows: list[tuple]) -> None:
        if not rows:
            return
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(self.model._meta.db_table)
            cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy,
            ):
                encode = [i for i, is_json in enumerate(self.json) if is_json]
                for row in rows:
                    if encode:
                        row = list(row)
                        for i in encode:
                            row[i] = json.dumps(row[i])
                    copy.write_row(row)
        else:
            self.model.objects.bulk_create(
                (self.model(**dict(zip(self.fields, row, strict=True))) for row in rows),
                batch_size=500,
            )


def _skip_reference_checks() -> None:
    """Bulk load without the row-by-row foreign key checks (PostgreSQL's replica mode, for this
    transaction only). The rows are consistent by construction; the test of seed_scale builds
    with every check on, so a wrong reference fails there. Without the right to do so, the
    checks simply stay on."""
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT scale_replica")
        try:
            cursor.execute("SET LOCAL session_replication_role = replica")
        except Exception:
            cursor.execute("ROLLBACK TO SAVEPOINT scale_replica")
        else:
            cursor.execute("RELEASE SAVEPOINT scale_replica")


class Pipeline:
    """Write each chunk in its own transaction, on a second thread with its own connection when
    that is possible (PostgreSQL, not inside a caller's transaction): while PostgreSQL stores
    and checks one chunk, Python makes the next."""

    def __init__(self, writers: list[Writer]):
        self.writers = writers
        self.threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        if self.threaded:
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()

    def submit(self) -> None:
        chunk = [(writer, writer.take()) for writer in self.writers]
        if not self.threaded:
            with transaction.atomic():
                self._write(chunk)
            return
        if self.error is not None:
            raise self.error
        self.queue.put(chunk)

    def close(self) -> None:
        if self.threaded:
            self.queue.put(None)
            self.thread.join()
            if self.error is not None:
                raise self.error

    @staticmethod
    def _write(chunk) -> None:
        for writer, rows in chunk:
            writer.write(rows)

    def _run(self) -> None:
        try:
            while (chunk := self.queue.get()) is not None:
                if self.error is None:
                    with transaction.atomic():
                        _skip_reference_checks()
                        self._write(chunk)
        except BaseException as error:  # handed to the main thread
            self.error = error
            while self.queue.get() is not None:
                pass
        finally:
            connection.close()
