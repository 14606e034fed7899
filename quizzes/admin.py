from django.contrib import admin

from people.admin_base import ReadOnlyAdmin

from .models import (
    Answer,
    Attempt,
    AttemptQuestion,
    Competency,
    CompetencyFramework,
    Question,
    QuestionVersion,
    Quiz,
    QuizSlot,
    ScoreChange,
)


class CompetencyInline(admin.TabularInline):
    model = Competency
    extra = 0
    fields = ["code", "name_en", "name_zh", "description", "order"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # versions and mastery refer to competencies; rename instead


@admin.register(CompetencyFramework)
class CompetencyFrameworkAdmin(admin.ModelAdmin):
    """Where a site administrator corrects the seed framework, read-only in the studio."""

    list_display = ["name_en", "name_zh", "slug", "created_by"]
    readonly_fields = ["slug", "created_by"]
    inlines = [CompetencyInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SlotInline(admin.TabularInline):
    model = QuizSlot
    extra = 0
    autocomplete_fields = ["question"]


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "is_published", "pass_mark", "attempts_allowed"]
    inlines = [SlotInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "course", "key"]
    search_fields = ["key", "current__title"]
    # Content is edited through the versioning service (the studio), never here.
    readonly_fields = ["current"]


@admin.register(QuestionVersion)
class QuestionVersionAdmin(admin.ModelAdmin):
    list_display = ["title", "question", "number", "kind"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # versions are immutable once used; edit through the studio


# Records of learning change only through grading and regrading, which keep `ScoreChange`.
@admin.register(Attempt)
class AttemptAdmin(ReadOnlyAdmin):
    list_display = ["quiz", "user", "number", "status", "score", "percent", "passed"]
    list_filter = ["status", "quiz"]
    list_select_related = ["quiz", "user"]


@admin.register(AttemptQuestion)
class AttemptQuestionAdmin(ReadOnlyAdmin):
    list_display = ["attempt", "order", "version"]
    list_select_related = ["attempt__quiz", "attempt__user", "version"]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["attempt_question", "score", "graded_by", "graded_at"]
    list_select_related = [
        "attempt_question__attempt__quiz",
        "attempt_question__attempt__user",
        "graded_by",
    ]


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyAdmin):
    list_display = ["attempt", "reason", "old_score", "new_score", "changed_by", "changed_at"]
    list_select_related = ["attempt__quiz", "attempt__user", "changed_by"]
