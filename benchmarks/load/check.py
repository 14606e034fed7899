"""After a load run: does the database hold exactly what the cadres were told was saved?

    .venv/bin/python -m benchmarks.load.check RESULTS.jsonl

Reads the saves the locust users recorded (each answered `stored: true`) and the submissions
that were answered with the results page, then checks in the database:
- each attempt's answers are those of its highest stored save (a late, lower-numbered save
  never replaced them), one answer per question;
- every submitted attempt is finished and scored, and no attempt was created twice: at most
  one open attempt per cadre and quiz, never more attempts than the quiz allows;
- the load cadres' ledger has at most one completion per course.
Prints what it checked; exits 1 on the first kind of mismatch it lists.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings")


def expected_answers(answers: dict) -> dict[int, tuple[set[str], str]]:
    """{attempt question pk: (option keys, text)} from the posted field names."""
    out: dict[int, tuple[set[str], str]] = {}
    for name, value in answers.items():
        pk = int(name[1:].split("_")[0])
        keys, text = out.get(pk, (set(), ""))
        if name.endswith("_text"):
            text = value
        else:
            keys |= set(value)
        out[pk] = (keys, text)
    return out


def check(path: str) -> list[str]:
    from django.db.models import Count

    from quizzes.models import Answer, Attempt
    from records.models import CompletionRecord

    problems: list[str] = []
    last_save: dict[int, dict] = {}
    submitted: set[int] = set()
    saves = 0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            entry = json.loads(line)
            if "submitted" in entry:
                submitted.add(entry["submitted"])
                continue
            saves += 1
            held = last_save.get(entry["attempt"])
            if held is None or entry["sequence"] > held["sequence"]:
                last_save[entry["attempt"]] = entry

    for attempt_id, entry in last_save.items():
        answers = {
            a.attempt_question_id: a
            for a in Answer.objects.filter(attempt_question__attempt_id=attempt_id)
        }
        for pk, (keys, text) in expected_answers(entry["answers"]).items():
            answer = answers.get(pk)
            if answer is None or set(answer.selected) != keys or answer.text != text:
                problems.append(
                    f"attempt {attempt_id} question {pk}: stored {answer and answer.selected}, "
                    f"last save {entry['sequence']} sent {sorted(keys)}"
                )

    attempts = Attempt.objects.filter(user__username__startswith="load-")
    for attempt in attempts.filter(pk__in=submitted):
        if attempt.is_open or attempt.score is None or attempt.submitted_at is None:
            problems.append(f"attempt {attempt.pk} was submitted but is {attempt.status}")
    duplicated = (
        Answer.objects.filter(attempt_question__attempt__in=attempts)
        .values("attempt_question")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    problems += [f"question {row['attempt_question']} has {row['n']} answers" for row in duplicated]
    open_per_user = Counter(attempts.filter(status="in_progress").values_list("user", flat=True))
    problems += [f"user {u} has {n} open attempts" for u, n in open_per_user.items() if n > 1]
    for attempt in attempts.filter(number__gt=3):
        problems.append(f"attempt {attempt.pk} is number {attempt.number} of 3 allowed")
    completions = Counter(
        CompletionRecord.objects.filter(
            user__username__startswith="load-", kind=CompletionRecord.Kind.COMPLETED
        ).values_list("user", "course")
    )
    problems += [f"{key} completed {n} times" for key, n in completions.items() if n > 1]

    print(
        f"checked {saves} stored saves over {len(last_save)} attempts, "
        f"{len(submitted)} submissions, {attempts.count()} attempts in the database: "
        f"{len(problems)} problems"
    )
    return problems


def main() -> None:
    django.setup()
    problems = check(sys.argv[1])
    for problem in problems[:50]:
        print("  " + problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
