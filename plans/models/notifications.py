"""Reminder rules kept by coordinators, reminders sent, and notifications in the app."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models.plan import Toekomstplan


class ReminderRule(models.Model):
    """When to remind whom of what: at an age (years and months) or on an event of the plan.

    Kept by gemeente coordinators in the admin; the message is plain Dutch, written by them.
    The seeds' promise is "start on time": people forget dates, the product must not.
    """

    class Trigger(models.TextChoices):
        AGE = "age", _("Age of the young person")
        ACTION_DUE_TOMORROW = "action_due_tomorrow", _("An action is due tomorrow")
        ACTION_OVERDUE = "action_overdue", _("An action is overdue")
        REVIEW_PASSED = "review_passed", _("The review date of the plan has passed")

    class Audience(models.TextChoices):
        JONGERE = "jongere", _("Young person")
        JIM = "jim", _("JIM")
        REGISSEUR = "regisseur", _("Case director")
        PROFESSIONALS = "professionals", _("All professionals in the plan")
        ASSIGNEE = "assignee", _("Who does the action")

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("A short fixed name for the rule; keep it once reminders have been sent."),
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("For the admin and the figures; not sent.")
    )
    trigger = models.CharField(
        _("when"),
        max_length=30,
        choices=Trigger.choices,
        default=Trigger.AGE,
        help_text=_("At an age of the young person, or when something happens in the plan."),
    )
    age_years = models.PositiveSmallIntegerField(
        _("age: years"),
        null=True,
        blank=True,
        help_text=_("For a reminder at an age: the years (e.g. 17). Empty for the other kinds."),
    )
    age_months = models.PositiveSmallIntegerField(
        _("age: months"),
        default=0,
        validators=[MaxValueValidator(11)],
        help_text=_("And the months on top (0–11): 17 years and 9 months is 3 months before 18."),
    )
    audience = models.CharField(
        _("for whom"),
        max_length=20,
        choices=Audience.choices,
        help_text=_("Who gets the reminder; people without a role in the plan never do."),
    )
    title = models.CharField(
        _("title"), max_length=150, help_text=_("Short, shown in the notifications.")
    )
    message = models.TextField(
        _("message"),
        help_text=_("Plain Dutch. {naam} becomes the young person's first name."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Switch off to stop sending; nothing is lost.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["order", "age_years", "age_months", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(trigger="age") | Q(age_years__isnull=False),
                name="reminderrule_age_needs_years",
            ),
            models.CheckConstraint(
                condition=Q(age_months__lte=11), name="reminderrule_months_0_to_11"
            ),
            models.CheckConstraint(
                condition=Q(trigger__in=["action_due_tomorrow", "action_overdue"])
                | ~Q(audience="assignee"),
                name="reminderrule_assignee_only_for_actions",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def text_for(self, first_name: str) -> tuple[str, str]:
        """Title and message with the young person's first name filled in."""
        return (
            self.title.replace("{naam}", first_name),
            self.message.replace("{naam}", first_name),
        )


class Reminder(models.Model):
    """One reminder of one rule for one person about one plan, recorded before it is sent.

    The unique constraint makes the sweep idempotent: a rerun, a second beat or a crash
    halfway never sends twice. `occasion` tells apart the events of event rules (which action,
    which review date); it is empty for age rules.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("To send")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent (no longer has a role)")

    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="reminders")
    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    occasion = models.CharField(max_length=64, blank=True, default="")
    due_date = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When the broker took its task (plans.services.outbox): unset, the outbox sweep queues it.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "rule", "recipient", "occasion"],
                name="reminder_once_per_plan_rule_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], condition=Q(status="pending"), name="reminder_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} → {self.recipient_id} ({self.due_date})"


class Notification(models.Model):
    """A message in the app, shown in the header and on /meldingen/. Only its recipient sees it,
    and only while they still have a role in the plan it is about."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    plan = models.ForeignKey(
        Toekomstplan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    reminder = models.OneToOneField(
        Reminder, on_delete=models.CASCADE, null=True, blank=True, related_name="notification"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_time"),
        ]

    def __str__(self) -> str:
        return self.title
