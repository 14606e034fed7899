"""Studio: competency frameworks and their competencies.

Any trainer reads every framework; its creator edits it. A competency that questions or quiz
draws use cannot be deleted: their versions and the mastery already earned refer to it.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quizzes.models import CompetencyFramework

from ..access import (
    get_competency_to_edit,
    get_framework_to_edit,
    get_framework_to_view,
    require_trainer,
)
from ..forms.frameworks import CompetencyForm, FrameworkForm


def framework_list(request: HttpRequest) -> HttpResponse:
    require_trainer(request)
    frameworks = CompetencyFramework.objects.select_related("created_by__profile").annotate(
        competency_count=Count("competencies")
    )
    return render(request, "studio/frameworks.html", {"frameworks": frameworks})


def framework_create(request: HttpRequest) -> HttpResponse:
    require_trainer(request)
    form = FrameworkForm(request.POST or None)
    if form.is_valid():
        framework = form.save(by=request.user)
        messages.success(request, _("Framework created. Now add its competencies."))
        return redirect("studio:framework", framework.pk)
    return render(request, "studio/framework_form.html", {"form": form})


def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_framework_to_view(request, pk)
    competencies = framework.competencies.annotate(
        question_count=Count("versions__question", distinct=True),
        draw_count=Count("quizslot", distinct=True),
    )
    can_edit = framework.can_edit(request.user)
    return render(
        request,
        "studio/framework.html",
        {
            "framework": framework,
            "competencies": competencies,
            "can_edit": can_edit,
            "form": CompetencyForm(framework=framework) if can_edit else None,
        },
    )


def framework_edit(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_framework_to_edit(request, pk)
    form = FrameworkForm(request.POST or None, instance=framework)
    if form.is_valid():
        form.save()
        messages.success(request, _("Framework saved."))
        return redirect("studio:framework", framework.pk)
    return render(request, "studio/framework_form.html", {"form": form, "framework": framework})


def competency_create(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_framework_to_edit(request, pk)
    form = CompetencyForm(request.POST or None, framework=framework)
    if form.is_valid():
        form.save()
        messages.success(request, _("Competency added."))
        return redirect("studio:framework", framework.pk)
    return render(request, "studio/competency_form.html", {"form": form, "framework": framework})


def competency_edit(request: HttpRequest, pk: int, competency_pk: int) -> HttpResponse:
    competency = get_competency_to_edit(request, pk, competency_pk)
    framework = competency.framework
    form = CompetencyForm(request.POST or None, instance=competency, framework=framework)
    if form.is_valid():
        form.save()
        messages.success(request, _("Competency saved."))
        return redirect("studio:framework", framework.pk)
    return render(
        request,
        "studio/competency_form.html",
        {
            "form": form,
            "framework": framework,
            "competency": competency,
            "in_use": competency.is_used(),
        },
    )


@require_POST
def competency_delete(request: HttpRequest, pk: int, competency_pk: int) -> HttpResponse:
    competency = get_competency_to_edit(request, pk, competency_pk)
    if competency.is_used():
        messages.error(
            request,
            _(
                "“%(name)s” is not deleted: questions or quiz draws use it, and the answers "
                "already given and the mastery cadres earned on it refer to it. Rename it instead."
            )
            % {"name": competency.label},
        )
    else:
        competency.delete()
        messages.success(request, _("Competency deleted."))
    return redirect("studio:framework", pk)
