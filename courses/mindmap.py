"""The case analysis as a mind map: an SVG drawn on the server, and the same tree as a list.

Layout, chosen to stay legible on a phone: the question sits in a box across the top; the
parts are stacked down a left column joined by a spine; each part's leaves (its core sentence,
then its sub-points) are stacked in a right column, joined to their part by curves. Every text
is shown whole: labels wrap inside their boxes over as many lines as they need (a CJK character
counts as two Latin ones), never cut, and a Chinese line never starts with closing punctuation.
Each box also carries its whole text as a tooltip (<title>), and the list form below the map
has every text, the whole lead included. Styling comes from classes in `site.css`, since the
Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape  # nosec B406  # escapes our own SVG text, parses nothing

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

FONT = 15  # px in the SVG's own units
LINE = 20  # line height
PAD = 10  # inside a box
MARGIN = 8
GAP = 10  # between leaves
PART_GAP = 18  # between parts
# Chinese line-breaking rules (kinsoku): these never start a line, and these never end one.
NO_LINE_START = set("，。、；：？！）】》」』”’…—·〕〉｝％")
NO_LINE_END = set("（【《「『“‘〔〈｛")


@dataclass(frozen=True)
class Geometry:
    """One layout. Widths are SVG units; `*_units` are wrap widths in Latin characters."""

    width: int
    root_units: int
    branch_w: int
    branch_units: int
    leaf_x: int
    leaf_units: int
    stacked: bool  # leaves under their branch (phone) rather than beside it (desktop)

    @property
    def leaf_w(self) -> int:
        return self.width - MARGIN - self.leaf_x


# Desktop: parts down a left column, their points in a right column.
WIDE = Geometry(
    width=640,
    root_units=64,
    branch_w=200,
    branch_units=19,
    leaf_x=244,
    leaf_units=40,
    stacked=False,
)
# Phone: each part across the width, its points indented beneath it; drawn at about 1:1 on a
# 360-pixel screen, so the text stays at its full size.
NARROW = Geometry(
    width=360, root_units=36, branch_w=344, branch_units=36, leaf_x=40, leaf_units=33, stacked=True
)


def _units(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(text: str, width: int) -> list[str]:
    """Break `text` into lines of at most `width` units: at spaces in Latin text, between CJK
    characters, never before a closing mark ("，" "。" "？"…) or after an opening one ("《" "“"…).
    A closing mark that does not fit hangs at the end of its line (one character over), as
    Chinese typesetting does. Nothing is dropped."""
    lines: list[str] = []
    line, used = "", 0
    for word in _tokens(text):
        size = sum(_units(ch) for ch in word)
        hangs = word.strip() and word.strip()[0] in NO_LINE_START
        if used + size > width and line.strip() and not hangs:
            carry = ""
            while line and line[-1] in NO_LINE_END:  # an opening mark goes down with its word
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            word = carry + word.lstrip()
            line, used = "", 0
            size = sum(_units(ch) for ch in word)
        while size > width:  # a single token longer than the line: hard break
            cut, cut_units = "", 0
            for ch in word:
                if cut_units + _units(ch) > width:
                    break
                cut += ch
                cut_units += _units(ch)
            lines.append(cut)
            word = word[len(cut) :]
            size = sum(_units(ch) for ch in word)
        line += word
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


_TOKEN = re.compile(
    r"\s*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]|\s*[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+"
)


def _tokens(text: str) -> list[str]:
    """Latin words with their leading space; CJK characters one by one."""
    return _TOKEN.findall(" ".join(text.split()))


@dataclass
class Box:
    x: float
    y: float
    w: float
    lines: list[str]
    css: str
    level: int
    label: str

    @property
    def h(self) -> float:
        return len(self.lines) * LINE + 2 * PAD

    @property
    def mid_y(self) -> float:
        return self.y + self.h / 2


def layout(tree: dict, geo: Geometry = WIDE) -> tuple[list[Box], list[str], float]:
    """Boxes, connector paths and total height for the tree. A box's `label` is always the whole
    text; its lines may show the trainer's short label instead."""
    question = tree.get("question", "")
    root = Box(
        MARGIN, MARGIN, geo.width - 2 * MARGIN, wrap(question, geo.root_units), "root", 0, question
    )
    boxes, paths = [root], []
    spine_x, spine_end = MARGIN + 16, root.y + root.h
    y = root.y + root.h + 24
    for part in tree.get("parts", []):
        title = f"{part.get('number', '')}. {part.get('title', '')}".strip(". ")
        branch = Box(MARGIN, y, geo.branch_w, wrap(title, geo.branch_units), "branch", 1, title)
        leaves = [
            Box(geo.leaf_x, 0, geo.leaf_w, wrap(shown, geo.leaf_units), "leaf", 2, text)
            for text, shown in leaf_texts(part)
        ]
        leaves_h = sum(leaf.h for leaf in leaves) + GAP * max(0, len(leaves) - 1)
        if geo.stacked:
            leaf_y = branch.y + branch.h + GAP
            block_h = branch.h + (GAP + leaves_h if leaves else 0)
        else:
            block_h = max(branch.h, leaves_h)
            branch.y = y + (block_h - branch.h) / 2
            leaf_y = y + (block_h - leaves_h) / 2
        boxes.append(branch)
        for leaf in leaves:
            leaf.y, leaf_y = leaf_y, leaf_y + leaf.h + GAP
            boxes.append(leaf)
            paths.append(_connector(branch, leaf, geo))
        spine_end = branch.y if geo.stacked else branch.mid_y
        y += block_h + PART_GAP
    if len(boxes) > 1:
        paths.insert(0, f"M{spine_x},{root.y + root.h:.0f} V{spine_end:.0f}")
    return boxes, paths, (y - PART_GAP if len(boxes) > 1 else root.y + root.h) + MARGIN


