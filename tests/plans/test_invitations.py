"""Invitations: by e-mail, with a role; the link works once, expires, and binds the account."""

import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network.models import User
from plans import services
from plans.models import AccessLogEntry, Invitation, PlanRole
from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


def link_from(message) -> str:
    return re.search(r"https?://\S+/uitnodiging/\S+/", message.body).group(0).split("8000", 1)[1]


def invite(plan, actor, email="kees@example.nl", role="jim", **kwargs):
    with_commit = services.invitation_create(
        plan=plan, actor=actor, email=email, role=role, **kwargs
    )
    return with_commit


def test_regisseur_invites_a_jim_who_accepts_with_a_new_account(
    plan, regisseur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(plan, regisseur)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kees@example.nl"]
    assert plan.jongere.first_name not in message.body + message.subject  # no plan content
    assert "7 dagen" in message.body
    link = link_from(message)

    client = Client()
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    user = User.objects.get(email="kees@example.nl")
    assert not user.has_usable_password()
    role = PlanRole.objects.get(plan=plan, user=user, revoked_at__isnull=True)
    assert role.role == "jim" and role.shared_sections == ["doelen", "acties", "checklist"]
    assert client.get(reverse("portal:home")).status_code == 200
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert AccessLogEntry.objects.filter(actor=user, detail__accepted="jim").exists()


def test_an_invitation_works_only_once(plan, regisseur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(plan, regisseur)
    link = link_from(mail.outbox[0])
    Client().post(link)
    second = Client()
    assert second.get(link).status_code == 410
    assert second.post(link).status_code == 410
    assert PlanRole.objects.filter(plan=plan, role="jim").count() == 1


def test_an_invitation_expires(plan, regisseur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(plan, regisseur)
    link = link_from(mail.outbox[0])
    with time_machine.travel(timezone.now() + timezone.timedelta(days=8)):
        response = Client().post(link)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not PlanRole.objects.filter(plan=plan, role="jim").exists()


def test_a_tampered_link_gives_404(plan, regisseur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(plan, regisseur)
    link = link_from(mail.outbox[0])
    assert Client().get(link[:-3] + "xx/").status_code == 404


def test_an_invitation_is_only_for_the_address_it_was_sent_to(
    plan, regisseur, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(plan, regisseur)
    someone_else = UserFactory()
    response = client_for(someone_else).post(link_from(mail.outbox[0]))
    assert response.status_code == 400
    assert not PlanRole.objects.filter(plan=plan, user=someone_else).exists()


def test_an_existing_account_signs_in_before_accepting(
    plan, regisseur, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="kees@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        invite(plan, regisseur)
    link = link_from(mail.outbox[0])
    response = Client().post(link)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not PlanRole.objects.filter(plan=plan, user=existing).exists()


def test_a_professional_accepts_only_for_their_own_organisation(
    plan, regisseur, professional_factory, client_for, django_capture_on_commit_callbacks
):
    colleague = professional_factory()
    org = colleague.memberships.get().organisation
    other_org = professional_factory().memberships.get().organisation
    with django_capture_on_commit_callbacks(execute=True):
        invite(plan, regisseur, email=colleague.email, role="professional", organisation=other_org)
    response = client_for(colleague).post(link_from(mail.outbox[0]))
    assert response.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        invite(plan, regisseur, email=colleague.email, role="professional", organisation=org)
    response = client_for(colleague).post(link_from(mail.outbox[-1]))
    assert response.status_code == 302
    assert PlanRole.objects.get(plan=plan, user=colleague).organisation == org


def test_the_jongere_invites_their_own_network_but_not_professionals(
    plan, jongere, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(jongere.user).post(
            reverse("portal:invite"), {"email": "vriend@example.nl", "role": "netwerk"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["vriend@example.nl"]
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            plan=plan, actor=jongere.user, email="x@example.nl", role="professional"
        )


def test_a_bad_invitation_form_keeps_what_was_typed(plan, jongere, client_for):
    response = client_for(jongere.user).post(
        reverse("portal:invite"), {"email": "geen-adres", "role": "netwerk"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="geen-adres"' in html
    assert "geldig e-mailadres" in html


def test_a_new_invitation_replaces_the_open_one(plan, regisseur):
    first = invite(plan, regisseur)
    invite(plan, regisseur)
    first.refresh_from_db()
    assert first.cancelled_at is not None
    assert Invitation.objects.filter(plan=plan, cancelled_at__isnull=True).count() == 1


def test_sending_twice_sends_one_mail(plan, regisseur):
    invitation = invite(plan, regisseur)
    services.invitation_send(invitation=invitation)
    services.invitation_send(invitation=invitation)
    assert len(mail.outbox) == 1
