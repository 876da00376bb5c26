"""The warme overdracht of the regisseur role."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plans import permissions, services
from plans.decorators import plan_page
from plans.permissions import plan_for
from workspace import selectors
from workspace.forms import (
    HandoverForm,
)
from workspace.views.edits import add_errors


@plan_page
@require_http_methods(["GET", "POST"])
def plan_handover(request, plan_uuid):
    """Warme overdracht: the regisseur proposes a successor at another organisation."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    state = selectors.plan_handover(access=access)
    form = HandoverForm(request.POST or None, plan=plan) if state.can_propose else None
    status = 200
    if request.method == "POST":
        if form is None:
            permissions.deny(access=access, need="handover", object_type="handover")
        if form.is_valid():
            try:
                services.handover_propose(plan=plan, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The handover has been proposed. %(name)s can accept it now.")
                    % {"name": form.cleaned_data["to_user"]},
                )
                return redirect("plans:plan_handover", plan_uuid=plan.uuid)
        status = 400
    return render(
        request,
        "workspace/plan_handover.html",
        {"plan": plan, "state": state, "form": form},
        status=status,
    )


@plan_page
@require_POST
def handover_withdraw(request, plan_uuid, handover_uuid):
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    handover = selectors.handover_for(access=access, handover_uuid=handover_uuid)
    try:
        services.handover_cancel(handover=handover, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The handover has been withdrawn."))
    return redirect("plans:plan_handover", plan_uuid=plan.uuid)


@plan_page
@require_http_methods(["GET", "POST"])
def handover_answer(request, handover_uuid):
    """The proposed successor reads the handover note and accepts or declines."""
    handover = selectors.handover_for_successor(viewer=request.user, handover_uuid=handover_uuid)
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "accept":
                services.handover_accept(handover=handover, actor=request.user)
                messages.success(request, _("You are now the case director of this plan."))
                return redirect("plans:plan_detail", plan_uuid=handover.plan.uuid)
            services.handover_cancel(handover=handover, actor=request.user)
            messages.info(request, _("You declined the handover."))
            return redirect("plans:plan_list")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(request, "workspace/handover_answer.html", {"handover": handover})
