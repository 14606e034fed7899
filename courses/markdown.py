"""Lesson Markdown to safe HTML: Python-Markdown renders, nh3 keeps only an allow-list.

Called once when a lesson, a question, an option's feedback or a quiz introduction is saved
(the result is stored in its `*_html` field) and by the studio's live preview, so what a
trainer previews is exactly what cadres get.

Hostile input stays cheap. Every Markdown field has a length bound (`MAX_LESSON_MARKDOWN`,
`MAX_MARKDOWN`: the models validate them, so every form does). Python-Markdown's link and
image parsers scan to the end of the paragraph for each unclosed `[` or `(`, which made a run
of 8,000 `[` take seconds and grows with the square of its length; here a link's text is
matched by one regex that never backtracks (at most `MAX_LINK_TEXT` characters, brackets two
deep), its target is looked for within `MAX_LINK_SOURCE` characters, and an HTML start tag
within `MAX_TAG`, so rendering stays linear (`benchmarks/markdown.py` prints the figures).
As a backstop, rendering that still runs past `RENDER_SECONDS` (Python-Markdown's definition
lists are still quadratic) stops and the text is shown as plain, escaped paragraphs.

Links to other hosts are marked as leaving the site, or removed (`MARKDOWN_EXTERNAL_LINKS`);
images from other hosts are dropped, as the CSP would block them.
"""

from __future__ import annotations

import functools
import html
import re
import sys
import time
from contextvars import ContextVar
from urllib.parse import urlsplit

import markdown as md
import nh3
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext
from markdown import htmlparser as markdown_htmlparser
from markdown.extensions import Extension

# The bounds on Markdown a trainer types, in characters: a lesson section, and everything
# else (a question's prompt and reference answer, an option's feedback, a quiz introduction).
MAX_LESSON_MARKDOWN = 100_000
MAX_MARKDOWN = 10_000
# Longer link texts or targets are not links; no real one comes near.
MAX_LINK_TEXT = 2_000
MAX_LINK_SOURCE = 2_000
MAX_TAG = 1_000
RENDER_SECONDS = 3.0


def lesson_markdown_validators() -> list:
    return [MaxLengthValidator(MAX_LESSON_MARKDOWN)]


def markdown_validators() -> list:
    return [MaxLengthValidator(MAX_MARKDOWN)]


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

# Markdown Extra without abbreviations (`*[HTML]: ...`), whose parser re-reads the rest of
# the text for every definition and every use.
EXTENSIONS = [
    "fenced_code",
    "footnotes",
    "attr_list",
    "def_list",
    "tables",
    "md_in_html",
    "sane_lists",
]
# Python-Markdown's processors that parse `[text](target)`, `[text][id]` and their images.
LINK_PROCESSORS = (
    "reference",
    "link",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
)
# A link's text: brackets inside it nest at most two deep (an image in a link is one), and
# possessive quantifiers never backtrack, so a run of `[` costs a few steps per bracket.
_FLAT = r"[^\[\]]*+"
_NESTED = rf"(?:[^\[\]]++|\[{_FLAT}\])*+"
_LINK_TEXT = re.compile(rf"((?:[^\[\]]++|\[{_NESTED}\])*+)\]")
EXTERNAL_MARK_CLASS = "external-link"


class RenderTimeout(Exception):
    """Rendering ran past `RENDER_SECONDS`."""


# The deadline of the render under way in this thread (or task), None outside one.
_deadline: ContextVar[float | None] = ContextVar("markdown_deadline", default=None)


def _check_time() -> None:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise RenderTimeout


def _timed(method):
    """`method`, checking the deadline before each call: Python-Markdown's slow cases call a
    processor again and again, so the check comes round often."""

    @functools.wraps(method)
    def call(*args, **kwargs):
        _check_time()
        return method(*args, **kwargs)

    return call


def _link_text(data: str, index: int) -> tuple[str, int, bool]:
    """The text of `[text]` from just after its `[`: Python-Markdown's answer for any text of
    up to `MAX_LINK_TEXT` characters nested up to two deep, without reading to the end."""
    match = _LINK_TEXT.match(data, index, index + MAX_LINK_TEXT + 1)
    if match is None:
        return "", index, False
    return match.group(1), match.end(), True


def _link_target(original, data: str, index: int):
    """The `(target "title")` after a link's text, looked for up to the next `[` and within
    `MAX_LINK_SOURCE` characters (Python-Markdown looks to the end of the paragraph, for each
    link)."""
    stop = data.find("[", index, index + MAX_LINK_SOURCE)
    window = data[index : stop if stop != -1 else index + MAX_LINK_SOURCE]
    href, title, end, handled = original(window, 0)
    return href, title, index + end, handled


class _Unclosed:
    """What `_BoundedTag` answers for a `<` with no `>` in reach: a tag running to the end of
    the text, which the parser reads as the text `<`, as it would the unclosed tag."""

    def __init__(self, end: int) -> None:
        self._end = end

    def end(self) -> int:
        return self._end


