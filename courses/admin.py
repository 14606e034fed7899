from django.contrib import admin

from .models import Course, Enrolment, Lesson


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0
    fields = ["order", "title", "body_md", "key_points"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "status", "study_hours", "owner"]
    list_filter = ["status", "language"]
    search_fields = ["title", "slug"]
    inlines = [LessonInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "source", "enrolled_at"]
    list_filter = ["course", "source"]
