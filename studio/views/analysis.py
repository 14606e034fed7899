"""Studio: item analysis of a quiz (facility, discrimination, options, misconceptions)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quizzes.analysis import analyse_quiz

from ..access import get_quiz_to_edit


def analysis(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = get_quiz_to_edit(request, pk)
    return render(request, "studio/analysis.html", {"quiz": quiz, "report": analyse_quiz(quiz)})