class _BoundedTag:
    """The start tag regex of Python-Markdown's copy of the standard HTML parser, reading at
    most `MAX_TAG` characters. The parser reads an unclosed `<a ...` to the end of the text,
    then again from the next `<`, so a run of `<a ` was quadratic. A longer tag is text, as an
    unclosed one is. (Only the parser in `markdown.htmlparser` is touched, not `html.parser`.)"""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        _check_time()
        endpos = min(endpos, pos + MAX_TAG)
        if string.find(">", pos, endpos) == -1:
            return _Unclosed(len(string))
        return self.pattern.match(string, pos, endpos)

    def __getattr__(self, name: str):
        return getattr(self.pattern, name)


if isinstance(markdown_htmlparser.htmlparser.locatestarttagend_tolerant, re.Pattern):
    markdown_htmlparser.htmlparser.locatestarttagend_tolerant = _BoundedTag(
        markdown_htmlparser.htmlparser.locatestarttagend_tolerant
    )


class _Linear(Extension):
    """Added last: bounded link parsing, and the deadline checked by every processor."""

    def extendMarkdown(self, markdown: md.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        patterns = markdown.inlinePatterns
        for name in LINK_PROCESSORS:
            if name in patterns:
                processor = patterns[name]
                processor.getText = _link_text
                processor.getLink = functools.partial(_link_target, processor.getLink)
        if "footnote" in patterns:
            # `[^id]`: the id stops at the next bracket, so a run of `[^` is not scanned to its
            # end from every position.
            patterns["footnote"].compiled_re = re.compile(r"\[\^([^\[\]]*)\]", re.UNICODE)
        for processor in patterns:
            processor.handleMatch = _timed(processor.handleMatch)
        for processor in markdown.parser.blockprocessors:
            processor.test = _timed(processor.test)
            processor.run = _timed(processor.run)
        for registry in (markdown.preprocessors, markdown.treeprocessors, markdown.postprocessors):
            for processor in registry:
                processor.run = _timed(processor.run)


def _plain(text: str) -> str:
    """The text as escaped paragraphs: what a render that ran out of time shows."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML, in time linear in the text; past `RENDER_SECONDS` (a
    backstop no input found so far reaches, see `benchmarks/markdown.py`) the text is shown
    as plain paragraphs."""
    text = text or ""
    token = _deadline.set(time.monotonic() + RENDER_SECONDS)
    try:
        rendered = md.markdown(text, extensions=[*EXTENSIONS, _Linear()], output_format="html")
    except RenderTimeout:
        rendered = _plain(text)
    finally:
        _deadline.reset(token)
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )
    return _mark_links(cleaned)


_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


def is_external(url: str) -> bool:
    """Whether a link or image leaves this site: an absolute URL (or `//host/...`) whose host
    is not one of `ALLOWED_HOSTS`. Relative URLs and `mailto:` stay. Read as a browser reads
    it: tabs and newlines dropped, `\\` as `/`, any number of leading slashes naming a host,
    and `https:host` (no slashes) going to that host."""
    url = re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE).replace("\\", "/")
    url = re.sub(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*:)?/{2,}", r"\g<scheme>//", url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme and scheme not in {"http", "https"}:
        return False
    if scheme and not parts.netloc:
        return True
    if not parts.netloc:
        return False
    host = (parts.hostname or "").lower()
    return not any(_host_matches(host, allowed) for allowed in settings.ALLOWED_HOSTS)


def _host_matches(host: str, allowed: str) -> bool:
    allowed = allowed.lower()
    if allowed == "*":
        return False  # "any host" names no host of ours: everything absolute is elsewhere
    if allowed.startswith("."):
        return host == allowed[1:] or host.endswith(allowed)
    return host == allowed


def external_links_setting() -> str:
    return getattr(settings, "MARKDOWN_EXTERNAL_LINKS", "mark")


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    # An image elsewhere would be blocked by the CSP (img-src 'self') and shows nothing: drop it.
    if tag == "img" and name == "src" and is_external(value):
        return None
    return value


_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
# nh3's output: attributes in double quotes, no <a> inside another.
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


def _mark_links(html_text: str) -> str:
    """Images without a source go; links elsewhere are marked as leaving the site, or reduced
    to their text when `MARKDOWN_EXTERNAL_LINKS` is "remove"."""
    html_text = _IMG_WITHOUT_SRC.sub("", html_text)
    remove = external_links_setting() == "remove"

    def link(match: re.Match) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        text = match.group(2)
        if not is_external(html.unescape(attributes.get("href", ""))):
            return match.group(0)
        if remove:
            return text
        # Saved once, in the language of whoever saves it (the language they write in).
        attributes["rel"] = "noopener noreferrer external"
        attributes["class"] = EXTERNAL_MARK_CLASS
        attributes.setdefault("title", html.escape(gettext("Leaves this site")))
        shown = " ".join(f'{name}="{value}"' for name, value in attributes.items())
        mark = html.escape(gettext("(external link)"))
        return f'<a {shown}>{text} <small class="external-mark">{mark}</small></a>'

    return _LINK.sub(link, html_text)


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
