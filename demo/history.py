"""A year of demo history for `python manage.py demo`: assignments, lessons studied, quiz
attempts graded by the trainer, and the completions and hours that follow from them.

Everything goes through the real services (lesson_open, lesson_mark_studied,
attempt_start/save/submit, answer_grade, completion_check), dated in the past, so the records,
the HR reports and "My progress" show what the site itself would have recorded: each lesson is
opened first and marked studied only after its reading time has passed, as the site requires.

- Deterministic: one `random.Random` per cadre, seeded from 2026 and their user name.
- Idempotent: the assignments are get-or-create, and the history is written only when no
  completion and no demo cadre's study exists yet, all in one transaction.
- Most cadres wrote their own answer to the case before reading it (`courses.own_answers`).
- `cadre` and `cadre2`, the accounts people log in with, get no history: their journeys
  (and the browser tests that follow them) start fresh.
"""

from __future__ import annotations

import datetime as dt
import random
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses import own_answers
from courses.models import Course, Enrolment, LessonProgress
from courses.services import lesson_mark_studied, lesson_open
from courses.signals import lesson_studied
from people.models import OrgUnit, Profile
from quizzes.grading import answer_grade
from quizzes.models import Answer, Attempt, Option, QuestionVersion, Quiz, ScoreChange
from quizzes.services import Submitted, attempt_save, attempt_start, attempt_submit
from quizzes.signals import attempt_graded
from records.models import Assignment, CompletionRecord
from records.receivers import on_attempt_graded, on_lesson_studied
from records.services import completion_check
from xapi.receivers import held_back as statements_held_back

from .people import other_cadres

SEED = 2026
LEADER_SHARE, STAFF_SHARE = 0.7, 0.5  # about 60 % of the 38 demo cadres; most leaders
Kind = QuestionVersion.Kind
Group = Option.Group

# Written answers by quality, in each course's language; the trainer's rubric marks follow
# the cadre's skill, so the text is only there for the grading pages to show.
WRITTEN = {
    "en": [
        "Dissolving groups reduces the burden, so every unit should cut half of its groups.",
        "Paperless office and burden reduction are both good, but units differ. Public-facing "
        "units should keep and organise their groups; others can merge duplicated ones.",
        "Both aims are good. Analyse each unit: streets, communities and windows keep and "
        "organise groups residents rely on; offices merge duplicated, check-in and idle "
        "groups. Set no quota, and also cut meetings, paperwork and duplicated work.",
    ],
    "zh-hans": [
        "解散工作群可以减轻负担，所以每个单位都应当砍掉一半的群。",
        "无纸化办公和基层减负都是好政策，但各单位情况不同。面向群众的单位应保留并规范工作群，"
        "其他单位可以合并重复的群。",
        "两项政策的初衷都是好的。要具体分析：街道、社区和窗口单位保留并规范群众依赖的工作群；"
        "对外工作少的单位合并重复群、打卡群和闲置群。不搞一刀切指标，同时精简会议文件、"
        "减少重复工作。",
    ],
}
COMMENTS = {
    "en": [
        "Decide unit by unit; no quota.",
        "Good analysis; add measures beyond groups.",
        "Clear view, causes and measures.",
    ],
    "zh-hans": [
        "要具体分析，不能一刀切。",
        "分析较好，还应提出群以外的减负措施。",
        "观点明确，原因和对策完整。",
    ],
}


@contextmanager
def records_dated_by_us():
    """Hold back the records' own completion check while history is replayed.

    The receivers check completion at the moment learning is recorded, and two of the events
    carry no time of their own (a lesson studied, a written answer graded): they would date
    every demo completion today. So they are disconnected for the replay, and we call the same
    `completion_check` ourselves after each step with the step's past moment. The demo
    command is a process of its own, so no request can miss a check meanwhile."""
    if not (
        lesson_studied.disconnect(on_lesson_studied)
        and attempt_graded.disconnect(on_attempt_graded)
    ):
        lesson_studied.connect(on_lesson_studied)
        attempt_graded.connect(on_attempt_graded)
        raise RuntimeError("The records' receivers have changed; update demo/history.py.")
    try:
        yield
    finally:
        lesson_studied.connect(on_lesson_studied)
        attempt_graded.connect(on_attempt_graded)


def end_of_year(today: dt.date) -> dt.date:
    return dt.date(today.year, 12, 31)


