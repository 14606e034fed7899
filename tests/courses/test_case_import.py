"""The case importer: the seed in both languages, our own cases, and broken input."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils.html import strip_tags

from courses.case_import import MAX_CASE_BYTES, CaseFormatError, parse_case
from courses.models import Course, Lesson
from courses.services import course_import_case

from .cases import MEETINGS_EN, SEED_EN, SEED_ZH, VILLAGE_ZH


def sentences(text: str) -> list[str]:
    """The sentences of a case, markers and numbering left out."""
    body = re.sub(r"(?m)^\s*(Reference analysis:?|参考解析|mind map-*|思维导图)\s*$", "", text)
    body = re.sub(r"(?m)^\s*\d+\.\s*", "", body)
    body = re.sub(r"\s+", " ", body)
    parts = re.split(r"(?<=[.。?？;；:：])\s*", body)
    # Compare on words only: list numbering and marker words ("First,", "第一，") are structure.
    cleaned = [
        re.sub(r"^(First|Second|Third|Fourth|Fifth|第[一二三四五])[,，]\s*", "", p) for p in parts
    ]
    return [s.strip(" ;；") for s in cleaned if len(s.strip(" ;；")) > 3]


def course_text(course: Course) -> str:
    html = " ".join(course.lessons.values_list("body_html", flat=True))
    titles = " ".join(course.lessons.values_list("title", flat=True))
    from html import unescape

    return re.sub(r"\s+", " ", unescape(strip_tags(html)) + " " + titles)


def test_seed_case_in_english_gives_four_parts_with_their_sub_points():
    outline = parse_case(SEED_EN.encode())
    assert outline.language == "en"
    assert outline.question.startswith("Now paperless office is popular")
    assert outline.question.endswith("What do you think of this?")
    assert [p.number for p in outline.parts] == [1, 2, 3, 4]
    assert [len(p.points) for p in outline.parts] == [0, 0, 3, 3]
    assert outline.parts[2].title == "Analyzing the reasons"
    assert outline.parts[3].title == "Countermeasures and suggestions"
    assert outline.parts[2].points[2] == (
        "some local leaders do not have a good understanding of policies."
    )


def test_seed_case_in_chinese_gives_the_same_shape_without_being_told():
    outline = parse_case(SEED_ZH.encode())
    assert outline.language == "zh-hans"
    assert [p.title for p in outline.parts] == ["点明现象", "提出观点", "分析原因", "对策建议"]
    assert [len(p.points) for p in outline.parts] == [0, 0, 3, 3]
    assert outline.parts[2].points[0] == "有些政策不符合一些地方的实际情况"


def test_our_english_case_with_three_parts_and_five_sub_points():
    outline = parse_case(MEETINGS_EN)
    assert [len(p.points) for p in outline.parts] == [2, 0, 5]
    assert outline.parts[0].title == "The phenomenon"
    assert outline.parts[2].points[4] == "review the rules after six months."
    # A part whose first sentence is long gets its opening words as the title, text intact.
    assert outline.parts[1].title.startswith("The viewpoint is that tools must serve the work")
    assert "<not>" in outline.parts[1].lead


def test_our_chinese_case_with_six_parts():
    outline = parse_case(VILLAGE_ZH)
    assert outline.language == "zh-hans"
    assert len(outline.parts) == 6
    assert [len(p.points) for p in outline.parts] == [0, 0, 3, 4, 0, 0]
    assert outline.parts[3].points[2] == "只为打卡截图的工作群应当解散"


@pytest.mark.django_db
@pytest.mark.parametrize("text", [SEED_EN, SEED_ZH, MEETINGS_EN, VILLAGE_ZH])
def test_import_keeps_every_sentence_of_the_source(text):
    course = course_import_case(data=text.encode())
    kept = course_text(course)
    missing = [s for s in sentences(text) if s.rstrip("。.") not in kept]
    assert not missing


@pytest.mark.django_db
def test_import_builds_a_draft_course_with_an_overview_then_one_lesson_per_part():
    course = course_import_case(data=MEETINGS_EN, title="Reporting apps")
    assert course.status == Course.Status.DRAFT
    lessons = list(course.lessons.order_by("order"))
    assert [lesson.case_part for lesson in lessons] == [0, 1, 2, 3]
    overview = lessons[0]
    assert "<blockquote>" in overview.body_html
    assert "Think first" in overview.body_html  # the question is posed before the analysis
    assert lessons[3].body_html.count("<li>") == 5
    assert lessons[3].key_points[0] == "Merge the three apps into one reporting channel"
    # Markdown-looking text stays text.
    assert "<em>" not in lessons[2].body_html
    assert "*work*" in lessons[2].body_html
    assert "&lt;not&gt;" in lessons[2].body_html
    assert course.outline["parts"][2]["points"][1].startswith("Cancel the weekly meeting")


@pytest.mark.django_db
def test_chinese_import_writes_its_own_words_in_chinese():
    course = course_import_case(data=SEED_ZH)
    overview = course.lessons.get(order=1)
    assert overview.title == "案例导入：你会怎么做？"
    assert "先思考" in overview.body_html
    assert course.language == "zh-hans"
    assert course.slug.startswith("case-")  # slugify drops Chinese; a digest stands in


BROKEN = {
    "empty": (b"", "empty"),
    "whitespace": (b"   \n\n  ", "empty"),
    "no marker": (b"What do you think?\n1. First part.\n2. Second part.", "Reference analysis"),
    "no question": (b"Reference analysis\n1. A part.", "question is missing"),
    "no parts": (b"Question?\nReference analysis\nJust prose, no numbers.", "No numbered parts"),
    "gap": (b"Q?\nReference analysis\n1. One.\n3. Three.", "Part 3 found where part 2"),
    "gbk": ("问题？\n参考解析\n1. 第一部分。".encode("gbk"), "not UTF-8"),
    "binary": (b"Q?\nReference analysis\n1. a\x00b", "NUL"),
    "five MB": (b"Q?\nReference analysis\n1. " + b"x" * (5 * 1024 * 1024), "too large"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_input_gives_a_clear_error_and_creates_nothing(name):
    data, message = BROKEN[name]
    with pytest.raises(CaseFormatError, match=message):
        course_import_case(data=data)
    assert not Course.objects.exists()
    assert not Lesson.objects.exists()


def test_errors_say_where(tmp_path):
    with pytest.raises(CaseFormatError) as error:
        parse_case("Q?\nReference analysis\n1. One.\n\n3. Three.")
    assert error.value.line == 5
    assert str(error.value).startswith("Line 5:")


@pytest.mark.django_db
def test_import_case_command_creates_the_draft_course(tmp_path):
    path = tmp_path / "case.txt"
    path.write_text(VILLAGE_ZH, encoding="utf-8")
    out = StringIO()
    call_command(
        "import_case", str(path), "--course", "village-groups", "--hours", "1.5", stdout=out
    )
    course = Course.objects.get(slug="village-groups")
    assert course.lessons.count() == 7
    assert str(course.study_hours) == "1.5"
    assert "7 lessons" in out.getvalue()


@pytest.mark.django_db
def test_import_case_command_refuses_a_taken_slug_and_a_large_file(tmp_path):
    path = tmp_path / "case.txt"
    path.write_text(MEETINGS_EN, encoding="utf-8")
    call_command("import_case", str(path), "--course", "apps", stdout=StringIO())
    with pytest.raises(CommandError, match="already exists"):
        call_command("import_case", str(path), "--course", "apps", stdout=StringIO())
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (MAX_CASE_BYTES + 1))
    with pytest.raises(CommandError, match="too large"):
        call_command("import_case", str(big), stdout=StringIO())
    assert Course.objects.count() == 1


@pytest.mark.django_db
def test_import_case_command_reports_a_broken_file_and_saves_nothing(tmp_path):
    path = tmp_path / "case.txt"
    path.write_bytes("问题？\n参考解析\n1. 一。".encode("gbk"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_case", str(path), stdout=StringIO())
    assert not Course.objects.exists()
