"""The case analysis as a mind map: an SVG drawn on the server, and the same tree as a list.

Layout, chosen to stay legible on a phone: the question sits in a box across the top; the
parts are stacked down a left column joined by a spine; each part's sub-points are stacked in
a right column, joined to their part by curves. Labels wrap inside their boxes (a CJK character
counts as two Latin ones); a leaf shows at most three lines, and the full text is in the lesson.
Styling comes from classes in `site.css`, since the Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
MARGIN = 8
FONT = 15  # px in the SVG's own units
LINE = 20  # line height
PAD = 10  # inside a box
ROOT_UNITS = 64  # wrap width of the question, in Latin-character units
BRANCH_X, BRANCH_W, BRANCH_UNITS = MARGIN, 200, 19
LEAF_X = BRANCH_X + BRANCH_W + 36
LEAF_W = WIDTH - MARGIN - LEAF_X
LEAF_UNITS = 44
GAP = 10  # between leaves
PART_GAP = 18  # between parts
MAX_LEAF_LINES = 3
MAX_ROOT_LINES = 5


def _units(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Break `text` into lines of at most `width` units: at spaces in Latin text, anywhere
    between CJK characters."""
    lines: list[str] = []
    line, used = "", 0
    for word in _tokens(text):
        size = sum(_units(ch) for ch in word)
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
            word = word.lstrip()
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
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, len(lines[-1]) - 1)].rstrip() + "…"
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


def layout(tree: dict) -> tuple[list[Box], list[str], float]:
    """Boxes, connector paths and total height for the tree."""
    boxes: list[Box] = []
    paths: list[str] = []
    root = Box(
        MARGIN, MARGIN, WIDTH - 2 * MARGIN,
        wrap(tree.get("question", ""), ROOT_UNITS, MAX_ROOT_LINES),
        "root", 0, tree.get("question", ""),
    )  # fmt: skip
    boxes.append(root)
    y = root.y + root.h + 28
    spine_top = root.y + root.h
    spine_x = BRANCH_X + 24
    last_branch_mid = spine_top
    for part in tree.get("parts", []):
        title = f"{part.get('number', '')}. {part.get('title', '')}".strip(". ")
        leaves = [
            Box(LEAF_X, 0, LEAF_W, wrap(p, LEAF_UNITS, MAX_LEAF_LINES), "leaf", 2, p)
            for p in part.get("points", [])
        ]
        branch = Box(BRANCH_X, 0, BRANCH_W, wrap(title, BRANCH_UNITS), "branch", 1, title)
        leaves_h = sum(leaf.h for leaf in leaves) + GAP * max(0, len(leaves) - 1)
        block_h = max(branch.h, leaves_h)
        branch.y = y + (block_h - branch.h) / 2
        leaf_y = y + (block_h - leaves_h) / 2
        boxes.append(branch)
        for leaf in leaves:
            leaf.y = leaf_y
            leaf_y += leaf.h + GAP
            boxes.append(leaf)
            x0, y0 = branch.x + branch.w, branch.mid_y
            x1, y1 = leaf.x, leaf.mid_y
            cx = (x0 + x1) / 2
            paths.append(
                f"M{x0:.0f},{y0:.0f} C{cx:.0f},{y0:.0f} {cx:.0f},{y1:.0f} {x1:.0f},{y1:.0f}"
            )
        last_branch_mid = branch.mid_y
        y += block_h + PART_GAP
    if len(boxes) > 1:
        paths.insert(0, f"M{spine_x},{spine_top:.0f} V{last_branch_mid:.0f}")
    return boxes, paths, y - PART_GAP + MARGIN if len(boxes) > 1 else root.h + 2 * MARGIN


def render_svg(tree: dict, *, title: str = "", language: str = "") -> SafeString:
    """An SVG mind map of `tree` ({"question", "parts": [{"number", "title", "points"}]})."""
    boxes, paths, height = layout(tree)
    heading = title or _("Mind map of the analysis")
    lang = f' lang="{escape(language)}"' if language else ""
    out = [
        f'<svg class="mindmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} '
        f'{height:.0f}" width="{WIDTH}" height="{height:.0f}" role="img" '
        f'aria-labelledby="mindmap-title mindmap-desc"{lang}>',
        f'<title id="mindmap-title">{escape(heading)}</title>',
        '<desc id="mindmap-desc">'
        + escape(
            _(
                "The question at the centre, the parts of the analysis as branches, their "
                "points as leaves. The same tree follows as a list."
            )
        )  # fmt: skip
        + "</desc>",
    ]
    out += [f'<path class="mindmap-link" d="{d}"/>' for d in paths]
    for box in boxes:
        out.append(
            f'<g class="mindmap-node {box.css}" data-level="{box.level}" '
            f'data-label="{escape(box.label, {chr(34): "&quot;"})}">'
        )
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
    return mark_safe("".join(out))  # noqa: S308  every text and attribute above is escaped
