"""The matcher that holds a cadre's own answer against a case's reference points: hand-made
answers that cover all, some and none of the points in both languages, a trainer's key phrases,
what is highlighted, bounds, and the evaluation benchmark on a small slice of its data."""

import json
import shutil

import pytest

from benchmarks.coverage import __main__ as benchmark
from courses import coverage
from courses.coverage import COVERED, MISSING, PARTLY_COVERED, Point

# A case on another topic than the seed's: a county's rule that village cadres check in by
# location four times a day.
ZH_POINTS = [
    Point("p1", 1, "定位打卡本意是加强考勤管理，防止干部脱岗。"),
    Point("p1a", 1, "一天四次打卡变成了形式主义，干部疲于应付，无法专心服务群众。"),
    Point("p2", 2, "应当取消硬性打卡次数，以群众满意度和工作实绩考核干部。"),
]
EN_POINTS = [
    Point("p1", 1, "Location check-ins were meant to stop cadres from leaving their posts."),
    Point(
        "p1a", 1, "Four check-ins a day became formalism that keeps cadres from serving villagers."
    ),
    Point(
        "p2", 2, "Scrap the fixed number of check-ins and judge cadres by residents' satisfaction."
    ),
]


def marks(answer, points):
    return {m.point.key: m.mark for m in coverage.coverage(answer, points).matches}


@pytest.mark.parametrize(
    ("points", "answer", "expected"),
    [
        (
            ZH_POINTS,
            "定位打卡的本意是加强考勤管理、防止干部脱岗，这没有错。但一天打卡四次就成了形式主义，"
            "干部疲于应付，没法专心服务群众。应当取消硬性的打卡次数，改用群众满意度和工作实绩来考核干部。",
            {"p1": COVERED, "p1a": COVERED, "p2": COVERED},
        ),
        (
            ZH_POINTS,
            "一天打卡四次，干部疲于应付，就是形式主义。",
            {"p1": MISSING, "p1a": COVERED, "p2": MISSING},
        ),
        (
            ZH_POINTS,
            "今天天气很好，我们去公园散步吧。",
            {"p1": MISSING, "p1a": MISSING, "p2": MISSING},
        ),
        (
            EN_POINTS,
            "The check-ins were meant to stop cadres leaving their posts. But four check-ins a day "
            "became formalism that keeps cadres from serving villagers. Scrap the fixed number of "
            "check-ins and judge cadres by how satisfied residents are.",
            {"p1": COVERED, "p1a": COVERED, "p2": COVERED},
        ),
        (
            EN_POINTS,
            "Checking in four times a day is formalism: cadres spend the day serving the app, "
            "not villagers.",
            {"p1": MISSING, "p1a": COVERED, "p2": MISSING},
        ),
        (
            EN_POINTS,
            "The weather is fine and the river is calm.",
            dict.fromkeys(("p1", "p1a", "p2"), MISSING),
        ),
    ],
    ids=["zh-all", "zh-some", "zh-none", "en-all", "en-some", "en-none"],
)
def test_hand_made_answers_are_marked_as_a_reader_would(points, answer, expected):
    assert marks(answer, points) == expected


def test_an_empty_answer_covers_nothing_and_says_so():
    result = coverage.coverage("", ZH_POINTS)
    assert [m.mark for m in result.matches] == [MISSING] * 3
    assert result.share == 0 and result.spans == []


def test_a_trainers_key_phrases_count_as_the_point():
    """ "砍掉" is not "取消", nor "考核" "群众说了算": without the phrases the paraphrase
    misses the point; with them it covers it."""
    answer = "硬性的打卡次数该砍掉，干部干得好不好，要让老百姓说了算。"
    assert marks(answer, ZH_POINTS)["p2"] != COVERED
    with_phrases = [
        *ZH_POINTS[:2],
        Point("p2", 2, ZH_POINTS[2].text, ("砍掉打卡次数", "老百姓说了算")),
    ]
    result = coverage.coverage(answer, with_phrases).by_key()["p2"]
    assert result.mark == COVERED and result.phrase_score >= coverage.PHRASE_FROM["zh"]
    assert "老百姓" in "".join(result.matched) or "说了算" in "".join(result.matched)


def test_an_english_phrase_matches_through_its_stems():
    answer = "Stop counting how often they check in; ask the residents whether they are satisfied."
    assert marks(answer, EN_POINTS)["p2"] != COVERED
    points = [*EN_POINTS[:2], Point("p2", 2, EN_POINTS[2].text, ("residents satisfied",))]
    assert marks(answer, points)["p2"] == COVERED


