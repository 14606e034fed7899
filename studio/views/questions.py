"""Studio: the question bank editor and the quiz builder."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from quizzes.models import QuestionVersion, Quiz, QuizSlot
from quizzes.services import question_save, quiz_rules_follow

from ..access import get_course_to_edit, get_question_to_edit, get_quiz_to_edit
from ..forms import QuestionForm, QuizForm


def question_create(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    course = get_course_to_edit(request, slug)
    if kind not in QuestionVersion.Kind.values:
        raise Http404
    form = QuestionForm(request.POST or None, kind=kind, course=course)
    if form.is_valid():
        question_save(course=course, by=request.user, **form.service_kwargs())
        messages.success(request, _("Question added to the bank."))
        return redirect("studio:course", course.slug)
    return render(
        request,
        "studio/question_form.html",
        {"form": form, "course": course, "kind_label": QuestionVersion.Kind(kind).label},
    )


def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_question_to_edit(request, pk)
    version = question.current
    course = question.course
    form = QuestionForm(request.POST or None, kind=version.kind, course=course, version=version)
    if form.is_valid():
        question_save(question=question, by=request.user, **form.service_kwargs())
        question.refresh_from_db()
        if question.current_id != version.pk:
            messages.success(
                request,
                _("Saved as version %(n)s. Earlier attempts keep version %(old)s and their scores.")
                % {"n": question.current.number, "old": version.number},
            )
        else:
            messages.success(request, _("Question saved."))
        return redirect("studio:course", course.slug)
    return render(
        request,
        "studio/question_form.html",
        {
            "form": form,
            "course": course,
            "question": question,
            "kind_label": version.get_kind_display(),
            "attempt_count": version.attempt_questions.count(),
        },
    )


def _save_quiz(form: QuizForm, course) -> Quiz:
    with transaction.atomic():
        quiz = form.save(commit=False)
        quiz.course = course
        quiz.save()
        # Attempts fixed their questions when they started, so slots may be rebuilt freely.
        quiz.slots.all().delete()
        QuizSlot.objects.bulk_create(
            QuizSlot(quiz=quiz, order=order, question=question, draw_from=draw)
            for order, (question, draw) in enumerate(form.slots())
        )
        quiz_rules_follow(quiz)  # its language versions keep the same rules
    return quiz


def quiz_create(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_to_edit(request, slug)
    form = QuizForm(request.POST or None, course=course)
    if form.is_valid():
        quiz = _save_quiz(form, course)
        messages.success(request, _("Quiz saved."))
        if quiz.is_published and not quiz.slots.exists():
            messages.warning(request, _("This quiz has no questions: cadres cannot take it."))
        return redirect("studio:course", course.slug)
    return render(request, "studio/quiz_form.html", {"form": form, "course": course})


def quiz_edit(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = get_quiz_to_edit(request, pk)
    form = QuizForm(request.POST or None, instance=quiz, course=quiz.course)
    if form.is_valid():
        quiz = _save_quiz(form, quiz.course)
        messages.success(request, _("Quiz saved."))
        if quiz.is_published and not quiz.slots.exists():
            messages.warning(request, _("This quiz has no questions: cadres cannot take it."))
        return redirect("studio:course", quiz.course.slug)
    return render(
        request, "studio/quiz_form.html", {"form": form, "course": quiz.course, "quiz": quiz}
    )
