"""The portal for the jongere and their JIM or network: short pages, plain words, on a phone."""

import json

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exports import selectors as export_selectors
from exports import services as export_services
from plans import fragments, permissions, services
from plans import selectors as plan_selectors
from plans.accesslog import selectors as log_selectors
from plans.decorators import plan_page
from plans.forms import InvitationForm, SharingForm, VersionForm
from plans.models import PlanExport, PlanRole, StoryItem
from portal import selectors
from portal.forms import (
    ChecklistMarkForm,
    OwnGoalForm,
    OwnWordsForm,
    StoryItemEditForm,
    StoryItemForm,
)

PLAN_KEY = "portal_plan"


def _portal(request, *, owner_only: bool = False):
    """The plan this person looks at in the portal and their role in it. A JIM of more than
    one jongere picks a plan on the home page; the choice is remembered for the session."""
    asked = request.GET.get("plan")
    chosen = asked or (None if owner_only else request.session.get(PLAN_KEY))
    try:
        access = permissions.portal_plan_for(request.user, chosen, owner_only=owner_only)
    except Http404:
        if asked or not chosen:
            raise
        request.session.pop(PLAN_KEY, None)  # that role has ended since
        access = permissions.portal_plan_for(request.user, owner_only=owner_only)
    if asked:
        request.session[PLAN_KEY] = str(access.plan.uuid)
    return access


def _require(access, allowed: bool, *, need: str, object_type: str) -> None:
    """Refuse (logged, 404) before reading a form: nobody learns what they may not do."""
    if not allowed:
        permissions.deny(access=access, need=need, object_type=object_type)


def _context(plan, role, **extra) -> dict:
    return {"plan": plan, "role": role, "is_owner": role.role == PlanRole.Role.JONGERE, **extra}


@plan_page
@require_GET
def portal_home(request):
    """ "Mijn toekomst": my next steps, my goals, my people, my checklist, what is new."""
    access = _portal(request)
    plan, role = access.plan, access.role

    def content():
        home = selectors.portal_home(access=access)
        context = _context(plan, role, v=home)
        return tuple(
            render_to_string(f"portal/home.html#{part}", context, request)
            for part in ("alerts", "plan")
        )

    alerts, plan_html = fragments.plan_content(
        request,
        access,
        "portal",
        content,
        log_detail={"sections": sorted(access.sections)},
    )
    news = selectors.portal_news(access=access)
    others = access.other_portal_roles
    services.portal_visit(role=role)
    return render(
        request,
        "portal/home.html",
        _context(plan, role, alerts=alerts, plan_html=plan_html, news=news, others=others),
    )


@plan_page
@require_GET
def portal_doelen(request):
    """My goals per leefdomein, with how it goes and what I want, in my words."""
    access = _portal(request)
    plan, role = access.plan, access.role
    domains = selectors.portal_domains(access=access)
    return render(request, "portal/doelen.html", _context(plan, role, domains=domains))


def _render_domein(request, access, code, *, words_form=None, goal_form=None, status=200):
    plan, role = access.plan, access.role
    domains = selectors.portal_domains(access=access)
    found = next((d for d in domains if d.leefdomein.code == code), None)
    if found is None:
        permissions.deny(access=access, need="view", object_type="leefdomein")
    can_write = permissions.can_write_own_words(access)
    if can_write and words_form is None:
        a = found.assessment
        words_form = OwnWordsForm(
            initial={
                "situation": a.situation if a else "",
                "wish": a.wish if a else "",
                "version": a.version if a else 1,
            }
        )
    if can_write and goal_form is None:
        goal_form = OwnGoalForm(auto_id="nieuw-%s")
    return render(
        request,
        "portal/domein.html",
        _context(
            plan,
            role,
            d=found,
            can_write=can_write,
            words_form=words_form,
            goal_form=goal_form,
        ),
        status=status,
    )


@plan_page
@require_http_methods(["GET", "POST"])
def portal_domein(request, code):
    """One leefdomein: how it goes, what I want, my goals there; my words are saved as mine."""
    access = _portal(request)
    plan = access.plan
    if request.method == "GET":
        return _render_domein(request, access, code)
    _require(
        access,
        permissions.can_write_own_words(access),
        need="own_words",
        object_type="domainassessment",
    )
    leefdomein = plan_selectors.leefdomein_by_code(access=access, code=code)
    form = OwnWordsForm(request.POST)
    if form.is_valid():
        try:
            services.domain_words_save(
                plan=plan,
                actor=request.user,
                leefdomein=leefdomein,
                expected_version=form.cleaned_data["version"],
                situation=form.cleaned_data["situation"],
                wish=form.cleaned_data["wish"],
            )
        except services.StaleEdit:
            form.add_error(
                None,
                _("Someone else saved this just now. Your text is still here. Save again."),
            )
            form.data = form.data.copy()
            form.data["version"] = plan_selectors.assessment_version(
                plan=plan, leefdomein=leefdomein
            )
            return _render_domein(request, access, code, words_form=form, status=409)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Saved. Thank you!"))
        return redirect("portal:domein", code=code)
    return _render_domein(request, access, code, words_form=form, status=400)


