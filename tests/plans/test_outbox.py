"""The outbox: what the broker never took is queued again by the sweep, and goes out once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from plans import services
from plans.models import Invitation, PlanExport
from plans.services.outbox import outbox_sweep

pytestmark = pytest.mark.django_db


def test_a_queued_invitation_is_marked_and_not_queued_again(
    plan, regisseur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            plan=plan, actor=regisseur, email="jim@example.nl", role="jim"
        )
    invitation.refresh_from_db()
    assert invitation.queued_at is not None
    assert len(mail.outbox) == 1
    assert outbox_sweep(now=timezone.now() + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1


def test_sweep_sends_an_invitation_the_broker_never_took_once(plan, regisseur):
    # on_commit never runs in this test's transaction: as if the broker refused the task.
    invitation = services.invitation_create(
        plan=plan, actor=regisseur, email="jim@example.nl", role="jim"
    )
    assert Invitation.objects.get(pk=invitation.pk).queued_at is None
    assert outbox_sweep() == 0  # too young: its on_commit may still be on its way
    later = timezone.now() + timedelta(minutes=2)
    assert outbox_sweep(now=later) == 1
    assert [message.to for message in mail.outbox] == [["jim@example.nl"]]
    invitation.refresh_from_db()
    assert invitation.sent_at is not None and invitation.queued_at is not None
    assert outbox_sweep(now=later) == 0
    assert len(mail.outbox) == 1


def test_sweep_leaves_cancelled_and_expired_invitations_alone(plan, regisseur):
    first = services.invitation_create(plan=plan, actor=regisseur, email="a@example.nl", role="jim")
    services.invitation_create(plan=plan, actor=regisseur, email="a@example.nl", role="jim")
    assert Invitation.objects.get(pk=first.pk).cancelled_at is not None
    assert outbox_sweep(now=timezone.now() + timedelta(days=30)) == 0  # the newest expired too
    assert mail.outbox == []


def test_sweep_renders_a_pdf_the_broker_never_took(plan, regisseur):
    export = PlanExport.objects.create(plan=plan, requested_by=regisseur, version="b1")
    assert outbox_sweep(now=timezone.now() + timedelta(minutes=2)) == 1
    export.refresh_from_db()
    assert export.status == PlanExport.Status.DONE
    assert export.queued_at is not None
    assert outbox_sweep(now=timezone.now() + timedelta(minutes=2)) == 0
