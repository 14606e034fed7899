"""How well `courses.coverage` marks the points an answer covers, against hand labels.

    .venv/bin/python -m benchmarks.coverage                    # the labelled set in data/
    .venv/bin/python -m benchmarks.coverage --data DIR --json  # any folder of the same format
    .venv/bin/python -m benchmarks.coverage --tune             # search thresholds on the data
    .venv/bin/python -m benchmarks.coverage --scorer bm25      # BM25 (bm25s) instead

A folder holds, per case, `points-<case>.json` (`[{"id", "part", "text"}]`, plus an optional
`"phrases"` list: the trainer's key phrases) and `answers-<case>.json` (`[{"id", "style",
"text", "labels": {point id: "covered" | "partly" | "missing"}}]`); the language follows the
text. "covered" is scored as positive, "missing" as negative: precision, recall and F1 of the
matcher's "covered" per language. Points labelled "partly" are left out of those and reported
on their own (what the matcher said of them). The time per answer is the matching alone, on
one core; loading jieba's dictionary (once per process) is printed apart.

With --json the output is one line: {"en": {"precision", "recall", "f1", "answers"},
"zh": {...}, "ms_per_answer"}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from itertools import product
from pathlib import Path

from courses import coverage

DATA = Path(__file__).parent / "data"


def load(folder: Path, phrases: bool = True) -> list[tuple[str, list[coverage.Point], list[dict]]]:
    """Each case of the folder: its name, its points and its labelled answers; with `phrases`,
    the key phrases a trainer wrote for its points (`phrases-<case>.json`, where there is one:
    {point id: [phrase, ...]}), as the studio lets them."""
    cases = []
    for points_file in sorted(folder.glob("points-*.json")):
        case = points_file.stem.removeprefix("points-")
        answers_file = folder / f"answers-{case}.json"
        if not answers_file.is_file():
            raise SystemExit(f"{points_file.name} has no {answers_file.name}")
        phrases_file = folder / f"phrases-{case}.json"
        extra = (
            json.loads(phrases_file.read_text(encoding="utf-8"))
            if phrases and phrases_file.is_file()
            else {}
        )
        points = [
            coverage.Point(
                p["id"],
                int(p.get("part", 0)),
                p["text"],
                tuple(p.get("phrases", ())) + tuple(extra.get(p["id"], ())),
            )
            for p in json.loads(points_file.read_text(encoding="utf-8"))
        ]
        answers = json.loads(answers_file.read_text(encoding="utf-8"))
        keys = {p.key for p in points}
        for answer in answers:
            unknown = set(answer["labels"]) - keys
            if unknown:
                raise SystemExit(f"{answers_file.name} {answer['id']}: unknown points {unknown}")
        cases.append((case, points, answers))
    if not cases:
        raise SystemExit(f"no points-*.json in {folder}")
    return cases


def bm25_marks(points, answers, covered_from: float, partly_from: float):
    """BM25 (bm25s) as the alternative scorer: each answer's sentences are the corpus, each
    point the query; a point's score is its best sentence's, over the best a point's own text
    reaches against itself (so scores fall between 0 and about 1, as recall's do)."""
    import bm25s  # only for this comparison: a dev dependency

    language = coverage.language_of(" ".join(p.text for p in points))
    out = []
    for answer in answers:
        sentences = [s for s in _sentences(answer["text"]) if s.strip()] or [""]
        corpus = [[t.text for t in coverage.terms(s, language)] or ["_"] for s in sentences]
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        marks = {}
        for point in points:
            query = [t.text for t in coverage.terms(point.text, language)] or ["_"]
            scores = retriever.get_scores(query)
            best = float(max(scores)) if len(scores) else 0.0
            self_score = _self_score(query)
            score = best / self_score if self_score else 0.0
            marks[point.key] = (
                coverage.COVERED
                if score >= covered_from
                else coverage.PARTLY_COVERED
                if score >= partly_from
                else coverage.MISSING
            )
        out.append(marks)
    return out


def _self_score(query: list[str]) -> float:
    import bm25s

    retriever = bm25s.BM25()
    retriever.index([query, ["_"]], show_progress=False)
    return float(max(retriever.get_scores(query)))


def _sentences(text: str) -> list[str]:
    import re

    return re.split(r"(?<=[。！？；.!?;])\s*|\n+", text)


def recall_marks(points, answers):
    matcher = coverage.Matcher(points)
    return [
        {m.point.key: m.mark for m in matcher.coverage(answer["text"]).matches}
        for answer in answers
    ]


def score(cases, marks_of) -> tuple[dict, float]:
    """Per language: precision, recall, F1 of "covered", the answers, and what was said of the
    points labelled "partly"; and the milliseconds per answer."""
    tallies: dict[str, Counter] = defaultdict(Counter)
    partly: dict[str, Counter] = defaultdict(Counter)
    answers_seen: Counter = Counter()
    elapsed, total_answers = 0.0, 0
    for _case, points, answers in cases:
        language = coverage.language_of(" ".join(p.text for p in points))
        started = time.perf_counter()
        all_marks = marks_of(points, answers)
        elapsed += time.perf_counter() - started
        total_answers += len(answers)
        answers_seen[language] += len(answers)
        for answer, marks in zip(answers, all_marks, strict=True):
            for key, label in answer["labels"].items():
                said = marks[key]
                if label == "partly":
                    partly[language][said] += 1
                    continue
                positive = said == coverage.COVERED
                if label == "covered":
                    tallies[language]["tp" if positive else "fn"] += 1
                else:
                    tallies[language]["fp" if positive else "tn"] += 1
    result = {}
    for language in sorted(tallies):
        t = tallies[language]
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
        recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[language] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "answers": answers_seen[language],
            "counts": dict(t),
            "partly_said": dict(partly[language]),
        }
    return result, 1000 * elapsed / max(total_answers, 1)


