"""The case importer: the seed in both languages, our own cases, and broken input."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils.html import strip_tags

from courses.case_import import MAX_CASE_BYTES, CaseFormatError, parse_case
from courses.models import Course, Lesson
from courses.services import course_import_case

from .cases import (
    DOWNLOADS_EN,
    MEETINGS_EN,
    PHOTOS_ZH,
    SEED_EN,
    SEED_WORDS,
    SEED_ZH,
    VILLAGE_ZH,
)


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
    # Case-blind: a sub-point starts with a capital letter in its list.
    return [s.strip(" ;；").lower() for s in cleaned if len(s.strip(" ;；")) > 3]


def course_text(course: Course) -> str:
    html = " ".join(course.lessons.values_list("body_html", flat=True))
    titles = " ".join(course.lessons.values_list("title", flat=True))
    from html import unescape

    return re.sub(r"\s+", " ", unescape(strip_tags(html)) + " " + titles).lower()


def test_seed_case_in_english_gives_four_parts_titled_by_their_role():
    outline = parse_case(SEED_EN.encode())
    assert outline.language == "en"
    assert outline.question.startswith("Now paperless office is popular")
    assert outline.question.endswith("What do you think of this?")
    assert [p.number for p in outline.parts] == [1, 2, 3, 4]
    assert [len(p.points) for p in outline.parts] == [0, 0, 3, 3]
    assert [p.title for p in outline.parts] == [
        "State the phenomenon",
        "Put forward the viewpoint",
        "Analyse the causes",
        "Countermeasures and suggestions",
    ]
    # Sub-points as list items: a capital letter, one full stop, every word.
    assert outline.parts[2].points == [
        "Some policies are not in line with the actual situation in some places.",
        "Some policies can't solve practical problems.",
        "Some local leaders do not have a good understanding of policies.",
    ]
    assert outline.parts[0].core == (
        "It shows that the global office alone will consume a lot of paper."
    )


def test_seed_case_in_chinese_gives_the_same_shape_without_being_told():
    outline = parse_case(SEED_ZH.encode())
    assert outline.language == "zh-hans"
    assert [p.title for p in outline.parts] == ["点明现象", "提出观点", "分析原因", "对策建议"]
    assert [len(p.points) for p in outline.parts] == [0, 0, 3, 3]
    assert outline.parts[2].points[0] == "有些政策不符合一些地方的实际情况。"
    assert all(point.endswith("。") for part in outline.parts for point in part.points)
    assert outline.parts[1].core == "无纸化办公和基层减负都是积极的举措。"
    # The third countermeasure is whole: the measure itself is not lost after its first clause.
    assert outline.parts[3].points[2].endswith("更好地落实国家政策。")
    assert "加强对领导干部的培训" in outline.parts[3].points[2]


def test_our_english_case_with_three_parts_and_five_sub_points():
    outline = parse_case(MEETINGS_EN)
    assert [len(p.points) for p in outline.parts] == [2, 0, 5]
    assert outline.parts[0].title == "The phenomenon"
    assert outline.parts[2].points[4] == "Review the rules after six months."
    # A part without a heading of its own is titled by its role; its text stays whole.
    assert outline.parts[1].title == "Put forward the viewpoint"
    assert "<not>" in outline.parts[1].lead


def test_our_chinese_case_with_six_parts():
    outline = parse_case(VILLAGE_ZH)
    assert outline.language == "zh-hans"
    assert len(outline.parts) == 6
    assert [len(p.points) for p in outline.parts] == [0, 0, 3, 4, 0, 0]
    assert outline.parts[3].points[2] == "只为打卡截图的工作群应当解散。"
    assert [p.title for p in outline.parts][4:] == ["组织实施", "总结"]


def test_a_part_with_no_heading_and_no_known_role_is_part_n():
    text = "Residents were asked about the new rules on the first day of the month. They answered."
    outline = parse_case(f"Q?\nReference analysis\n1. {text}")
    assert outline.parts[0].title == "Part 1"
    chinese = parse_case(
        "问题？\n参考解析\n1. 群众被问到了，他们也回答了，事情就这样过去了很多天。"
    )
    assert chinese.parts[0].title == "第1部分"


def test_a_decimal_point_ends_no_sentence():
    outline = parse_case(DOWNLOADS_EN)
    assert "4.5 days per request" in outline.parts[2].core


ALL_CASES = [SEED_EN, SEED_ZH, MEETINGS_EN, VILLAGE_ZH, PHOTOS_ZH, DOWNLOADS_EN]


def as_word(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Each case as a trainer's file would bring it: UTF-8, GBK from Chinese Notepad, or Word.
FILES = {
    "seed-en": (SEED_EN, SEED_EN.encode()),
    "seed-zh": (SEED_ZH, SEED_ZH.encode("utf-8-sig")),
    "meetings-en": (MEETINGS_EN, MEETINGS_EN.encode()),
    "village-zh-gbk": (VILLAGE_ZH, VILLAGE_ZH.encode("gbk")),
    "photos-zh-gbk": (PHOTOS_ZH, PHOTOS_ZH.encode("gb18030")),
    "downloads-en-docx": (DOWNLOADS_EN, as_word(DOWNLOADS_EN)),
    "photos-zh-docx": (PHOTOS_ZH, as_word(PHOTOS_ZH)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(FILES))
def test_import_keeps_every_sentence_of_the_source(name):
    text, data = FILES[name]
    course = course_import_case(data=data)
    assert course.source_text.strip() == text.strip()
    kept = course_text(course)
    missing = [s for s in sentences(text) if s.rstrip("。.") not in kept]
    assert not missing
    outline = " ".join(
        [course.outline["question"]]
        + [f"{p['title']}. {p['lead']}" for p in course.outline["parts"]]
        + [q for p in course.outline["parts"] for q in p["points"]]
    )
    outline = re.sub(r"\s+", " ", outline).lower()
    assert not [s for s in sentences(text) if s.rstrip("。.") not in outline]


@pytest.mark.django_db
@pytest.mark.parametrize("text", ALL_CASES)
def test_each_sub_point_appears_once_in_its_lesson(text):
    course = course_import_case(data=text)
    for part in course.outline["parts"]:
        lesson = course.lessons.get(case_part=part["number"])
        page = strip_tags(lesson.body_html) + " ".join(lesson.key_points)
        for point in part["points"]:
            assert page.count(point.rstrip("。.")) == 1, point
        assert not lesson.title[:1].isdigit()  # the studio numbers lessons; titles do not


@pytest.mark.django_db
@pytest.mark.parametrize("text", [MEETINGS_EN, PHOTOS_ZH, DOWNLOADS_EN])
def test_a_course_says_nothing_of_another_case(text):
    course = course_import_case(data=text)
    words = (course_text(course) + course.title + course.slug).lower()
    assert not [w for w in SEED_WORDS if w in words]


@pytest.mark.django_db
def test_import_builds_a_draft_course_with_an_overview_then_one_lesson_per_part():
    course = course_import_case(data=MEETINGS_EN, title="Reporting apps")
    assert course.status == Course.Status.DRAFT
    lessons = list(course.lessons.order_by("order"))
    assert [lesson.case_part for lesson in lessons] == [0, 1, 2, 3]
    overview = lessons[0]
    assert "<blockquote>" in overview.body_html
    assert "Think first" in overview.body_html  # the question is posed before the analysis
    assert "keep, merge or" not in overview.body_html
    assert lessons[3].body_html.count("<li>") == 5
    assert lessons[3].key_points == []  # its sub-points are its list, not repeated
    assert lessons[1].key_points == ["Digital tools were meant to save time."]
    # Markdown-looking text stays text.
    assert "<em>" not in lessons[2].body_html
    assert "*work*" in lessons[2].body_html
    assert "&lt;not&gt;" in lessons[2].body_html
    assert course.outline["parts"][2]["points"][1].startswith("Cancel the weekly meeting")


@pytest.mark.django_db
def test_chinese_import_writes_its_own_words_in_chinese_and_a_pinyin_address():
    course = course_import_case(data=SEED_ZH)
    overview = course.lessons.get(order=1)
    assert overview.title == "案例导入：你会怎么做？"
    assert "先思考" in overview.body_html
    assert course.language == "zh-hans"
    assert course.title == "无纸化办公在各行各业都很流行"
    assert course.slug == "wu-zhi-hua-ban-gong-zai-ge-hang-ge-ye-dou-hen-liu-xing"
    again = course_import_case(data=SEED_ZH)
    assert again.slug == course.slug + "-2"


@pytest.mark.django_db
def test_titles_and_addresses_are_short_whole_and_name_the_case():
    english = course_import_case(data=DOWNLOADS_EN)
    # At most 70 characters, whole words, no "…": the trainer edits it in the preview.
    assert english.title == "A city district requires every resident to download its new service"
    # Whole words, at most 60 characters.
    assert english.slug == "a-city-district-requires-every-resident-to-download-its-new"
    assert len(english.slug) <= 60
    photos = course_import_case(data=PHOTOS_ZH)
    assert photos.slug.startswith("mou-xiang-zhen-yao-qiu-cun-gan-bu")
    assert "app" not in photos.slug or photos.slug.count("-") > 3  # not just the one Latin word
    named = course_import_case(data=PHOTOS_ZH, title="拍照打卡与基层减负")
    assert named.title == "拍照打卡与基层减负" and named.slug == "pai-zhao-da-ka-yu-ji-ceng-jian-fu"


BROKEN = {
    "empty": (b"", "empty"),
    "whitespace": (b"   \n\n  ", "empty"),
    "no marker": (b"What do you think?\n1. First part.\n2. Second part.", "Reference analysis"),
    "no question": (b"Reference analysis\n1. A part.", "question is missing"),
    "no parts": (b"Question?\nReference analysis\nJust prose, no numbers.", "No numbered parts"),
    "gap": (b"Q?\nReference analysis\n1. One.\n3. Three.", "Part 3 found where part 2"),
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
    assert course.study_hours == Decimal("1.5")
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
    path.write_bytes("问题？\n1. 一。".encode())
    with pytest.raises(CommandError, match="参考解析"):
        call_command("import_case", str(path), stdout=StringIO())
    assert not Course.objects.exists()


def test_a_part_longer_than_a_lesson_may_be_is_a_case_error_and_saves_nothing(db):
    """The parser accepts any length; a lesson body is bounded (courses.markdown): the import
    says which lesson is too long, like any fault of the case, instead of failing."""
    huge = MEETINGS_EN.replace(
        "2. The viewpoint is", "2. The viewpoint is " + "very " * 21_000 + "clear:"
    )
    with pytest.raises(CaseFormatError, match="Lesson 3"):
        course_import_case(data=huge)
    assert not Course.objects.exists() and not Lesson.objects.exists()