def load_assignments(today: dt.date) -> list[Assignment]:
    """The case (its original, the Chinese course; the English course is its translation and
    is reached by the same assignments) required county-wide by the end of the year, and in
    河口镇 twenty days ago (so some there are overdue)."""
    courses = {c.slug: c for c in Course.objects.filter(slug__startswith="paperless-office")}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=["qingshan", "hekou"])}
    hr = get_user_model().objects.filter(username="hr").first()
    specs = [
        ("paperless-office-zh", "qingshan", Assignment.Kind.REQUIRED, False, end_of_year(today)),
        (
            "paperless-office-zh",
            "hekou",
            Assignment.Kind.REQUIRED,
            False,
            today - dt.timedelta(days=20),
        ),
    ]
    out = []
    for slug, code, kind, leaders_only, due in specs:
        if slug not in courses or code not in units:
            continue
        # The due date is not part of the lookup: a second run on a later day finds the row.
        assignment, _ = Assignment.objects.get_or_create(
            course=courses[slug],
            unit=units[code],
            kind=kind,
            leaders_only=leaders_only,
            cancelled_at=None,
            defaults={"due_date": due, "assigned_by": hr},
        )
        out.append(assignment)
    return out


def _history_cadres() -> list[Profile]:
    """The demo cadres who get a past: most leaders (the HR heatmap is about them), half the
    others; `cadre` and `cadre2` never."""
    rng = random.Random(SEED)  # nosec B311  # reproducible demo data, not a secret
    names = [p.username for p in other_cadres()]
    profiles = list(
        Profile.objects.filter(user__username__in=names)
        .select_related("user", "unit")
        .order_by("user__username")
    )
    leaders = [p for p in profiles if p.is_leader]
    staff = [p for p in profiles if not p.is_leader]
    chosen = rng.sample(leaders, round(len(leaders) * LEADER_SHARE)) + rng.sample(
        staff, round(len(staff) * STAFF_SHARE)
    )
    return sorted(chosen, key=lambda p: p.user.username)


def _already_loaded(profiles: list[Profile]) -> bool:
    users = [p.user_id for p in profiles]
    return (
        CompletionRecord.objects.exists()
        or LessonProgress.objects.filter(user__in=users).exists()
        or Attempt.objects.filter(user__in=users).exists()
    )


@transaction.atomic
def load_history(now: dt.datetime | None = None) -> int:
    """Assignments, then about a year of study for the chosen cadres. Returns how many
    cadres were given a history (0 when it was there already)."""
    now = now or timezone.now()
    load_assignments(timezone.localdate(now))
    profiles = _history_cadres()
    trainer = get_user_model().objects.filter(username="trainer").first()
    courses = {c.slug: c for c in Course.objects.filter(slug__startswith="paperless-office")}
    quizzes = {q.course_id: q for q in Quiz.objects.filter(course__in=courses.values())}
    if not profiles or trainer is None or len(quizzes) < 2 or _already_loaded(profiles):
        return 0
    hekou = OrgUnit.objects.get(code="hekou")
    # Nothing is dated later than a day ago: today's pages start from a finished past.
    limit = now - dt.timedelta(days=1)
    # Statements too are held back: the demo command backfills them, each dated from its rows.
    with records_dated_by_us(), statements_held_back():
        for profile in profiles:
            Journey(profile, courses, quizzes, trainer, hekou, now, limit).run()
    return len(profiles)


