"""Who may open a certificate: its owner, and an HR officer whose units hold its owner (read
only). Anyone else gets a 404, as for anything they may not know exists; the public sees only
what /verify/<code> says."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from people.models import Profile

from .models import Certificate
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
