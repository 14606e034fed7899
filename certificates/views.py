"""The cadre's certificates, each as a printable page and a PDF, and the public verification
page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from people.access import require_role
from people.limits import rate_limited

from . import documents
from .access import get_certificate_for
from .models import Certificate
from .services import active_institution, normalise_code, without_certificate


def mine(request: HttpRequest) -> HttpResponse:
    require_role(request, "cadre")
    certificates = list(Certificate.objects.filter(user=request.user).order_by("-issued_at", "-pk"))
    return render(
        request,
        "certificates/mine.html",
        {
            "certificates": certificates,
            "institution": active_institution(),
            # Completions from before an institution was set up: the page says why they
            # have no certificate.
            "missing": without_certificate().filter(user=request.user).count(),
        },
    )


def certificate(request: HttpRequest, code: str) -> HttpResponse:
    item = get_certificate_for(request, code)
    return render(request, "certificates/certificate.html", documents.context(item, request))


def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The PDF, in the interface's language. Only a valid certificate: a revoked or replaced
    one stays readable on its page (marked so), but is not handed out as a clean document."""
    item = get_certificate_for(request, code)
    if not item.is_valid:
        raise Http404
    language = get_language()
    response = HttpResponse(
        documents.render_pdf(item, language, request), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{item.code}-{language}.pdf"'
    )
    return response


@login_not_required
@require_safe
@rate_limited("VERIFY_RATE")
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Valid, revoked or replaced, with the name, course, hours and date of issue: nothing else
    about the person. An unknown code is a 404 that says so. Rate-limited per address, so codes
    cannot be tried in bulk (they are not guessable anyway)."""
    code = normalise_code(code)
    item = Certificate.objects.filter(code=code).first()
    if item is None:
        return render(request, "certificates/verify_unknown.html", {"code": code}, status=404)
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": item,
            "course_title": item.course_title(),
            "institution_name": item.institution_name(),
        },
    )
