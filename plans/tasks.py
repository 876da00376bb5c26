"""Celery tasks: thin, load by id, call one service, safe to run twice."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def invitation_send_task(invitation_id: int) -> None:
    from plans import services
    from plans.models import Invitation

    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is not None:
        services.invitation_send(invitation=invitation)
