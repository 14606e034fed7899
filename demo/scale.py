"""A province-sized organisation for scale work: `manage.py seed_scale --cadres N`.

The demo (`demo.people`, `demo.history`) replays a year through the services, which is right
for forty people and hours too slow for a hundred thousand. This module writes the same kinds
of rows directly, with `bulk_create`, shaped as the site itself would have written them: every
lesson studied was opened earlier and read for at least its reading time, a completion follows
the last lesson or the passing attempt and keeps the evidence `records.credit` would have kept,
and HR's corrections point at the lines they correct.

Two steps, so that what is generated can be checked without a database:

- `build_plan` and `cadre_plans` are pure: plain values from `random.Random` seeded by `--seed`,
  with every moment counted from a fixed reference (1 January of the year), so the same seed
  gives the same data on every run in a year;
- `write_plan` turns a plan into rows, one transaction per chunk of cadres, so memory stays
  bounded whatever N is.

The history is the year before the reference (the "programme year"): nothing is dated later
than an hour before 1 January, so no page ever shows a moment in the future. The assignments
of the programme year are all past due (overdue cadres in every season); those of the current
year are due from January to December.

No xAPI statement and no certificate is written: their receivers listen to signals, which
`bulk_create` does not send (`manage.py backfill_xapi` and `certificates.services.
issue_missing` can add them afterwards).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import JSONField, Value
from django.utils import timezone

from courses.models import Course, Enrolment, Lesson, LessonOpening, LessonProgress
from courses.reading import reading_seconds, text_size
from courses.services import course_publish
from people.models import OrgUnit, Profile
from quizzes.models import Attempt, Quiz
from quizzes.services import OptionData, question_save
from records import rules, summaries
from records.credit import Credit, course_credit, credit_evidence, credit_for, current_rule
from records.models import Assignment, CompletionRecord
from records.services import local_year

# Published for whoever runs the command, like the demo's: the accounts exist to be logged into.
SCALE_PASSWORD = "scale-pass-2026"  # noqa: S105  # nosec B105
ROOT_CODE = "scale-root"
PREFIX = "scale-"  # every unit code, user name and course address this module writes

MAX_CADRES = 200_000
MAX_COURSES = 100
CADRES_PER_UNIT = 200  # about 500 units for 100,000 cadres
MIN_UNITS = 10
CHUNK = 2_000  # cadres per transaction: about 45,000 rows in memory at a time
BATCH = 5_000  # rows per INSERT

Kind = OrgUnit.Kind
Rank = Profile.Rank
Line = CompletionRecord.Kind
CENT = Decimal("0.01")
QUESTIONS = 5  # per quiz, one point each: attempts score 0, 20, ... 100 %
PASS_MARK = Decimal("60.00")

# --- Content: short tables the generator combines (the demo's own content is in content/) ----

PLACE = "青山河口柳林石桥东西南北新华安宁平和兴盛白沙云岭龙泉金水长乐丰台湖田松梅"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超霞平刚桂英建国秀兰志华红梅海燕玉兰文"
ROOT_OFFICES = [
    ("市委组织部", Kind.OFFICE),
    ("市委党校", Kind.OFFICE),
    ("市财政局", Kind.OFFICE),
    ("市政务服务中心", Kind.WINDOW),
]
COUNTY_OFFICES = [("财政局", Kind.OFFICE), ("人社局", Kind.OFFICE), ("政务服务中心", Kind.WINDOW)]
# Where a unit sits decides its posts: (position, rank), leading posts first.
BAND = {
    Kind.COUNTY: "county",
    Kind.OFFICE: "county",
    Kind.TOWNSHIP: "township",
    Kind.STREET: "township",
    Kind.VILLAGE: "village",
    Kind.COMMUNITY: "village",
    Kind.WINDOW: "village",
}
POSTS = {
    "county": (
        [
            ("县长", Rank.DIVISION),
            ("副县长", Rank.DEPUTY_DIVISION),
            ("局长", Rank.SECTION),
            ("副局长", Rank.DEPUTY_SECTION),
        ],
        [
            ("科员", Rank.SECTION_MEMBER),
            ("一级科员", Rank.SECTION_MEMBER),
            ("四级主任科员", Rank.DEPUTY_SECTION),
            ("二级主任科员", Rank.SECTION),
            ("办事员", Rank.CLERK),
        ],
    ),
    "township": (
        [
            ("镇党委书记", Rank.SECTION),
            ("镇长", Rank.SECTION),
            ("副镇长", Rank.DEPUTY_SECTION),
            ("组织委员", Rank.DEPUTY_SECTION),
        ],
        [
            ("党政办科员", Rank.SECTION_MEMBER),
            ("社会事务办科员", Rank.SECTION_MEMBER),
            ("四级主任科员", Rank.DEPUTY_SECTION),
            ("农业服务中心干部", Rank.CLERK),
        ],
    ),
    "village": (
        [
            ("村党支部书记", Rank.CLERK),
            ("村委会主任", Rank.CLERK),
            ("社区党委书记", Rank.SECTION_MEMBER),
            ("窗口负责人", Rank.SECTION_MEMBER),
        ],
        [
            ("村文书", Rank.CLERK),
            ("网格员", Rank.CLERK),
            ("社区工作者", Rank.CLERK),
            ("窗口工作人员", Rank.CLERK),
            ("驻村干部", Rank.SECTION_MEMBER),
        ],
    ),
}
# How many cadres a unit of each kind has, relative to the others.
WEIGHT = {
    Kind.COUNTY: 2.0,
    Kind.OFFICE: 1.5,
    Kind.TOWNSHIP: 2.0,
    Kind.STREET: 2.0,
    Kind.WINDOW: 1.0,
    Kind.COMMUNITY: 0.8,
    Kind.VILLAGE: 0.6,
}
LEADER_SHARE = 0.12
LOAD, LOAD_WEIGHTS = (1, 2, 3, 4), (20, 55, 80, 100)  # courses a cadre takes in a year
SECTION_AND_ABOVE = [Rank.SECTION, Rank.DEPUTY_DIVISION, Rank.DIVISION]

# (title, the theme its sentences speak of)
TOPICS = [
    ("基层减负与工作群规范管理", "工作群管理"),
    ("依法行政与行政执法规范", "行政执法"),
    ("政务公开与信息发布", "政务公开"),
    ("《信访工作条例》解读", "信访工作"),
    ("安全生产责任落实", "安全生产"),
    ("乡村振兴与产业发展", "乡村振兴"),
    ("基层党组织建设", "党组织建设"),
    ("廉洁从政与作风建设", "作风建设"),
    ("应急管理与突发事件处置", "应急处置"),
    ("优化营商环境", "营商环境"),
    ("数字政府与“一网通办”", "一网通办"),
    ("生态环境保护", "生态环境保护"),
    ("财政预算绩效管理", "预算绩效管理"),
    ("网格化服务与基层治理", "网格化服务"),
    ("保密工作基本知识", "保密工作"),
    ("防汛抗旱工作实务", "防汛抗旱"),
    ("民生实事项目管理", "民生实事"),
    ("公文写作与处理", "公文处理"),
    ("新时代群众工作方法", "群众工作"),
    ("档案管理与电子档案", "档案管理"),
]
SECTIONS = [
    "政策背景与目标",
    "主要制度与要求",
    "典型案例分析",
    "常见问题与误区",
    "基层实践做法",
    "工作要点与考核",
]
NUMERALS = "一二三四五六"
SENTENCES = [
    "{t}是基层治理中的一项重要工作，直接关系到群众的切身利益。",
    "各单位要结合实际，明确{t}的责任分工、工作流程和完成时限。",
    "推进{t}，既要坚持原则，也要讲究方式方法，不能简单化。",
    "调研发现，部分单位对{t}的认识还不到位，存在重形式、轻实效的问题。",
    "要把{t}纳入年度考核，做到有部署、有检查、有反馈。",
    "对群众反映集中的问题，要建立台账，逐项销号，及时回应关切。",
    "某镇在{t}中探索“一张清单管到底”的做法，减少了重复填报。",
    "干部要增强服务意识，把{t}的各项要求落实到日常工作中。",
    "不能搞“一刀切”，要区分不同单位、不同岗位的实际情况。",
    "上级部门要加强指导，防止层层加码，切实减轻基层负担。",
    "信息化手段可以提高效率，但不能替代面对面的群众工作。",
    "领导干部要带头学习、带头落实，在{t}中发挥示范作用。",
    "对工作中发现的苗头性问题，要早发现、早提醒、早纠正。",
    "要注重总结经验，把行之有效的做法固化为制度。",
]
POINTS = [
    "明确责任，落实到人",
    "区分情况，精准施策",
    "减少形式主义，注重实效",
    "依法依规，程序公开",
    "群众满意是检验标准",
]
WAIVER_REASONS = [
    "已参加市委党校同主题脱产培训，经组织部审核予以免修。",
    "长期病假，经单位申请予以免修。",
    "借调上级机关，已在借调单位完成同类课程。",
]
WITHDRAW_REASONS = ["免修材料不全，撤销免修，请按期完成学习。", "误操作，撤销免修。"]
VOID_REASONS = ["学习记录经核查存在代学情况，撤销学时。", "重复计入，撤销学时。"]


# --- The plan: plain values, no database ---------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None
    public_facing: bool
    # The unit's codes root first ("/scale-root/scale-c01/"): a path that exists before any
    # primary key does, so `rules.reaches` can tell which assignments reach a cadre.
    trail: str


@dataclass(frozen=True)
class LessonSpec:
    order: int
    title: str
    body_md: str
    key_points: tuple[str, ...]
    reading_seconds: int  # what `Lesson.save` will count, at the configured speeds


@dataclass(frozen=True)
class QuestionSpec:
    title: str
    prompt: str
    options: tuple[tuple[str, str, bool], ...]  # (key, text, correct)


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    title: str
    summary: str
    study_hours: Decimal
    lessons: tuple[LessonSpec, ...]
    quiz_title: str  # empty: no quiz
    questions: tuple[QuestionSpec, ...]
    credit: Credit  # what `records.credit.course_credit` will say once it is written

    @property
    def has_quiz(self) -> bool:
        return bool(self.quiz_title)


@dataclass(frozen=True)
class AssignmentSpec:
    course_id: int  # index into Plan.courses (the name `rules.one_per_course` reads)
    unit: str
    kind: str
    ranks: tuple[str, ...]
    leaders_only: bool
    due_date: dt.date
    created_at: dt.datetime
    by: str  # the HR officer's user name


@dataclass(frozen=True)
class StaffSpec:
    username: str
    staff_number: str
    full_name: str
    unit: str
    position: str
    rank: str
    is_trainer: bool = False
    hr_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    cadres: int
    seed: int
    year: int  # the current year; the history is the year before
    start: dt.datetime  # the history's first moment
    limit: dt.datetime  # its last: an hour before 1 January
    units: tuple[UnitSpec, ...]
    courses: tuple[CourseSpec, ...]
    assignments: tuple[AssignmentSpec, ...]
    staff: tuple[StaffSpec, ...]


class AttemptSpec(NamedTuple):
    course: int
    number: int
    started_at: dt.datetime
    submitted_at: dt.datetime
    score: Decimal
    percent: Decimal
    passed: bool


class LineSpec(NamedTuple):
    course: int
    kind: str
    year: int
    hours: Decimal
    occurred_at: dt.datetime
    reason: str = ""
    by: str | None = None  # the HR officer's user name
    corrects: int | None = None  # index of the corrected line among the cadre's lines
    evidence: dict | None = None


@dataclass
class CadrePlan:
    number: int
    username: str
    staff_number: str
    full_name: str
    unit: str
    rank: str
    position: str
    is_leader: bool
    enrolments: list[tuple[int, str, dt.datetime]] = field(default_factory=list)
    openings: list[tuple[int, int, dt.datetime]] = field(default_factory=list)  # course, order
    studied: list[tuple[int, int, dt.datetime]] = field(default_factory=list)
    attempts: list[AttemptSpec] = field(default_factory=list)
    lines: list[LineSpec] = field(default_factory=list)


def unit_count(cadres: int) -> int:
    return max(MIN_UNITS, round(cadres / CADRES_PER_UNIT))


def build_units(total: int, rng: random.Random) -> list[UnitSpec]:
    """A city, its offices and counties; each county's offices and townships (one in four a
    street); each township's villages (communities under a street), in that order, so a parent
    always comes before its children. About `total` units, and never fewer than ten: a
    couple of townships even for a handful of cadres."""
    names: set[str] = set()

    def place() -> str:
        for _try in range(50):
            name = "".join(rng.sample(PLACE, 2))
            if name not in names:
                names.add(name)
                return name
        return name + str(len(names))  # the pairs ran out: a number keeps it apart

    root = UnitSpec(ROOT_CODE, "云岭市", Kind.COUNTY, None, False, f"/{ROOT_CODE}/")
    units = [root]

    def add(code, name, kind, parent: UnitSpec, public) -> UnitSpec:
        unit = UnitSpec(code, name, kind, parent.code, public, f"{parent.trail}{code}/")
        units.append(unit)
        return unit

    for i, (name, kind) in enumerate(ROOT_OFFICES, start=1):
        add(f"{PREFIX}o{i}", name, kind, root, kind == Kind.WINDOW)
    counties_n = max(1, total // 50)
    rest = total - len(units) - counties_n * (1 + len(COUNTY_OFFICES))
    townships_n = max(2, rest // 7)
    villages_n = max(0, rest - townships_n)
    counties = []
    for c in range(1, counties_n + 1):
        county_name = place() + ("区" if c % 4 == 0 else "县")
        county = add(f"{PREFIX}c{c:02d}", county_name, Kind.COUNTY, root, False)
        counties.append(county)
        for i, (name, kind) in enumerate(COUNTY_OFFICES, start=1):
            add(f"{county.code}-o{i}", county_name + name, kind, county, kind == Kind.WINDOW)
    townships = []
    for t in range(townships_n):
        county = counties[t % counties_n]
        street = t % 4 == 3
        code = f"{county.code}-t{t // counties_n + 1:02d}"
        kind = Kind.STREET if street else Kind.TOWNSHIP
        townships.append(add(code, place() + ("街道" if street else "镇"), kind, county, True))
    for v in range(villages_n):
        town = townships[v % townships_n]
        n = v // townships_n + 1
        if n == 1 and town.kind == Kind.TOWNSHIP:
            add(f"{town.code}-v{n:02d}", town.name + "便民服务中心", Kind.WINDOW, town, True)
        elif town.kind == Kind.STREET or rng.random() < 0.25:
            add(f"{town.code}-v{n:02d}", place() + "社区", Kind.COMMUNITY, town, True)
        else:
            add(f"{town.code}-v{n:02d}", place() + "村", Kind.VILLAGE, town, True)
    return units


def lesson_body(theme: str, section: str, number: int, chars: int, rng) -> tuple[str, list]:
    """A lesson in Markdown, about `chars` characters of Chinese: a heading, paragraphs of
    sentences about the theme, the key points as a list and a case as a quotation."""
    points = rng.sample(POINTS, 3)
    parts = [f"## {NUMERALS[number - 1]}、{section}"]
    written = 0
    while written < chars:
        sentences = [rng.choice(SENTENCES).format(t=theme) for _ in range(rng.randint(3, 6))]
        paragraph = "".join(sentences)
        if rng.random() < 0.3:
            paragraph = paragraph.replace(theme, f"**{theme}**", 1)
        parts.append(paragraph)
        written += len(paragraph)
        if len(parts) == 3:
            parts.append("**要点：**\n\n" + "\n".join(f"- {p}" for p in points))
    parts.append(f"> 案例：{rng.choice(SENTENCES).format(t=theme)}")
    return "\n\n".join(parts), points


def build_course(number: int, rng: random.Random, rule) -> CourseSpec:
    """One published course: 3–6 lessons of 8 to 45 minutes' reading in all, a quiz on every
    other course; declared hours what the credit rule supports, a little more on one course in
    five (the cap then shows)."""
    title, theme = TOPICS[number % len(TOPICS)]
    if number >= len(TOPICS):
        title += f"（第{number // len(TOPICS) + 1}期）"
    lessons_n = rng.randint(3, 6)
    minutes = rng.choice([8, 12, 18, 25, 32, 40, 45])
    chars = minutes * settings.READING_CHARS_PER_MINUTE // lessons_n
    sections = sorted(rng.sample(range(len(SECTIONS)), lessons_n))
    lessons = []
    for order, section in enumerate(sections, start=1):
        lesson_title = f"第{order}讲 {SECTIONS[section]}"
        body, points = lesson_body(theme, SECTIONS[section], order, chars, rng)
        seconds = reading_seconds(*text_size(f"{lesson_title}\n{body}"))
        lessons.append(LessonSpec(order, lesson_title, body, tuple(points), seconds))
    has_quiz = number % 2 == 0
    questions = tuple(
        QuestionSpec(
            title=f"{theme}：第{q}题",
            prompt=f"关于{theme}，下列做法中最恰当的是哪一项？（第{q}题）",
            options=(
                ("a", "结合实际，区分不同单位和岗位的情况推进。", True),
                ("b", "一律按上级下达的统一指标完成。", False),
                ("c", "只要台账材料齐全即可。", False),
                ("d", "交由上级部门全部代办。", False),
            ),
        )
        for q in range(1, QUESTIONS + 1)
    )
    seconds = sum(lesson.reading_seconds for lesson in lessons)
    supported = credit_for(
        rule=rule, seconds=seconds, lessons=lessons_n, has_test=has_quiz, declared=Decimal(50)
    ).supported
    declared = supported + (Decimal("0.5") if number % 5 == 4 else 0)
    return CourseSpec(
        slug=f"{PREFIX}{number + 1:03d}",
        title=title,
        summary=f"面向基层干部的{theme}专题课程：政策要求、典型案例和工作方法。",
        study_hours=declared,
        lessons=tuple(lessons),
        quiz_title=f"{theme}随堂测验" if has_quiz else "",
        questions=questions if has_quiz else (),
        credit=credit_for(
            rule=rule, seconds=seconds, lessons=lessons_n, has_test=has_quiz, declared=declared
        ),
    )


def aware(year: int, month: int, day: int) -> dt.datetime:
    """Midnight of a day where the site is, in UTC: what the database hands back, so moments
    in the evidence read exactly as `records.credit.completion_evidence` would write them."""
    return timezone.make_aware(dt.datetime(year, month, day)).astimezone(dt.UTC)


def build_assignments(
    courses: int, units: list[UnitSpec], townships: list[UnitSpec], year: int
) -> list[AssignmentSpec]:
    """Last year's programme (required city-wide, one required course per county, one for
    leaders, one elective), all past due; and this year's, assigned last November: required
    by 10 January, by 30 June for section level and above, by 31 March in the townships that
    have an HR officer of their own, and one elective."""
    last = year - 1
    january, november = aware(last, 1, 3), aware(last, 11, 15)
    counties = [u for u in units if u.kind == Kind.COUNTY and u.parent == ROOT_CODE]

    def spec(course, unit, kind, due, created, *, ranks=(), leaders=False, by="scale-hr"):
        return AssignmentSpec(course % courses, unit, kind, ranks, leaders, due, created, by)

    req, elective = Assignment.Kind.REQUIRED, Assignment.Kind.ELECTIVE
    out = [
        spec(0, ROOT_CODE, req, dt.date(last, 6, 30), january),
        spec(1, ROOT_CODE, req, dt.date(last, 10, 31), january, leaders=True),
        spec(2, ROOT_CODE, elective, dt.date(last, 12, 31), january),
    ]
    out += [
        spec(3 + i, county.code, req, dt.date(last, 9, 30), january)
        for i, county in enumerate(counties)
    ]
    out += [
        spec(4, ROOT_CODE, req, dt.date(year, 1, 10), november),
        spec(5, ROOT_CODE, req, dt.date(year, 6, 30), november, ranks=tuple(SECTION_AND_ABOVE)),
        spec(6, ROOT_CODE, elective, dt.date(year, 12, 31), november),
    ]
    out += [
        spec(7, town.code, req, dt.date(year, 3, 31), november, by=f"scale-hr-{i}")
        for i, town in enumerate(townships, start=1)
    ]
    return out


def build_staff(units: list[UnitSpec]) -> tuple[list[StaffSpec], list[UnitSpec]]:
    """The city's HR officer, one for each of the first two townships, and the trainer who
    owns the courses; and those townships."""
    townships = [u for u in units if u.kind in (Kind.TOWNSHIP, Kind.STREET)][:2]
    staff = [
        StaffSpec(
            "scale-hr",
            "S-HR-0",
            "陈红",
            f"{PREFIX}o1",
            "干部教育科科长",
            Rank.SECTION,
            hr_units=(ROOT_CODE,),
        ),
        StaffSpec(
            "scale-trainer",
            "S-TR-1",
            "张敏",
            f"{PREFIX}o2",
            "党校讲师",
            Rank.SECTION,
            is_trainer=True,
        ),
    ]
    staff += [
        StaffSpec(
            f"scale-hr-{i}",
            f"S-HR-{i}",
            f"刘伟{i}",
            town.code,
            "组织委员",
            Rank.DEPUTY_SECTION,
            hr_units=(town.code,),
        )
        for i, town in enumerate(townships, start=1)
    ]
    return staff, townships


def build_plan(*, cadres: int, courses: int = 20, seed: int = 1, year: int | None = None) -> Plan:
    """Everything but the cadres' own rows: units, staff, courses, assignments. `year` is the
    current year unless given; the history is dated in the year before it."""
    year = year or timezone.localdate().year
    # Reproducible test data, not secrets; the courses do not depend on the number of cadres.
    units = build_units(unit_count(cadres), random.Random(f"scale:{seed}:units"))  # nosec B311
    staff, townships = build_staff(units)
    rule, rng = current_rule(), random.Random(f"scale:{seed}:courses")  # nosec B311
    course_specs = tuple(build_course(i, rng, rule) for i in range(courses))
    return Plan(
        cadres=cadres,
        seed=seed,
        year=year,
        start=aware(year - 1, 1, 5),
        limit=aware(year, 1, 1) - dt.timedelta(hours=1),
        units=tuple(units),
        courses=course_specs,
        assignments=tuple(build_assignments(courses, units, townships, year)),
        staff=tuple(staff),
    )


# --- The cadres' year ------------------------------------------------------------------------

MINUTE, HOUR, DAY = 60, 3600, 86400  # a journey counts whole seconds from the history's start


class Journeys:
    """Each cadre's year, from a `random.Random` of their own (seed and number), so a cadre's
    history does not depend on how the run is chunked. Moments are counted in whole seconds
    from `plan.start` and made datetimes only when kept: a hundred thousand cadres make two
    million of them."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.units = plan.units
        self.by_code = {u.code: u for u in plan.units}
        self.cum_weights = list(itertools.accumulate(WEIGHT[u.kind] for u in plan.units))
        self.limit = self.seconds(plan.limit)
        self._reaching: dict[tuple, list[AssignmentSpec]] = {}
        # Which HR officer corrects a unit's records: the one with the deepest unit above it.
        hr = sorted(
            ((self.by_code[code].trail, s.username) for s in plan.staff for code in s.hr_units),
            key=lambda item: len(item[0]),
        )
        self.hr_of = {
            u.code: next(name for trail, name in reversed(hr) if u.trail.startswith(trail))
            for u in plan.units
        }
        # What every completion of a course says alike, worked out once.
        self.evidence = [course_evidence(spec) for spec in plan.courses]

    def seconds(self, moment: dt.datetime) -> int:
        return int((moment - self.plan.start).total_seconds())

    def at(self, seconds: int) -> dt.datetime:
        return self.plan.start + dt.timedelta(seconds=seconds)

    def reaching(self, unit: UnitSpec, rank: str, leader: bool) -> list[AssignmentSpec]:
        key = (unit.code, rank, leader)
        if key not in self._reaching:
            self._reaching[key] = rules.one_per_course(
                a
                for a in self.plan.assignments
                if rules.reaches(
                    a, self.by_code[a.unit].trail, unit_path=unit.trail, rank=rank, is_leader=leader
                )
            )
        return self._reaching[key]

    def cadre(self, number: int) -> CadrePlan:
        plan = self.plan
        r = random.Random(f"scale:{plan.seed}:{number}")  # nosec B311  # test data
        unit = self.units[bisect.bisect(self.cum_weights, r.random() * self.cum_weights[-1])]
        leader = r.random() < LEADER_SHARE
        position, rank = r.choice(POSTS[BAND[unit.kind]][0 if leader else 1])
        cadre = CadrePlan(
            number=number,
            username=f"{PREFIX}{number:06d}",
            staff_number=f"S-{number:06d}",
            full_name=r.choice(SURNAMES) + "".join(r.sample(GIVEN, r.choice([1, 2]))),
            unit=unit.code,
            rank=rank,
            position=position,
            is_leader=leader,
        )
        diligence, skill = r.random(), r.uniform(0.35, 0.95)
        assigned = self.reaching(unit, rank, leader)
        # A cadre takes one to four courses in the year: assigned ones first, when they take
        # them up, then courses of their own choosing.
        load = r.choices(LOAD, cum_weights=LOAD_WEIGHTS)[0]
        wanted = [
            (self.seconds(a.created_at), a.course_id, Enrolment.Source.ASSIGNED)
            for a in assigned
            if r.random() < self.take(a)
        ][:load]
        taken = {course for _at, course, _source in wanted}
        courses = len(plan.courses)
        for course in r.sample(range(courses), min(courses, load + len(wanted))):
            if len(wanted) >= load:
                break
            if course not in taken:
                wanted.append((0, course, Enrolment.Source.SELF))
                taken.add(course)
        cursor = r.randrange(200 * DAY)
        done: dict[int, int] = {}  # course: its last activity
        for created, course, source in sorted(wanted):
            cursor = max(cursor, created + r.randrange(HOUR, 10 * DAY))
            if cursor > self.limit:
                break
            cursor = self.study(cadre, r, course, source, cursor, diligence, skill)
            done[course] = cursor
            cursor += r.randrange(2 * DAY, 40 * DAY)
        self.corrections(cadre, r, unit, assigned, done)
        return cadre

    def take(self, assignment: AssignmentSpec) -> float:
        """How likely a cadre is to start an assigned course: last year's required courses
        mostly, an elective now and then; this year's only if due soon."""
        required = assignment.kind == Assignment.Kind.REQUIRED
        if assignment.due_date.year < self.plan.year:
            return 0.65 if required else 0.2
        return 0.4 if required and assignment.due_date.month == 1 else 0.05

    def study(self, cadre: CadrePlan, r, course: int, source: str, t: int, diligence, skill):
        """Enrol, then read lessons one after another (each opened, then studied after its
        reading time or more, as `courses.services.lesson_mark_studied` requires), then the
        quiz. All of it, part of it, or nothing beyond the enrolment. Returns the last moment."""
        spec, at = self.plan.courses[course], self.at
        cadre.enrolments.append((course, source, at(t)))
        full = 0.3 + 0.55 * diligence
        roll = r.random()
        if roll < full:
            lessons, peek = len(spec.lessons), False
        elif roll < full + (1 - full) * 0.6:
            lessons, peek = r.randint(1, len(spec.lessons) - 1), r.random() < 0.5
        else:
            lessons, peek = 0, r.random() < 0.4
        opened, studied = [], []
        for lesson in spec.lessons[: lessons + peek]:
            t += r.randrange(12 * MINUTE, 72 * HOUR)
            read = t + round(lesson.reading_seconds * r.uniform(1.0, 1.8))
            if read > self.limit:
                break
            opened.append((lesson.order, at(t)))
            if len(studied) < lessons:
                studied.append((lesson.order, at(read)))
                t = read
        cadre.openings += [(course, order, moment) for order, moment in opened]
        cadre.studied += [(course, order, moment) for order, moment in studied]
        if len(studied) < len(spec.lessons):
            return t
        passing = None
        if spec.has_quiz:
            passing, t = self.quiz(cadre, r, course, t, skill)
            if passing is None:
                return t
        moment = at(t)
        cadre.lines.append(
            LineSpec(
                course,
                Line.COMPLETED,
                local_year(moment),
                spec.credit.credited,
                moment,
                evidence=self.completion_evidence(course, opened, studied, passing),
            )
        )
        return t

    def quiz(self, cadre: CadrePlan, r, course: int, t: int, skill):
        """Up to the three attempts allowed, a little better each time, until one passes.
        Returns the passing attempt (or None) and the last moment."""
        for number in range(1, 4):
            started = t + r.randrange(30 * MINUTE, 72 * HOUR)
            submitted = started + r.randrange(6 * MINUTE, 30 * MINUTE)
            if submitted > self.limit:
                return None, t
            p = min(0.97, skill + 0.12 * (number - 1))
            right = sum(r.random() < p for _ in range(QUESTIONS))
            percent = SCORES[right][1]
            attempt = AttemptSpec(
                course,
                number,
                self.at(started),
                self.at(submitted),
                SCORES[right][0],
                percent,
                percent >= PASS_MARK,
            )
            cadre.attempts.append(attempt)
            t = submitted
            if attempt.passed:
                return attempt, t
            t += r.randrange(DAY, 10 * DAY)
        return None, t

    def corrections(self, cadre: CadrePlan, r, unit, assigned, done: dict[int, int]) -> None:
        """HR's lines: a few required courses waived (some waivers withdrawn later), a few
        credits voided. Never a waiver of a completed course, as `record_waive` refuses; a
        void counts in the year of the credit it takes back, as `record_void` writes it."""
        by = self.hr_of[unit.code]

        def add(kind, course, t, reasons, *, hours=Decimal("0.00"), corrects=None, year=None):
            moment = self.at(min(self.limit, t))
            year = year or local_year(moment)
            line = LineSpec(course, kind, year, hours, moment, r.choice(reasons), by, corrects)
            cadre.lines.append(line)

        completed = {line.course for line in cadre.lines}
        for a in assigned:
            if a.kind != Assignment.Kind.REQUIRED or a.course_id in completed:
                continue
            if r.random() < 0.025:
                waived = done.get(a.course_id, self.seconds(a.created_at))
                waived = min(self.limit, waived + r.randrange(10 * DAY, 90 * DAY))
                add(Line.WAIVED, a.course_id, waived, WAIVER_REASONS)
                if r.random() < 0.15:
                    back = waived + r.randrange(DAY, 30 * DAY)
                    add(
                        Line.WITHDRAWN,
                        a.course_id,
                        back,
                        WITHDRAW_REASONS,
                        corrects=len(cadre.lines) - 1,
                    )
        for index, line in enumerate(list(cadre.lines)):
            if line.kind == Line.COMPLETED and r.random() < 0.008:
                voided = self.seconds(line.occurred_at) + r.randrange(3 * DAY, 60 * DAY)
                add(
                    Line.VOIDED,
                    line.course,
                    voided,
                    VOID_REASONS,
                    hours=-line.hours,
                    corrects=index,
                    year=line.year,
                )

    def completion_evidence(self, course: int, opened, studied, passing) -> dict:
        """The snapshot `records.credit.completion_evidence` keeps on a completion, with the
        same keys, from the plan instead of the database."""
        spec = self.plan.courses[course]
        opened_at, studied_at = dict(opened), dict(studied)
        attempts = []
        if passing is not None:
            attempts.append(
                {
                    "quiz": spec.quiz_title,
                    "number": passing.number,
                    "percent": str(passing.percent),
                    "pass_mark": str(PASS_MARK),
                    "submitted_at": passing.submitted_at.isoformat(),
                }
            )
        return {
            **self.evidence[course],
            "lessons": [
                {
                    "title": lesson.title,
                    "order": lesson.order,
                    "opened_at": _iso(opened_at.get(lesson.order)),
                    "studied_at": _iso(studied_at.get(lesson.order)),
                }
                for lesson in spec.lessons
            ],
            "attempts": attempts,
        }


