"""Reminders: the daily sweep records what is due, then each is sent once; reading
notifications."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from notifications.reminders import Role, due_reminders, recipient_still_holds
from plans import fragments
from plans.models import (
    Notification,
    PlanRole,
    Reminder,
    ReminderRule,
    Toekomstplan,
)

if TYPE_CHECKING:
    from network.models import User


def reminder_sweep(*, today: date | None = None) -> list[int]:
    """Record every due reminder (once: the database refuses a second row) and return the ids of
    the reminders still to send, including any a crashed earlier sweep left behind.

    Recording comes before sending, so a rerun, a second beat or a crash mid-sweep never sends
    twice; the look-back of `due_reminders` catches up days the worker was down.
    """

    today = today or timezone.localdate()
    due = due_reminders(today)
    Reminder.objects.bulk_create(
        (
            Reminder(
                plan_id=d.plan_id,
                rule_id=d.rule_id,
                recipient_id=d.recipient_id,
                occasion=d.occasion,
                due_date=d.due_date,
            )
            for d in due
        ),
        ignore_conflicts=True,
        batch_size=2000,
    )
    return list(
        Reminder.objects.filter(status=Reminder.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _reminder_link(reminder, role: PlanRole) -> str:
    plan = reminder.plan
    if role.role not in PlanRole.PROFESSIONAL_ROLES:
        if role.role == Role.JONGERE:
            return reverse("portal:home")
        return f"{reverse('portal:home')}?plan={plan.uuid}"
    trigger = reminder.rule.trigger
    if trigger in (ReminderRule.Trigger.ACTION_DUE_TOMORROW, ReminderRule.Trigger.ACTION_OVERDUE):
        return reverse("plans:plan_hoe", kwargs={"plan_uuid": plan.uuid})
    if trigger == ReminderRule.Trigger.REVIEW_PASSED:
        return reverse("plans:plan_risk", kwargs={"plan_uuid": plan.uuid})
    return reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})


def reminder_send(*, reminder_id: int):
    """Send one recorded reminder: a notification in the app and an e-mail, exactly once.

    The e-mail carries no plan content, only a link to the notifications. Someone who lost
    their role since the sweep gets nothing; the row says so.
    """

    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("rule", "plan__jongere", "recipient")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.status != Reminder.Status.PENDING:
            return reminder
        role = (
            PlanRole.objects.filter(
                plan_id=reminder.plan_id, user_id=reminder.recipient_id, revoked_at__isnull=True
            )
            .select_related("user")
            .first()
        )
        if reminder.plan.status != Toekomstplan.Status.ACTIEF or not recipient_still_holds(
            reminder.rule, role
        ):
            reminder.status = Reminder.Status.SKIPPED
            reminder.save(update_fields=["status"])
            return reminder
        title, body = reminder.rule.text_for(reminder.plan.jongere.first_name)
        fragments.forget_unread_count(reminder.recipient_id)
        Notification.objects.create(
            user=reminder.recipient,
            plan=reminder.plan,
            reminder=reminder,
            title=title,
            body=body,
            link=_reminder_link(reminder, role),
        )
        context = {"link": settings.SITE_URL + reverse("notifications")}
        send_mail(
            subject=render_to_string("notifications/email/reminder_subject.txt", context).strip(),
            message=render_to_string("notifications/email/reminder_body.txt", context),
            from_email=None,
            recipient_list=[reminder.recipient.email],
        )
        reminder.status = Reminder.Status.SENT
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["status", "sent_at"])
    return reminder


def notifications_mark_read(*, user: User, ids: list[int] | None) -> int:
    """Mark a person's notifications as read: those of `ids`, or all of them when `ids` is
    None ("All read"). Only their own; asked for by a button, never by opening the page."""

    if ids is not None and not ids:
        return 0
    fragments.forget_unread_count(user.pk)
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
