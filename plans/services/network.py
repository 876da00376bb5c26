"""The jongere's own network (WIE): the people who matter to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from network.models import NetworkMember
from plans import permissions
from plans.accesslog import events
from plans.models import (
    Toekomstplan,
)
from plans.services.base import _touch, _update_versioned

if TYPE_CHECKING:
    from network.models import User


def network_member_save(
    *,
    plan: Toekomstplan,
    actor: User,
    member: NetworkMember | None = None,
    expected_version: int | None = None,
    name: str,
    relation: str,
    closeness: int,
    is_jim: bool,
    phone: str = "",
    email: str = "",
) -> NetworkMember:
    """Add or change someone of the jongere's own network; there is at most one JIM."""
    access = permissions.access_for(actor, plan)
    permissions.require(access, "edit", object_type="networkmember")
    if not name.strip():
        raise ValidationError({"name": _("Write down the name.")})
    values = {
        "name": name.strip(),
        "relation": relation,
        "closeness": closeness,
        "is_jim": is_jim,
        "phone": phone.strip(),
        "email": email.strip().lower(),
    }
    with transaction.atomic():
        if is_jim:
            others = NetworkMember.objects.filter(jongere_id=plan.jongere_id, is_jim=True)
            if member is not None:
                others = others.exclude(pk=member.pk)
            for previous_jim in others:
                events.changed(access=access, obj=previous_jim, fields=["is_jim"])
            others.update(is_jim=False, version=F("version") + 1)
        if member is None:
            member = NetworkMember.objects.create(jongere=plan.jongere, **values)
            event, fields = events.created, sorted(values)
        else:
            if member.jongere_id != plan.jongere_id:
                raise ValidationError(_("That person is not in the young person's network."))
            fields = _update_versioned(member, expected_version=expected_version, changes=values)
            event = events.changed
        event(access=access, obj=member, fields=fields)
        _touch(plan)
    return member
