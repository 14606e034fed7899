"""The cadre's certificates, each as a printable page and a PDF; the public verification
page; HR's ZIPs of the certificates of their units."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from people.access import require_role
from people.limits import rate_limited

from . import archives, documents
from .access import get_archive_for, get_certificate_for
from .forms import ArchiveForm
from .models import Certificate, CertificateArchive
from .services import active_institution, normalise_code, without_certificate

security_log = logging.getLogger("cadre.security")
ARCHIVES_LISTED = 20
ARCHIVE_REFRESH_SECONDS = 3


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


@rate_limited("PDF_RATE")
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


# --- HR: the certificates of a unit as one ZIP ---------------------------------------------


@require_http_methods(["GET", "POST"])
def archives_page(request: HttpRequest) -> HttpResponse:
    """Ask for a ZIP (POST: queued for the worker, then its page) and list one's own."""
    officer = require_role(request, "hr")
    form = ArchiveForm(
        request.POST if request.method == "POST" else None,
        officer=officer,
        initial={"language": get_language()},
    )
    if form.is_valid():
        try:
            archive = archives.request_archive(officer, **form.cleaned_data)
        except archives.ArchiveError as error:
            messages.error(request, str(error))
        else:
            return redirect(archive)
    recent = CertificateArchive.objects.filter(requested_by=request.user).select_related(
        "unit", "course"
    )[:ARCHIVES_LISTED]
    return render(
        request,
        "certificates/archives.html",
        {
            "form": form,
            "archives": recent,
            "hours_kept": settings.CERTIFICATE_ARCHIVE_HOURS,
            "archive_max": settings.CERTIFICATE_ARCHIVE_MAX,
            "section": "certificates",
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_safe
def archive(request: HttpRequest, token) -> HttpResponse:
    """An archive's progress; the page reloads itself (a meta refresh: the CSP allows no
    inline script) until it is ready or failed."""
    item = get_archive_for(request, token)
    stalled = archives.is_stalled(item)
    return render(
        request,
        "certificates/archive.html",
        {
            "archive": item,
            "stalled": stalled,
            "waiting_long": archives.is_waiting_long(item),
            "refresh_seconds": ARCHIVE_REFRESH_SECONDS if item.in_progress and not stalled else 0,
            # A ready ZIP is offered only when it may still be handed out.
            "refusal": _refusal(item) if item.status == CertificateArchive.Status.READY else "",
            "section": "certificates",
        },
    )


def _refusal(item: CertificateArchive) -> str:
    """Why a built ZIP is no longer handed out (its units are no longer the officer's, or a
    certificate in it has been revoked or replaced since); empty when it is."""
    try:
        archives.scope_for(item)
    except archives.ArchiveError as error:
        return str(error)
    changed = archives.outdated(item)
    if changed:
        return ngettext(
            "A certificate in this ZIP has been revoked or replaced since it was built, so it "
            "is no longer handed out. Ask for it again.",
            "%(count)d certificates in this ZIP have been revoked or replaced since it was "
            "built, so it is no longer handed out. Ask for it again.",
            changed,
        ) % {"count": changed}
    return ""


@require_safe
def archive_download(request: HttpRequest, token) -> HttpResponse:
    item = get_archive_for(request, token)
    path = archives.archive_path(item)
    if item.status != CertificateArchive.Status.READY or not path.is_file():
        raise Http404
    if _refusal(item):  # checked at the moment of the download; the page says why
        raise Http404
    security_log.info(
        "certificate archive downloaded archive=%s user=%r certificates=%d",
        item.token,
        request.user.get_username(),
        item.total,
    )
    name = f"certificates-{timezone.localtime(item.finished_at):%Y%m%d-%H%M}.zip"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
