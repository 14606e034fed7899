from django.contrib import admin

from people.admin_base import ReadOnlyAdmin

from .models import Statement


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    """What was stored and whether the LRS has it; stored statements are never edited."""

    list_display = ["timestamp", "event", "user", "sent_at", "attempts"]
    list_filter = ["event", ("sent_at", admin.EmptyFieldListFilter)]
    date_hierarchy = "timestamp"
    search_fields = ["=id"]
    list_select_related = ["user"]
    ordering = ["-timestamp", "-id"]