# An attempt's score and percent by the number of questions right.
SCORES = [
    (Decimal(right).quantize(CENT), (Decimal(100 * right) / QUESTIONS).quantize(CENT))
    for right in range(QUESTIONS + 1)
]


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def course_evidence(spec: CourseSpec) -> dict:
    """The part of a completion's evidence that is the same for every cadre of a course, as
    the site writes it (`records.credit.credit_evidence`)."""
    return credit_evidence(spec.credit)


def cadre_plans(plan: Plan) -> Iterator[CadrePlan]:
    """Every cadre's profile and year, one at a time: nothing is written, nothing is kept."""
    journeys = Journeys(plan)
    for number in range(1, plan.cadres + 1):
        yield journeys.cadre(number)


# --- Writing ---------------------------------------------------------------------------------


def existing_seed_data() -> str:
    """Why this database cannot take the scale data ("" when it can): it is written once, into
    a database that holds none of it, since the ledger can never be deleted from."""
    if OrgUnit.objects.filter(code=ROOT_CODE).exists():
        return f"the unit {ROOT_CODE} exists: this database already holds scale data"
    if get_user_model().objects.filter(username__startswith=PREFIX).exists():
        return f"accounts named {PREFIX}… exist already"
    if Course.objects.filter(slug__startswith=PREFIX).exists():
        return f"courses at /{PREFIX}… exist already"
    return ""


