"""Reads about people and organisations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from network.models import Organisation

if TYPE_CHECKING:
    from network.models import User


def coordinator_gemeenten(user: User) -> list[str]:
    """The gemeenten a coordinator works for: those of the organisations they belong to, or
    every gemeente for a coordinator of the whole region (no organisation, or a superuser)."""
    own = sorted(set(user.organisations.values_list("gemeente", flat=True)))
    if own and not user.is_superuser:
        return own
    return sorted(set(Organisation.objects.values_list("gemeente", flat=True)))
