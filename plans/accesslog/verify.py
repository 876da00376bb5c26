"""Checking the access log: each chain against its sealed anchor (`manage.py verify_access_log`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from plans.models import AccessLogEntry, AccessLogHead

if TYPE_CHECKING:
    pass


@dataclass
class ChainCheck:
    checked: int
    broken: AccessLogEntry | None = None
    reason: str = ""


def access_log_first_break() -> ChainCheck:
    """Walk every chain in order; the first entry whose hash or link is wrong breaks it. Then
    each chain's end must match its anchor (so entries removed from the end are found too)."""

    checked = 0
    last: dict[int, tuple[str, int, AccessLogEntry | None]] = {}
    entries = AccessLogEntry.objects.order_by("id").iterator(chunk_size=2000)
    for entry in entries:
        chain = entry.in_chain
        expected_prev, count, _previous = last.get(chain, ("", 0, None))
        if entry.prev_hash != expected_prev:
            return ChainCheck(checked, entry, "its link to the previous entry does not match")
        if entry.compute_hash() != entry.entry_hash:
            return ChainCheck(checked, entry, "its content does not match its hash")
        last[chain] = (entry.entry_hash, count + 1, entry)
        checked += 1
    heads = {head.chain: head for head in AccessLogHead.objects.all()}
    for chain in sorted(set(heads) | set(last)):
        last_hash, count, entry = last.get(chain, ("", 0, None))
        head = heads.get(chain)
        sealed = head is not None and head.seal == AccessLogHead.compute_seal(
            chain, head.last_hash, head.entries
        )
        if not sealed or head.last_hash != last_hash or head.entries != count:
            recorded = head.entries if head else 0
            return ChainCheck(
                checked,
                entry or AccessLogEntry(chain=chain, plan_id=chain if chain > 0 else None),
                f"the chain ends after {count} entries but its anchor records {recorded}: "
                "entries were removed from its end, or the anchor was changed",
            )
    return ChainCheck(checked)
