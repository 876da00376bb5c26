"""Work for the workers is never lost: a transactional outbox on the rows themselves.

An invitation, a PDF export and a reminder are rows first; their task is queued after the row
is committed, and `queued_at` is set once the broker took it. When the broker (Redis) is away at
that moment, the row stays unqueued and the person's work goes on; `outbox_sweep` (every minute,
from celery beat) queues every such row again once the broker is back. Sending stays once: the
tasks check `sent_at` / `status` under a row lock, so a row queued twice is still sent once.
Tasks are named, not imported, so this core module does not reach up to the apps that own them.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from plans.models import Invitation, PlanExport, Reminder

logger = logging.getLogger(__name__)

INVITATION_SEND = "plans.tasks.invitation_send_task"
PLAN_EXPORT_RENDER = "plans.tasks.plan_export_render_task"
REMINDER_SEND = "plans.tasks.reminder_send_task"
BATCH = 500


def queue_after_commit(model: type[models.Model], pk: int, task_name: str) -> None:
    """Queue `task_name(pk)` once the current transaction commits (see `queue`)."""
    transaction.on_commit(lambda: queue(model, pk, task_name))


def queue(model: type[models.Model], pk: int, task_name: str) -> bool:
    """Hand `task_name(pk)` to the broker and record that on the row. A broker that does not
    answer is logged as a warning and leaves the row to the sweep; nothing is raised, since the
    row, and so the work, is safe in the database."""
    if task_name not in current_app.tasks:
        current_app.autodiscover_tasks(force=True)  # the installed apps' tasks modules, now
    task = current_app.tasks[task_name]
    if current_app.conf.task_always_eager:
        task.apply_async((pk,))  # in-process (make run): its errors are the task's own
    else:
        try:
            # No result is read: without ignore_result the Redis result store is asked too,
            # which, when Redis is away, retries for about 20 s before it gives up.
            task.apply_async((pk,), ignore_result=True)
        except (BrokerError, RedisError, OSError) as error:
            logger.warning(
                "Broker does not answer (%s: %s): %s %s is queued by the outbox sweep later",
                type(error).__name__,
                error,
                model._meta.label,
                pk,
            )
            return False
    model.objects.filter(pk=pk).update(queued_at=timezone.now())
    return True


def outbox_sweep(*, now=None) -> int:
    """Queue again every invitation, PDF export and reminder whose task the broker never took
    (and that still has to go out); returns how many were queued. Safe to run any time."""
    now = now or timezone.now()
    # A younger row may still be on its way to the broker (its on_commit has not run yet).
    before = now - timedelta(seconds=settings.OUTBOX_GRACE_SECONDS)
    waiting = [
        (
            Invitation,
            INVITATION_SEND,
            Invitation.objects.filter(
                queued_at__isnull=True,
                sent_at__isnull=True,
                accepted_at__isnull=True,
                cancelled_at__isnull=True,
                expires_at__gt=now,
                created_at__lt=before,
            ),
        ),
        (
            PlanExport,
            PLAN_EXPORT_RENDER,
            PlanExport.objects.filter(
                queued_at__isnull=True, status=PlanExport.Status.QUEUED, created_at__lt=before
            ),
        ),
        (
            Reminder,
            REMINDER_SEND,
            Reminder.objects.filter(
                queued_at__isnull=True, status=Reminder.Status.PENDING, created_at__lt=before
            ),
        ),
    ]
    queued = 0
    for model, task_name, rows in waiting:
        for pk in rows.order_by("pk").values_list("pk", flat=True)[:BATCH]:
            if not queue(model, pk, task_name):
                return queued  # the broker is away again: the next sweep goes on
            queued += 1
    return queued