@plan_page
@require_POST
def portal_goal_new(request, code):
    """I add a goal in my own words, with my first step if I like."""
    access = _portal(request)
    plan = access.plan
    _require(
        access,
        permissions.can_write_own_words(access),
        need="edit",
        object_type="goal",
    )
    leefdomein = plan_selectors.leefdomein_by_code(access=access, code=code)
    form = OwnGoalForm(request.POST, auto_id="nieuw-%s")
    if form.is_valid():
        try:
            services.own_goal_create(
                plan=plan, actor=request.user, leefdomein=leefdomein, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Your goal is in your plan."))
            return redirect("portal:domein", code=code)
    return _render_domein(request, access, code, goal_form=form, status=400)


@plan_page
@require_GET
def portal_acties(request):
    """Who does what: my own actions to tick off first."""
    access = _portal(request)
    plan, role = access.plan, access.role
    page = selectors.portal_actions(access=access, page_number=request.GET.get("pagina"))
    return render(request, "portal/acties.html", _context(plan, role, page=page))


@plan_page
@require_POST
def portal_action_done(request, action_uuid):
    """I tick off my own action."""
    access = _portal(request)
    action = selectors.action_for_portal(access=access, action_uuid=action_uuid)
    _require(
        access,
        permissions.can_complete_action(access, action),
        need="complete",
        object_type="action",
    )
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That did not work. Try again."))
        return redirect("portal:acties")
    try:
        services.action_complete(
            action=action, actor=request.user, expected_version=form.cleaned_data["version"]
        )
    except services.StaleEdit:
        messages.error(request, _("Someone changed this just now. Look and try again."))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, _("Well done! The action is done."))
    return redirect("portal:home" if request.POST.get("next") == "home" else "portal:acties")


@plan_page
@require_GET
def portal_checklist(request):
    """The 18-checklist: what to arrange, in plain words, for my age."""
    access = _portal(request)
    plan, role = access.plan, access.role
    progress = selectors.portal_checklist(access=access)
    if progress is None:
        raise Http404
    return render(
        request,
        "portal/checklist.html",
        _context(
            plan,
            role,
            progress=progress,
            can_mark=permissions.can_mark_checklist(access),
            choices=ChecklistMarkForm.base_fields["status"].choices,
        ),
    )


@plan_page
@require_POST
def portal_checklist_mark(request, item_code):
    access = _portal(request)
    plan = access.plan
    _require(
        access,
        permissions.can_mark_checklist(access),
        need="checklist",
        object_type="checklistentry",
    )
    item = plan_selectors.checklist_item_for(access=access, item_code=item_code)
    form = ChecklistMarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the options."))
        return redirect(f"{reverse('portal:checklist')}#item-{item_code}")
    try:
        services.checklist_mark(
            plan=plan,
            actor=request.user,
            item=item,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleEdit:
        messages.error(request, _("Someone changed this just now. Look and try again."))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, _("Saved: %(item)s.") % {"item": item.title})
    return redirect(f"{reverse('portal:checklist')}#item-{item_code}")


def _render_verhaal(request, access, *, forms=None, status=200):
    plan, role = access.plan, access.role
    story = plan_selectors.story_for(access=access, page="portal_verhaal")
    can_write = permissions.can_write_own_words(access)
    forms = forms or {}
    if can_write:
        for kind in StoryItem.Kind.values:
            forms.setdefault(kind, StoryItemForm(kind=kind, auto_id=f"{kind}-%s"))
    return render(
        request,
        "portal/verhaal.html",
        _context(plan, role, story=story, can_write=can_write, forms=forms),
        status=status,
    )


@plan_page
@require_GET
def portal_verhaal(request):
    """Mijn verhaal: told once — my life line, my dreams, what I am good at."""
    access = _portal(request)
    return _render_verhaal(request, access)


