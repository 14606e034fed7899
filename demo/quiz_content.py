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


def decision_keys(path: Path = CONTENT_FILE) -> tuple[str, ...]:
    """The case's own decisions (the keys of its [decisions] table), in the order offered."""
    return tuple(load(path).get("decisions", {}))


def _question(question: dict[str, Any], suffix: str, path: Path = CONTENT_FILE) -> dict[str, Any]:
    key = question.get("key")
    where = f"question {key!r}"
    kind = question.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{where} has unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    codes = {c["code"] for c in load(path)["framework"]["competencies"]}
    competencies = list(_field(question, "competencies", where))
    if unknown := sorted(set(competencies) - codes):
        raise ValueError(f"{where} names unknown competencies {unknown}")
    item = {
        "key": key,
        "kind": kind,
        "competencies": competencies,
        "part": _field(question, "part", where),
        "unit_kind": question.get("unit_kind", ""),
        "prompt": _text(question.get("prompt"), suffix, f"{where} prompt"),
    }
    if kind in ("single", "multiple"):
        item["options"] = _choices(question, "options", suffix, where)
        if kind == "single":
            _one_correct(item["options"], "options", where)
    elif kind == "decision":
        decisions = decision_keys(path)
        decision = _field(question, "decision", where)
        if decision not in decisions:
            raise ValueError(f"{where} has unknown decision {decision!r}")
        feedback = question.get("decision_feedback", {})
        item["decision"] = decision
        item["decision_feedback"] = {
            code: _text(feedback.get(code), suffix, f"{where} decision_feedback.{code}")
            for code in decisions
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
    return [_question(question, suffix, path) for question in load(path)["questions"]]


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
    return {code: _text(words[code], suffix, f"decision {code!r}") for code in decision_keys(path)}


def framework(path: Path = CONTENT_FILE) -> dict[str, Any]:
    """The case's competency framework: slug, names in both languages, description, and its
    competencies in order (code, name_en, name_zh, description)."""
    data = load(path)["framework"]
    names = {"name_en": _text(data.get("name"), "en", "framework name")}
    names["name_zh"] = data["name"]["zh"]
    return {
        "slug": _field(data, "slug", "framework"),
        **names,
        "description": data.get("description", ""),
        "competencies": [
            {
                "code": _field(c, "code", f"framework competency #{n}"),
                "name_en": _text(c.get("name"), "en", f"framework competency #{n} name"),
                "name_zh": c["name"]["zh"],
                "description": c.get("description", ""),
            }
            for n, c in enumerate(_field(data, "competencies", "framework"), start=1)
        ],
    }
