"""An adversary's review of "think first, then compare" (issue 16).

Each test marked xfail(strict) proves a problem found; the others are attacks that held. Who
attacks: another cadre, HR and a trainer reading an answer; a network that reorders and
duplicates saves; hostile posts; markup in an answer, a point or a key phrase; growing data;
a case in two languages; the matcher with pathological text."""

import re
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import coverage, own_answers
from courses.models import Course, Lesson, LessonOpening, OwnAnswer, OwnAnswerVersion
from courses.services import course_import_case
from quizzes.services import course_link_translation
from tests.conftest import make_person
from tests.courses.test_own_answers import GOOD, JSON, overview, save, study_all
from tests.studio.test_grading import course_of_tom, submitted, written_answer  # noqa: F401
from tests.studio.test_reference_points import with_points

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "benchmarks/coverage/data"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def case(tom):
    return course_import_case(
        data=(DATA / "case-checkins.zh.txt").read_bytes(), owner=tom.user, status="published"
    )


def compare_url(course):
    return reverse("courses:compare", args=[course.slug])


def revise_url(course):
    return reverse("courses:own_answer_revise", args=[course.slug])


def texts(course, user):
    return list(
        OwnAnswerVersion.objects.filter(answer__course=course, answer__user=user)
        .order_by("number")
        .values_list("text", flat=True)
    )


def points_post(course, **phrases) -> dict:
    data = {}
    for point in course.reference_points.all():
        data[f"text_{point.pk}"] = point.text
        data[f"phrases_{point.pk}"] = phrases.get(point.key, point.phrases)
    return data


# --- Privacy: who may learn what an answer says ----------------------------------------------


def test_a_trainer_cannot_probe_a_cadres_answer_with_key_phrases(login, alice, tom, case):
    """Only alice has answered. Tom adds a key phrase to p1 and reloads the points page: if the
    count of cadres missing p1 drops, alice's answer holds the phrase. Two characters a probe
    suffice (one bigram): phrase by phrase the trainer reads the answer, name and all."""
    save(login(alice), case, "我的想法：村里应该私下设小金库补贴干部。", 1)
    client = login(tom)
    url = reverse("studio:points", args=[case.slug])

    def missed_after(phrase):
        assert client.post(url, points_post(case, p1=phrase)).status_code == 302
        return client.get(url).context["missed"].rows

    def counts(rows):
        return {point.key: (missed, total) for point, missed, total in rows or []}

    assert counts(missed_after("小金库")) == counts(missed_after("大会堂"))


def test_nobody_else_reads_an_answer_on_any_page(login, alice, bob, tom, hr_county, case):
    secret = "秘密答案只有我知道"
    client = login(alice)
    save(client, case, secret, 1)
    study_all(alice, case)
    client.post(revise_url(case))
    save(client, case, secret + "第二版", 2)
    study_all(bob, case)
    pages = [
        compare_url(case),
        overview(case).get_absolute_url(),
        reverse("records:progress"),
        reverse("studio:points", args=[case.slug]),
        reverse("studio:course", args=[case.slug]),
    ]
    for person in (bob, tom, hr_county):
        other = login(person)
        for page in pages:
            response = other.get(page)
            assert secret not in response.content.decode(), (person, page)
        # Posting to the answer's URLs touches only one's own row, or is refused.
        other.post(revise_url(case))
        save(other, case, "覆盖", 99)
    assert texts(case, alice.user) == [secret, secret + "第二版"]


# --- Saves: order, duplicates, versions -----------------------------------------------------


def test_the_save_button_without_javascript_saves_what_it_says(login, alice, case):
    client = login(alice)
    save(client, case, "第一稿", 1)  # the autosave ran once: the server holds save 1
    page = client.get(overview(case).get_absolute_url()).content.decode()
    sequence = re.search(r'name="sequence" value="(\d+)"', page).group(1)
    response = client.post(
        reverse("courses:own_answer", args=[case.slug]),
        {
            "text": "第二稿，脚本没有加载",
            "sequence": sequence,
            "next": overview(case).get_absolute_url(),
        },
        follow=True,
    )
    assert "Your answer is saved." in response.content.decode()
    assert texts(case, alice.user) == ["第二稿，脚本没有加载"]


