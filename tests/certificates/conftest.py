"""An issuing institution with a seal, and a cadre with a Chinese name who completes a course
with a Chinese title: the certificate's words are checked in both languages."""

import io
from decimal import Decimal

import pytest
from PIL import Image, ImageDraw

from certificates.models import Institution, Seal
from records.models import CompletionRecord
from tests.conftest import make_person
from tests.helpers import study


def seal_png(colour="#c00000") -> bytes:
    """A red ring, as a seal is: a small real PNG."""
    image = Image.new("RGBA", (120, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((6, 6, 114, 114), outline=colour, width=8)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def make_seal(colour="#c00000") -> Seal:
    data = seal_png(colour)
    return Seal.objects.create(
        image=data, content_type="image/png", sha256=Seal.digest(data), width=120, height=120
    )


@pytest.fixture
def institution(db) -> Institution:
    return Institution.objects.create(
        name_zh="青山县委党校",
        name_en="Qingshan County Party School",
        seal=make_seal(),
        is_active=True,
    )


@pytest.fixture
def wang(units):
    """A cadre with a Chinese name, in Riverside (hr_town's scope, not hr_west's)."""
    return make_person("wang", units["riverside"], is_cadre=True, full_name="王建国")


@pytest.fixture
def course(make_course):
    course = make_course(
        "work-groups", lessons=2, title="乡镇工作组的设置与精简", study_hours=Decimal("1")
    )
    return course


def complete(profile, course) -> CompletionRecord:
    """Study every lesson as the site requires: the last one completes the course."""
    for lesson in course.lessons.order_by("order"):
        study(profile.user, lesson)
    return CompletionRecord.objects.get(user=profile.user, course=course, kind="completed")


@pytest.fixture
def completion(institution, wang, course) -> CompletionRecord:
    return complete(wang, course)
