"""The Big5 rule, in one place: a pillar stands as strong as its weakest leefdomein.

Every page, the PDF and the loslaten check ask here; nothing else computes a pillar's score.
"""

from __future__ import annotations

from collections.abc import Iterable

from domains.models import BIG5_ORDER
from plans.models import DomainAssessment, Toekomstplan


def pillar_score(stabilities: Iterable[int | None] | None) -> int | None:
    """A Big5 pillar's score: the lowest stability of its leefdomeinen, and unknown while any of
    them is unassessed (or none is known at all). A pillar is only as stable as its weakest
    leefdomein: a good score for school does not make up for having nowhere to live."""
    scores = list(stabilities or ())
    if not scores or None in scores:
        return None
    return min(scores)


def pillar_scores(stabilities: Iterable[tuple[str, int | None]]) -> dict[str, int | None]:
    """Per Big5 pillar, in the Big5's order, the `pillar_score` of (pillar, stability) pairs,
    one pair a leefdomein."""
    by_pillar: dict[str, list[int | None]] = {code: [] for code in BIG5_ORDER}
    for pillar, stability in stabilities:
        by_pillar[pillar].append(stability)
    return {code: pillar_score(scores) for code, scores in by_pillar.items()}


def big5_now(*, plan: Toekomstplan) -> dict[str, int | None]:
    """The plan's Big5 today: per pillar the score of `pillar_score` (one query)."""
    return pillar_scores(
        DomainAssessment.objects.filter(plan=plan).values_list("leefdomein__big5", "stability")
    )
