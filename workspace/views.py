"""Pages for professionals: fetch through permissions, bind a form, call one service, respond."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plans import fragments, permissions, services, signin
from plans import selectors as plan_selectors
from plans.accesslog import selectors as log_selectors
from plans.decorators import plan_page
from plans.forms import InvitationForm, SharingForm, VersionForm
from plans.permissions import plan_for
from plans.templatetags.plan_tags import caseload_row
from workspace import selectors
from workspace.forms import (
    AccessLogFilterForm,
    ActionForm,
    CaseloadFilterForm,
    DomainAssessmentForm,
    GoalCloseForm,
    GoalForm,
    HandoverForm,
    LetGoForm,
    NetworkMemberForm,
    NewGoalForm,
    NewPlanForm,
    PhaseForm,
    RiskAssessmentForm,
)


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
        return render_to_string("plans/plan_list.html#filter", context, request)

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
        return render_to_string("plans/plan_list.html#list", context, request)

    def inbox_html():
        context = {
            "handovers": selectors.handovers_waiting_for(user=request.user),
            "to_start": selectors.jongeren_to_start(user=request.user),
        }
        return render_to_string("plans/plan_list.html#inbox", context, request)

    inbox, content = fragments.caseload_content(
        request, page, inbox=inbox_html, filter_form=filter_html, plan_list=list_html
    )
    return render(
        request,
        "plans/plan_list.html",
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
            _add_errors(form, error)
        else:
            messages.success(request, _("The plan has started. Begin with WHO: who matters?"))
            return redirect("plans:plan_wie", plan_uuid=plan.uuid)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "plans/plan_new.html", {"form": form}, status=status)


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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
            "plans/plan_detail.html#content",
            {"o": selectors.plan_overview(access=access), "plan": plan},
            request,
        ),
    )
    return render(request, "plans/plan_detail.html", {"content": content, "plan": plan})


@plan_page
@require_GET
def plan_verhaal(request, plan_uuid):
    """The jongere's story, told once: what they chose to show their supporters."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    first_visit = permissions.must_read_story_first(access)
    story = plan_selectors.story_for(access=access, page="verhaal")
    services.story_seen(plan=plan, actor=request.user)
    return render(
        request,
        "plans/plan_verhaal.html",
        {"plan": plan, "story": story, "first_visit": first_visit},
    )


def _render_wie(request, access, *, invite_form=None, status=200):
    plan = access.plan
    people = plan_selectors.plan_people(access=access)
    if invite_form is None and people.invitable_roles:
        invite_form = InvitationForm(roles=people.invitable_roles, plan=plan)
    return render(
        request,
        "plans/plan_wie.html",
        {"plan": plan, "people": people, "invite_form": invite_form},
        status=status,
    )


@plan_page
@require_GET
def plan_wie(request, plan_uuid):
    """WIE: the people around the jongere and their roles; invite, revoke, share."""
    access = plan_for(request.user, plan_uuid, need="view")
    return _render_wie(request, access)


