from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from courses.models import Enrolment, LessonOpening, LessonProgress
from people.admin_base import ReadOnlyAdmin
from quizzes.models import Attempt

from .models import CompletionRecord, ExportFile, Reminder


@admin.register(CompletionRecord)
class CompletionRecordAdmin(ReadOnlyAdmin):
    """The hours ledger: corrections are new lines written on the HR pages, never edits."""

    list_display = ["user", "course", "kind", "year", "hours", "occurred_at", "recorded_by"]
    list_filter = ["kind", "year"]
    list_select_related = ["user", "course", "recorded_by"]
    search_fields = ["user__username", "course__title"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["user", "sent_on", "overdue", "due_soon", "sent_by"]
    list_select_related = ["user", "sent_by"]


@admin.register(ExportFile)
class ExportFileAdmin(ReadOnlyAdmin):
    """Who took which table of which people, with which filters, and when: kept after the file
    is deleted."""

    list_display = ["requested_at", "requested_by", "table", "query", "status", "total"]
    list_filter = ["status", "table"]
    list_select_related = ["requested_by"]


User = get_user_model()


def has_learning_records(user) -> bool:
    """Deleting this person would delete (or be refused for) their evidence of learning."""
    return any(
        model.objects.filter(user=user).exists()
        for model in (Enrolment, LessonOpening, LessonProgress, Attempt, CompletionRecord)
    )


class CadreUserAdmin(UserAdmin):
    """Django's user admin, except that a person with learning records cannot be deleted:
    their enrolments, openings and progress would go with them. Deactivate them instead."""

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and has_learning_records(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk "delete selected" would bypass the per-person check above.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, CadreUserAdmin)
