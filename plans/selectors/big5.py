"""The Big5 rule, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domains.models import BIG5_ORDER
from plans.models import DomainAssessment, Toekomstplan

if TYPE_CHECKING:
    pass


def _pillar_score(stabilities: list[int | None] | None) -> int | None:
    """A pillar's score is its lowest leefdomein, and unknown while any of them is unassessed
    (the same rule as big5_now and the WAT page)."""
    if not stabilities or None in stabilities:
        return None
    return min(stabilities)


def big5_now(*, plan: Toekomstplan) -> dict[str, int | None]:
    """Per Big5 pillar the lowest stability of its leefdomeinen (None while one is unassessed)."""
    lowest: dict[str, int | None] = dict.fromkeys(BIG5_ORDER, 0)
    for assessment in DomainAssessment.objects.filter(plan=plan).select_related("leefdomein"):
        pillar = assessment.leefdomein.big5
        if assessment.stability is None or lowest[pillar] is None:
            lowest[pillar] = None
        else:
            current = lowest[pillar]
            lowest[pillar] = (
                assessment.stability if current == 0 else min(current, assessment.stability)
            )
    return {pillar: (score or None) for pillar, score in lowest.items()}
