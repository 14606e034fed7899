"""The certificate as a page and as a PDF, in Chinese and English: the words, the embedded
font, the size, the QR code of the verification address, and nothing fetched."""

import io
import re
import socket

import pytest
import segno
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from certificates import documents
from certificates.models import Certificate

pytestmark = pytest.mark.django_db

MAX_PDF_BYTES = 500 * 1024


@pytest.fixture
def certificate(completion) -> Certificate:
    return completion.certificates.get()


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a certificate made a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1  # one sheet
    return re.sub(r"\s+", "", reader.pages[0].extract_text())


def embedded_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name, has an embedded font file) for every font of the first page."""
    reader = PdfReader(io.BytesIO(data))
    fonts = []
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        fonts.append((str(font["/BaseFont"]), embedded))
    return fonts


def test_the_chinese_pdf_reads_as_chinese_with_the_font_embedded(certificate, no_network):
    data = documents.render_pdf(certificate, "zh-hans")
    assert data.startswith(b"%PDF")
    assert len(data) < MAX_PDF_BYTES, f"{len(data)} bytes"
    text = pdf_text(data)
    for words in ("结业证书", "王建国", "乡镇工作组的设置与精简", "0.25学时", "青山县委党校"):
        assert words in text, words
    assert certificate.code in text
    assert "http://127.0.0.1:8000/verify/" + certificate.code in text
    fonts = embedded_fonts(data)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    # A subset (its name carries the six-letter tag), of Noto CJK: not the whole 20 MB font.
    assert all(re.match(r"/[A-Z]{6}\+Noto", name) for name, _e in fonts), fonts


def test_the_english_pdf(certificate, no_network):
    text = pdf_text(documents.render_pdf(certificate, "en"))
    assert "Certificateofcompletion" in text
    assert "QingshanCountyPartySchool" in text
    assert "王建国" in text  # the name as it is written
    assert "creditedwith0.25studyhours" in text
    assert "乡镇工作组的设置与精简" in text  # no English version: the original's title


def test_the_pdf_download_is_in_the_interface_language(certificate, login, wang):
    client = login(wang)
    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.code}-en.pdf"'
    )
    assert "Certificateofcompletion" in pdf_text(response.content)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert "结业证书" in pdf_text(response.content)


def test_the_fetcher_serves_static_files_and_refuses_everything_else(no_network):
    fetch = documents.fetcher()
    css = fetch(documents.PDF_ORIGIN + "/static/css/certificate.css")
    assert b".certificate" in css.read()
    for url in (
        "http://example.com/x.png",
        "https://fonts.example/noto.woff2",
        "file:///etc/passwd",
        documents.PDF_ORIGIN + "/static/../training/settings.py",
        documents.PDF_ORIGIN + "/static/%2e%2e/training/settings.py",
        documents.PDF_ORIGIN + "/admin/",
    ):
        with pytest.raises(ValueError):
            fetch(url)
    assert fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_a_url_in_the_html_is_never_fetched(certificate, no_network, monkeypatch):
    """Whatever ends up in the certificate's HTML, WeasyPrint asks only our fetcher."""
    from weasyprint import HTML

    asked = []
    fetcher = documents.fetcher()
    real = fetcher.fetch

    def spy(url, headers=None):
        asked.append(url)
        return real(url, headers)

    fetcher.fetch = spy
    html = '<img src="http://example.com/x.png"><link rel="stylesheet" href="https://cdn.example/a.css">'
    HTML(string=html, base_url=documents.PDF_ORIGIN + "/", url_fetcher=fetcher).write_pdf()
    assert set(asked) == {"http://example.com/x.png", "https://cdn.example/a.css"}


def test_the_qr_code_encodes_the_verification_address(certificate, login, wang):
    url = "http://127.0.0.1:8000/verify/" + certificate.code
    assert documents.verify_url(certificate.code) == url
    page = login(wang).get(certificate.get_absolute_url()).content.decode()
    with translation.override("en"):
        expected = documents.qr_svg(url)
    assert expected in page
    # The drawing is the matrix of that very address (and not of another code's).
    ours = segno.make(url, error="m", micro=False)
    other = segno.make(url[:-1] + ("A" if url[-1] != "A" else "B"), error="m", micro=False)
    assert ours.matrix != other.matrix
    assert _svg_modules(expected) == _dark_modules(ours)


def _dark_modules(qr) -> set[tuple[int, int]]:
    return {(x, y) for y, row in enumerate(qr.matrix) for x, dark in enumerate(row) if dark}


def _svg_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules segno's path draws: runs of "h" moves along rows (border 2)."""
    path = re.search(r' d="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for command, a, b in re.findall(r"([Mmh])(-?\d+(?:\.\d+)?)(?:[ ,]?(-?\d+(?:\.\d+)?))?", path):
        a = float(a)
        if command == "M":
            x, y = a, float(b)
        elif command == "m":
            x, y = x + a, y + float(b)
        else:  # h: a horizontal run of `a` dark modules at row y
            dark |= {(int(x) + i - 2, int(y - 0.5) - 2) for i in range(int(a))}
            x += a
    return dark


def test_the_page_shows_what_the_pdf_says(certificate, login, wang, settings):
    client = login(wang)
    response = client.get(certificate.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "王建国" in page and "乡镇工作组的设置与精简" in page and certificate.code in page
    assert "Qingshan County Party School" in page
    assert 'src="data:image/png;base64,' in page  # the seal, inline
    assert " style=" not in page  # the CSP refuses inline styles
    client.cookies["django_language"] = "zh-hans"
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "青山县委党校" in page


def test_a_revoked_certificate_is_marked_and_has_no_pdf(certificate, login, wang, hr_town):
    from records.services import record_void

    record_void(record=certificate.record, reason="Entered twice", by=hr_town.user)
    client = login(wang)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "Revoked on" in page and "no longer valid" in page
    assert reverse("certificates:pdf", args=[certificate.code]) not in page
    assert client.get(reverse("certificates:pdf", args=[certificate.code])).status_code == 404
