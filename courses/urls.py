from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("courses/", views.catalogue, name="catalogue"),
    path("courses/<slug:slug>/", views.course_detail, name="course"),
    path("courses/<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("courses/<slug:slug>/outline/", views.outline, name="outline"),
    path("courses/<slug:slug>/lessons/<int:pk>/", views.lesson_detail, name="lesson"),
    path("courses/<slug:slug>/lessons/<int:pk>/studied/", views.mark_studied, name="studied"),
    # The cadre's own answer to the case: saved as written, compared once the lessons are read
    path("courses/<slug:slug>/answer/", views.own_answer_save, name="own_answer"),
    path("courses/<slug:slug>/answer/revise/", views.own_answer_revise, name="own_answer_revise"),
    path("courses/<slug:slug>/compare/", views.compare, name="compare"),
]