@contextmanager
def dated_as_given(*fields):
    """Let `bulk_create` keep the moments given to `auto_now_add` fields.

    The model stamps them with the clock on every insert (a service then moves a replayed
    moment with an UPDATE, as `lesson_mark_studied` does); a year of history for a hundred
    thousand cadres cannot afford an UPDATE per row, so the stamp is switched off while the
    rows are inserted. The command is a process of its own, so nothing else is inserting."""
    before = [f.auto_now_add for f in fields]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in zip(fields, before, strict=True):
            f.auto_now_add = value


@dataclass
class Written:
    """What was written, by table, for the command to say."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


@dataclass
class Ids:
    """Primary keys of what the setup wrote, by the plan's names for them."""

    units: dict[str, OrgUnit]
    users: dict[str, int]
    courses: list[int]
    lessons: dict[tuple[int, int], int]  # (course, order)
    quizzes: dict[int, int]  # course: quiz


def write_units(plan: Plan) -> dict[str, OrgUnit]:
    """The tree with `bulk_create`, one level at a time: a path holds the unit's own primary
    key, so each level is inserted, then its paths and depths set as `OrgUnit.save` sets them
    (the parent's path and the unit's id; depth from the slashes), in one `bulk_update`."""
    written: dict[str, OrgUnit] = {}
    levels: dict[int, list[UnitSpec]] = {}
    for spec in plan.units:
        levels.setdefault(spec.trail.count("/") - 2, []).append(spec)
    for depth in sorted(levels):
        units = [
            OrgUnit(
                name=spec.name,
                code=spec.code,
                kind=spec.kind,
                parent=written[spec.parent] if spec.parent else None,
                public_facing=spec.public_facing,
            )
            for spec in levels[depth]
        ]
        OrgUnit.objects.bulk_create(units, batch_size=BATCH)
        for unit in units:
            prefix = unit.parent.path if unit.parent_id else "/"
            unit.path = f"{prefix}{unit.pk}/"
            unit.depth = unit.path.count("/") - 2
            written[unit.code] = unit
        OrgUnit.objects.bulk_update(units, ["path", "depth"], batch_size=BATCH)
    return written


