"""PDFs of a plan: asked for on a page, rendered by a worker, downloaded by who asked, removed
after a week."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from exports.pdf import render_document, write_pdf
from exports.selectors import inzage_data, plan_print
from plans import permissions
from plans.accesslog import events
from plans.models import (
    PlanExport,
    Toekomstplan,
)
from plans.services import outbox

if TYPE_CHECKING:
    from network.models import User


logger = logging.getLogger(__name__)


def plan_export_request(*, plan: Toekomstplan, actor: User, version: str):
    """Ask for a PDF of the plan; Celery renders it. Logged as an export of plan data.

    A plan on paper travels to meetings and the next organisation: who made which copy is in
    the access log.
    """
    access = permissions.access_for(actor, plan)
    permissions.require_that(
        version in permissions.export_versions(access),
        access,
        "export",
        object_type="planexport",
    )
    with transaction.atomic():
        export = PlanExport.objects.create(plan=plan, requested_by=actor, version=version)
        events.exported(access=access, obj=export, version=version)
        outbox.queue_after_commit(PlanExport, export.pk, outbox.PLAN_EXPORT_RENDER)
    return export


def plan_export_render(*, export_id: int):
    """Render a requested PDF, once, with what the requester may see at this moment.

    Someone who lost access since asking gets no file.
    """

    with transaction.atomic():
        export = (
            PlanExport.objects.select_for_update(of=("self",))
            .select_related("plan__jongere", "plan__regisseur", "requested_by")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.status not in (
            PlanExport.Status.QUEUED,
            PlanExport.Status.RENDERING,
        ):
            return export
        export.status = PlanExport.Status.RENDERING
        export.started_at = timezone.now()
        export.save(update_fields=["status", "started_at"])
    actor = export.requested_by
    access = permissions.access_for(actor, export.plan)
    if export.version not in permissions.export_versions(access):
        PlanExport.objects.filter(pk=export.pk).update(
            status=PlanExport.Status.FAILED,
            error="no access",
            finished_at=timezone.now(),
        )
        export.refresh_from_db()
        return export
    try:
        if export.version == PlanExport.Version.INZAGE:
            template = "exports/pdf/inzage.html"
            context = {"d": inzage_data(plan=export.plan), "plan": export.plan}
        else:
            printable = plan_print(access=access, version=export.version)
            template = (
                "exports/pdf/plan_b1.html"
                if export.version == PlanExport.Version.B1
                else "exports/pdf/plan_professional.html"
            )
            context = {"p": printable}
        document = render_document(template_name=template, context=context)
        content = write_pdf(document)
    except Exception as error:
        logger.exception("PDF export %s failed", export.uuid)
        PlanExport.objects.filter(pk=export.pk).update(
            status=PlanExport.Status.FAILED,
            error=f"{type(error).__name__}"[:300],
            finished_at=timezone.now(),
        )
        export.refresh_from_db()
        return export
    export.file.save(f"{export.uuid}.pdf", ContentFile(content), save=False)
    export.status = PlanExport.Status.DONE
    export.pages = len(document.pages)
    export.size = len(content)
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "pages", "size", "finished_at"])
    return export


def plan_export_cleanup(*, now=None) -> int:
    """Remove exports (file and row) older than PLAN_EXPORT_KEEP_DAYS; copies must not linger."""

    now = now or timezone.now()
    old = list(
        PlanExport.objects.filter(
            created_at__lt=now - timedelta(days=settings.PLAN_EXPORT_KEEP_DAYS)
        )
    )
    for export in old:
        if export.file:
            export.file.delete(save=False)
    PlanExport.objects.filter(pk__in=[e.pk for e in old]).delete()
    return len(old)


def plan_export_download(*, export, actor: User):
    """Hand out the file of an export to who asked for it, logging that the copy left the app.

    Anyone else, or someone who lost their role since, gets 404 (logged as refused)."""
    access = permissions.access_for(actor, export.plan)
    if not permissions.can_download_export(access, export):
        permissions.deny(
            access=access,
            need="export",
            object_type="planexport",
            object_uuid=export.uuid,
        )
    events.exported(access=access, obj=export, version=export.version, downloaded=True)
    return export.file.open("rb")
