from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet

from people.admin_base import ReadOnlyAdmin

from .models import Course, Enrolment, HoursChange, Lesson, LessonOpening, LessonProgress


def with_records(lessons):
    """Lessons annotated with `has_records`: a cadre opened or studied them."""
    return lessons.annotate(
        has_records=Exists(LessonProgress.objects.filter(lesson=OuterRef("pk")))
        | Exists(LessonOpening.objects.filter(lesson=OuterRef("pk")))
    )


class LessonFormSet(BaseInlineFormSet):
    """A lesson cadres opened or studied offers no "delete": their records refer to it (and
    `on_delete=PROTECT` refuses it in the database if a forged form tried)."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        lesson = form.instance
        if lesson.pk and DELETION_FIELD_NAME in form.fields:
            has_records = getattr(lesson, "has_records", None)
            if has_records is None:
                has_records = lesson.progress.exists() or lesson.openings.exists()
            if has_records:
                form.fields[DELETION_FIELD_NAME].disabled = True
                form.fields[DELETION_FIELD_NAME].help_text = ""


class LessonInline(admin.StackedInline):
    model = Lesson
    formset = LessonFormSet
    extra = 0
    fields = ["order", "title", "body_md", "key_points"]

    def get_queryset(self, request):
        return with_records(super().get_queryset(request))


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "status", "study_hours", "owner"]
    list_filter = ["status", "language"]
    search_fields = ["title", "slug"]
    inlines = [LessonInline]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["user", "course", "source", "enrolled_at"]
    list_filter = ["course", "source"]
    list_select_related = ["user", "course"]


@admin.register(LessonProgress)
class LessonProgressAdmin(ReadOnlyAdmin):
    list_display = ["user", "lesson", "studied_at"]
    list_select_related = ["user", "lesson__course"]
    search_fields = ["user__username", "lesson__title"]


@admin.register(LessonOpening)
class LessonOpeningAdmin(ReadOnlyAdmin):
    list_display = ["user", "lesson", "opened_at"]
    list_select_related = ["user", "lesson__course"]
    search_fields = ["user__username", "lesson__title"]


@admin.register(HoursChange)
class HoursChangeAdmin(ReadOnlyAdmin):
    list_display = ["course", "old_hours", "new_hours", "changed_by", "changed_at"]
    list_select_related = ["course", "changed_by"]
