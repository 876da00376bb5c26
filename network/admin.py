from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.imports import parse_jongeren_file
from network.models import Jongere, Membership, in_target_group
from network.selectors import coordinator_gemeenten
from network.services import ImportRejected, jongeren_import


class MembershipInline(admin.TabularInline):
    """Who works for which organisation (and leads its team). Coordinators keep these for
    others, never for themselves: a membership, and team-lead rights above all, opens the
    caseload of a whole team."""

    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]

    def _own(self, request, obj) -> bool:
        return obj is not None and obj.pk == request.user.pk and not request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_delete_permission(request, obj)


# Registered by plans/admin.py, which ends the roles held through a membership that is removed.
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    list_filter = ["is_active", "is_staff", "memberships__organisation"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups"]

    # Coordinators add accounts and memberships, and may disable an account. They cannot change
    # an existing person's e-mail, password or rights: that would let them sign in as a jongere.
    def get_fieldsets(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return (
            (None, {"fields": ("email",)}),
            (_("Personal info"), {"fields": ("first_name", "last_name")}),
            (_("Access"), {"fields": ("is_active",)}),
            (_("Important dates"), {"fields": ("last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return self.readonly_fields
        return [*self.readonly_fields, "email"]

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


# Registered by plans/admin.py, which forgets kept pages when a name changes.
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "gemeente"]
    list_filter = ["kind", "gemeente"]
    search_fields = ["name"]


class JongereImportForm(forms.Form):
    file = forms.FileField(
        label=_("List of young people (CSV or Excel)"),
        help_text=_(
            "One row per young person, the first row names the columns: voornaam, achternaam, "
            "geboortedatum (2009-03-31 or 31-03-2009), organisatie (its name as in "
            "toekomstplan) and optionally doelgroep (statushouder, zwerfjongere, lvb, "
            "afstand_arbeidsmarkt; several separated by commas). Separate columns with ; or , "
            "— or upload an Excel workbook (.xlsx): its first sheet, in the same columns."
        ),
    )


class JongereAdminForm(forms.ModelForm):
    class Meta:
        model = Jongere
        fields = ["first_name", "last_name", "birth_date", "gemeente", "doelgroepen", "known_by"]

    def clean_birth_date(self):
        """The admin keeps the rule the app's own forms and the import keep: between 12 and 27
        (a date such as 9999-12-31 would break the age sums of every list showing the plan).
        Checked when the date is set or changed, so a jongere who has grown older stays
        editable."""
        birth_date = self.cleaned_data["birth_date"]
        changed = self.instance.pk is None or "birth_date" in self.changed_data
        if changed and not in_target_group(birth_date, timezone.localdate()):
            raise forms.ValidationError(
                _("A young person in toekomstplan is between 12 and 27 years old.")
            )
        return birth_date


# Registered by plans/admin.py, which forgets kept pages when a name or birth date changes.
class JongereAdmin(admin.ModelAdmin):
    """Who is known to which organisation. Not even whether a jongere has a plan: a plan's
    existence is only for those with a role in it (coordinators see counts on /cijfers/)."""

    form = JongereAdminForm
    list_display = ["__str__", "birth_date", "gemeente", "known_by"]
    list_filter = ["gemeente", "known_by"]
    search_fields = ["first_name", "last_name"]
    fields = ["first_name", "last_name", "birth_date", "gemeente", "doelgroepen", "known_by"]
    autocomplete_fields = ["known_by"]
    change_list_template = "admin/network/jongere/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("known_by")

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_urls(self):
        return [
            path(
                "importeren/",
                self.admin_site.admin_view(self.import_view),
                name="network_jongere_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a list; all rows are checked, and either every row goes in or none does."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = JongereImportForm(request.POST or None, request.FILES or None)
        errors, result = [], None
        if request.method == "POST" and form.is_valid():
            gemeenten = None if request.user.is_superuser else coordinator_gemeenten(request.user)
            parsed = parse_jongeren_file(form.cleaned_data["file"].read(), gemeenten=gemeenten)
            try:
                result = jongeren_import(actor=request.user, parsed=parsed)
            except ImportRejected as rejected:
                errors = rejected.errors
            else:
                messages.success(
                    request,
                    _(
                        "Imported: %(created)s new, %(updated)s brought up to date, "
                        "%(unchanged)s already known."
                    )
                    % result,
                )
                return redirect("admin:network_jongere_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import young people"),
            "form": form,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/network/jongere/import.html", context)
