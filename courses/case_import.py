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

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    title: str  # the part's own heading ("点明现象"), or its role in the analysis, or "Part N"
    lead: str  # text before the first sub-point (may be empty), whole
    points: list[str] = field(default_factory=list)  # the sub-points, whole
    heading: bool = False  # the title is the part's own heading sentence, not repeated in lead

    @property
    def core(self) -> str:
        """The lead's first sentence, whole: what the part says, for the mind map's first leaf
        and the lesson's key point."""
        return first_sentence(self.lead)


@dataclass
class CaseOutline:
    question: str
    language: str  # "zh-hans" or "en"
    intro: str = ""  # text between the marker and part 1
    parts: list[CasePart] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The tree the mind map draws, every text whole: stored on the course as JSON."""
        return {
            "question": self.question,
            "language": self.language,
            "parts": [
                {
                    "number": p.number,
                    "title": p.title,
                    "lead": p.lead,
                    "core": p.core,
                    "points": p.points,
                }
                for p in self.parts
            ],
        }


def decode_case(data: bytes | str) -> str:
    if isinstance(data, str):
        if len(data.encode("utf-8")) > MAX_CASE_BYTES:
            raise CaseFormatError(_too_large(len(data.encode("utf-8"))))
        return data
    # Bytes: UTF-8, GB18030/GBK or a Word document, told apart by their content.
    from .case_files import read_case  # imports this module: here, not at the top

    return read_case(data).text


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
        parts.append(_parse_part(number, part_text, language))
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


def _parse_part(number: int, text: str, language: str) -> CasePart:
    lead, points = split_points(text)
    points = [tidy_point(p, language) for p in points]
    heading = _heading_sentence(lead)
    if heading:
        lead = lead[len(heading) :].strip()
        return CasePart(number, heading.strip().rstrip("。.：:"), lead, points, heading=True)
    return CasePart(number, role_title(lead or text, number, language), lead, points)


# What each part of the analysis does, recognised by the words it opens with. The shape is the
# structured-interview answer every case follows (DESIGN.md): state the phenomenon, put forward
# a viewpoint, analyse the causes, propose countermeasures. Only the opening words are read, and
# a part that matches no role is titled "Part N": nothing here knows any case's content.
ROLE_CUES = [
    ("phenomenon", re.compile(r"\b(it shows|shows that|phenomenon)\b|现象", re.IGNORECASE)),
    ("viewpoint", re.compile(r"\b(viewpoint|point of view|put forward)\b|观点", re.IGNORECASE)),
    ("causes", re.compile(r"\b(reasons?|causes?|analy[sz]\w*)\b|原因", re.IGNORECASE)),
    (
        "countermeasures",
        re.compile(r"\b(countermeasures?|suggestions?|measures)\b|对策|建议", re.IGNORECASE),
    ),
]
ROLE_CUE_WORDS = 8  # "Analyzing the reasons, many local governments…": the cue is early


def role_title(text: str, number: int, language: str) -> str:
    """A title for a part without a heading of its own, from its role, in the case's language
    (the words come from the interface catalogue, not from the case)."""
    opening = " ".join(text.split()[:ROLE_CUE_WORDS])[:40]
    with translation.override(language):
        for role, cue in ROLE_CUES:
            if cue.search(opening):
                return str(ROLE_TITLES[role])
        return _("Part %(number)s") % {"number": number}


ROLE_TITLES = {
    "phenomenon": gettext_lazy("State the phenomenon"),
    "viewpoint": gettext_lazy("Put forward the viewpoint"),
    "causes": gettext_lazy("Analyse the causes"),
    "countermeasures": gettext_lazy("Countermeasures and suggestions"),
}

_CJK = re.compile(r"[\u4e00-\u9fff]")
_TERMINAL = ("。", "！", "？", ".", "!", "?", "…", "”", "」", "）", ")")


def tidy_point(text: str, language: str) -> str:
    """A sub-point as a list item: a capital first letter in Latin text, and one final full stop
    (the source often ends sub-points with "；" or nothing). No word is added or dropped."""
    text = text.strip().rstrip(";；,，、").strip()
    if not text:
        return text
    chinese = language.startswith("zh") or bool(_CJK.search(text[-1]))
    if not chinese:
        text = text[:1].upper() + text[1:]
    if not text.endswith(_TERMINAL):
        text += "。" if chinese else "."
    return text


_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])(?=\s|$)")


def first_sentence(text: str) -> str:
    """The first sentence of `text`, whole ("4.2 %" is not a sentence end)."""
    text = text.strip()
    if not text:
        return ""
    return _SENTENCE_END.split(text, maxsplit=1)[0].strip()


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
    """A short label for a list or a table (never stored in place of the text): the first
    sentence, or its first clause when the sentence is long, cut at a whole word with "…" only
    when even that is over `limit`."""
    first = first_sentence(text).rstrip(";；")
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
    if " " in cut and not _CJK.search(cut):
        cut = cut.rsplit(" ", 1)[0]  # whole words in Latin text
    return cut.rstrip(" ,，") + "…"


# --- Titles and addresses -------------------------------------------------------------------

TITLE_MAX_CJK = 30  # characters: "某乡镇要求村干部每完成一项工作都要拍照上传到政务App"
TITLE_MAX_LATIN = 70
SLUG_MAX = 60  # "wu-zhi-hua-ban-gong-zai-ge-hang-ge-ye-dou-hen-liu-xing": 54


def propose_title(question: str) -> str:
    """A short course title from the case's question, for the trainer to accept or edit: its
    first clause that says something (at least a few words), whole words only, no "…"."""
    sentence = first_sentence(question)
    clauses = [c.strip() for c in re.split(r"[，,；;：:]\s*", sentence) if c.strip()]
    chinese = bool(_CJK.search(sentence))
    limit = TITLE_MAX_CJK if chinese else TITLE_MAX_LATIN
    for clause in clauses:
        size = len(clause) if chinese else len(clause.split())
        if (size >= 6 if chinese else size >= 4) and len(clause) <= limit:
            return _title_case_start(clause.rstrip("。.？?！!"))
    words = (clauses[0] if clauses else sentence).rstrip("。.？?！!")
    if chinese:
        return words[:limit]
    kept = ""
    for word in words.split():
        if len(f"{kept} {word}".strip()) > limit:
            break
        kept = f"{kept} {word}".strip()
    return _title_case_start(kept or words[:limit])


def _title_case_start(text: str) -> str:
    text = re.sub(r"^(now|today|currently|recently)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^(现在|当前|目前|近来|近年来)", "", text)
    return text[:1].upper() + text[1:]


def slug_for(title: str) -> str:
    """An address that names the case: pinyin syllables for Chinese (pypinyin ships its
    dictionary, nothing is fetched), whole words for Latin text, at most SLUG_MAX characters,
    never cut inside a word or a syllable."""
    from pypinyin import lazy_pinyin  # loaded on import only: its dictionary is large

    words: list[str] = []
    for chunk in lazy_pinyin(title, errors="default"):
        words += re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", chunk).lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX:
            break
        slug = candidate
    return slug
