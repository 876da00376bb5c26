"""Celery tasks of the core: thin, load by id, call one service, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from plans import services
from plans.models import Invitation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def invitation_send_task(invitation_id: int) -> None:
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is not None:
        services.invitation_send(invitation=invitation)


@shared_task(name="plans.tasks.outbox_sweep_task")
def outbox_sweep_task() -> int:
    """Every minute (celery beat): queue again what the broker did not take when it was away."""
    return services.outbox_sweep()
