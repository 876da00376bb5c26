"""The access log: append-only entries in hash chains, and each chain's sealed anchor."""

import hashlib
import hmac
import json
import uuid
from datetime import UTC

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Organisation
from plans.models.plan import Toekomstplan


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an access log entry."""


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Access log entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Access log entries cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Access log entries cannot be changed.")


class AccessLogEntry(models.Model):
    """One read or write of plan data: who, in which role and organisation, what, when, outcome.

    Append-only: the jongere must be able to trust the list of who looked at their plan.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        EXPORT = "export", _("exported")
        SHARE = "share", _("shared")
        REFUSED = "refused", _("was refused")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("success")
        REFUSED = "refused", _("refused")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    role = models.CharField(_("role"), max_length=12, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    plan = models.ForeignKey(
        Toekomstplan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
        verbose_name=_("plan"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=50)
    object_uuid = models.UUIDField(_("object"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    entry_hash = models.CharField(_("hash"), max_length=64, blank=True)
    # The chain the entry was appended to: its plan's id, or for an entry without a plan its
    # person's own chain (minus their user id), so that the caseload views of a whole gemeente
    # do not queue for one anchor. Empty on entries from before there were chains per person:
    # those are in their plan's chain, or in chain 0.
    chain = models.BigIntegerField(_("chain"), null=True, blank=True, editable=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["plan", "-created_at"], name="accesslog_plan_time"),
            models.Index(fields=["plan", "-id"], name="accesslog_plan_chain"),
            models.Index(fields=["actor", "-created_at"], name="accesslog_actor_time"),
            # Voortgang lists a plan's writes, newest first: without this it read every view of
            # the plan to find them (thousands in a year of a busy plan).
            models.Index(
                fields=["plan", "-created_at", "-id"],
                name="accesslog_plan_writes",
                condition=Q(outcome="success") & ~Q(action__in=["view", "refused"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Access log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Access log entries cannot be deleted.")

    @property
    def in_chain(self) -> int:
        """The chain this entry belongs to (see `chain`)."""
        if self.chain is not None:
            return self.chain
        return self.plan_id or 0

    @staticmethod
    def chain_for(*, actor_id: int | None, plan_id: int | None) -> int:
        """Where a new entry goes: its plan's chain; without a plan, its person's own chain
        (negative, so it never meets a plan's); without either, chain 0."""
        if plan_id is not None:
            return plan_id
        return -actor_id if actor_id is not None else 0

    def chain_content(self) -> str:
        """The canonical text the hash covers: every recorded fact plus the previous hash."""
        return json.dumps(
            [
                str(self.uuid),
                self.created_at.astimezone(UTC).isoformat(),
                self.actor_id,
                self.role,
                self.organisation_id,
                self.plan_id,
                self.action,
                self.object_type,
                str(self.object_uuid) if self.object_uuid else None,
                self.outcome,
                self.detail,
                self.ip_address,
                self.user_agent,
                self.prev_hash,
            ],
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )

    def compute_hash(self) -> str:
        """HMAC-SHA256 with a key kept outside the database: whoever can only write the database
        cannot forge a chain that verifies."""
        key = settings.ACCESS_LOG_KEY.encode()
        return hmac.new(key, self.chain_content().encode(), hashlib.sha256).hexdigest()


class AccessLogHead(models.Model):
    """The anchor of one access-log chain (a plan's id; for entries without a plan, minus the
    person's user id, or 0): the last hash and the number of entries. Removing entries from the
    end of a chain shows up here."""

    chain = models.BigIntegerField(unique=True)
    last_hash = models.CharField(max_length=64)
    entries = models.PositiveBigIntegerField(default=0)
    seal = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("access log anchor")
        verbose_name_plural = _("access log anchors")

    def __str__(self) -> str:
        return f"{self.chain}: {self.entries}"

    @staticmethod
    def compute_seal(chain: int, last_hash: str, entries: int) -> str:
        """A keyed hash over the anchor itself, so it cannot be moved back to hide a deletion."""
        message = f"{chain}:{last_hash}:{entries}".encode()
        return hmac.new(settings.ACCESS_LOG_KEY.encode(), message, hashlib.sha256).hexdigest()
