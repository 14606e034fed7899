"""Reading a case file: UTF-8, GB18030/GBK and Word documents in; everything else refused with
a message that says what to do; every input bounded (1 MB, and a .docx before it is unpacked)."""

import io
import struct
import zipfile
from io import StringIO

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx.oxml import parse_xml

from courses import case_files
from courses.case_files import GB18030, MAX_DOCX_UNPACKED_BYTES, UTF8, WORD, read_case
from courses.case_import import MAX_CASE_BYTES, CaseFormatError, decode_case, parse_case
from courses.models import Course
from tests.courses.cases import SEED_EN, SEED_ZH

SHORT_ZH = "问题？\n参考解析\n1. 一。"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bytes(lines: list[str], style: str | None = None) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def claim_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s uncompressed size in the central directory changed to `size`."""
    data = bytearray(data)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, at + 24, size)
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 1)
    raise AssertionError(f"{name} not in the zip")


def outline_of(data) -> dict:
    outline = parse_case(data)
    return {"intro": outline.intro, **outline.as_dict()}


# --- Text: UTF-8 first, GB18030 only for bytes that are not UTF-8 and read as Chinese -------


def test_the_chinese_seed_saved_as_gb18030_is_read_and_labelled():
    data = SEED_ZH.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the bytes the old importer refused
    case = read_case(data, "案例.txt")
    assert (case.encoding, case.text) == (GB18030, SEED_ZH)
    assert case.read_as == "Read as GB18030 (GBK) text"
    assert outline_of(data) == outline_of(SEED_ZH)


@pytest.mark.parametrize("text", [SHORT_ZH, "你好", "联通", "参考解析"])
def test_short_gbk_texts_are_detected_too(text):
    # charset-normalizer alone takes "你好" in GBK for Big5; such texts must still read right.
    case = read_case(text.encode("gbk"))
    assert (case.encoding, case.text) == (GB18030, text)


def test_gb18030_characters_beyond_gbk_and_its_bom_are_read():
    text = "𠀀字与€"  # four-byte GB18030 sequences
    case = read_case(b"\x841\x953" + text.encode("gb18030"))  # GB18030's own BOM
    assert (case.encoding, case.text) == (GB18030, text)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (SEED_ZH.encode("utf-8"), SEED_ZH),
        (SEED_ZH.encode("utf-8-sig"), SEED_ZH),
        (SEED_EN.encode("ascii"), SEED_EN),
        (b"\xef\xbb\xbf" + SEED_EN.encode(), SEED_EN),
        ("Café, naïve, 4,2 € — “quoted”".encode(), "Café, naïve, 4,2 € — “quoted”"),
        ("ӡ Ж".encode(), "ӡ Ж"),  # valid UTF-8 that GB18030 would also decode
    ],
    ids=["zh", "zh-bom", "ascii", "ascii-bom", "latin-utf8", "cyrillic-utf8"],
)
def test_utf8_with_or_without_bom_and_ascii_are_never_labelled_otherwise(data, text):
    case = read_case(data)
    assert (case.encoding, case.text) == (UTF8, text)
    assert case.read_as == "Read as UTF-8 text"


@pytest.mark.parametrize(
    "data",
    [
        "Résumé über Straße".encode("cp1252"),
        "問題？\n參考解析\n1. 現象。".encode("big5"),
        "これは日本語のテキストです。".encode("shift_jis"),
        b"\xef\xbb\xbf" + SHORT_ZH.encode("gbk"),  # a UTF-8 BOM, then GBK
    ],
    ids=["cp1252", "big5", "shift-jis", "bom-then-gbk"],
)
def test_text_neither_utf8_nor_gbk_is_refused_with_what_to_do(data):
    with pytest.raises(CaseFormatError, match="neither UTF-8 nor GBK.*Save it as UTF-8"):
        read_case(data)


def test_decode_case_and_parse_case_read_gbk_bytes():
    data = SEED_ZH.encode("gbk")
    assert decode_case(data) == SEED_ZH
    assert decode_case(SEED_ZH) == SEED_ZH
    assert parse_case(data).question == parse_case(SEED_ZH).question


# --- Word documents ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", [SEED_EN, SEED_ZH], ids=["en", "zh"])
def test_a_word_document_gives_its_paragraphs_in_order_and_the_same_outline(seed):
    lines = seed.splitlines()
    data = docx_bytes(lines)
    case = read_case(data, "case.docx")
    assert case.encoding == WORD
    assert case.read_as == "Read from a Word document"
    assert case.text.split("\n") == lines
    assert outline_of(data) == outline_of(seed)
    # Known by its content, not its name.
    assert read_case(data, "case.txt").text == case.text


def test_word_automatic_numbering_is_written_out_so_parts_stay_numbered():
    question, marker, *parts = SEED_ZH.splitlines()
    numbered = [part.split(". ", 1)[1] for part in parts if part[:1].isdigit()]
    document = docx.Document()
    document.add_paragraph(question)
    document.add_paragraph(marker)
    for text in numbered:
        document.add_paragraph(text, style="List Number")  # Word types the "1." itself
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_case(buffer.getvalue()).text
    assert text.split("\n")[2:] == [f"{n}. {t}" for n, t in enumerate(numbered, 1)]
    assert [p.number for p in parse_case(text).parts] == list(range(1, len(numbered) + 1))


def test_word_text_is_read_as_word_shows_it_tables_tracked_changes_breaks():
    document = docx.Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell one."
    table.cell(0, 1).text = "Cell two."
    paragraph = document.add_paragraph("Kept ")
    paragraph._p.append(
        parse_xml(
            f"<w:ins {W_NS} w:id='1' w:author='t' w:date='2024-01-01T00:00:00Z'>"
            "<w:r><w:t>inserted</w:t></w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f"<w:del {W_NS} w:id='2' w:author='t' w:date='2024-01-01T00:00:00Z'>"
            "<w:r><w:delText> deleted</w:delText></w:r></w:del>"
        )
    )
    run = document.add_paragraph("Line one").add_run()
    run.add_break()
    run.add_text("line two\tafter a tab")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_case(buffer.getvalue()).text == (
        "Before the table.\nCell one.\nCell two.\nKept inserted\nLine one\nline two\tafter a tab"
    )


# --- Refused, each with what to do instead -------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "case.pdf", "This is a PDF file.*Word document"),
        (
            bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504),
            "case.doc",
            r"old Word \(\.doc\) or WPS file.*save it as a Word document \(\.docx\)",
        ),
        (
            zip_bytes({"notes/readme.txt": b"hello", "case.txt": SHORT_ZH.encode()}),
            "case.zip",
            "compressed archive, not a Word document. Unpack it",
        ),
        (
            zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
            "case.xlsx",
            "Excel or PowerPoint file",
        ),
        (
            zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""}),
            "case.odt",
            r"OpenDocument file \(\.odt\)",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "case.png", "This is an image. A case must be"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "photo.jpg", "This is an image"),
        (b"{\\rtf1\\ansi Question?}", "case.rtf", "This is an RTF file"),
        (b"<!DOCTYPE html><html><body>Q?</body></html>", "case.htm", r"web page \(HTML\)"),
        (SEED_ZH.encode("utf-16"), "case.txt", "UTF-16.*choosing the encoding UTF-8"),
        (b"Q?\nReference analysis\n1. a\x00b", "case.txt", "NUL bytes, so it is not a text file"),
        (b"PK\x03\x04 not really a zip", "case.docx", "could not be read: it may be damaged"),
        (SEED_EN.encode(), "case.docx", "could not be read: it may be damaged"),
    ],
    ids=[
        "pdf",
        "doc",
        "zip",
        "xlsx",
        "odt",
        "png",
        "jpeg",
        "rtf",
        "html",
        "utf16",
        "nul",
        "broken-zip",
        "renamed",
    ],
)
def test_other_files_are_refused_with_a_message_that_says_what_to_do(data, filename, message):
    with pytest.raises(CaseFormatError, match=message):
        read_case(data, filename)


def test_a_docx_claiming_a_huge_unpacked_size_is_refused_before_python_docx_reads_it(
    monkeypatch,
):
    data = claim_size(docx_bytes(SEED_EN.splitlines()), "word/document.xml", 4_000_000_000)

    def must_not_open(*args, **kwargs):
        raise AssertionError("python-docx opened a zip bomb")

    monkeypatch.setattr(case_files.docx, "Document", must_not_open)
    with pytest.raises(CaseFormatError, match=r"unpacks to 38\d\d\.\d MB.*at most 10 MB"):
        read_case(data, "case.docx")


def test_a_small_docx_that_unpacks_to_more_than_the_bound_is_refused():
    document = docx_bytes(["Q?"])
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/media/padding.xml"] = b" " * (MAX_DOCX_UNPACKED_BYTES + 1)
    data = zip_bytes(members)
    assert len(data) < MAX_CASE_BYTES  # well under 1 MB on the wire
    with pytest.raises(
        CaseFormatError, match=r"unpacks to 1\d\.\d MB, more than a case needs \(at most 10 MB\)"
    ):
        read_case(data)


def test_over_one_megabyte_is_refused_as_bytes_and_as_text_extracted_from_word():
    with pytest.raises(CaseFormatError, match=r"too large \(1\.0 MB\).*at most 1 MB"):
        read_case(b"x" * (MAX_CASE_BYTES + 1))
    data = docx_bytes(["Q?", "Reference analysis", "1. " + "x" * MAX_CASE_BYTES])
    assert len(data) < MAX_CASE_BYTES  # the file is small; its text is not
    with pytest.raises(CaseFormatError, match="The text is too large"):
        read_case(data)


# --- The studio and the command read them too ----------------------------------------------


def upload(login, tom, name: str, data: bytes, **extra):
    file = SimpleUploadedFile(name, data)
    return login(tom).post(reverse("studio:import"), {"file": file, "study_hours": "1"}, **extra)


def test_a_trainer_uploads_a_gbk_file_sees_how_it_was_read_and_the_course_keeps_the_text(
    login, tom
):
    response = upload(login, tom, "案例.txt", SEED_ZH.encode("gbk"))
    html = response.content.decode()
    assert 'data-testid="read-as">Read as GB18030 (GBK) text<' in html
    assert response.context["outline"].question == parse_case(SEED_ZH).question
    assert not Course.objects.exists()
    # Confirming posts the decoded text back; the course stores it, not the GBK bytes.
    response = login(tom).post(
        reverse("studio:import"),
        {"text": response.context["text"], "study_hours": "1", "confirm": "yes"},
    )
    course = Course.objects.get()
    assert response["Location"] == reverse("studio:course", args=[course.slug])
    assert course.source_text == SEED_ZH.strip()  # the form strips the posted text's ends
    assert course.language == "zh-hans"


def test_a_trainer_uploads_a_word_document_and_the_preview_says_so(login, tom):
    response = upload(login, tom, "case.docx", docx_bytes(SEED_EN.splitlines()))
    assert 'data-testid="read-as">Read from a Word document<' in response.content.decode()
    assert len(response.context["outline"].parts) == len(parse_case(SEED_EN).parts)
    assert response.context["text"] == "\n".join(SEED_EN.splitlines())


def test_the_preview_says_how_it_was_read_in_the_interface_language(login, tom):
    response = upload(
        login, tom, "案例.txt", SEED_ZH.encode("gb18030"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    html = response.content.decode()
    assert 'data-testid="read-as">按 GB18030（GBK）编码读取<' in html
    response = upload(
        login, tom, "case.docx", docx_bytes(SEED_ZH.splitlines()), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert 'data-testid="read-as">从 Word 文档读取<' in response.content.decode()


def test_a_refused_upload_says_what_to_do_and_saves_nothing(login, tom):
    response = upload(login, tom, "case.pdf", b"%PDF-1.4\n1 0 obj")
    html = response.content.decode()
    assert "This is a PDF file" in html
    assert 'accept=".txt,.docx' in html  # the file picker offers the files that work
    assert "outline" not in response.context
    assert not Course.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "read_as"),
    [
        ("case.txt", SEED_ZH.encode("gb18030"), "Read as GB18030 (GBK) text"),
        ("case.docx", docx_bytes(SEED_ZH.splitlines()), "Read from a Word document"),
    ],
    ids=["gbk", "docx"],
)
def test_the_import_case_command_reads_gbk_and_word_files(tmp_path, name, data, read_as):
    path = tmp_path / name
    path.write_bytes(data)
    out = StringIO()
    call_command("import_case", str(path), "--course", "paperless", stdout=out)
    course = Course.objects.get(slug="paperless")
    assert course.source_text == read_case(data).text
    assert "参考解析" in course.source_text
    assert len(course.outline["parts"]) == len(parse_case(SEED_ZH).parts)
    assert f"({read_as})." in out.getvalue()


@pytest.mark.django_db
def test_the_import_case_command_refuses_an_old_doc_and_saves_nothing(tmp_path):
    path = tmp_path / "case.doc"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    with pytest.raises(CommandError, match=r"case\.doc: This is an old Word"):
        call_command("import_case", str(path), stdout=StringIO())
    assert not Course.objects.exists()
