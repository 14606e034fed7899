"""Parse a case analysis text into an outline: question, numbered parts, sub-points.

The shape trainers write (English or Chinese, detected, never declared):

    <question, one or more lines>
    Reference analysis            | 参考解析
    1. <part> ... First, ... Second, ... Third, ...    | 1. <部分> ……第一，……；第二，……
    2. <part> ...
    mind map                      | 思维导图          (optional, last line)

Parsing is pure (no database): `parse_case()` returns a `CaseOutline` or raises
`CaseFormatError` with a message a trainer can act on. Every sentence of the source ends up in
the outline: the question, any text between the marker and part 1, each part's lead text and
each sub-point.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_CASE_BYTES = 1024 * 1024  # a case is a few pages; 1 MB leaves room and stops floods

ANALYSIS_MARKER = re.compile(r"^\s*(reference\s+analysis|参考解析)\s*[:：]?\s*$", re.IGNORECASE)
MINDMAP_MARKER = re.compile(r"^\s*(mind\s*map|思维导图)\s*[-—:：.。]*\s*$", re.IGNORECASE)
PART_START = re.compile(r"^\s*(\d{1,2})\s*[.．、)）]\s*")

EN_ORDINALS = [
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
]
ZH_ORDINALS = ["第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十"]
# A sub-point marker starts the text or follows the end of a sentence or clause, and is
# followed by a comma or colon: "…problems; Second, some…" or "…。第二，…". Lower-case "first"
# inside a sentence ("the first time") is not a marker.
_BOUNDARY = r"(?:^|(?<=[.;:!?。；：！？])\s*)"
_AFTER = r"\s*[,，、:：]\s*"

HEADING_MAX_WORDS = 6  # "Countermeasures and suggestions." is a heading, a long sentence is not
HEADING_MAX_CJK = 12  # "点明现象。" is a heading


class CaseFormatError(ValueError):
    """The text is not a case in the expected shape; the message says what and where."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(
            message
            if line is None
            else _("Line %(line)s: %(message)s")
            % {
                "line": line,
                "message": message,
            }
        )


@dataclass
class CasePart:
    number: int
    title: str  # a heading sentence, or the opening words when the part has none
    lead: str  # text before the first sub-point (may be empty)
    points: list[str] = field(default_factory=list)
    heading: bool = False  # the title is the part's own heading sentence, not repeated in lead


