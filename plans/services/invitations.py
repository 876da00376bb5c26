"""Invitations into a plan: made, sent by a worker, accepted once."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import NetworkMember, Organisation
from network.services import user_for_invitation
from plans import permissions
from plans.accesslog import events
from plans.models import (
    Invitation,
    PlanRole,
    Toekomstplan,
)
from plans.services import outbox
from plans.services.base import Role, _member_of, _touch
from plans.services.roles import _role_create

if TYPE_CHECKING:
    from network.models import User


def invitation_token(invitation: Invitation) -> str:
    """The secret in the e-mailed link: a signature over the invitation's id (nothing stored)."""
    return signing.dumps(str(invitation.uuid), salt=Invitation.TOKEN_SALT)


def invitation_create(
    *,
    plan: Toekomstplan,
    actor: User,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    network_member: NetworkMember | None = None,
) -> Invitation:
    """Invite someone by e-mail into the plan with a role; the e-mail goes out from Celery.

    The regisseur invites professionals and the network; the jongere invites their own network.
    An earlier open invitation for the same address is replaced, so only the newest link works.
    """
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        role in permissions.invitable_roles(access),
        access,
        "invite",
        object_type="invitation",
    )
    email = email.strip().lower()
    if role == Role.PROFESSIONAL and organisation is None:
        raise ValidationError(_("Choose the organisation the professional works for."))
    if role != Role.PROFESSIONAL:
        organisation = None
    if network_member is not None and network_member.jongere_id != plan.jongere_id:
        raise ValidationError(_("That person is not in the young person's network."))
    if PlanRole.objects.filter(
        plan=plan, user__email__iexact=email, revoked_at__isnull=True
    ).exists():
        raise ValidationError(_("This person already has a role in this plan."))
    now = timezone.now()
    with transaction.atomic():
        # One invitation at a time per plan: the replaced one is cancelled before the new one
        # exists, also when the same address is invited twice at once (the database keeps one
        # open invitation per address: invitation_one_open_per_address).
        Toekomstplan.objects.select_for_update().filter(pk=plan.pk).first()
        Invitation.objects.filter(
            plan=plan, email=email, accepted_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=now)
        invitation = Invitation.objects.create(
            plan=plan,
            email=email,
            role=role,
            organisation=organisation,
            network_member=network_member,
            invited_by=actor,
            expires_at=now + timedelta(days=settings.INVITATION_DAYS),
        )
        events.shared(access=access, obj=invitation, invited=role)
        outbox.queue_after_commit(Invitation, invitation.pk, outbox.INVITATION_SEND)
    return invitation


def invitation_send(*, invitation: Invitation) -> Invitation:
    """Send the invitation e-mail, once. It holds no plan content: only who invites, and a link."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("invited_by")
            .get(pk=invitation.pk)
        )
        if invitation.sent_at is not None or not invitation.is_open:
            return invitation
        context = {
            "inviter": invitation.invited_by,
            "link": settings.SITE_URL
            + reverse("invitation_accept", args=[invitation_token(invitation)]),
            "days": settings.INVITATION_DAYS,
            "expires_at": invitation.expires_at,
        }
        send_mail(
            subject=render_to_string("plans/email/invitation_subject.txt", context).strip(),
            message=render_to_string("plans/email/invitation_body.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return invitation


def invitation_accept(*, invitation: Invitation, user: User) -> PlanRole:
    """Bind the signed-in account to the invited role. Works once, before it expires, and only
    for the address it was sent to."""
    if user.email.lower() != invitation.email:
        permissions.refuse(
            user=user,
            plan=invitation.plan,
            need="invitation",
            object_type="invitation",
            object_uuid=invitation.uuid,
        )
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    if invitation.role == Role.JONGERE and hasattr(user, "jongere"):
        raise ValidationError(_("This account already belongs to another young person."))
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("plan__jongere", "organisation", "network_member")
            .get(pk=invitation.pk)
        )
        plan = invitation.plan
        if not invitation.is_open:
            raise ValidationError(_("This invitation has already been used or has expired."))
        if invitation.role == Role.PROFESSIONAL and not _member_of(user, invitation.organisation):
            raise ValidationError(_("You do not work for the organisation this invitation is for."))
        if PlanRole.objects.filter(plan=plan, user=user, revoked_at__isnull=True).exists():
            raise ValidationError(_("You already have a role in this plan."))
        if invitation.role == Role.JONGERE:
            if plan.jongere.user_id is not None:
                raise ValidationError(_("This plan already has an account for the young person."))
            plan.jongere.user = user
            plan.jongere.save(update_fields=["user"])
        plan_role = _role_create(
            plan=plan,
            user=user,
            role=invitation.role,
            organisation=invitation.organisation,
            network_member=invitation.network_member,
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        access = permissions.access_for(user, plan)
        events.shared(access=access, obj=invitation, role=plan_role, accepted=invitation.role)
        _touch(plan)
    return plan_role


def invitation_accept_as_new_account(*, invitation: Invitation) -> PlanRole:
    """Accept for someone without an account yet (JIM, network, jongere): the link in their
    mailbox proves the address. The account and the role come together, or not at all."""

    if invitation.role == Role.PROFESSIONAL:
        raise ValidationError(_("Sign in first; then you can accept the invitation."))
    with transaction.atomic():
        user = user_for_invitation(email=invitation.email)
        return invitation_accept(invitation=invitation, user=user)
