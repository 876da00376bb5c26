"""A plan's own pages: the overview, the jongere's story, the logboek, the phase and voortgang."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plans import fragments, permissions, services
from plans import selectors as plan_selectors
from plans.accesslog import selectors as log_selectors
from plans.decorators import plan_page
from plans.permissions import plan_for
from workspace import selectors
from workspace.forms import (
    AccessLogFilterForm,
    LetGoForm,
    PhaseForm,
)
from workspace.views.edits import add_errors


@plan_page
@require_GET
def plan_detail(request, plan_uuid):
    """The read-only overview of one plan: WIE, WAT, HOE. A professional new to the plan reads
    the jongere's story first, so that nobody asks the jongere to tell it again."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    # Sent on before the overview is read: the log then shows the story read, not an overview
    # that was never shown.
    if permissions.must_read_story_first(access) and plan_selectors.has_story_for(access=access):
        return redirect("plans:plan_verhaal", plan_uuid=plan.uuid)
    content = fragments.plan_content(
        request,
        access,
        "overview",
        lambda: render_to_string(
            "workspace/plan_detail.html#content",
            {"o": selectors.plan_overview(access=access), "plan": plan},
            request,
        ),
    )
    return render(request, "workspace/plan_detail.html", {"content": content, "plan": plan})


@plan_page
@require_GET
def plan_verhaal(request, plan_uuid):
    """The jongere's story, told once: what they chose to show their supporters."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    first_visit = permissions.must_read_story_first(access)
    story = plan_selectors.story_for(access=access, page="verhaal")
    services.story_seen(role=access.role)
    return render(
        request,
        "workspace/plan_verhaal.html",
        {"plan": plan, "story": story, "first_visit": first_visit},
    )


@plan_page
@require_GET
def plan_logboek(request, plan_uuid):
    """Who read and changed this plan, filterable and paginated (regisseur and jongere)."""
    access = plan_for(request.user, plan_uuid, need="logboek")
    plan = access.plan
    form = AccessLogFilterForm(
        request.GET or None, people=log_selectors.access_log_people(plan=plan)
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = log_selectors.access_log_page(
        access=access, filters=filters, page_number=request.GET.get("pagina")
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "workspace/plan_logboek.html",
        {"plan": plan, "form": form, "page": page, "query": query.urlencode()},
        status=200 if not form.is_bound or form.is_valid() else 400,
    )


@plan_page
@require_POST
def plan_phase(request, plan_uuid):
    """Move the plan on to WIE, WAT or HOE."""
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That phase does not exist."))
        return redirect("plans:plan_detail", plan_uuid=plan.uuid)
    try:
        services.plan_phase_set(
            plan=plan,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            phase=form.cleaned_data["phase"],
        )
    except services.StaleEdit:
        messages.error(request, _("Someone else changed the plan just now. Look and try again."))
        return redirect("plans:plan_detail", plan_uuid=plan.uuid)
    target = {"wie": "plans:plan_wie", "wat": "plans:plan_wat", "hoe": "plans:plan_hoe"}
    return redirect(target[form.cleaned_data["phase"]], plan_uuid=plan.uuid)


@plan_page
@require_http_methods(["GET", "POST"])
def plan_progress(request, plan_uuid):
    """Voortgang: what changed, and the moment of letting go."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    can_let_go = permissions.can_manage_roles(access)
    form = (
        LetGoForm(request.POST or None, initial={"version": plan.version}) if can_let_go else None
    )
    status = 200
    if request.method == "POST":
        if form is None:
            permissions.deny(access=access, need="roles", object_type="toekomstplan")
        if form.is_valid():
            try:
                services.plan_let_go(
                    plan=plan,
                    actor=request.user,
                    expected_version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                )
            except services.StaleEdit:
                form.add_error(
                    None, _("Someone else changed the plan just now. Look and try again.")
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The plan has been let go. It can still be read."))
                return redirect("plans:plan_progress", plan_uuid=plan.uuid)
        status = 400
    page = log_selectors.plan_timeline(
        access=access,
        page_number=request.GET.get("pagina"),
        with_roles=permissions.can_view_logboek(access),
    )
    big5 = plan_selectors.big5_now(plan=plan)
    checklist = plan_selectors.checklist_for(plan=plan)
    return render(
        request,
        "workspace/plan_progress.html",
        {"plan": plan, "page": page, "form": form, "big5": big5.items(), "checklist": checklist},
        status=status,
    )
