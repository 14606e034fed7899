from django.contrib import admin

from .models import OrgUnit, Profile


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "public_facing", "parent"]
    list_filter = ["kind", "public_facing"]
    search_fields = ["name", "code"]
    readonly_fields = ["path", "depth"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "full_name",
        "staff_number",
        "user",
        "unit",
        "rank",
        "is_leader",
        "is_cadre",
        "is_trainer",
        "is_hr",
    ]
    list_filter = ["is_cadre", "is_trainer", "is_hr", "is_leader", "rank"]
    search_fields = ["full_name", "staff_number", "user__username", "position"]
    autocomplete_fields = ["unit", "hr_units"]
    list_select_related = ["user", "unit"]
