"""Studio: regrade a quiz's finished attempts against the current versions of its questions."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from quizzes import services

from ..access import get_quiz_to_edit


def regrade(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview which scores would change against the current question versions; apply on POST."""
    quiz = get_quiz_to_edit(request, pk)
    if request.method == "POST":
        rows = services.regrade_apply(quiz=quiz, by=request.user)
        changed = sum(row.changed for row in rows)
        messages.success(
            request,
            _("%(n)s attempts moved to the current questions; %(changed)s scores changed.")
            % {"n": len(rows), "changed": changed},
        )
        return redirect("studio:regrade", quiz.pk)
    rows = services.regrade_preview(quiz=quiz)
    return render(
        request,
        "studio/regrade.html",
        {"quiz": quiz, "rows": rows, "changed": [row for row in rows if row.changed]},
    )