def write_courses(plan: Plan, owner) -> tuple[list[Course], dict, dict]:
    """The courses through the models' own `save()` and the services a trainer's edits use
    (Markdown rendered and sanitised, reading counted, questions versioned, then published),
    and a check that the credit rule reads them as the plan did."""
    courses, lessons, quizzes = [], {}, {}
    for index, spec in enumerate(plan.courses):
        course = Course.objects.create(
            title=spec.title,
            slug=spec.slug,
            summary=spec.summary,
            study_hours=spec.study_hours,
            owner=owner,
        )
        for lesson in spec.lessons:
            lessons[index, lesson.order] = Lesson.objects.create(
                course=course,
                order=lesson.order,
                title=lesson.title,
                body_md=lesson.body_md,
                key_points=list(lesson.key_points),
            ).pk
        if spec.has_quiz:
            quiz = Quiz.objects.create(
                course=course,
                title=spec.quiz_title,
                intro_md="本测验共五题，六十分及格，可作答三次，取最高分。",
                is_published=True,
                pass_mark=PASS_MARK,
                attempts_allowed=3,
                grading_method=Quiz.Grading.HIGHEST,
            )
            for order, q in enumerate(spec.questions):
                question = question_save(
                    course=course,
                    kind="single",
                    title=q.title,
                    prompt=q.prompt,
                    options=[OptionData(key, text, correct) for key, text, correct in q.options],
                    by=owner,
                )
                quiz.slots.create(order=order, question=question)
            quizzes[index] = quiz.pk
        course_publish(course=course)
        credited = course_credit(course).credited
        if credited != spec.credit.credited:
            raise RuntimeError(
                f"{spec.slug} credits {credited} h, the plan said {spec.credit.credited} h"
            )
        courses.append(course)
    return courses, lessons, quizzes