@plan_page
@require_POST
def plan_invite(request, plan_uuid):
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    roles = permissions.invitable_roles(access)
    if not roles:
        permissions.deny(access=access, need="invite", object_type="invitation")
    form = InvitationForm(request.POST, roles=roles, plan=plan)
    if form.is_valid():
        try:
            services.invitation_create(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The invitation has been sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("plans:plan_wie", plan_uuid=plan.uuid)
    return _render_wie(request, access, invite_form=form, status=400)


@plan_page
@require_POST
def role_revoke(request, plan_uuid, role_uuid):
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    plan_role = permissions.role_in_plan(access, role_uuid)
    try:
        services.role_revoke(plan_role=plan_role, actor=request.user)
    except (PermissionDenied, ValidationError):
        messages.error(request, _("You cannot end this role."))
    else:
        messages.success(
            request, _("%(name)s no longer has access to this plan.") % {"name": plan_role.user}
        )
    return redirect("plans:plan_wie", plan_uuid=plan.uuid)


@plan_page
@require_POST
def role_share(request, plan_uuid, role_uuid):
    """Open or close the risicotaxatie for one professional."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    plan_role = permissions.role_in_plan(access, role_uuid)
    form = SharingForm(request.POST, allowed=permissions.shareable_sections(plan_role))
    if form.is_valid():
        try:
            services.sharing_update(
                plan_role=plan_role, actor=request.user, sections=form.cleaned_data["sections"]
            )
        except (PermissionDenied, ValidationError):
            messages.error(request, _("You cannot change what this person sees."))
        else:
            messages.success(request, _("Saved: what %(name)s sees.") % {"name": plan_role.user})
    else:
        messages.error(request, _("That choice is not possible."))
    return redirect("plans:plan_wie", plan_uuid=plan.uuid)


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
        "plans/plan_logboek.html",
        {"plan": plan, "form": form, "page": page, "query": query.urlencode()},
        status=200 if not form.is_bound or form.is_valid() else 400,
    )


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
            return render_to_string("plans/plan_hoe.html#goal-card", context, request), False
        context["new_goal_form"] = new_goal_form or NewGoalForm(auto_id="nieuw-doel-%s")
        html = render_to_string("plans/plan_hoe.html#content", context, request)
        return html, hoe.unknown_leefdomein

    html, unknown_leefdomein = fragments.plan_content(
        request, access, "hoe", content, leefdomein, page_number
    )
    if unknown_leefdomein and status == 200:
        status = 400
    if only_card:
        return HttpResponse(html, status=status)
    return render(request, "plans/plan_hoe.html", {"plan": plan, "content": html}, status=status)


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
            _add_errors(form, error)
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
        template = "plans/action_new.html" + ("#action-form" if request.htmx else "")
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
            _add_errors(form, error)
        else:
            return _after_goal_change(request, access, goal.uuid)
    if not request.htmx:
        return render(request, "plans/action_new.html", page, status=400)
    return _render_hoe(request, access, goal_uuid=goal.uuid, bound=(goal.uuid, form), status=400)


@plan_page
@require_http_methods(["GET", "POST"])
def action_edit(request, plan_uuid, action_uuid):
    """Change what, who or when of an action; a stale form shows a conflict and keeps the input."""
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    action = plan_selectors.action_for_edit(access=access, action_uuid=action_uuid)
    people = plan_selectors.plan_people_for_actions(plan=plan, keep=action.assignee_role)
    edit = _versioned_edit(
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
        "plans/action_edit.html",
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
    edit = _versioned_edit(
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
    template = "plans/goal_edit.html#goal-form" if request.htmx else "plans/goal_edit.html"
    return render(
        request,
        template,
        {"plan": plan, "goal": goal, "form": edit.form, "conflict": edit.conflict},
        status=edit.status,
    )


@dataclass
class VersionedEdit:
    form: object
    conflict: object | None = None
    status: int = 200
    saved: bool = False


def _versioned_edit(request, *, make_form, initial: dict, save) -> VersionedEdit:
    """The one way an edit form is handled: GET shows `initial`; POST validates and saves with
    the version the form was opened with. A stale save changes nothing and comes back (409) with
    what was typed, the current version to compare, and the new version number, so saving again
    is a deliberate choice. Invalid input comes back (400) with Dutch messages by the fields."""
    if request.method != "POST":
        return VersionedEdit(make_form(initial=initial))
    form = make_form(data=request.POST)
    if not form.is_valid():
        return VersionedEdit(form, status=400)
    try:
        save(form.cleaned_data)
    except services.StaleEdit as stale:
        data = request.POST.copy()
        data[form.add_prefix("version")] = stale.current.version
        form = make_form(data=data)
        form.is_valid()
        return VersionedEdit(form, conflict=stale.current, status=409)
    except ValidationError as error:
        _add_errors(form, error)
        return VersionedEdit(form, status=400)
    return VersionedEdit(form, saved=True)


@plan_page
@require_http_methods(["GET", "POST"])
def network_member_edit(request, plan_uuid, member_uuid=None):
    """Add or change someone of the own network; a stale form shows a conflict."""
    access = plan_for(request.user, plan_uuid, need="edit")
    plan = access.plan
    member = (
        plan_selectors.network_member_for_edit(access=access, member_uuid=member_uuid)
        if member_uuid
        else None
    )

    def save(data):
        values = {k: v for k, v in data.items() if k != "version"}
        services.network_member_save(
            plan=plan,
            actor=request.user,
            member=member,
            expected_version=data["version"],
            **values,
        )

    edit = _versioned_edit(
        request,
        make_form=NetworkMemberForm,
        initial=NetworkMemberForm.initial_for(member),
        save=save,
    )
    if edit.saved:
        messages.success(request, _("Saved: %(name)s.") % {"name": edit.form.cleaned_data["name"]})
        return redirect("plans:plan_wie", plan_uuid=plan.uuid)
    return render(
        request,
        "plans/network_member_edit.html",
        {"plan": plan, "member": member, "form": edit.form, "conflict": edit.conflict},
        status=edit.status,
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
@require_GET
def plan_wat(request, plan_uuid):
    """WAT: what is needed on each leefdomein, grouped by Big5, and the Big5 over time."""
    access = plan_for(request.user, plan_uuid, need="view")
    plan = access.plan
    wat = selectors.plan_wat(access=access)
    return render(request, "plans/plan_wat.html", {"plan": plan, "wat": wat})


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

    edit = _versioned_edit(
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
        "plans/domain_edit.html",
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

    edit = _versioned_edit(
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
        "plans/plan_risk.html",
        {
            "plan": plan,
            "risk": risk,
            "form": edit.form,
            "can_edit": can_edit,
            "conflict": edit.conflict,
        },
        status=edit.status,
    )


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
                _add_errors(form, error)
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
        "plans/plan_handover.html",
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
    return render(request, "plans/handover_answer.html", {"handover": handover})


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
                _add_errors(form, error)
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
        "plans/plan_progress.html",
        {"plan": plan, "page": page, "form": form, "big5": big5.items(), "checklist": checklist},
        status=status,
    )
