"""Shared fixtures: a small organisation tree and the personas every test speaks of.

County
├── East Town (township)          ← hr_town answers for this subtree
│   └── Riverside Community        ← alice (cadre)
├── West Town (township)
│   └── Hill Village               ← bob (cadre)
└── Archives Office                ← tom (trainer)
hr_county answers for the whole county.
"""

import uuid

import pytest
from django.contrib.auth import get_user_model

from people.models import OrgUnit, Profile

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def fresh_rate_limits(settings):
    """Each test counts rate-limited requests from zero, in a cache of its own: user ids repeat
    across tests and across xdist workers sharing one Redis."""
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": uuid.uuid4().hex,
        },
    }
    settings.RATELIMIT_USE_CACHE = "limits"


@pytest.fixture(autouse=True)
def fresh_summaries_version():
    """Each test reads the dashboard's cached figures under a version of its own: ids repeat
    across tests, and figures a test left in the cache must not meet the next one's data."""
    from django.db import connection

    from records import summaries

    summaries._new_version()
    connection.summaries_written = False


@pytest.fixture
def units(db) -> dict[str, OrgUnit]:
    Kind = OrgUnit.Kind
    county = OrgUnit.objects.create(name="County", code="county", kind=Kind.COUNTY)
    east = OrgUnit.objects.create(
        name="East Town", code="east", kind=Kind.TOWNSHIP, parent=county, public_facing=True
    )
    west = OrgUnit.objects.create(
        name="West Town", code="west", kind=Kind.TOWNSHIP, parent=county, public_facing=True
    )
    riverside = OrgUnit.objects.create(
        name="Riverside Community",
        code="riverside",
        kind=Kind.COMMUNITY,
        parent=east,
        public_facing=True,
    )
    hill = OrgUnit.objects.create(
        name="Hill Village", code="hill", kind=Kind.VILLAGE, parent=west, public_facing=True
    )
    archives = OrgUnit.objects.create(
        name="Archives Office", code="archives", kind=Kind.OFFICE, parent=county
    )
    return {
        "county": county,
        "east": east,
        "west": west,
        "riverside": riverside,
        "hill": hill,
        "archives": archives,
    }


def make_person(username: str, unit: OrgUnit, *, hr_units=(), **profile_fields) -> Profile:
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.test"
    )
    profile = Profile.objects.create(
        user=user,
        full_name=profile_fields.pop("full_name", username.title()),
        unit=unit,
        **profile_fields,
    )
    if hr_units:
        profile.hr_units.set(hr_units)
    return profile


@pytest.fixture
def alice(units) -> Profile:
    return make_person(
        "alice",
        units["riverside"],
        is_cadre=True,
        is_leader=True,
        rank=Profile.Rank.SECTION_MEMBER,
        position="Community secretary",
    )


@pytest.fixture
def bob(units) -> Profile:
    return make_person(
        "bob", units["hill"], is_cadre=True, rank=Profile.Rank.CLERK, position="Village clerk"
    )


@pytest.fixture
def tom(units) -> Profile:
    return make_person("tom", units["archives"], is_trainer=True, position="Lecturer")


@pytest.fixture
def hr_county(units) -> Profile:
    return make_person("hr_county", units["county"], is_hr=True, hr_units=[units["county"]])


@pytest.fixture
def hr_town(units) -> Profile:
    """HR for East Town only: alice is in scope, bob is not."""
    return make_person("hr_town", units["east"], is_hr=True, hr_units=[units["east"]])


@pytest.fixture
def login(client):
    def _login(profile: Profile):
        client.force_login(profile.user)
        return client

    return _login


@pytest.fixture
def db_sessions(settings):
    """Pin sessions to the database so query counts read the same with or without Redis
    (with REDIS_URL the session comes from the cache and costs no query)."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture
def make_course(db):
    """A course with `lessons` lessons; published unless told otherwise. `minutes`: give the
    lessons together about that much reading (words at READING_WORDS_PER_MINUTE), so the
    credit rule (`records.credit`) supports its band; without it the lessons are a line each."""
    from django.conf import settings

    from courses.models import Course, Lesson

    def _make(slug="policy", lessons=3, status="published", minutes=None, **fields) -> "Course":
        course = Course.objects.create(
            title=fields.pop("title", slug.title()), slug=slug, status=status, **fields
        )
        words = -(-(minutes or 0) * settings.READING_WORDS_PER_MINUTE // max(lessons, 1))
        for order in range(1, lessons + 1):
            Lesson.objects.create(
                course=course,
                order=order,
                title=f"Lesson {order}",
                body_md=f"Body {order}" + " word" * words,
                key_points=[f"Point {order}"],
            )
        return course

    return _make


# The quiz fixtures are shared by the quizzes, studio and records tests.
from tests.quizzes.conftest import competencies, quiz, quiz_with_written  # noqa: E402, F401


@pytest.fixture
def other_trainer(units) -> Profile:
    """A trainer who owns none of the test courses."""
    return make_person("tina", units["archives"], is_trainer=True, full_name="Tina")


@pytest.fixture
def superuser_client(client, units, settings):
    """A signed-in superuser on an admin the settings open to loopback."""
    settings.ADMIN_ENABLED = True
    settings.ADMIN_ALLOWED_NETWORKS = ["127.0.0.1/32", "::1/128"]
    settings.TRUSTED_PROXY_COUNT = 0
    person = make_person("root", units["county"])
    person.user.is_staff = person.user.is_superuser = True
    person.user.save()
    client.force_login(person.user)
    return client
