"""A professional leaves an organisation: the roles they hold through it end with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Membership
from plans import fragments, permissions
from plans.accesslog import events
from plans.models import Notification, PlanRole
from plans.services.base import Role, _touch
from plans.services.roles import sync_role_permissions

if TYPE_CHECKING:
    from network.models import User


def membership_end(*, membership: Membership, actor: User) -> list[PlanRole]:
    """End a professional's membership of an organisation (a coordinator does, in the admin).

    A role in a plan is held for an organisation: someone who leaves it must not keep the plans
    they worked in. Every role held through the membership ends at once (logged, with the
    guardian permissions), so the leaver's very next request finds no plan. Who leads each
    plan is told in a melding: the regisseur, or, when the leaver was the regisseur, the other
    professionals of the plan and the organisation's team leads, who must find a successor.
    Returns the roles that ended.
    """
    with transaction.atomic():
        roles = list(
            PlanRole.objects.select_for_update(of=("self",))
            .filter(
                user_id=membership.user_id,
                organisation_id=membership.organisation_id,
                revoked_at__isnull=True,
            )
            .select_related("plan__jongere", "user", "organisation")
        )
        now = timezone.now()
        for role in roles:
            plan = role.plan
            access = permissions.access_for(actor, plan)
            role.revoked_at = now
            role.save(update_fields=["revoked_at"])
            sync_role_permissions(plan=plan, user=role.user)
            events.shared(access=access, obj=role, revoked=role.role, membership_ended=True)
            _touch(plan)
            _tell_who_leads(role)
        membership.delete()
    return roles


def _tell_who_leads(role: PlanRole) -> None:
    plan = role.plan
    values = {
        "name": role.user.get_full_name() or role.user.email,
        "organisation": role.organisation.name,
        "jongere": plan.jongere.full_name,
    }
    if role.role == Role.REGISSEUR:
        recipients = [
            *PlanRole.objects.filter(
                plan=plan, role=Role.PROFESSIONAL, revoked_at__isnull=True
            ).values_list("user_id", flat=True),
            *Membership.objects.filter(
                organisation_id=role.organisation_id, is_team_lead=True
            ).values_list("user_id", flat=True),
        ]
        title = _("%(name)s no longer works for %(organisation)s") % values
        body = (
            _(
                "The plan of %(jongere)s has no case director now: find a successor together "
                "with the team lead of %(organisation)s."
            )
            % values
        )
    else:
        recipients = [plan.regisseur_id]
        title = _("%(name)s no longer works for %(organisation)s") % values
        body = _("%(name)s no longer has access to the plan of %(jongere)s.") % values
    link = reverse("plans:plan_wie", kwargs={"plan_uuid": plan.uuid})
    for user_id in dict.fromkeys(r for r in recipients if r and r != role.user_id):
        Notification.objects.create(user_id=user_id, plan=plan, title=title, body=body, link=link)
        fragments.forget_unread_count(user_id)
