"""The portal for the jongere and their JIM or network: short pages, plain words, on a phone."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plans import permissions, selectors, services
from plans.decorators import plan_page
from plans.forms import InvitationForm, SharingForm
from plans.models import PlanRole


@plan_page
@require_GET
def portal_home(request):
    """My plan: what I may see of it."""
    plan, role = permissions.portal_plan_for(request.user, request.GET.get("plan"))
    view = selectors.portal_overview(plan=plan, role=role, viewer=request.user)
    others = selectors.other_portal_roles(user=request.user, role=role)
    return render(
        request,
        "portal/home.html",
        {"v": view, "plan": plan, "others": others, "is_owner": role.role == PlanRole.Role.JONGERE},
    )


def _sharing_context(request, plan, *, invite_form=None):
    people = selectors.plan_people(plan=plan, viewer=request.user)
    rows = [
        (
            role,
            SharingForm(
                initial={"sections": role.shared_sections},
                allowed=permissions.shareable_sections(role),
                prefix=str(role.uuid),
            ),
        )
        for role in people.roles
        if role.pk in people.shareable or role.pk in people.revocable
    ]
    return {
        "is_owner": True,
        "plan": plan,
        "people": people,
        "rows": rows,
        "invite_form": invite_form or InvitationForm(roles=people.invitable_roles, plan=plan),
    }


@plan_page
@require_GET
def portal_sharing(request):
    """Who may see my plan, and what: the jongere decides."""
    plan, _role = permissions.portal_plan_for(request.user, owner_only=True)
    return render(request, "portal/sharing.html", _sharing_context(request, plan))


@plan_page
@require_POST
def portal_share(request, role_uuid):
    plan, _role = permissions.portal_plan_for(request.user, owner_only=True)
    target = permissions.role_in_plan(request.user, plan, role_uuid)
    form = SharingForm(
        request.POST, allowed=permissions.shareable_sections(target), prefix=str(target.uuid)
    )
    if form.is_valid():
        try:
            services.sharing_update(
                plan_role=target, actor=request.user, sections=form.cleaned_data["sections"]
            )
        except (PermissionDenied, ValidationError):
            messages.error(request, _("You cannot change this."))
        else:
            messages.success(
                request, _("Saved. %(name)s now sees what you chose.") % {"name": target.user}
            )
    else:
        messages.error(request, _("That choice is not possible."))
    return redirect("portal:sharing")


@plan_page
@require_POST
def portal_revoke(request, role_uuid):
    plan, _role = permissions.portal_plan_for(request.user, owner_only=True)
    target = permissions.role_in_plan(request.user, plan, role_uuid)
    try:
        services.role_revoke(plan_role=target, actor=request.user)
    except (PermissionDenied, ValidationError):
        messages.error(request, _("You cannot do this."))
    else:
        messages.success(
            request, _("%(name)s can no longer see your plan.") % {"name": target.user}
        )
    return redirect("portal:sharing")


@plan_page
@require_POST
def portal_invite(request):
    plan, _role = permissions.portal_plan_for(request.user, owner_only=True)
    roles = permissions.invitable_roles(request.user, plan)
    form = InvitationForm(request.POST, roles=roles, plan=plan)
    if form.is_valid():
        try:
            services.invitation_create(plan=plan, actor=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            form.add_error(
                None, error if isinstance(error, ValidationError) else _("You cannot do this.")
            )
        else:
            messages.success(
                request,
                _("We sent an e-mail to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("portal:sharing")
    return render(
        request,
        "portal/sharing.html",
        _sharing_context(request, plan, invite_form=form),
        status=400,
    )


@plan_page
@require_GET
def portal_looked(request):
    """Who looked at my plan, in plain words."""
    plan, _role = permissions.portal_plan_for(request.user, owner_only=True)
    page = selectors.looked_at_my_plan(
        plan=plan, viewer=request.user, page_number=request.GET.get("pagina")
    )
    return render(request, "portal/looked.html", {"plan": plan, "page": page, "is_owner": True})


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """The link in an invitation e-mail: say yes, and the account gets the role."""
    invitation = selectors.invitation_from_token(token)
    if invitation is None:
        raise Http404
    if not invitation.is_open:
        return render(
            request,
            "portal/invitation.html",
            {"invitation": invitation, "closed": True},
            status=410,
        )
    user = request.user
    needs_sign_in = invitation.role == PlanRole.Role.PROFESSIONAL or selectors.account_exists(
        email=invitation.email
    )
    if not user.is_authenticated and needs_sign_in:
        messages.info(request, _("Sign in first; then you can accept the invitation."))
        return redirect(f"{reverse('account_login')}?next={request.path}")
    if request.method == "POST":
        try:
            if user.is_authenticated:
                plan_role = services.invitation_accept(invitation=invitation, user=user)
            else:
                plan_role = services.invitation_accept_as_new_account(invitation=invitation)
                login(request, plan_role.user, backend="django.contrib.auth.backends.ModelBackend")
        except ValidationError as error:
            return render(
                request,
                "portal/invitation.html",
                {"invitation": invitation, "errors": error.messages},
                status=400,
            )
        messages.success(request, _("Welcome! You can now see the plan."))
        if plan_role.role == PlanRole.Role.PROFESSIONAL:
            return redirect("plans:plan_detail", plan_uuid=plan_role.plan.uuid)
        return redirect("portal:home")
    return render(request, "portal/invitation.html", {"invitation": invitation})
