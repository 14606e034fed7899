"""Every trainer page. One module per feature in `views/`; the URLs are all listed here."""

from django.urls import path

from .views import (
    analysis,
    authoring,
    frameworks,
    grading,
    hours,
    importing,
    points,
    questions,
    regrade,
)

app_name = "studio"

urlpatterns = [
    # Courses and lessons
    path("", authoring.home, name="home"),
    path("courses/new/", authoring.course_create, name="course_create"),
    path("courses/<slug:slug>/", authoring.course_detail, name="course"),
    path("courses/<slug:slug>/edit/", authoring.course_edit, name="course_edit"),
    path("courses/<slug:slug>/mindmap/", authoring.mindmap_labels, name="mindmap_labels"),
    path("courses/<slug:slug>/points/", points.points, name="points"),
    path("courses/<slug:slug>/publish/", authoring.course_publish, name="course_publish"),
    path("courses/<slug:slug>/hours/", hours.hours_change, name="hours_change"),
    path("courses/<slug:slug>/archive/", authoring.course_archive, name="course_archive"),
    path("courses/<slug:slug>/copy/", authoring.course_copy, name="course_copy"),
    path("courses/<slug:slug>/preview/", authoring.course_preview, name="preview_course"),
    path("courses/<slug:slug>/preview/<int:pk>/", authoring.lesson_preview, name="preview_lesson"),
    path("courses/<slug:slug>/lessons/new/", authoring.lesson_create, name="lesson_create"),
    path("courses/<slug:slug>/lessons/<int:pk>/", authoring.lesson_edit, name="lesson_edit"),
    path("courses/<slug:slug>/lessons/<int:pk>/move/", authoring.lesson_move, name="lesson_move"),
    path(
        "courses/<slug:slug>/lessons/<int:pk>/delete/",
        authoring.lesson_delete,
        name="lesson_delete",
    ),
    path("courses/<slug:slug>/assign/", authoring.course_assign, name="course_assign"),
    path("preview/markdown/", authoring.markdown_preview, name="markdown_preview"),
    # Case import
    path("import/", importing.import_case, name="import"),
    # Question bank and quizzes
    path(
        "courses/<slug:slug>/questions/new/<str:kind>/",
        questions.question_create,
        name="question_create",
    ),
    path("questions/<int:pk>/", questions.question_edit, name="question_edit"),
    path("courses/<slug:slug>/quizzes/new/", questions.quiz_create, name="quiz_create"),
    path("quizzes/<int:pk>/", questions.quiz_edit, name="quiz_edit"),
    path("quizzes/<int:pk>/regrade/", regrade.regrade, name="regrade"),
    path("quizzes/<int:pk>/analysis/", analysis.analysis, name="analysis"),
    # Competency frameworks
    path("frameworks/", frameworks.framework_list, name="frameworks"),
    path("frameworks/new/", frameworks.framework_create, name="framework_create"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework"),
    path("frameworks/<int:pk>/edit/", frameworks.framework_edit, name="framework_edit"),
    path(
        "frameworks/<int:pk>/competencies/new/",
        frameworks.competency_create,
        name="competency_create",
    ),
    path(
        "frameworks/<int:pk>/competencies/<int:competency_pk>/",
        frameworks.competency_edit,
        name="competency_edit",
    ),
    path(
        "frameworks/<int:pk>/competencies/<int:competency_pk>/delete/",
        frameworks.competency_delete,
        name="competency_delete",
    ),
    # Grading written answers
    path("grading/", grading.queue, name="grading"),
    path("grading/<int:pk>/", grading.grade, name="grade"),
]
