"""The 18-checklist for the jongere's age and doelgroep, with their progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import (
    OuterRef,
    Subquery,
)
from django.utils import timezone

from domains.models import ChecklistItem
from plans.models import ChecklistEntry, Toekomstplan

if TYPE_CHECKING:
    pass


@dataclass
class ChecklistRow:
    item: object
    status: str
    version: int
    now: bool


@dataclass
class ChecklistProgress:
    rows: list[ChecklistRow]
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def checklist_for(*, plan: Toekomstplan, today: date | None = None) -> ChecklistProgress:
    """The 18-checklist of this jongere: the items for their doelgroep, those that matter at
    their age first; progress counts what is arranged out of what applies (one query)."""

    today = today or timezone.localdate()
    age = plan.jongere.age_on(today)[0]
    doelgroepen = plan.jongere.doelgroepen or []
    entry = ChecklistEntry.objects.filter(plan=plan, item=OuterRef("pk"))
    items = ChecklistItem.objects.filter(
        is_active=True, audience=ChecklistItem.Audience.JONGERE
    ).annotate(
        entry_status=Subquery(entry.values("status")[:1]),
        entry_version=Subquery(entry.values("version")[:1]),
    )
    rows = [
        ChecklistRow(
            item,
            item.entry_status or ChecklistEntry.Status.TODO,
            item.entry_version or 1,
            item.from_age <= age,
        )
        for item in items
        if item.applies_to(doelgroepen)
    ]
    rows.sort(key=lambda row: (not row.now, row.item.order))
    counted = [row for row in rows if row.status != ChecklistEntry.Status.NVT]
    done = sum(1 for row in counted if row.status == ChecklistEntry.Status.GEREGELD)
    return ChecklistProgress(rows, done, len(counted))