@plan_page
@require_POST
def portal_verhaal_add(request, kind):
    access = _portal(request)
    plan = access.plan
    _require(
        access,
        permissions.can_write_own_words(access) and kind in StoryItem.Kind.values,
        need="story",
        object_type="storyitem",
    )
    form = StoryItemForm(request.POST, kind=kind, auto_id=f"{kind}-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.story_item_add(
                plan=plan,
                actor=request.user,
                kind=kind,
                text=data.get("text", ""),
                age=data.get("age"),
                card=data.get("card", ""),
                audience=data["audience"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Added to your story."))
            return redirect(f"{reverse('portal:verhaal')}#{kind}")
    return _render_verhaal(request, access, forms={kind: form}, status=400)


@plan_page
@require_http_methods(["GET", "POST"])
def portal_verhaal_item(request, item_uuid):
    """Change one part of my story, or who may see it."""
    access = _portal(request, owner_only=True)
    plan, role = access.plan, access.role
    item = plan_selectors.story_item_for_edit(access=access, item_uuid=item_uuid)
    status = 200
    if request.method == "POST":
        form = StoryItemEditForm(request.POST)
        if form.is_valid():
            try:
                data = form.cleaned_data
                services.story_item_update(
                    item=item,
                    actor=request.user,
                    expected_version=data["version"],
                    text=data.get("text", ""),
                    age=data.get("age"),
                    audience=data["audience"],
                )
            except services.StaleEdit as stale:
                form.add_error(
                    None,
                    _("Someone else saved this just now. Your text is still here. Save again."),
                )
                form.data = form.data.copy()
                form.data["version"] = stale.current.version
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("Saved."))
                return redirect(f"{reverse('portal:verhaal')}#{item.kind}")
        else:
            status = 400
    else:
        form = StoryItemEditForm(
            initial={
                "text": item.text,
                "age": item.age,
                "audience": item.audience,
                "version": item.version,
            }
        )
    if item.kind != StoryItem.Kind.MOMENT:
        form.fields.pop("age", None)
    if item.card:
        form.fields["text"].disabled = True
    return render(
        request,
        "portal/verhaal_item.html",
        _context(plan, role, item=item, form=form),
        status=status,
    )


@plan_page
@require_POST
def portal_verhaal_delete(request, item_uuid):
    access = _portal(request, owner_only=True)
    item = plan_selectors.story_item_for_edit(access=access, item_uuid=item_uuid)
    try:
        services.story_item_delete(item=item, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("Removed from your story."))
    return redirect("portal:verhaal")


@plan_page
@require_http_methods(["GET", "POST"])
def portal_gegevens(request):
    """My data: everything stored about me (the right of inzage), as a file or a PDF.

    The PDF is made by Celery; the page shows how far it is and offers the download."""
    access = _portal(request, owner_only=True)
    plan, role = access.plan, access.role
    if request.method == "POST":
        try:
            export_services.plan_export_request(
                plan=plan, actor=request.user, version=PlanExport.Version.INZAGE
            )
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("We are making your PDF. Wait a moment."))
        return redirect("portal:gegevens")
    exports = export_selectors.inzage_exports(access=access)
    return render(
        request,
        "portal/gegevens.html",
        _context(plan, role, exports=exports, busy=any(e.is_busy for e in exports)),
    )


@plan_page
@require_GET
def portal_gegevens_json(request):
    """Everything stored about me as a JSON file; the download is logged."""
    access = _portal(request, owner_only=True)
    data = export_selectors.inzage_for(access=access)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-toekomstplan.json"'
    response["Cache-Control"] = "no-store"
    return response


def _sharing_context(request, access, *, invite_form=None):
    plan = access.plan
    people = plan_selectors.plan_people(access=access)
    rows = [
        (
            role,
            SharingForm(
                initial={"sections": role.shared_sections},
                allowed=permissions.shareable_sections(role),
                plain=True,
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
    access = permissions.portal_plan_for(request.user, owner_only=True)
    return render(request, "portal/sharing.html", _sharing_context(request, access))


@plan_page
@require_POST
def portal_share(request, role_uuid):
    access = permissions.portal_plan_for(request.user, owner_only=True)
    target = permissions.role_in_plan(access, role_uuid)
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
    access = permissions.portal_plan_for(request.user, owner_only=True)
    target = permissions.role_in_plan(access, role_uuid)
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
    access = permissions.portal_plan_for(request.user, owner_only=True)
    plan = access.plan
    roles = permissions.invitable_roles(access)
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
        _sharing_context(request, access, invite_form=form),
        status=400,
    )


@plan_page
@require_GET
def portal_looked(request):
    """Who looked at my plan, in plain words."""
    access = permissions.portal_plan_for(request.user, owner_only=True)
    plan = access.plan
    page = log_selectors.looked_at_my_plan(access=access, page_number=request.GET.get("pagina"))
    return render(request, "portal/looked.html", {"plan": plan, "page": page, "is_owner": True})


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """The link in an invitation e-mail: say yes, and the account gets the role."""
    invitation = plan_selectors.invitation_from_token(token)
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
    needs_sign_in = invitation.role == PlanRole.Role.PROFESSIONAL or plan_selectors.account_exists(
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
                login(request, plan_role.user, backend="plans.backends.ModelBackend")
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
