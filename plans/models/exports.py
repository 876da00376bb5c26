"""PDFs of a plan rendered by a worker."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models.plan import Toekomstplan
from plans.storage import PrivateStorage


def _export_path(instance: "PlanExport", filename: str) -> str:
    return f"exports/{instance.created_at:%Y/%m}/{instance.uuid}.pdf"


class PlanExport(models.Model):
    """A PDF of a plan rendered by Celery: who asked, which version, the file, how far it is.

    The file lies outside the public media folder and is served only through a view that asks
    plans/permissions.py; exports are removed after a week (a plan on paper is a copy that
    travels, so copies on the server should not linger).
    """

    class Version(models.TextChoices):
        PROFESSIONAL = "professional", _("Professionals' version")
        B1 = "b1", _("Version for the young person (plain language)")
        INZAGE = "inzage", _("Everything stored about the young person (inzage)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RENDERING = "rendering", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_exports"
    )
    version = models.CharField(_("version"), max_length=12, choices=Version.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to=_export_path, storage=PrivateStorage(), blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # When the broker took its task (plans.services.outbox): unset, the outbox sweep queues it.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF export")
        verbose_name_plural = _("PDF exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.version} {self.status}"

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)

    @property
    def filename(self) -> str:
        """The name the download gets: no name of the jongere in it (it shows in lists)."""
        return f"toekomstplan-{self.created_at:%Y%m%d-%H%M}-{self.version}.pdf"