def test_duplicated_and_reordered_saves_keep_the_newest(login, alice, case):
    client = login(alice)
    for sequence, text in ((2, "二"), (1, "一"), (2, "二"), (4, "四"), (3, "三"), (4, "四")):
        save(client, case, text, sequence)
    assert texts(case, alice.user) == ["四"]
    assert OwnAnswer.objects.get().sequence == 4


def test_a_stale_tab_of_the_first_version_cannot_wipe_a_revision(login, alice, case):
    """Tab A (the overview) shows version 1. In tab B the cadre studies, revises and writes
    version 2. Back in tab A one key is typed: its save is refused as late, and autosave.js
    numbers on from the server and saves its screen again, which holds version 1's text."""
    client = login(alice)
    save(client, case, "一稿", 1)
    study_all(alice, case)
    client.post(revise_url(case))
    save(client, case, "读完课后认真改写的第二稿", 2)
    url = reverse("courses:own_answer", args=[case.slug])
    # Tab A posts the version its page shows, 1, which is no longer the latest: refused.
    late = client.post(url, {"text": "一稿。", "sequence": "3", "version": "1"}, **JSON)
    assert late.status_code == 409 and late.json()["stale"] is True
    assert texts(case, alice.user) == ["一稿", "读完课后认真改写的第二稿"]


def test_keep_this_version_keeps_a_version_the_overview_started(login, alice, case):
    client = login(alice)
    save(client, case, "一稿", 1)
    study_all(alice, case)
    save(client, case, "课后在概览页改的二稿", 2)  # a new version, begun by this one save
    client.post(revise_url(case))  # "Keep this version and start another"
    save(client, case, "三稿", 3)
    assert texts(case, alice.user) == ["一稿", "课后在概览页改的二稿", "三稿"]


def test_the_first_version_stays_closed_when_a_lesson_is_added_later(login, alice, case):
    client = login(alice)
    save(client, case, "课前的一稿", 1)
    study_all(alice, case)
    assert client.get(compare_url(case)).context["comparison"].rows  # the analysis was seen
    last = case.lessons.order_by("-order").first()
    Lesson.objects.create(course=case, order=last.order + 1, title="补充", body_md="补充内容")
    save(client, case, GOOD, 2)  # rewritten after the compare page
    assert texts(case, alice.user)[0] == "课前的一稿"


def test_the_first_version_closes_once_the_analysis_has_been_read(login, alice, case):
    """Every lesson opened and read, the last one not marked studied: the first version still
    takes saves, so it can be the analysis copied, and counts as written before the lessons."""
    client = login(alice)
    save(client, case, "课前的一稿", 1)
    for lesson in case.lessons.all():
        client.get(lesson.get_absolute_url())
    assert LessonOpening.objects.filter(user=alice.user).count() == case.lessons.count()
    save(client, case, GOOD, 2)
    assert texts(case, alice.user)[0] == "课前的一稿"


def test_a_beacon_after_a_revision_lands_in_the_new_version_and_the_old_is_kept(login, alice, case):
    client = login(alice)
    save(client, case, "一稿", 1)
    study_all(alice, case)
    client.post(revise_url(case))
    client.post(revise_url(case))  # a double click
    save(client, case, "一稿", 1)  # a duplicate that arrives late
    save(client, case, "二稿", 2)  # the farewell beacon
    assert texts(case, alice.user) == ["一稿", "二稿"]


def test_a_post_without_text_is_refused_and_erases_nothing(login, alice, case):
    client = login(alice)
    save(client, case, "写了很久的答案", 1)
    response = client.post(reverse("courses:own_answer", args=[case.slug]), {}, **JSON)
    assert response.status_code == 400
    assert texts(case, alice.user) == ["写了很久的答案"]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("a\x00b\x1bc\x7fd", "abcd"),
        ("行一\r\n行二", "行一\n行二"),
        ("长" * own_answers.MAX_CHARS, "长" * own_answers.MAX_CHARS),
        ("\r\n" * own_answers.MAX_CHARS, "\n" * own_answers.MAX_CHARS),  # a browser's line ends
    ],
)
def test_control_characters_and_line_ends(login, alice, case, text, kept):
    response = save(login(alice), case, text, 1)
    assert response.status_code == 200 and texts(case, alice.user) == [kept]


@pytest.mark.parametrize("sequence", ["٣", "+5", " 5", "5.0", "0x10", "999999999", "2147483648"])
def test_odd_sequences_never_crash(login, alice, case, sequence):
    response = save(login(alice), case, "一稿", sequence)
    assert response.status_code == 200 and response.json()["stored"] is True


