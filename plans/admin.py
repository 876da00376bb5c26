"""Plan content is never in the admin; the access log is, read-only, for functional admins."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from network import admin as network_admin
from network.models import Jongere, Membership, Organisation, User
from plans import services
from plans.models import AccessLogEntry, ReminderRule


class ForgetsKeptPages:
    """An admin of people or organisations whose names (or a jongere's birth date) the plans'
    pages show: when they change, the kept pages of those plans are not shown again."""

    shown_fields = ("first_name", "last_name")
    changed_kind = "users"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and set(self.shown_fields) & set(form.changed_data):
            services.names_changed(**{self.changed_kind: [obj]})


@admin.register(User)
class UserAdmin(ForgetsKeptPages, network_admin.UserAdmin):
    """The people admin of network/, where removing a membership goes through the service
    that ends the roles held through it (`membership_end`): a leaver keeps no plan."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        kept = formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.membership_end(membership=membership, actor=request.user)
        for membership in kept:
            membership.save()
        formset.save_m2m()
        return None


@admin.register(Organisation)
class OrganisationAdmin(ForgetsKeptPages, network_admin.OrganisationAdmin):
    shown_fields = ("name",)
    changed_kind = "organisations"


@admin.register(Jongere)
class JongereAdmin(ForgetsKeptPages, network_admin.JongereAdmin):
    shown_fields = ("first_name", "last_name", "birth_date")
    changed_kind = "jongeren"


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "actor",
        "role",
        "organisation",
        "action",
        "object_type",
        "outcome",
    ]
    list_filter = ["action", "outcome", "role"]
    search_fields = ["actor__email", "object_uuid", "uuid"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "organisation"]
    readonly_fields = [field.name for field in AccessLogEntry._meta.fields]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    """Coordinators keep the reminder rules: at which age or event, for whom, which message.

    Rules hold no plan content; the reminders sent from them are not in the admin."""

    list_display = ["name", "trigger", "age_years", "age_months", "audience", "is_active", "order"]
    list_filter = ["trigger", "audience", "is_active"]
    list_editable = ["is_active", "order"]
    search_fields = ["name", "code", "title", "message"]
    fieldsets = [
        (None, {"fields": ["name", "code", "is_active", "order"]}),
        (_("When"), {"fields": ["trigger", "age_years", "age_months"]}),
        (_("For whom, and what"), {"fields": ["audience", "title", "message"]}),
    ]
