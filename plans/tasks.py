"""Celery tasks: thin, load by id, call one service, safe to run twice."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def invitation_send_task(invitation_id: int) -> None:
    from plans import services
    from plans.models import Invitation

    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is not None:
        services.invitation_send(invitation=invitation)


@shared_task
def reminder_sweep_task() -> int:
    """Daily (celery beat): record the due reminders, then send each in its own task."""
    from plans import services

    pending = services.reminder_sweep()
    for reminder_id in pending:
        reminder_send_task.delay(reminder_id)
    return len(pending)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def reminder_send_task(reminder_id: int) -> None:
    from plans import services

    services.reminder_send(reminder_id=reminder_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def plan_export_render_task(export_id: int) -> None:
    from plans import services

    services.plan_export_render(export_id=export_id)


@shared_task
def plan_export_cleanup_task() -> int:
    from plans import services

    return services.plan_export_cleanup()
