"""WIE: the people around the jongere, their roles, invitations and what each sees."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plans import permissions, services
from plans import selectors as plan_selectors
from plans.decorators import plan_page
from plans.forms import InvitationForm, SharingForm
from plans.permissions import plan_for
from workspace.forms import (
    NetworkMemberForm,
)
from workspace.views.edits import versioned_edit


def _render_wie(request, access, *, invite_form=None, status=200):
    plan = access.plan
    people = plan_selectors.plan_people(access=access)
    if invite_form is None and people.invitable_roles:
        invite_form = InvitationForm(roles=people.invitable_roles, plan=plan)
    return render(
        request,
        "workspace/plan_wie.html",
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

    edit = versioned_edit(
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
        "workspace/network_member_edit.html",
        {"plan": plan, "member": member, "form": edit.form, "conflict": edit.conflict},
        status=edit.status,
    )
