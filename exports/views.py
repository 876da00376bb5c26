"""A plan's PDF page: ask for a version, follow it, download it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from exports import selectors
from exports import services as export_services
from exports.forms import PlanExportForm
from plans import permissions
from plans.decorators import plan_page
from plans.permissions import plan_for


def _pdf_context(request, access, form):
    plan = access.plan
    return {
        "plan": plan,
        "form": form,
        "exports": selectors.plan_exports_for(access=access),
        "keep_days": settings.PLAN_EXPORT_KEEP_DAYS,
    }


@plan_page
@require_http_methods(["GET", "POST"])
def plan_pdf(request, plan_uuid):
    """PDF: ask for a printable plan (professionals' or plain-language version); Celery makes
    it, the page follows its progress (HTMX polling) and offers the download."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    versions = permissions.export_versions(access)
    form = PlanExportForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        export_services.plan_export_request(
            plan=plan, actor=request.user, version=form.cleaned_data["version"]
        )
        messages.success(request, _("The PDF is being made. It appears below when it is ready."))
        return redirect("plans:plan_pdf", plan_uuid=plan.uuid)
    status = 400 if form.is_bound else 200
    return render(
        request, "exports/plan_pdf.html", _pdf_context(request, access, form), status=status
    )


@plan_page
@require_GET
def plan_export_status(request, plan_uuid, export_uuid):
    """One export's row, for HTMX polling while it is being made (no HTMX: the PDF page)."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    export = selectors.plan_export_for(access=access, export_uuid=export_uuid)
    if not request.htmx:
        return redirect("plans:plan_pdf", plan_uuid=plan.uuid)
    return render(request, "exports/plan_pdf.html#export-row", {"plan": plan, "export": export})


@plan_page
@require_GET
def plan_export_download(request, plan_uuid, export_uuid):
    """The PDF itself, only for who asked for it and may still see the plan; logged."""
    access = plan_for(request.user, plan_uuid, need="view")
    export = selectors.plan_export_for(access=access, export_uuid=export_uuid)
    handle = export_services.plan_export_download(export=export, actor=request.user)
    response = FileResponse(
        handle, as_attachment=True, filename=export.filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "no-store, private"
    return response
