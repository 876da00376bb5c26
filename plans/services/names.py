"""Names and birth dates kept outside the plan changed: pages kept of the plans they show in
are not shown again."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, Q

from network.models import Jongere, Organisation, User
from plans.models import PlanRole, Toekomstplan


def names_changed(
    *,
    users: Iterable[User] = (),
    organisations: Iterable[Organisation] = (),
    jongeren: Iterable[Jongere] = (),
) -> int:
    """A person's, an organisation's or a jongere's name or birth date changed (in the admin).

    They are not plan data, so no logged change moves the plans' data version; this does, for
    every plan that shows them (the plans in which the person or the organisation holds a
    role, the jongere's own plan), so kept pages and caseload rows are rendered again on the
    next request instead of showing the old name for up to five minutes. Returns how many
    plans it touched."""
    users, organisations, jongeren = list(users), list(organisations), list(jongeren)
    shown_in = PlanRole.objects.filter(
        Q(user__in=users) | Q(organisation__in=organisations)
    ).values("plan")
    return Toekomstplan.objects.filter(Q(pk__in=shown_in) | Q(jongere__in=jongeren)).update(
        data_version=F("data_version") + 1
    )