def leaf_texts(part: dict) -> list[tuple[str, str]]:
    """(whole text, what the box shows) for each leaf of a part: its core sentence, then its
    sub-points. A box shows the trainer's short label where one was set (`labels`, keyed by
    the whole text); the whole text stays in the tooltip and the list form."""
    labels = part.get("labels") or {}
    texts = ([part["core"]] if part.get("core") else []) + list(part.get("points", []))
    return [(text, labels.get(text) or text) for text in texts]


def _connector(branch: Box, leaf: Box, geo: Geometry) -> str:
    if geo.stacked:  # an elbow from the branch's lower left corner to the leaf's left edge
        x0 = MARGIN + 16
        return f"M{x0},{branch.y + branch.h:.0f} V{leaf.mid_y:.0f} H{leaf.x:.0f}"
    x0, y0, x1, y1 = branch.x + branch.w, branch.mid_y, leaf.x, leaf.mid_y
    cx = (x0 + x1) / 2
    return f"M{x0:.0f},{y0:.0f} C{cx:.0f},{y0:.0f} {cx:.0f},{y1:.0f} {x1:.0f},{y1:.0f}"


def render_svg(
    tree: dict, *, title: str = "", language: str = "", geometry: Geometry = WIDE
) -> SafeString:
    """An SVG mind map of `tree` ({"question", "parts": [{"number", "title", "points"}]})."""
    boxes, paths, height = layout(tree, geometry)
    heading = title or _("Mind map of the analysis")
    lang = f' lang="{escape(language)}"' if language else ""
    ids = f"mindmap-{'narrow' if geometry.stacked else 'wide'}"  # two maps share a page
    out = [
        f'<svg class="mindmap {ids}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '
        f'{geometry.width} {height:.0f}" width="{geometry.width}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{ids}-title {ids}-desc"{lang}>',
        f'<title id="{ids}-title">{escape(heading)}</title>',
        f'<desc id="{ids}-desc">'
        + escape(
            _(
                "The question at the centre, the parts of the analysis as branches, their "
                "points as leaves. The same tree follows as a list."
            )
        )
        + "</desc>",
    ]
    out += [f'<path class="mindmap-link" d="{d}"/>' for d in paths]
    for box in boxes:
        out.append(
            f'<g class="mindmap-node {box.css}" data-level="{box.level}" '
            f'data-label="{escape(box.label, {chr(34): "&quot;"})}">'
        )
        out.append(f"<title>{escape(box.label)}</title>")  # the whole text, on hover
        out.append(
            f'<rect x="{box.x:.0f}" y="{box.y:.0f}" width="{box.w:.0f}" height="{box.h:.0f}" '
            'rx="8"/>'
        )
        out.append(f'<text x="{box.x + PAD:.0f}" y="{box.y + PAD + FONT:.0f}">')
        for i, line in enumerate(box.lines):
            dy = 0 if i == 0 else LINE
            out.append(f'<tspan x="{box.x + PAD:.0f}" dy="{dy}">{escape(line)}</tspan>')
        out.append("</text></g>")
    out.append("</svg>")
    # Every text and attribute above is escaped.
    return mark_safe("".join(out))  # noqa: S308  # nosec B703, B308


def render_mindmaps(tree: dict, *, language: str = "") -> dict[str, SafeString]:
    """Both layouts: the page shows the wide one from tablet width up, the narrow one below."""
    return {
        "wide": render_svg(tree, language=language, geometry=WIDE),
        "narrow": render_svg(tree, language=language, geometry=NARROW),
    }