def test_a_half_made_point_is_partly_covered():
    answer = "定位打卡是为了考勤。"  # what it is for, not what it is meant to prevent
    assert marks(answer, ZH_POINTS)["p1"] == PARTLY_COVERED


def test_the_answers_matched_words_are_the_highlighted_spans():
    answer = "一天打卡四次，干部疲于应付，就是形式主义。"
    result = coverage.coverage(answer, ZH_POINTS)
    lit = [answer[a:b] for a, b in result.spans]
    assert any("形式主义" in part for part in lit) and any("疲于应付" in part for part in lit)
    assert all(b > a for a, b in result.spans)
    assert result.spans == sorted(result.spans)
    # Spans never overlap and never cover the punctuation between matched words alone.
    for (_a1, b1), (a2, _b2) in zip(result.spans, result.spans[1:], strict=False):
        assert b1 < a2


def test_the_language_follows_the_text():
    assert coverage.language_of("我认为应当区别对待。") == "zh"
    assert coverage.language_of("I think each unit differs.") == "en"
    assert coverage.language_of("APP 打卡一天四次，形式主义。") == "zh"
    assert coverage.language_of("") == "en"


def test_fullwidth_letters_match_their_ascii_and_spans_stay_true():
    points = [Point("p1", 1, "The APP must not count online time.")]
    answer = "ｔｈｅ ａｐｐ must not count online time"
    result = coverage.coverage(answer, points)
    assert result.matches[0].mark == COVERED
    assert [answer[a:b] for a, b in result.spans][0] == "ａｐｐ"


def test_jiebas_dictionary_is_loaded_once_per_process(monkeypatch):
    import jieba

    coverage.terms("先加载一次", "zh")
    calls = []
    monkeypatch.setattr(jieba.Tokenizer, "initialize", lambda self, *a: calls.append(1))
    for _ in range(3):
        coverage.coverage("打卡变成了形式主义。", ZH_POINTS)
    assert calls == [] and coverage.jieba_loaded()


def test_a_huge_answer_is_read_only_to_its_bound():
    answer = "形式主义。" * 100_000  # 500,000 characters
    cut = coverage.terms(answer, "zh")
    assert max(t.end for t in cut) <= coverage.MAX_CHARS


def test_nothing_in_the_matcher_knows_the_seed_case():
    from pathlib import Path

    folder = Path(coverage.__file__).parent
    texts = [Path(coverage.__file__), *(folder / "stopwords").glob("*.txt")]
    for path in texts:
        source = path.read_text(encoding="utf-8")
        for word in ("工作群", "无纸化", "微信", "减负", "paperless", "WeChat", "chat group"):
            assert word not in source, (path.name, word)


# --- The evaluation benchmark ---------------------------------------------------------------


@pytest.fixture
def small_slice(tmp_path):
    """Three answers of each labelled case, with the points and the trainers' phrases."""
    for path in benchmark.DATA.glob("*.json"):
        if path.name.startswith("answers-"):
            answers = json.loads(path.read_text(encoding="utf-8"))[:3]
            (tmp_path / path.name).write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
        else:
            shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_the_benchmark_scores_a_slice_and_prints_one_line_of_json(small_slice, capsys):
    assert benchmark.main(["--data", str(small_slice), "--json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(out) == {"en", "zh", "ms_per_answer"}
    for language in ("en", "zh"):
        figures = out[language]
        assert set(figures) == {"precision", "recall", "f1", "answers"}
        assert figures["answers"] == 6  # two cases, three answers each
        assert 0 <= figures["f1"] <= 1 and 0 <= figures["precision"] <= 1
    assert 0 < out["ms_per_answer"] < 1000


def test_the_benchmarks_model_answers_are_found_covered(small_slice):
    """The first answers of each case are model answers: the matcher finds most of their
    points, and a matcher that says "missing" of everything would fail here."""
    cases = benchmark.load(small_slice)
    result, _ms = benchmark.score(cases, benchmark.recall_marks)
    for language in ("en", "zh"):
        assert result[language]["recall"] >= 0.5
        assert result[language]["precision"] >= 0.5


def test_the_benchmark_refuses_labels_for_points_the_case_has_not(small_slice):
    answers = small_slice / "answers-checkins-en.json"
    data = json.loads(answers.read_text(encoding="utf-8"))
    data[0]["labels"]["p99"] = "covered"
    answers.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SystemExit, match="unknown points"):
        benchmark.load(small_slice)