@dataclass
class CaseOutline:
    question: str
    language: str  # "zh-hans" or "en"
    intro: str = ""  # text between the marker and part 1
    parts: list[CasePart] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The tree the mind map draws: stored on the course as JSON."""
        return {
            "question": self.question,
            "language": self.language,
            "parts": [
                {"number": p.number, "title": p.title, "points": [short_label(t) for t in p.points]}
                for p in self.parts
            ],
        }


def decode_case(data: bytes | str) -> str:
    if isinstance(data, str):
        if len(data.encode("utf-8")) > MAX_CASE_BYTES:
            raise CaseFormatError(_too_large(len(data.encode("utf-8"))))
        return data
    if len(data) > MAX_CASE_BYTES:
        raise CaseFormatError(_too_large(len(data)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseFormatError(
            _(
                "The file is not UTF-8 text (unreadable byte at position %(pos)s). "
                "Save it as UTF-8 and try again."
            )
            % {"pos": exc.start}
        ) from exc


def _too_large(size: int) -> str:
    return _("The text is too large (%(size).1f MB); a case may be at most %(limit)s MB.") % {
        "size": size / 1024 / 1024,
        "limit": MAX_CASE_BYTES // 1024 // 1024,
    }


def detect_language(text: str) -> str:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in text if ch.isalpha())
    return "zh-hans" if letters and cjk / letters > 0.3 else "en"


def parse_case(data: bytes | str) -> CaseOutline:
    text = unicodedata.normalize("NFC", decode_case(data)).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise CaseFormatError(_("The text contains NUL bytes: is this a binary file?"))
    lines = text.split("\n")
    if not text.strip():
        raise CaseFormatError(_("The text is empty."))

    marker = next((i for i, line in enumerate(lines) if ANALYSIS_MARKER.match(line)), None)
    if marker is None:
        raise CaseFormatError(
            _(
                "No 'Reference analysis' (参考解析) line found. Put it on a line of its own "
                "between the question and the numbered parts."
            )
        )
    question = _join(lines[:marker])
    if not question:
        raise CaseFormatError(
            _("The question is missing: write it above the 'Reference analysis' line."), marker + 1
        )

    body = lines[marker + 1 :]
    last = max((i for i, line in enumerate(body) if line.strip()), default=None)
    if last is not None and MINDMAP_MARKER.match(body[last]):
        body = body[:last]

    intro_lines: list[str] = []
    chunks: list[tuple[int, int, list[str]]] = []  # (number, source line, lines)
    for offset, line in enumerate(body):
        match = PART_START.match(line)
        if match:
            number = int(match.group(1))
            expected = len(chunks) + 1
            if number != expected:
                raise CaseFormatError(
                    _("Part %(found)s found where part %(expected)s was expected.")
                    % {"found": number, "expected": expected},
                    marker + offset + 2,
                )
            chunks.append((number, marker + offset + 2, [line[match.end() :]]))
        elif chunks:
            chunks[-1][2].append(line)
        else:
            intro_lines.append(line)
    if not chunks:
        raise CaseFormatError(
            _("No numbered parts (1. 2. 3. …) found after the 'Reference analysis' line."),
            marker + 1,
        )

    language = detect_language(text)
    parts = []
    for number, line_no, part_lines in chunks:
        part_text = _join(part_lines)
        if not part_text:
            raise CaseFormatError(_("Part %(number)s is empty.") % {"number": number}, line_no)
        parts.append(_parse_part(number, part_text))
    return CaseOutline(question=question, language=language, intro=_join(intro_lines), parts=parts)


def _join(lines: list[str]) -> str:
    """Paragraphs separated by one blank line, inner whitespace kept as written."""
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _parse_part(number: int, text: str) -> CasePart:
    lead, points = split_points(text)
    heading = _heading_sentence(lead)
    if heading:
        lead = lead[len(heading) :].strip()
        return CasePart(number, heading.rstrip("。.：:"), lead, points, heading=True)
    return CasePart(number, short_label(lead or points[0], limit=72), lead, points)


def split_points(text: str) -> tuple[str, list[str]]:
    """Split a part at First/Second/Third… (or 第一/第二/第三…) taken in order."""
    for ordinals in (EN_ORDINALS, ZH_ORDINALS):
        starts = []
        search_from = 0
        for word in ordinals:
            pattern = re.compile(_BOUNDARY + re.escape(word) + _AFTER)
            match = pattern.search(text, search_from)
            if not match:
                break
            starts.append((match.start(), match.end()))
            search_from = match.end()
        if starts:
            lead = text[: starts[0][0]].strip()
            points = []
            for i, (_start, content_start) in enumerate(starts):
                end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
                points.append(text[content_start:end].strip().rstrip(";；").strip())
            return lead, points
    return text.strip(), []


def _heading_sentence(text: str) -> str:
    match = re.match(r"^[^.。!?！？]+[.。!?！？]", text)
    if not match:
        return ""
    sentence = match.group(0)
    cjk = sum(1 for ch in sentence if "\u4e00" <= ch <= "\u9fff")
    if cjk:
        return sentence if cjk <= HEADING_MAX_CJK else ""
    return sentence if len(sentence.split()) <= HEADING_MAX_WORDS else ""


def short_label(text: str, limit: int = 90) -> str:
    """The first sentence (or clause, when the sentence is long), cut to `limit` characters."""
    first = re.split(r"(?<=[.。!?！？;；])\s*", text.strip(), maxsplit=1)[0]
    if len(first) > limit:
        # A clause ends at a full-width comma or colon, or a Latin one followed by a space
        # (not the comma in "4,200").
        clause = re.split(r"[，：]|[,:](?=\s)", first, maxsplit=1)[0]
        first = clause if 12 <= len(clause) <= limit else first
    first = first.rstrip(".。;；,，:：")
    first = first[:1].upper() + first[1:]
    if len(first) <= limit:
        return first
    cut = first[: limit - 1]
    if " " in cut and not re.search(r"[\u4e00-\u9fff]", cut):
        cut = cut.rsplit(" ", 1)[0]  # whole words in Latin text
    return cut.rstrip(" ,，") + "…"
