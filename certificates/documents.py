"""A certificate as a page and as a PDF: one template, the same words, the QR code of its
verification address.

The PDF is WeasyPrint's (HTML and CSS to PDF): Chinese is set in Noto CJK, from Debian's
`fonts-noto-cjk` found through fontconfig, and embedded as a subset of the characters used
(about 200 KB), so it reads on any machine and no font is downloaded. WeasyPrint fetches
nothing: `StaticFilesOnly` serves the certificate's stylesheet from disk, data: URIs (the
seal) stay in the process, and every other address is refused.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Certificate

# The address the PDF's HTML is rendered at: never resolved, only recognised by the fetcher.
PDF_ORIGIN = "https://certificate.invalid"


def verify_url(code: str, request: HttpRequest | None = None) -> str:
    """The absolute address anyone checks the certificate at: SITE_URL + /verify/<code>
    (the request's own host only when SITE_URL is unset, as in a bare checkout)."""
    path = reverse("certificates:verify", args=[code])
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + path
    return request.build_absolute_uri(path) if request is not None else path


def qr_code(url: str) -> segno.QRCode:
    # Medium error correction: a crease or a stamp over a corner still scans.
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str) -> str:
    """The QR code as inline SVG (no style attribute: the CSP refuses inline styles)."""
    return qr_code(url).svg_inline(
        border=2,
        omitsize=True,  # a viewBox instead: the stylesheet sizes it, on screen and on paper
        svgclass="certificate-qr",
        title=_("QR code of %(url)s") % {"url": url},
    )


def context(certificate: Certificate, request: HttpRequest | None = None) -> dict:
    """What the certificate template shows, in the active language."""
    url = verify_url(certificate.code, request)
    return {
        "certificate": certificate,
        "course_title": certificate.course_title(),
        "institution_name": certificate.institution_name(),
        "rule_text": certificate.rule_text(),
        "verify_url": url,
        "qr_svg": qr_svg(url),
        "seal_uri": certificate.seal.data_uri if certificate.seal_id else "",
    }


# --- PDF ------------------------------------------------------------------------------------


def static_file(name: str) -> Path | None:
    """A static file on disk by its name under STATIC_URL: from the source folders (a
    checkout) or STATIC_ROOT (after collectstatic, hashed names included); None otherwise.
    Both refuse a name that climbs out of their folders."""
    try:
        found = finders.find(name)
        if found:
            return Path(found)
        path = Path(staticfiles_storage.path(name))
    except Exception:  # SuspiciousFileOperation, NotImplementedError: not a file we serve
        return None
    return path if path.is_file() else None


def _weasyprint_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        """Static files from disk and inline data; every other address is refused, so a PDF
        never makes a request (and a URL in the content can never make it make one)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)  # decoded in the process: urllib's data:
            prefix = PDF_ORIGIN + settings.STATIC_URL
            if not url.startswith(prefix):
                raise ValueError(f"a certificate PDF fetches nothing: {url}")
            path = static_file(unquote(url[len(prefix) :].split("?")[0].split("#")[0]))
            if path is None:
                raise ValueError(f"not a static file: {url}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})

    return StaticFilesOnly


def fetcher():
    return _weasyprint_fetcher()()


def render_pdf(certificate: Certificate, language: str | None = None, request=None) -> bytes:
    """The certificate as an A4 PDF in `language` (default: the active one). Needs no request,
    so a background task can build many (`services.certificates_for`)."""
    from weasyprint import HTML

    with translation.override(language or translation.get_language()):
        html = render_to_string("certificates/pdf.html", context(certificate, request))
    return HTML(string=html, base_url=PDF_ORIGIN + "/", url_fetcher=fetcher()).write_pdf()