def test_draft_archived_and_unknown_courses_answer_404(login, alice, case, make_course):
    client = login(alice)
    draft = make_course("draft-case", status="draft")
    with_points(draft)
    archived = make_course("gone-case", status="archived")
    with_points(archived)
    for slug in (draft.slug, archived.slug, "no-such-course"):
        for url in (
            reverse("courses:own_answer", args=[slug]),
            reverse("courses:own_answer_revise", args=[slug]),
        ):
            assert client.post(url, {"text": "x", "sequence": "1"}).status_code == 404
        assert client.get(reverse("courses:compare", args=[slug])).status_code == 404
    assert not OwnAnswer.objects.exists()


def test_a_course_with_no_points_takes_no_answer(login, alice, make_course):
    plain = make_course("no-case")
    response = save(login(alice), plain, "随便写", 1)
    assert response.status_code == 404
    assert not OwnAnswer.objects.exists()


def test_my_progress_links_only_pages_that_open(login, alice, case):
    client = login(alice)
    save(client, case, GOOD, 1)
    Course.objects.filter(pk=case.pk).update(status=Course.Status.ARCHIVED)
    page = client.get(reverse("records:progress")).content.decode()
    for link in re.findall(r'href="(/courses/[^"]+/compare/)"', page):
        assert client.get(link).status_code == 200, link


# --- Concurrency (PostgreSQL, real threads) ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_saves_and_a_revise_racing_in_threads_lose_nothing(units, tom):
    if connection.vendor == "sqlite":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    course = course_import_case(
        data=(DATA / "case-checkins.zh.txt").read_bytes(), owner=tom.user, status="published"
    )
    cadre = make_person("racer", units["hill"], is_cadre=True)
    study_all(cadre, course)
    barrier = threading.Barrier(6)
    errors = []

    def run(action):
        try:
            barrier.wait()
            action()
        except Exception as exc:  # noqa: BLE001  reported below
            errors.append(exc)
        finally:
            connection.close()

    def saver(n):
        return lambda: own_answers.save(user=cadre.user, course=course, text=f"稿{n}", sequence=n)

    actions = [saver(n) for n in range(1, 5)]
    actions += [lambda: own_answers.revise(user=cadre.user, course=course)] * 2
    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    answer = OwnAnswer.objects.get(user=cadre.user)
    assert answer.sequence == 4
    numbers = list(answer.versions.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) <= 3
    assert "稿4" in answer.versions.values_list("text", flat=True)  # the newest save is kept


@pytest.mark.django_db(transaction=True)
def test_two_tabs_first_saves_in_threads_make_one_answer(units, tom):
    if connection.vendor == "sqlite":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    course = course_import_case(
        data=(DATA / "case-checkins.zh.txt").read_bytes(), owner=tom.user, status="published"
    )
    cadre = make_person("tabs", units["hill"], is_cadre=True)
    barrier = threading.Barrier(4)
    errors = []

    def first(n):
        try:
            barrier.wait()
            with transaction.atomic():
                own_answers.save(user=cadre.user, course=course, text=f"标签{n}", sequence=1)
        except Exception as exc:  # noqa: BLE001  reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert OwnAnswer.objects.filter(user=cadre.user).count() == 1
    assert OwnAnswerVersion.objects.filter(answer__user=cadre.user).count() == 1


# --- Markup where answers, points and phrases are shown ---------------------------------------


def test_markup_in_points_phrases_and_answers_stays_text_on_every_page(
    login,
    alice,
    tom,
    course_of_tom,  # noqa: F811
):
    course = with_points(course_of_tom.course)
    course.reference_points.filter(key="p1").update(
        text=f"Groups that serve residents should stay {XSS}", phrases=f"</textarea>{XSS}"
    )
    course.title = f"Case {XSS}"
    course.save(update_fields=["title"])
    client = login(alice)
    for lesson in course.lessons.all():
        client.get(lesson.get_absolute_url())
    study_all(alice, course)
    save(client, course, f"groups that serve residents should stay {XSS}", 1)
    answer = written_answer(submitted(course_of_tom, alice, text=f"residents groups {XSS}"))
    pages = {
        alice: [compare_url(course), reverse("records:progress")],
        tom: [
            reverse("studio:points", args=[course.slug]),
            reverse("studio:grade", args=[answer.pk]),
            reverse("studio:analysis", args=[course_of_tom.pk]),
        ],
    }
    for person, urls in pages.items():
        other = login(person)
        for url in urls:
            response = other.get(url)
            page = response.content.decode()
            assert response.status_code == 200 and "&lt;script&gt;" in page, url
            assert "<script>alert" not in page and "<img src=x" not in page, url
            assert "</textarea><script" not in page, url


