"""Studio: a case text becomes a course. Parse and show first; save only on confirmation."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from courses.case_import import CaseFormatError, parse_case, propose_title, slug_for
from courses.mindmap import render_mindmaps
from courses.services import course_import_case, free_slug
from people.limits import rate_limited

from ..access import require_trainer
from ..forms import CaseConfirmForm, CaseImportForm


@rate_limited("PREVIEW_RATE", method="POST")
def import_case(request: HttpRequest) -> HttpResponse:
    require_trainer(request)
    form = CaseImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "studio/import.html", {"form": form})
    text = form.cleaned_data["text"]
    read_as = form.cleaned_data.get("read_as", "")  # how an uploaded file was decoded
    try:
        outline = parse_case(text)
    except CaseFormatError as error:
        form.add_error("file" if form.cleaned_data.get("file") else "text", str(error))
        return render(request, "studio/import.html", {"form": form, "read_as": read_as})
    if request.POST.get("confirm") != "yes":
        tree = outline.as_dict()
        # A short title for the trainer to accept or change before anything is saved, and the
        # address it would get (pinyin for Chinese, whole words for English).
        title = form.cleaned_data["title"] or propose_title(outline.question)
        return render(
            request,
            "studio/import_preview.html",
            {
                "form": form,
                "outline": outline,
                "tree": tree,
                "mindmap": render_mindmaps(tree, language=outline.language),
                "text": text,
                "read_as": read_as,
                "confirm_form": CaseConfirmForm(initial={"title": title}),
                "address": free_slug(slug_for(title)) if slug_for(title) else "",
            },
        )
    try:
        course = course_import_case(
            data=text,
            owner=request.user,
            title=form.cleaned_data["title"] or None,
            study_hours=form.cleaned_data["study_hours"],
        )
    except CaseFormatError as error:
        form.add_error("text", str(error))
        return render(request, "studio/import.html", {"form": form})
    messages.success(
        request,
        _("Draft course created with %(n)s lessons. Check them, then publish.")
        % {"n": course.lessons.count()},
    )
    return redirect("studio:course", course.slug)
