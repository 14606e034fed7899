"""Who may open a certificate: its owner, and an HR officer whose units hold its owner (read
only). Anyone else gets a 404, as for anything they may not know exists; the public sees only
what /verify/<code> says. An archive of certificates: only the officer who asked for it."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from people.access import require_role
from people.models import Profile

from .models import Certificate, CertificateArchive
from .services import normalise_code


def get_certificate_for(request: HttpRequest, code: str) -> Certificate:
    certificate = (
        Certificate.objects.filter(code=normalise_code(code)).select_related("seal").first()
    )
    if certificate is None:
        raise Http404
    if certificate.user_id == request.user.pk:
        return certificate
    if Profile.objects.visible_to(request.user).filter(user_id=certificate.user_id).exists():
        return certificate
    raise Http404


def get_archive_for(request: HttpRequest, token) -> CertificateArchive:
    """An archive of certificates, for the HR officer who asked for it only; 404 for anyone
    else, another officer of the same units included (each asks for their own). Whether its
    units are still the officer's is checked where its certificates are read
    (`archives.scope_for`)."""
    require_role(request, "hr")
    archive = (
        CertificateArchive.objects.filter(token=token, requested_by_id=request.user.pk)
        .select_related("requested_by", "unit", "course")
        .first()
    )
    if archive is None:
        raise Http404
    return archive
