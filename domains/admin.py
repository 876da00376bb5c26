from django.contrib import admin
from django.db import models

from domains.models import ChecklistItem, Leefdomein, PlanTemplate, TemplateGoal


@admin.register(Leefdomein)
class LeefdomeinAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "big5", "order"]
    list_editable = ["order"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["title", "from_age", "audience", "leefdomein", "is_active", "order"]
    list_filter = ["audience", "from_age", "leefdomein", "is_active"]
    search_fields = ["title", "explanation"]
    list_editable = ["order", "is_active"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class TemplateGoalInline(admin.TabularInline):
    model = TemplateGoal
    extra = 1


@admin.register(PlanTemplate)
class PlanTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "doelgroep"]
    inlines = [TemplateGoalInline]
    filter_horizontal = ["checklist_items"]
