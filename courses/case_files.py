"""Read the bytes of a case file into text: UTF-8, GB18030/GBK or a Word document (.docx).

`read_case()` is pure (no database) and bounded: at most `MAX_CASE_BYTES` of input and of
extracted text; a .docx is measured in its zip directory before anything is unpacked. Anything
else (PDF, an old .doc, an image, an archive, UTF-16, binary) raises `CaseFormatError` with a
message that says what the file is and what to do instead.

Text is read by the site's one rule for uploaded text (`people.text_files.decode_text`): strict
UTF-8 first, GB18030 (GBK) only for bytes that are not UTF-8 and look Chinese.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx
from django.utils.translation import gettext as _

from people.text_files import GB18030, UTF8, UndecodableText, decode_text  # noqa: F401 (UTF8: a CaseText label)

from .case_import import MAX_CASE_BYTES, CaseFormatError

WORD = "Word document"

# A .docx is a zip of XML parts and media; unpacked, the parts of a case fill well under this.
MAX_DOCX_UNPACKED_BYTES = 10 * MAX_CASE_BYTES
MAX_DOCX_MEMBERS = 1000
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
DOCX_MAIN = "word/document.xml"
DOCX_MAIN_TYPE = b"wordprocessingml.document.main+xml"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass(frozen=True)
class CaseText:
    text: str
    encoding: str  # UTF8, GB18030 or WORD: a label for people, not a codec name

    @property
    def read_as(self) -> str:
        """How the file was read, in the interface language, for the import preview."""
        if self.encoding == WORD:
            return _("Read from a Word document")
        if self.encoding == GB18030:
            return _("Read as GB18030 (GBK) text")
        return _("Read as UTF-8 text")


def read_case(data: bytes, filename: str = "") -> CaseText:
    """The text of a case file, or CaseFormatError saying what the file is and what to do."""
    if len(data) > MAX_CASE_BYTES:
        raise CaseFormatError(_too_large_file(len(data)))
    _refuse_known_formats(data, filename.lower())
    if data.startswith(ZIP_MAGIC):
        return CaseText(_docx_text(data), WORD)
    if filename.lower().endswith(".docx"):
        raise CaseFormatError(_damaged_docx())
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CaseFormatError(
            _(
                "This text file is saved as UTF-16 (“Unicode” in Notepad). Save it again "
                "choosing the encoding UTF-8, then upload it."
            )
        )
    if b"\x00" in data:
        raise CaseFormatError(
            _(
                "This file contains NUL bytes, so it is not a text file. Upload the case as a "
                "text file (UTF-8 or GBK) or as a Word document (.docx)."
            )
        )
    return _decode_text(data)


def _decode_text(data: bytes) -> CaseText:
    try:
        text, encoding = decode_text(data)
    except UndecodableText as error:
        raise CaseFormatError(
            _(
                "This file is neither UTF-8 nor GBK text (unreadable byte at position %(pos)s). "
                "Save it as UTF-8 text or as a Word document (.docx) and try again."
            )
            % {"pos": error.position}
        ) from error
    return CaseText(text, encoding)


# Formats a trainer may pick by mistake, told apart by their first bytes.
def _refuse_known_formats(data: bytes, filename: str) -> None:
    head = data[:1024]
    if b"%PDF-" in head:
        raise CaseFormatError(
            _(
                "This is a PDF file, which cannot be read as a case. Save the case as a Word "
                "document (.docx) or a text file and upload that."
            )
        )
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise CaseFormatError(
            _(
                "This is an old Word (.doc) or WPS file. Open it in Word or WPS, save it as a "
                "Word document (.docx) or a text file, and upload that."
            )
        )
    if (
        data.startswith(
            (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
        )
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        or data[4:12]
        in (
            b"ftypheic",
            b"ftypheix",
            b"ftypmif1",
        )
    ):
        raise CaseFormatError(
            _(
                "This is an image. A case must be text: paste it, or upload it as a Word "
                "document (.docx) or a text file."
            )
        )
    if data.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        raise CaseFormatError(_not_a_docx_archive())
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise CaseFormatError(
            _(
                "This is an RTF file. Open it in Word or WPS, save it as a Word document "
                "(.docx) or a text file, and upload that."
            )
        )
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].lower()
    if start.startswith((b"<!doctype html", b"<html")) or filename.endswith((".htm", ".html")):
        raise CaseFormatError(
            _(
                "This is a web page (HTML). Save the case as a Word document (.docx) or a text "
                "file and upload that."
            )
        )


def _docx_text(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CaseFormatError(_damaged_docx()) from exc
    names = {m.filename for m in members}
    unpacked = sum(m.file_size for m in members)
    if len(members) > MAX_DOCX_MEMBERS or unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise CaseFormatError(
            _(
                "This file unpacks to %(size).1f MB, more than a case needs (at most "
                "%(limit)s MB). Save the case as a text file, or remove pictures from the "
                "document, and try again."
            )
            % {"size": unpacked / 1024 / 1024, "limit": MAX_DOCX_UNPACKED_BYTES // 1024 // 1024}
        )
    if DOCX_MAIN not in names and not _declares_word_main(archive, names):
        if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
            raise CaseFormatError(
                _(
                    "This is an Excel or PowerPoint file, not a Word document. Copy the case "
                    "into a Word document (.docx) or a text file and upload that."
                )
            )
        if "mimetype" in names and "content.xml" in names:
            raise CaseFormatError(
                _(
                    "This is an OpenDocument file (.odt). Save it as a Word document (.docx) "
                    "or a text file and upload that."
                )
            )
        raise CaseFormatError(_not_a_docx_archive())
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(_DocxLines(document).lines())
    except CaseFormatError:
        raise
    except Exception as exc:  # whatever fails in an untrusted file, the file is damaged
        raise CaseFormatError(_damaged_docx()) from exc
    size = len(text.encode("utf-8"))
    if size > MAX_CASE_BYTES:
        raise CaseFormatError(
            _("The text is too large (%(size).1f MB); a case may be at most %(limit)s MB.")
            % {"size": size / 1024 / 1024, "limit": MAX_CASE_BYTES // 1024 // 1024}
        )
    return text


def _declares_word_main(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """A Word document whose main part has another name, as some generators write it."""
    name = "[Content_Types].xml"
    if name not in names or archive.getinfo(name).file_size > MAX_CASE_BYTES:
        return False
    return DOCX_MAIN_TYPE in archive.read(name)


class _DocxLines:
    """The paragraphs of a document's body in order, one line each, with list numbers.

    Paragraphs of tables, content controls and text boxes are included where they stand;
    text of tracked insertions is kept and tracked deletions dropped, as Word shows the
    document. Automatic list numbers ("1." typed by Word, not by the trainer) are written out
    for decimal lists, so numbered parts stay numbered.
    """

    def __init__(self, document):
        self.document = document
        self.levels = self._numbering_levels()
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = {
            s.get(f"{W}styleId"): s for s in document.styles.element.iterchildren(f"{W}style")
        }

    def lines(self) -> list[str]:
        body = self.document.element.body
        lines = []
        for p in body.iter(f"{W}p"):
            if any(a.tag == MC_FALLBACK for a in p.iterancestors()):
                continue  # the same content as the mc:Choice beside it
            # Numbered even when empty, as Word shows it ("2." alone is an empty part 2).
            lines.append(self._number(p) + "".join(self._text(p)))
        return lines

    def _text(self, element):
        for child in element:
            tag = child.tag
            if tag == f"{W}t":
                yield child.text or ""
            elif tag == f"{W}tab":
                yield "\t"
            elif tag in (f"{W}br", f"{W}cr"):
                yield "\n"
            elif tag == f"{W}noBreakHyphen":
                yield "-"
            elif tag in (f"{W}del", f"{W}p", f"{W}txbxContent", MC_FALLBACK, f"{W}pPr"):
                continue  # deleted text; nested paragraphs come as lines of their own
            elif isinstance(tag, str):
                yield from self._text(child)

    # Word's automatic numbering: w:numPr on the paragraph or its style -> "1. "
    def _numbering_levels(self) -> dict[str, dict[int, tuple[str, str, int]]]:
        """numId -> level -> (format, level text such as "%1.", start)."""
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return {}
        abstract = {}
        for a in numbering.iterchildren(f"{W}abstractNum"):
            levels = {}
            for lvl in a.iterchildren(f"{W}lvl"):
                levels[_int(lvl.get(f"{W}ilvl"))] = (
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    _int(_val(lvl, "start"), 1),
                )
            abstract[a.get(f"{W}abstractNumId")] = levels
        nums = {}
        for num in numbering.iterchildren(f"{W}num"):
            levels = dict(abstract.get(_val(num, "abstractNumId"), {}))
            for override in num.iterchildren(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"))
                start = _val(override, "startOverride")
                if ilvl in levels and start is not None:
                    fmt, text, _start = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start, 1))
            nums[num.get(f"{W}numId")] = levels
        return nums

    def _num_pr(self, p) -> tuple[str | None, int]:
        num_id, ilvl = None, None
        ppr = p.find(f"{W}pPr")
        style = None
        if ppr is not None:
            style = _val(ppr, "pStyle")
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        seen = set()
        while num_id is None and style in self.styles and style not in seen:
            seen.add(style)
            sppr = self.styles[style].find(f"{W}pPr")
            num_pr = sppr.find(f"{W}numPr") if sppr is not None else None
            if num_pr is not None:
                num_id = _val(num_pr, "numId")
                ilvl = ilvl if ilvl is not None else _val(num_pr, "ilvl")
            style = _val(self.styles[style], "basedOn")
        return num_id, _int(ilvl)

    def _number(self, p) -> str:
        num_id, ilvl = self._num_pr(p)
        levels = self.levels.get(num_id or "0")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            del counters[deeper]  # a new item restarts the levels below it
        fmt, text, _start = levels[ilvl]
        if fmt != "decimal" or not text:
            return ""  # bullets, 一、二、 and the like: not part numbers
        for lvl in range(ilvl + 1):
            value = counters.get(lvl, levels.get(lvl, ("", "", 1))[2])
            text = text.replace(f"%{lvl + 1}", str(value))
        return text + " "


def _val(element, child: str) -> str | None:
    found = element.find(f"{W}{child}")
    return None if found is None else found.get(f"{W}val")


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _too_large_file(size: int) -> str:
    # MAX_CASE_BYTES is 1 MB, as the message (already translated) says.
    return _("The file is too large (%(size).1f MB); a case may be at most 1 MB.") % {
        "size": size / 1024 / 1024
    }


def _damaged_docx() -> str:
    return _(
        "This Word document could not be read: it may be damaged, or not really a .docx. Open "
        "it in Word or WPS, save it again as a Word document (.docx) or a text file, and try "
        "again."
    )


def _not_a_docx_archive() -> str:
    return _(
        "This is a compressed archive, not a Word document. Unpack it and upload the case "
        "itself as a Word document (.docx) or a text file."
    )
