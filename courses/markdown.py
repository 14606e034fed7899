"""Lesson Markdown to safe HTML: Python-Markdown renders, nh3 keeps only an allow-list.

Called once when a lesson is saved (the result is stored in `Lesson.body_html`) and by the
studio's live preview, so what a trainer previews is exactly what cadres get.
"""

import re

import markdown as md
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "sub",
    "sup",
    "small",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "code",
    "pre",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "abbr",
    "span",
    "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start"},
    # No "id": a lesson or prompt must not clobber the page's own elements (e.g. the quiz's
    # submit button that the timer presses).
    "*": {"lang"},
}
# Relative URLs always pass; of absolute ones only these schemes (no javascript:, data:, vbscript:)
URL_SCHEMES = {"http", "https", "mailto"}

EXTENSIONS = ["extra", "sane_lists"]


def render_markdown(text: str) -> str:
    html = md.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# "<" is no Markdown escape: an entity keeps it text. The rest are Markdown's own escapes.
_SPECIAL = str.maketrans({**{ch: "\\" + ch for ch in "\\`*_[]>#"}, "<": "&lt;"})


def escape_markdown(text: str) -> str:
    """Plain text that renders as itself: source text never turns into markup or links."""
    lines = text.translate(_SPECIAL).split("\n")
    # A line that starts like a list item would change the structure.
    return "\n".join(re.sub(r"^(\s*)([-+=]|\d+)([.)]?)", _escape_lead, line) for line in lines)


def _escape_lead(match: re.Match) -> str:
    indent, lead, dot = match.groups()
    if lead in "-+=":
        return f"{indent}\\{lead}{dot}"
    return f"{indent}{lead}\\{dot}" if dot else match.group(0)
