"""WAT: the leefdomeinen assessed, and the risicotaxatie."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plans import permissions, services
from plans import selectors as plan_selectors
from plans.decorators import plan_page
from plans.permissions import plan_for
from workspace import selectors
from workspace.forms import (
    DomainAssessmentForm,
    RiskAssessmentForm,
)
from workspace.views.edits import versioned_edit


@plan_page
@require_GET
def plan_wat(request, plan_uuid):
    """WAT: what is needed on each leefdomein, grouped by Big5, and the Big5 over time."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    wat = selectors.plan_wat(access=access)
    return render(request, "workspace/plan_wat.html", {"plan": plan, "wat": wat})


@plan_page
@require_http_methods(["GET", "POST"])
def domain_edit(request, plan_uuid, code):
    """Change one leefdomein: the jongere's words, support needed, stability."""
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    assessment = plan_selectors.assessment_for_edit(access=access, code=code)

    def save(data):
        values = {k: v for k, v in data.items() if k != "version"}
        services.domain_assess(
            plan=plan,
            actor=request.user,
            leefdomein=assessment.leefdomein,
            expected_version=data["version"],
            **values,
        )

    edit = versioned_edit(
        request,
        make_form=DomainAssessmentForm,
        initial=DomainAssessmentForm.initial_for(assessment),
        save=save,
    )
    if edit.saved:
        messages.success(request, _("Saved: %(domain)s.") % {"domain": assessment.leefdomein.name})
        return redirect("plans:plan_wat", plan_uuid=plan.uuid)
    return render(
        request,
        "workspace/domain_edit.html",
        {"plan": plan, "assessment": assessment, "form": edit.form, "conflict": edit.conflict},
        status=edit.status,
    )


@plan_page
@require_http_methods(["GET", "POST"])
def plan_risk(request, plan_uuid):
    """The risicotaxatie: risk and protective factors, level, safety agreements, review date."""
    access = plan_for(request.user, plan_uuid, need="risicotaxatie")
    plan = access.plan
    risk = plan_selectors.risk_for_edit(access=access)
    can_edit = permissions.can_edit_risicotaxatie(access)
    if request.method == "POST" and not can_edit:
        permissions.deny(access=access, need="edit", object_type="riskassessment")

    def save(data):
        values = {k: v for k, v in data.items() if k != "version"}
        services.risk_assessment_save(
            plan=plan, actor=request.user, expected_version=data["version"], **values
        )

    edit = versioned_edit(
        request,
        make_form=partial(RiskAssessmentForm, current_review=risk.review_date),
        initial=RiskAssessmentForm.initial_for(risk),
        save=save,
    )
    if edit.saved:
        messages.success(request, _("The risk assessment has been saved."))
        return redirect("plans:plan_risk", plan_uuid=plan.uuid)
    return render(
        request,
        "workspace/plan_risk.html",
        {
            "plan": plan,
            "risk": risk,
            "form": edit.form,
            "can_edit": can_edit,
            "conflict": edit.conflict,
        },
        status=edit.status,
    )