def test_no_admin_page_no_xapi_statement_and_no_export_carries_an_answer(
    superuser_client, alice, case
):
    from xapi.models import Statement

    before = Statement.objects.count()
    own_answers.save(user=alice.user, course=case, text="秘密答案只有我知道", sequence=1)
    assert Statement.objects.count() == before
    index = superuser_client.get(reverse("admin:index")).content.decode()
    assert "own answer" not in index.lower() and "ownanswer" not in index.lower()
    assert superuser_client.get("/admin/courses/ownanswer/").status_code == 404
    assert superuser_client.get("/admin/courses/ownanswerversion/").status_code == 404


# --- Queries that must not grow with data ----------------------------------------------------


def test_compare_and_overview_queries_do_not_grow_with_versions(login, alice, case):
    client = login(alice)
    save(client, case, "一稿", 1)
    study_all(alice, case)
    client.post(revise_url(case))
    save(client, case, "二稿", 2)

    def counted(url):
        client.get(url)  # the first visit records the opening
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = {url: counted(url) for url in (compare_url(case), overview(case).get_absolute_url())}
    for n in range(3, 9):
        client.post(revise_url(case))
        save(client, case, f"{n}稿", n)
    after = {url: counted(url) for url in before}
    assert after == before


def test_the_points_page_does_not_rematch_every_answer_on_each_view(login, units, tom, case):
    for i in range(12):
        cadre = make_person(f"c{i}", units["hill"], is_cadre=True)
        own_answers.save(user=cadre.user, course=case, text=f"{GOOD[: 40 + i]}", sequence=1)
    client = login(tom)
    url = reverse("studio:points", args=[case.slug])
    client.get(url)
    with mock.patch.object(
        coverage.Matcher, "coverage", autospec=True, side_effect=coverage.Matcher.coverage
    ) as calls:
        client.get(url)
    assert calls.call_count < 12  # not once per answer, per view (100k cadres: minutes)


# --- Translations: one case in two languages --------------------------------------------------


@pytest.fixture
def two_languages(tom):
    zh = course_import_case(
        data=(DATA / "case-checkins.zh.txt").read_bytes(), owner=tom.user, status="published"
    )
    en = course_import_case(
        data=(DATA / "case-checkins.en.txt").read_bytes(), owner=tom.user, status="published"
    )
    course_link_translation(course=en, original=zh)
    return zh, en


def test_lessons_studied_in_the_other_language_count_as_done(login, alice, two_languages):
    zh, en = two_languages
    study_all(alice, en)
    assert own_answers.lessons_done(alice.user, zh) and own_answers.lessons_done(alice.user, en)
    response = login(alice).get(compare_url(zh))
    assert "to_study" not in response.context


def test_the_own_answer_follows_the_cadre_to_the_other_language(login, alice, two_languages):
    zh, en = two_languages
    client = login(alice)
    save(client, zh, "课前的一稿：打卡是形式主义。", 1)
    study_all(alice, en)  # read in English: the site counts it for both versions
    comparison = client.get(compare_url(en)).context["comparison"]
    assert comparison.versions, "the English page says no answer was written"


def test_an_english_case_is_compared_end_to_end(login, alice, tom):
    en = course_import_case(
        data=(DATA / "case-checkins.en.txt").read_bytes(), owner=tom.user, status="published"
    )
    points = list(en.reference_points.all())
    client = login(alice)
    save(client, en, "Check-ins are a burden.", 1)
    study_all(alice, en)
    client.post(revise_url(en))
    save(client, en, " ".join(p.text for p in points), 2)
    comparison = client.get(compare_url(en)).context["comparison"]
    assert comparison.latest.language == "en"
    assert comparison.latest.covered == len(points) > comparison.first.covered


# --- The matcher with pathological text ------------------------------------------------------


def _points(case_name):
    import json

    rows = json.loads((DATA / f"points-{case_name}.json").read_text(encoding="utf-8"))
    return [coverage.Point(r["id"], r["part"], r["text"]) for r in rows]


