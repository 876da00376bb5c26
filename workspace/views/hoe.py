"""HOE: goals and actions, changed in place (HTMX) or by plain forms."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plans import fragments, services
from plans import selectors as plan_selectors
from plans.decorators import plan_page
from plans.forms import VersionForm
from plans.permissions import plan_for
from workspace import selectors
from workspace.forms import (
    ActionForm,
    GoalCloseForm,
    GoalForm,
    NewGoalForm,
)
from workspace.views.edits import add_errors, versioned_edit


def _render_hoe(
    request, access, *, goal_uuid=None, bound=None, new_goal_form=None, status=200, notice=""
):
    """The HOE page, or with HTMX just one goal card; `bound` is (goal uuid, form with errors)."""
    plan = access.plan
    only_card = request.htmx and goal_uuid is not None
    leefdomein = request.GET.get("leefdomein", "")[:50]
    page_number = request.GET.get("pagina")

    def content():
        hoe = selectors.plan_hoe(
            access=access,
            goal_uuid=goal_uuid if only_card else None,
            leefdomein=leefdomein,
            page_number=page_number,
        )
        for goal in hoe.goals:
            goal.action_form = bound[1] if bound and bound[0] == goal.uuid else None
        context = {
            "plan": plan,
            "hoe": hoe,
            "query": f"leefdomein={hoe.leefdomein}" * bool(hoe.leefdomein),
        }
        if only_card:
            if not hoe.goals:
                raise Http404
            context["goal"] = hoe.goals[0]
            context["card_notice"] = notice
            return render_to_string("workspace/plan_hoe.html#goal-card", context, request), False
        context["new_goal_form"] = new_goal_form or NewGoalForm(auto_id="nieuw-doel-%s")
        html = render_to_string("workspace/plan_hoe.html#content", context, request)
        return html, hoe.unknown_leefdomein

    html, unknown_leefdomein = fragments.plan_content(
        request, access, "hoe", content, leefdomein, page_number
    )
    if unknown_leefdomein and status == 200:
        status = 400
    if only_card:
        return HttpResponse(html, status=status)
    return render(
        request, "workspace/plan_hoe.html", {"plan": plan, "content": html}, status=status
    )


def _after_goal_change(request, access, goal_uuid, *, stale_notice=""):
    """After a change in HOE: with HTMX the fresh goal card (with a notice if someone else was
    quicker), otherwise back to the page at that goal (the notice as a message)."""
    plan = access.plan
    if request.htmx:
        return _render_hoe(
            request,
            access,
            goal_uuid=goal_uuid,
            notice=stale_notice,
            status=409 if stale_notice else 200,
        )
    if stale_notice:
        messages.error(request, stale_notice)
    return redirect(selectors.hoe_location(plan=plan, goal_uuid=goal_uuid))


@plan_page
@require_GET
def plan_hoe(request, plan_uuid):
    """HOE: goals per leefdomein and who does what, by when; changed in place."""
    access = plan_for(request.user, plan_uuid, need="view")
    return _render_hoe(request, access)


@plan_page
@require_POST
def goal_new(request, plan_uuid):
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    form = NewGoalForm(request.POST, auto_id="nieuw-doel-%s")
    if form.is_valid():
        try:
            goal = services.goal_create(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The goal has been added."))
            return redirect(selectors.hoe_location(plan=plan, goal_uuid=goal.uuid))
    return _render_hoe(request, access, new_goal_form=form, status=400)


@plan_page
@require_POST
def goal_close(request, plan_uuid, goal_uuid):
    """Close a goal as reached or stopped."""
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    goal = plan_selectors.goal_for_edit(access=access, goal_uuid=goal_uuid)
    form = GoalCloseForm(request.POST)
    if form.is_valid():
        try:
            services.goal_complete(
                goal=goal,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
            )
        except services.StaleEdit:
            return _after_goal_change(
                request,
                plan,
                goal.uuid,
                stale_notice=_("Someone else changed this goal just now. Look and try again."),
            )
    return _after_goal_change(request, access, goal.uuid)


@plan_page
@require_http_methods(["GET", "POST"])
def action_new(request, plan_uuid, goal_uuid):
    """Add who does what by when to a goal. HOE fetches the empty form when its disclosure
    opens (HTMX); without JavaScript the form is a page of its own."""
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    goal = plan_selectors.goal_for_edit(access=access, goal_uuid=goal_uuid)
    people = plan_selectors.plan_people_for_actions(plan=plan)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        roles=people.roles,
        members=people.network,
        auto_id=f"actie-{goal.uuid}-%s",
        prefix=str(goal.uuid),
    )
    page = {"plan": plan, "goal": goal, "form": form}
    if request.method == "GET":
        template = "workspace/action_new.html" + ("#action-form" if request.htmx else "")
        return render(request, template, page)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_create(
                goal=goal,
                actor=request.user,
                text=data["text"],
                assignee_role=data["assignee_role"],
                assignee_member=data["assignee_member"],
                due_date=data["due_date"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _after_goal_change(request, access, goal.uuid)
    if not request.htmx:
        return render(request, "workspace/action_new.html", page, status=400)
    return _render_hoe(request, access, goal_uuid=goal.uuid, bound=(goal.uuid, form), status=400)


@plan_page
@require_http_methods(["GET", "POST"])
def action_edit(request, plan_uuid, action_uuid):
    """Change what, who or when of an action; a stale form shows a conflict and keeps the input."""
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    action = plan_selectors.action_for_edit(access=access, action_uuid=action_uuid)
    people = plan_selectors.plan_people_for_actions(plan=plan, keep=action.assignee_role)
    edit = versioned_edit(
        request,
        make_form=partial(
            ActionForm, roles=people.roles, members=people.network, current_due=action.due_date
        ),
        initial=ActionForm.initial_for(action),
        save=lambda data: services.action_update(
            action=action,
            actor=request.user,
            expected_version=data["version"] or 0,
            text=data["text"],
            assignee_role=data["assignee_role"],
            assignee_member=data["assignee_member"],
            due_date=data["due_date"],
        ),
    )
    if edit.saved:
        messages.success(request, _("The action has been saved."))
        return _after_goal_change(request, access, action.goal.uuid)
    return render(
        request,
        "workspace/action_edit.html",
        {"plan": plan, "action": action, "form": edit.form, "conflict": edit.conflict},
        status=edit.status,
    )


@plan_page
@require_POST
def action_done(request, plan_uuid, action_uuid):
    """Tick an action off."""
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    action = plan_selectors.action_for_edit(access=access, action_uuid=action_uuid, to_write=True)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.action_complete(
                action=action, actor=request.user, expected_version=form.cleaned_data["version"]
            )
        except services.StaleEdit:
            return _after_goal_change(
                request,
                plan,
                action.goal.uuid,
                stale_notice=_("Someone else changed this action just now. Look and try again."),
            )
    return _after_goal_change(request, access, action.goal.uuid)


@plan_page
@require_http_methods(["GET", "POST"])
def goal_edit(request, plan_uuid, goal_uuid):
    """Change a goal. If someone else saved it meanwhile, show both and keep what was typed."""
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    goal = plan_selectors.goal_for_edit(access=access, goal_uuid=goal_uuid)
    edit = versioned_edit(
        request,
        make_form=GoalForm,
        initial=GoalForm.initial_for(goal),
        save=lambda data: services.goal_update(
            goal=goal,
            actor=request.user,
            expected_version=data["version"],
            text=data["text"],
            leefdomein=data["leefdomein"],
        ),
    )
    if edit.saved:
        messages.success(request, _("The goal has been saved."))
        return redirect(selectors.hoe_location(plan=plan, goal_uuid=goal.uuid))
    template = "workspace/goal_edit.html#goal-form" if request.htmx else "workspace/goal_edit.html"
    return render(
        request,
        template,
        {"plan": plan, "goal": goal, "form": edit.form, "conflict": edit.conflict},
        status=edit.status,
    )
