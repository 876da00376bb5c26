"""The daily reminder sweep and sending (task names kept from before the split, so queued tasks
and the beat schedule keep working)."""

from __future__ import annotations

from celery import shared_task

from notifications import services as notification_services
from plans.models import Reminder
from plans.services import outbox


@shared_task(name="plans.tasks.reminder_sweep_task")
def reminder_sweep_task() -> int:
    """Daily (celery beat): record the due reminders, then send each in its own task."""

    pending = notification_services.reminder_sweep()
    for reminder_id in pending:
        outbox.queue(Reminder, reminder_id, outbox.REMINDER_SEND)
    return len(pending)


@shared_task(
    name="plans.tasks.reminder_send_task",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def reminder_send_task(reminder_id: int) -> None:
    notification_services.reminder_send(reminder_id=reminder_id)