@pytest.mark.parametrize("case_name", ["checkins-zh", "checkins-en"])
@pytest.mark.parametrize(
    "answer",
    [
        "",
        "。，！？…——“”《》" * 10_000,
        "😀🇨🇳👍🏽\u200d" * 20_000,
        "\u202e\u2066\ufeff\u00ad" * 10_000,
        "Привет غير नमस्ते 안녕 " * 5_000,
        "1" * 100_000,
    ],
    ids=["empty", "punctuation", "emoji", "bidi", "scripts", "digits"],
)
def test_pathological_answers_cover_nothing_and_end_quickly(case_name, answer):
    matcher = coverage.Matcher(_points(case_name))
    matcher.coverage("热身")  # jieba's dictionary, once per process
    started = time.perf_counter()
    result = matcher.coverage(answer)
    assert time.perf_counter() - started < 2
    assert result.covered == result.partly == 0 and result.spans == []


def test_100k_characters_are_read_to_the_limit_and_no_further():
    points = _points("checkins-zh")
    matcher = coverage.Matcher(points)
    full = "".join(p.text for p in points)
    tail = "。" * coverage.MAX_CHARS + full  # what makes the points lies past the limit
    started = time.perf_counter()
    assert matcher.coverage(tail).covered == 0
    assert matcher.coverage((full * 200)[:100_000]).covered == len(points)
    assert time.perf_counter() - started < 3


def test_highlights_stay_on_the_matched_words_whatever_comes_before():
    matcher = coverage.Matcher(
        [coverage.Point("p1", 1, "Duplicated reporting groups can be merged or closed.")], "en"
    )
    answer = "İzmir's office: merge the duplicated reporting groups"
    result = matcher.coverage(answer)
    marked = [text for text, hit in own_answers.highlighted(answer, result.spans) if hit]
    assert result.matches[0].mark == coverage.COVERED
    assert marked == ["merge", "duplicated", "reporting", "groups"]  # each word, none shifted


def test_mixed_scripts_in_a_chinese_answer_still_match():
    points = _points("checkins-zh")
    matcher = coverage.Matcher(points, "zh")
    mixed = "I think 😀 " + points[0].text + " — and Привет " + points[1].text
    result = matcher.coverage(mixed)
    marks = result.by_key()
    assert marks[points[0].key].mark == marks[points[1].key].mark == coverage.COVERED
    for start, end in result.spans:
        assert re.fullmatch(r"[\u4e00-\u9fff\w]+", mixed[start:end]), mixed[start:end]


# --- Think-first counts for trainers ----------------------------------------------------------


def test_points_missed_counts_only_answers_written_before_the_lessons(alice, case):
    study_all(alice, case)
    own_answers.save(user=alice.user, course=case, text="读完以后才写：打卡。", sequence=1)
    assert not OwnAnswerVersion.objects.get().before_analysis
    assert own_answers.points_missed(case).total == 0


def test_an_answer_is_held_against_the_points_of_its_own_language(login, alice, two_languages):
    """Written in Chinese, read on the English version's compare page: the Chinese points and
    lessons are the ones shown and matched (the English would cover nothing), and a second
    answer in English goes on as a version of the same answer."""
    zh, en = two_languages
    client = login(alice)
    save(client, zh, GOOD, 1)
    study_all(alice, en)
    comparison = client.get(compare_url(en)).context["comparison"]
    assert comparison.course == zh and comparison.first.covered >= len(comparison.rows) - 2
    assert all(row.lesson is None or row.lesson.course_id == zh.pk for row in comparison.rows)
    assert OwnAnswer.objects.get().course == zh  # one answer for the case, on its original


def test_a_fresh_pages_saves_in_flight_together_are_all_kept(login, alice, case):
    """The walk with `make run` found it: a fresh overview (version 0) sends its typing pause
    save and its leaving-the-field save at once; the second, still naming version 0, was
    refused as stale and the page reloaded. Both belong to the first version it is writing."""
    client = login(alice)
    url = reverse("courses:own_answer", args=[case.slug])
    first = client.post(url, {"text": "一稿", "sequence": "1", "version": "0"}, **JSON)
    second = client.post(url, {"text": "一稿，续写", "sequence": "2", "version": "0"}, **JSON)
    assert first.status_code == second.status_code == 200
    assert second.json()["version"] == 1 and texts(case, alice.user) == ["一稿，续写"]
