"""The mind map: the same tree as the outline, escaped, whole, and legible at six parts of five."""

import re
import xml.etree.ElementTree as ET

import pytest

from courses.case_import import parse_case
from courses.mindmap import NARROW, NO_LINE_START, WIDE, _units, render_svg, wrap

from .cases import DOWNLOADS_EN, MEETINGS_EN, PHOTOS_ZH, SEED_EN, SEED_ZH, VILLAGE_ZH

NS = {"svg": "http://www.w3.org/2000/svg"}


def nodes(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return root.findall(".//svg:g", NS)


def test_nodes_and_labels_match_the_outline():
    tree = parse_case(SEED_EN).as_dict()
    found = nodes(render_svg(tree))
    leaves = [
        t
        for part in tree["parts"]
        for t in ([part["core"]] if part["core"] else []) + part["points"]
    ]
    assert len(found) == 1 + len(tree["parts"]) + len(leaves)
    by_level = {
        level: [g.get("data-label") for g in found if g.get("data-level") == level]
        for level in "012"
    }
    assert by_level["0"] == [tree["question"]]
    assert by_level["1"] == [f"{p['number']}. {p['title']}" for p in tree["parts"]]
    assert by_level["2"] == leaves


def test_chinese_outline_draws_the_same_shape():
    tree = parse_case(SEED_ZH).as_dict()
    found = nodes(render_svg(tree, language="zh-hans"))
    assert [g.get("data-label") for g in found if g.get("data-level") == "1"] == [
        "1. 点明现象",
        "2. 提出观点",
        "3. 分析原因",
        "4. 对策建议",
    ]


def test_svg_has_an_accessible_name_and_description():
    root = ET.fromstring(render_svg(parse_case(SEED_EN).as_dict(), title="Map"))
    assert root.get("role") == "img"
    assert root.find("svg:title", NS).text == "Map"
    assert root.find("svg:desc", NS).text


def test_labels_are_escaped():
    tree = {
        "question": '<script>alert("x")</script>',
        "parts": [{"number": 1, "title": "a & b", "points": ['"><img src=x onerror=alert(1)>']}],
    }
    svg = render_svg(tree)
    assert "<script" not in svg
    assert "<img" not in svg
    ET.fromstring(svg)  # still well-formed XML


def big_tree(parts=6, points=5) -> dict:
    return {
        "question": "What should a county do when " + "every township reports twice " * 8,
        "parts": [
            {
                "number": n,
                "title": f"Part {n}: a rather long heading that has to wrap somewhere",
                "points": [
                    f"Point {n}.{k}: " + "keep the groups residents rely on and merge the rest " * 2
                    for k in range(1, points + 1)
                ],
            }
            for n in range(1, parts + 1)
        ],
    }


def box(g: ET.Element) -> tuple[float, float, float, float]:
    rect = g.find("svg:rect", NS)
    return tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))


@pytest.mark.parametrize("geometry", [WIDE, NARROW], ids=["desktop", "phone"])
def test_six_parts_of_five_points_stay_legible(geometry):
    svg = render_svg(big_tree(), geometry=geometry)
    root = ET.fromstring(svg)
    width = float(root.get("viewBox").split()[2])
    groups = nodes(svg)
    assert len(groups) == 1 + 6 + 30
    rects = [box(g) for g in groups]
    # No two boxes overlap, and every box lies inside the drawing.
    for i, a in enumerate(rects):
        assert a[0] >= 0 and a[0] + a[2] <= width
        for b in rects[i + 1 :]:
            apart = (
                a[0] + a[2] <= b[0]
                or b[0] + b[2] <= a[0]
                or a[1] + a[3] <= b[1]
                or b[1] + b[3] <= a[1]
            )
            assert apart, (a, b)
    # Long labels wrap into lines that fit their box; leaves are cut to three lines at most.
    for g in groups:
        lines = [t.text for t in g.iter("{http://www.w3.org/2000/svg}tspan")]
        level = g.get("data-level")
        if level == "1" and not geometry.stacked:
            assert len(lines) > 1
            assert all(sum(_units(c) for c in line) <= geometry.branch_units for line in lines)
        if level == "2":
            assert len(lines) > 1  # wrapped, not cut
            assert all(sum(_units(c) for c in line) <= geometry.leaf_units for line in lines)


def test_wrap_breaks_latin_at_spaces_and_chinese_anywhere():
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert wrap("一二三四五六", 4) == ["一二", "三四", "五六"]
    assert wrap("a b c d e f g h", 3) == ["a b", "c d", "e f", "g h"]  # nothing dropped


def test_chinese_lines_never_start_with_closing_punctuation():
    # Four units a line: "一二" fits, and the "，" that follows hangs rather than starting a line.
    assert wrap("一二，三四。五六", 4) == ["一二，", "三四。", "五六"]
    # An opening mark goes down with the word it opens; nothing is lost.
    lines = wrap("一“二三”四", 4)
    assert lines == ["一", "“二", "三”", "四"] and "".join(lines) == "一“二三”四"


def svg_text(group: ET.Element) -> str:
    """A box's text as a reader sees it: its lines joined again (a space between Latin
    lines, nothing between Chinese ones)."""
    lines = [t.text or "" for t in group.iter("{http://www.w3.org/2000/svg}tspan")]
    text = ""
    for line in lines:
        joiner = "" if not text or re.search(r"[\u3000-\u9fff\uff00-\uffef]$", text) else " "
        text += joiner + line
    return text


@pytest.mark.parametrize(
    "case", [SEED_EN, SEED_ZH, MEETINGS_EN, VILLAGE_ZH, PHOTOS_ZH, DOWNLOADS_EN]
)
@pytest.mark.parametrize("geometry", [WIDE, NARROW], ids=["desktop", "phone"])
def test_the_map_holds_every_core_sentence_and_sub_point_whole(case, geometry):
    tree = parse_case(case).as_dict()
    root = ET.fromstring(render_svg(tree, language=tree["language"], geometry=geometry))
    shown = [svg_text(g) for g in root.findall(".//svg:g", NS)]
    hover = [g.find("svg:title", NS).text for g in root.findall(".//svg:g", NS)]
    squash = " ".join
    assert squash(shown[0].split()) == squash(tree["question"].split())
    for part in tree["parts"]:
        for text in ([part["core"]] if part["core"] else []) + part["points"]:
            assert squash(text.split()) in [squash(s.split()) for s in shown]
            assert text in hover
        assert not any(s.endswith("…") for s in shown)
    for group in root.findall(".//svg:g", NS):
        for tspan in group.iter("{http://www.w3.org/2000/svg}tspan"):
            assert tspan.text and tspan.text[0] not in NO_LINE_START, tspan.text