@transaction.atomic
def write_setup(plan: Plan, password: str, written: Written) -> Ids:
    """Units, staff, courses and assignments: a few hundred rows, in one transaction."""
    User = get_user_model()
    units = write_units(plan)
    joined = plan.start - dt.timedelta(days=3)
    users: dict[str, int] = {}
    trainer = None
    for s in plan.staff:
        user = User.objects.create(
            username=s.username,
            password=password,
            email=f"{s.username}@scale.example",
            date_joined=joined,
        )
        profile = Profile.objects.create(
            user=user,
            full_name=s.full_name,
            staff_number=s.staff_number,
            unit=units[s.unit],
            rank=s.rank,
            position=s.position,
            is_trainer=s.is_trainer,
            is_hr=bool(s.hr_units),
        )
        if s.hr_units:
            profile.hr_units.set([units[code] for code in s.hr_units])
        users[s.username] = user.pk
        trainer = user if s.is_trainer else trainer
    courses, lessons, quizzes = write_courses(plan, trainer)
    with dated_as_given(Assignment._meta.get_field("created_at")):
        Assignment.objects.bulk_create(
            Assignment(
                course=courses[a.course_id],
                unit=units[a.unit],
                kind=a.kind,
                ranks=list(a.ranks),
                leaders_only=a.leaders_only,
                due_date=a.due_date,
                assigned_by_id=users[a.by],
                created_at=a.created_at,
            )
            for a in plan.assignments
        )
    written.add("units", len(units))
    written.add("staff", len(plan.staff))
    written.add("courses", len(courses))
    written.add("lessons", len(lessons))
    written.add("quizzes", len(quizzes))
    written.add("assignments", len(plan.assignments))
    return Ids(units, users, [c.pk for c in courses], lessons, quizzes)


