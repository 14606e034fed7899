"""Demo organisation and people for `python manage.py demo`: every write is get-or-create."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from people.models import OrgUnit, Profile

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105  # nosec B105  # published in the README on purpose
Kind = OrgUnit.Kind
Rank = Profile.Rank

# (code, name, kind, parent code, public facing)
UNITS: list[tuple[str, str, str, str | None, bool]] = [
    ("qingshan", "青山县", Kind.COUNTY, None, False),
    ("hekou", "河口镇", Kind.TOWNSHIP, "qingshan", True),
    ("dongcheng", "东城街道", Kind.STREET, "qingshan", True),
    ("liulin", "柳林镇", Kind.TOWNSHIP, "qingshan", True),
    ("hekou-community", "河口社区", Kind.COMMUNITY, "hekou", True),
    ("lijia", "李家村", Kind.VILLAGE, "hekou", True),
    ("hekou-service", "河口镇便民服务中心", Kind.WINDOW, "hekou", True),
    ("chunhui", "春晖社区", Kind.COMMUNITY, "dongcheng", True),
    ("wenhua", "文化路社区", Kind.COMMUNITY, "dongcheng", True),
    ("liulin-village", "柳林村", Kind.VILLAGE, "liulin", True),
    ("shiqiao", "石桥村", Kind.VILLAGE, "liulin", True),
    ("archives", "县档案馆", Kind.OFFICE, "qingshan", False),
    ("finance", "县财政局", Kind.OFFICE, "qingshan", False),
    ("org-dept", "县委组织部", Kind.OFFICE, "qingshan", False),
    ("party-school", "县委党校", Kind.OFFICE, "qingshan", False),
    ("gov-service", "县政务服务中心", Kind.WINDOW, "qingshan", True),
]


@dataclass(frozen=True)
class Person:
    username: str
    staff_number: str  # names repeat across units (two 周芳): this tells them apart
    full_name: str
    unit: str
    rank: str
    position: str
    is_leader: bool = False
    is_cadre: bool = True
    is_trainer: bool = False
    is_hr: bool = False
    hr_units: tuple[str, ...] = ()


ACCOUNTS = [
    Person("cadre", "QS-0001", "王建国", "hekou", Rank.DEPUTY_SECTION, "副镇长", is_leader=True),
    Person(
        "cadre2",
        "QS-0002",
        "李秀英",
        "chunhui",
        Rank.SECTION_MEMBER,
        "社区党委书记",
        is_leader=True,
    ),
    Person(
        "trainer",
        "QS-0003",
        "张敏",
        "party-school",
        Rank.SECTION,
        "党校讲师",
        is_cadre=False,
        is_trainer=True,
    ),
    Person(
        "hr",
        "QS-0004",
        "陈红",
        "org-dept",
        Rank.SECTION,
        "干部教育科科长",
        is_cadre=False,
        is_hr=True,
        hr_units=("qingshan",),
    ),
    Person(
        "hr-town",
        "QS-0005",
        "刘伟",
        "hekou",
        Rank.SECTION_MEMBER,
        "组织委员",
        is_cadre=False,
        is_hr=True,
        hr_units=("hekou",),
    ),
]

SURNAMES = "赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦许何吕施"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "桂英",
]
# Where the other cadres work, and what a typical post there is called.
POSTS = {
    "hekou": [
        ("镇党委委员", Rank.DEPUTY_SECTION, True),
        ("党政办科员", Rank.SECTION_MEMBER, False),
    ],
    "dongcheng": [
        ("街道办副主任", Rank.DEPUTY_SECTION, True),
        ("社会事务办科员", Rank.SECTION_MEMBER, False),
    ],
    "liulin": [("镇长", Rank.SECTION, True), ("农业服务中心科员", Rank.SECTION_MEMBER, False)],
    "hekou-community": [("社区主任", Rank.CLERK, True), ("网格员", Rank.CLERK, False)],
    "lijia": [("村党支部书记", Rank.CLERK, True), ("村委会委员", Rank.CLERK, False)],
    "hekou-service": [
        ("窗口负责人", Rank.SECTION_MEMBER, True),
        ("窗口工作人员", Rank.CLERK, False),
    ],
    "chunhui": [("社区主任", Rank.CLERK, True), ("网格员", Rank.CLERK, False)],
    "wenhua": [("社区党委书记", Rank.CLERK, True), ("社区工作者", Rank.CLERK, False)],
    "liulin-village": [("村党支部书记", Rank.CLERK, True), ("村文书", Rank.CLERK, False)],
    "shiqiao": [("村委会主任", Rank.CLERK, True), ("村文书", Rank.CLERK, False)],
    "archives": [("馆长", Rank.SECTION, True), ("档案员", Rank.SECTION_MEMBER, False)],
    "finance": [("副局长", Rank.DEPUTY_DIVISION, True), ("预算股科员", Rank.SECTION_MEMBER, False)],
    "gov-service": [("中心主任", Rank.SECTION, True), ("窗口工作人员", Rank.CLERK, False)],
}
OTHER_CADRES = 38


def other_cadres() -> list[Person]:
    """Thirty-eight cadres spread over every unit, the same list on every run: cadre-01 has
    staff number QS-1001, cadre-38 QS-1038."""
    units = list(POSTS)
    people = []
    for i in range(OTHER_CADRES):
        unit = units[i % len(units)]
        position, rank, leader = POSTS[unit][0 if i < len(units) else 1]
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]
        people.append(
            Person(
                f"cadre-{i + 1:02d}",
                f"QS-{1001 + i}",
                name,
                unit,
                rank,
                position,
                is_leader=leader,
            )
        )
    return people


def load_units() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for code, name, kind, parent, public in UNITS:
        unit, _ = OrgUnit.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "parent": units[parent] if parent else None,
                "public_facing": public,
            },
        )
        units[code] = unit
    return units


def load_person(person: Person, units: dict[str, OrgUnit]) -> Profile:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=person.username, defaults={"email": f"{person.username}@qingshan.example"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    profile, _ = Profile.objects.get_or_create(
        user=user,
        defaults={
            "staff_number": person.staff_number,
            "full_name": person.full_name,
            "unit": units[person.unit],
            "rank": person.rank,
            "position": person.position,
            "is_leader": person.is_leader,
            "is_cadre": person.is_cadre,
            "is_trainer": person.is_trainer,
            "is_hr": person.is_hr,
        },
    )
    if created and person.hr_units:
        profile.hr_units.set([units[code] for code in person.hr_units])
    if not profile.staff_number:
        # A demo built before staff numbers existed gets them; a number set since is kept.
        profile.staff_number = person.staff_number
        profile.save(update_fields=["staff_number"])
    return profile


@transaction.atomic
def load_people() -> dict[str, Profile]:
    units = load_units()
    return {p.username: load_person(p, units) for p in [*ACCOUNTS, *other_cadres()]}