class Journey:
    """One cadre's year: which courses, how well, how far they got."""

    def __init__(self, profile, courses, quizzes, trainer, hekou, now, limit) -> None:
        self.user = profile.user
        self.r = random.Random(f"{SEED}-{profile.user.username}")  # nosec B311  # demo data
        self.quizzes, self.trainer, self.limit = quizzes, trainer, limit
        r = self.r
        self.skill = r.uniform(0.3, 0.95)
        en, zh = courses["paperless-office"], courses["paperless-office-zh"]
        if profile.unit.path.startswith(hekou.path):
            self.courses = [zh]  # required there
        else:
            pick = r.random()
            self.courses = [zh] if pick < 0.6 else [en] if pick < 0.85 else [zh, en]
        # Some staff only began: a few lessons, no quiz. Leaders all reached the quiz.
        self.partial = not profile.is_leader and r.random() < 0.25
        self.tries = r.randint(1, 3)
        self.start = now - dt.timedelta(days=r.uniform(150, 350))

    def run(self) -> None:
        moment = self.start
        for i, course in enumerate(self.courses):
            moment = self.study(course, moment)
            # One case, one quiz: its attempts are shared by both languages, so it is taken
            # once; reading the case again in the other language credits nothing more.
            if not self.partial and i == 0:
                moment = self.take_quiz(self.quizzes[course.pk], moment)
            moment += dt.timedelta(days=self.r.uniform(10, 40))

    def study(self, course: Course, moment: dt.datetime) -> dt.datetime:
        lessons = list(course.lessons.order_by("order"))
        if self.partial:
            lessons = lessons[: self.r.randint(1, len(lessons) - 1)]
        Enrolment.objects.filter(user=self.user, course=course).update(enrolled_at=moment)
        # Think first: most write their own answer on the overview before reading on, as
        # well as their skill lets them (the trainer's "points most often missed" reads these).
        if self.r.random() < 0.8:
            texts = WRITTEN[course.language]
            text = texts[min(int(self.skill * len(texts)), len(texts) - 1)]
            own_answers.save(user=self.user, course=course, text=text, sequence=1, now=moment)
        for lesson in lessons:
            moment += dt.timedelta(hours=self.r.uniform(2, 60))
            # Opened, then read for at least its estimated time (a reader takes a little more).
            studied = moment + dt.timedelta(
                seconds=lesson.reading_seconds * self.r.uniform(1.0, 1.6)
            )
            if studied > self.limit:
                break
            lesson_open(user=self.user, lesson=lesson, now=moment)
            moment = studied
            lesson_mark_studied(user=self.user, lesson=lesson, now=moment)
            completion_check(user=self.user, course=course, now=moment)
        return moment

    def take_quiz(self, quiz: Quiz, moment: dt.datetime) -> dt.datetime:
        for number in range(1, self.tries + 1):
            gap = dt.timedelta(hours=self.r.uniform(1, 48) if number == 1 else 24 * 8)
            moment += gap + dt.timedelta(days=self.r.uniform(0, 12))
            if moment > self.limit:
                break
            # A second try comes after reading the feedback: a little better each time.
            skill = min(0.98, self.skill + 0.1 * (number - 1))
            attempt = attempt_start(quiz=quiz, user=self.user, now=moment, rng=self.r)
            attempt_save(
                attempt=attempt,
                answers=self.answers(attempt, skill, quiz.course.language),
                now=moment + dt.timedelta(minutes=self.r.uniform(8, 20)),
            )
            moment += dt.timedelta(minutes=self.r.uniform(21, 35))
            attempt = attempt_submit(attempt=attempt, now=moment)
            moment += dt.timedelta(hours=self.r.uniform(4, 72))
            attempt = self.grade(attempt, skill, quiz.course.language, moment)
            completion_check(user=self.user, course=quiz.course, now=moment)
            if attempt.passed:
                break
        return moment

    def answers(self, attempt: Attempt, skill: float, language: str) -> dict[int, Submitted]:
        r = self.r
        out = {}
        questions = attempt.questions.select_related("version").prefetch_related("version__options")
        for aq in questions:
            version = aq.version
            options = list(version.options.all())
            if version.kind == Kind.WRITTEN:
                texts = WRITTEN.get(language, WRITTEN["en"])
                out[aq.pk] = Submitted([], texts[min(2, int(skill * 3))])
            elif version.kind == Kind.MULTIPLE:
                picked = [
                    o.key
                    for o in options
                    if r.random() < (skill if o.is_correct else (1 - skill) / 2)
                ]
                out[aq.pk] = Submitted(picked or [r.choice(options).key])
            else:  # single choice, or a decision with its reason
                groups = {o.group for o in options}
                out[aq.pk] = Submitted(
                    [self.pick([o for o in options if o.group == g], skill) for g in sorted(groups)]
                )
        return out

    def pick(self, options: list[Option], skill: float) -> str:
        right = [o for o in options if o.is_correct]
        wrong = [o for o in options if not o.is_correct]
        if right and (not wrong or self.r.random() < skill):
            return self.r.choice(right).key
        return self.r.choice(wrong).key

    def grade(self, attempt: Attempt, skill: float, language: str, when: dt.datetime) -> Attempt:
        """The trainer grades the written answers against their rubric, `when` it happened."""
        pending = list(
            Answer.objects.filter(
                attempt_question__attempt=attempt,
                attempt_question__version__kind=Kind.WRITTEN,
                score__isnull=True,
            ).select_related("attempt_question__version")
        )
        for answer in pending:
            marks = {}
            for criterion in answer.attempt_question.version.rubric.all():
                share = min(1.0, max(0.0, skill + self.r.uniform(-0.25, 0.15)))
                # Whole or half marks, as a grader gives them.
                marks[criterion.pk] = min(
                    criterion.points, Decimal(round(float(criterion.points) * share * 2)) / 2
                )
            comments = COMMENTS.get(language, COMMENTS["en"])
            attempt = answer_grade(
                answer=answer,
                marks=marks,
                comment=comments[min(2, int(skill * 3))],
                grader=self.trainer,
            )
        # answer_grade stamps the real clock; the replay moves it to the moment it happened.
        Answer.objects.filter(pk__in=[a.pk for a in pending]).update(graded_at=when)
        ScoreChange.objects.filter(attempt=attempt).update(changed_at=when)
        return attempt