def ledger_rows(c: CadrePlan, user_id: int, ids: Ids) -> list[CompletionRecord]:
    """A cadre's ledger lines as rows; a correction points at the (still unsaved) row of the
    line it corrects, whose key `bulk_create` fills in once that row is inserted."""
    rows: list[CompletionRecord] = []
    for line in c.lines:
        rows.append(
            CompletionRecord(
                user_id=user_id,
                course_id=ids.courses[line.course],
                kind=line.kind,
                year=line.year,
                hours=line.hours,
                occurred_at=line.occurred_at,
                reason=line.reason,
                recorded_by_id=ids.users[line.by] if line.by else None,
                corrects=rows[line.corrects] if line.corrects is not None else None,
                # An expression, not the dict: with plain values Django sends a PostgreSQL
                # batch as one array per column (UNNEST), and psycopg then escapes each quote
                # of every evidence with a regular expression, at ten times the cost of any
                # other row; an expression keeps the batch on plain VALUES rows.
                evidence=Value(line.evidence or {}, output_field=JSONField()),
                created_at=line.occurred_at,
            )
        )
    return rows


@transaction.atomic
def write_chunk(
    cadres: list[CadrePlan], ids: Ids, password: str, joined: dt.datetime, written: Written
) -> None:
    """One chunk of cadres and every row of their year, in one transaction: the users first
    (their keys come back from the insert), then what points at them; HR's corrections after
    the lines they correct."""
    User = get_user_model()
    users = [
        User(
            username=c.username,
            password=password,
            email=f"{c.username}@scale.example",
            date_joined=joined,
        )
        for c in cadres
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    pairs = [(c, user.pk) for c, user in zip(cadres, users, strict=True)]
    courses, lessons, quizzes = ids.courses, ids.lessons, ids.quizzes
    Profile.objects.bulk_create(
        (
            Profile(
                user_id=uid,
                full_name=c.full_name,
                staff_number=c.staff_number,
                unit_id=ids.units[c.unit].pk,
                rank=c.rank,
                position=c.position,
                is_leader=c.is_leader,
                is_cadre=True,
            )
            for c, uid in pairs
        ),
        batch_size=BATCH,
    )
    Enrolment.objects.bulk_create(
        (
            Enrolment(user_id=uid, course_id=courses[course], source=source, enrolled_at=at)
            for c, uid in pairs
            for course, source, at in c.enrolments
        ),
        batch_size=BATCH,
    )
    LessonOpening.objects.bulk_create(
        (
            LessonOpening(user_id=uid, lesson_id=lessons[course, order], opened_at=at)
            for c, uid in pairs
            for course, order, at in c.openings
        ),
        batch_size=BATCH,
    )
    LessonProgress.objects.bulk_create(
        (
            LessonProgress(user_id=uid, lesson_id=lessons[course, order], studied_at=at)
            for c, uid in pairs
            for course, order, at in c.studied
        ),
        batch_size=BATCH,
    )
    max_score = Decimal(QUESTIONS).quantize(CENT)
    Attempt.objects.bulk_create(
        (
            Attempt(
                quiz_id=quizzes[a.course],
                user_id=uid,
                number=a.number,
                status=Attempt.Status.GRADED,
                started_at=a.started_at,
                submitted_at=a.submitted_at,
                score=a.score,
                max_score=max_score,
                percent=a.percent,
                passed=a.passed,
            )
            for c, uid in pairs
            for a in c.attempts
        ),
        batch_size=BATCH,
    )
    lines = [row for c, uid in pairs for row in ledger_rows(c, uid, ids)]
    CompletionRecord.objects.bulk_create(
        [row for row in lines if row.corrects is None], batch_size=BATCH
    )
    CompletionRecord.objects.bulk_create(
        [row for row in lines if row.corrects is not None], batch_size=BATCH
    )
    count(written, cadres)


def count(written: Written, cadres: list[CadrePlan]) -> None:
    written.add("cadres", len(cadres))
    written.add("enrolments", sum(len(c.enrolments) for c in cadres))
    written.add("lesson openings", sum(len(c.openings) for c in cadres))
    written.add("lessons studied", sum(len(c.studied) for c in cadres))
    written.add("quiz attempts", sum(len(c.attempts) for c in cadres))
    for c in cadres:
        for line in c.lines:
            written.add(f"ledger: {line.kind}", 1)


def chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def write_plan(
    plan: Plan, *, chunk: int | None = None, progress: Callable[[int], None] | None = None
) -> Written:
    """Write the plan: the setup in one transaction, then the cadres `chunk` at a time, each
    chunk in a transaction of its own, so memory stays the same whatever their number. One
    password hash for every account, computed once: hashing a hundred thousand passwords the
    production way would take hours."""
    written = Written()
    password = make_password(SCALE_PASSWORD)
    ids = write_setup(plan, password, written)
    joined = plan.start - dt.timedelta(days=3)
    fields = (
        Enrolment._meta.get_field("enrolled_at"),
        LessonProgress._meta.get_field("studied_at"),
        CompletionRecord._meta.get_field("created_at"),
    )
    with dated_as_given(*fields):
        for batch in chunks(cadre_plans(plan), chunk or CHUNK):
            write_chunk(batch, ids, password, joined, written)
            if progress is not None:
                progress(written.counts["cadres"])
    # `bulk_create` sends no signal, so the dashboard's summaries are built once at the end.
    summaries.rebuild()
    return written
