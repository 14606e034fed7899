"""Reader for the demo scenario quiz, kept as data in content/scenario_quiz.toml.

The quiz is content, not code: a trainer can correct a prompt or a feedback without touching
Python. Each question is written once in the file, with its English and Chinese texts side by
side, so the two courses cannot drift apart in keys, kinds or correct answers. This module turns
the file back into one list of question dicts per course language, the shape the demo loader
passes to question_save.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "scenario_quiz.toml"

# Course language -> the suffix its texts carry in the file (`prompt.en`, `prompt.zh`).
LANGUAGES = {"en": "en", "zh-hans": "zh"}
KINDS = ("single", "multiple", "decision", "written")
# The order in which a decision question offers its decisions.
DECISIONS = ("dissolve", "merge", "keep")


@functools.cache
def load(path: Path = CONTENT_FILE) -> dict[str, Any]:
    """The parsed file, read once per path and shared, so not to be changed; the functions
    below build fresh dicts from it."""
    with open(path, "rb") as file:
        return tomllib.load(file)


def _suffix(language: str) -> str:
    try:
        return LANGUAGES[language]
    except KeyError:
        raise ValueError(
            f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}"
        ) from None


def _text(pair: Any, suffix: str, where: str) -> str:
    """One language's text of a pair; every language must have one, so a gap shows either way."""
    for other in LANGUAGES.values():
        text = pair.get(other) if isinstance(pair, dict) else None
        if not isinstance(text, str) or not text:
            raise ValueError(f"{where} has no {other!r} text")
    return pair[suffix]


def _field(item: dict[str, Any], name: str, where: str) -> Any:
    if name not in item:
        raise ValueError(f"{where} has no {name!r}")
    return item[name]


def _choices(question: dict[str, Any], name: str, suffix: str, where: str) -> list[dict]:
    choices = []
    for n, choice in enumerate(_field(question, name, where), start=1):
        at = f"{where}, {name} #{n}"
        choices.append(
            {
                "key": _field(choice, "key", at),
                "text": _text(choice.get("text"), suffix, f"{at} text"),
                "correct": _field(choice, "correct", at),
                "feedback": _text(choice.get("feedback"), suffix, f"{at} feedback"),
            }
        )
    return choices


def _one_correct(choices: list[dict], name: str, where: str) -> None:
    if sum(bool(choice["correct"]) for choice in choices) != 1:
        raise ValueError(f"{where} needs exactly one correct entry among its {name}")


def _question(question: dict[str, Any], suffix: str) -> dict[str, Any]:
    key = question.get("key")
    where = f"question {key!r}"
    kind = question.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{where} has unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    item = {
        "key": key,
        "kind": kind,
        "competencies": list(_field(question, "competencies", where)),
        "part": _field(question, "part", where),
        "unit_kind": question.get("unit_kind", ""),
        "prompt": _text(question.get("prompt"), suffix, f"{where} prompt"),
    }
    if kind in ("single", "multiple"):
        item["options"] = _choices(question, "options", suffix, where)
        if kind == "single":
            _one_correct(item["options"], "options", where)
    elif kind == "decision":
        decision = _field(question, "decision", where)
        if decision not in DECISIONS:
            raise ValueError(f"{where} has unknown decision {decision!r}")
        feedback = question.get("decision_feedback", {})
        item["decision"] = decision
        item["decision_feedback"] = {
            code: _text(feedback.get(code), suffix, f"{where} decision_feedback.{code}")
            for code in DECISIONS
        }
        item["reasons"] = _choices(question, "reasons", suffix, where)
        _one_correct(item["reasons"], "reasons", where)
    else:
        item["reference"] = _text(question.get("reference"), suffix, f"{where} reference")
        item["rubric"] = [
            [
                _text(line.get("text"), suffix, f"{where}, rubric #{n}"),
                _field(line, "points", f"{where}, rubric #{n}"),
            ]
            for n, line in enumerate(_field(question, "rubric", where), start=1)
        ]
    return item


def questions(language: str, *, path: Path = CONTENT_FILE) -> list[dict[str, Any]]:
    """The questions, in quiz order, with the texts of `language` ("en" or "zh-hans")."""
    suffix = _suffix(language)
    return [_question(question, suffix) for question in load(path)["questions"]]


def quiz_words(language: str, *, path: Path = CONTENT_FILE) -> tuple[str, str]:
    """The quiz's title and intro in `language`."""
    suffix = _suffix(language)
    quiz = load(path)["quiz"]
    title = _text(quiz.get("title"), suffix, "quiz title")
    intro = _text(quiz.get("intro"), suffix, "quiz intro")
    return title, intro


def decision_words(language: str, *, path: Path = CONTENT_FILE) -> dict[str, str]:
    """Each decision code's label in `language`, in the order the decisions are offered."""
    suffix = _suffix(language)
    words = load(path)["decisions"]
    return {code: _text(words.get(code), suffix, f"decision {code!r}") for code in DECISIONS}