def tune(cases) -> None:
    """Print, per language, the thresholds (and for Chinese the word share) with the best F1."""
    for language in ("en", "zh"):
        mine = [
            c for c in cases if coverage.language_of(" ".join(p.text for p in c[1])) == language
        ]
        if not mine:
            continue
        shares = [x / 10 for x in range(0, 11)] if language == "zh" else [coverage.WORD_SHARE]
        phrase_steps = [x / 100 for x in range(40, 101, 5)]
        best = None
        for covered_from, phrase_from, share in product(
            [x / 100 for x in range(4, 50)], phrase_steps, shares
        ):
            coverage.COVERED_FROM = {**coverage.COVERED_FROM, language: covered_from}
            coverage.PHRASE_FROM = {**coverage.PHRASE_FROM, language: phrase_from}
            coverage.WORD_SHARE = share
            f1 = score(mine, recall_marks)[0][language]["f1"]
            if best is None or f1 > best[0]:
                best = (f1, covered_from, phrase_from, share)
        f1, covered_from, phrase_from, share = best
        print(
            f"{language}: covered from {covered_from}, phrases from {phrase_from}, "
            f"word share {share}: F1 {f1}"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.coverage", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="folder of labelled cases")
    parser.add_argument("--json", action="store_true", help="one line of JSON")
    parser.add_argument("--tune", action="store_true", help="search the thresholds")
    parser.add_argument("--scorer", choices=["recall", "bm25"], default="recall")
    parser.add_argument(
        "--no-phrases", action="store_true", help="the points alone, without trainers' phrases"
    )
    args = parser.parse_args(argv)
    cases = load(args.data, phrases=not args.no_phrases)
    started = time.perf_counter()
    coverage.terms("预热", "zh")  # jieba's dictionary, once per process
    load_ms = 1000 * (time.perf_counter() - started)
    if args.tune:
        tune(cases)
        return 0
    if args.scorer == "bm25":

        def marks_of(points, answers):
            language = coverage.language_of(" ".join(p.text for p in points))
            covered_from = coverage.COVERED_FROM[language]
            return bm25_marks(points, answers, covered_from, covered_from * coverage.PARTLY)

    else:
        marks_of = recall_marks
    result, ms = score(cases, marks_of)
    if args.json:
        out = {
            language: {k: r[k] for k in ("precision", "recall", "f1", "answers")}
            for language, r in result.items()
        }
        out["ms_per_answer"] = round(ms, 2)
        print(json.dumps(out))
        return 0
    print(
        f"scorer: {args.scorer}; covered from {coverage.COVERED_FROM}, or a phrase from "
        f"{coverage.PHRASE_FROM}; partly from {coverage.PARTLY:.0%} of either; "
        f"{'no ' if args.no_phrases else ''}trainers' phrases; "
        f"jieba's dictionary loaded in {load_ms:,.0f} ms (once)"
    )
    print(f"{'language':<9}{'answers':>8}{'precision':>11}{'recall':>8}{'F1':>7}   partly said")
    for language, r in result.items():
        said = ", ".join(f"{k} {v}" for k, v in sorted(r["partly_said"].items()))
        print(
            f"{language:<9}{r['answers']:>8}{r['precision']:>11.3f}{r['recall']:>8.3f}"
            f"{r['f1']:>7.3f}   {said}"
        )
    print(f"{ms:.2f} ms per answer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
