"""Admin classes for evidence: records of learning are shown, never added, changed or deleted.

Attempts, answers, score changes, progress, enrolments and the ledger change only through the
site's services (grading, regrading, corrections), which keep their own trail. A staff user
with view permission reads them here; nobody, superusers included, edits them here.
"""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyTabularInline(admin.TabularInline):
    extra = 0
    max_num = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
