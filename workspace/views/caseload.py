"""The caseload, and starting a plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plans import fragments, permissions, services, signin
from plans.decorators import plan_page
from plans.templatetags.plan_tags import caseload_row
from workspace import selectors
from workspace.forms import (
    CaseloadFilterForm,
    NewPlanForm,
)
from workspace.views.edits import add_errors


@plan_page
@require_GET
def plan_list(request):
    """The caseload: the plans this professional has a role in (a team lead: the team's too)."""

    def filter_form():
        return CaseloadFilterForm(
            request.GET or None, organisations=selectors.caseload_organisations(user=request.user)
        )

    # Without parameters there is nothing to check: the form is built only to be shown.
    form = filter_form() if request.GET else None
    valid = form is None or form.is_valid()
    filters = form.cleaned_data if form is not None and valid else {}
    page = selectors.caseload_plans(
        user=request.user, filters=filters, page_number=request.GET.get("pagina")
    )

    def filter_html():
        context = {"form": form or filter_form(), "filtered": bool(filters)}
        return render_to_string("workspace/plan_list.html#filter", context, request)

    def list_html():
        query = request.GET.copy()
        query.pop("pagina", None)
        rows = fragments.caseload_rows(
            page.object_list, lambda plans: map(caseload_row, selectors.caseload_rows(plans))
        )
        context = {
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "filtered": bool(filters),
        }
        return render_to_string("workspace/plan_list.html#list", context, request)

    def inbox_html():
        context = {
            "handovers": selectors.handovers_waiting_for(user=request.user),
            "to_start": selectors.jongeren_to_start(user=request.user),
        }
        return render_to_string("workspace/plan_list.html#inbox", context, request)

    inbox, content = fragments.caseload_content(
        request, page, inbox=inbox_html, filter_form=filter_html, plan_list=list_html
    )
    return render(
        request,
        "workspace/plan_list.html",
        {"inbox": inbox, "content": content},
        status=200 if valid else 400,
    )


@plan_page
@require_http_methods(["GET", "POST"])
def plan_new(request):
    """Start a plan: choose or register the jongere, pick a template, begin in WIE."""
    if not signin.is_professional(request.user):
        permissions.deny(user=request.user, plan=None, need="new", object_type="toekomstplan")
    form = NewPlanForm(
        request.POST or None,
        jongeren=selectors.jongeren_without_plan(user=request.user),
        organisations=selectors.organisations_of(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_start(
                actor=request.user,
                jongere=data["jongere"],
                new_jongere={
                    "first_name": data["first_name"],
                    "last_name": data["last_name"],
                    "birth_date": data["birth_date"],
                    "doelgroepen": data["doelgroepen"],
                },
                organisation=data["organisation"],
                template=data["template"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The plan has started. Begin with WHO: who matters?"))
            return redirect("plans:plan_wie", plan_uuid=plan.uuid)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "workspace/plan_new.html", {"form": form}, status=status)
