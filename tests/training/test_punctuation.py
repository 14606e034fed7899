"""Labels and units written as each language writes them: "Language: " but "语言：", "0.25 h"
but "0.25 学时"."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation


def render(text: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load i18n hours %}" + text).render(Context(context))


@pytest.mark.parametrize(
    "language,expected", [("en", "Language: English"), ("zh-hans", "语言：English")]
)
def test_a_label_takes_its_languages_colon(language, expected):
    assert render('{% translate "Language" %}{% colon %}English', language) == expected


@pytest.mark.parametrize("language,expected", [("en", "0.25 h"), ("zh-hans", "0.25 学时")])
def test_hours_carry_their_unit_in_the_readers_language(language, expected):
    assert render("{{ value|hours_unit }}", language, value=Decimal("0.250")) == expected


def test_no_template_writes_a_bare_colon_after_a_translated_label():
    """`{% translate "X" %}: ` leaves an ASCII colon in Chinese; `{% colon %}` is the way."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.html")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        # Inside an SVG <title>, a screen reader's text; the rest are labels on the page.
        if re.search(r'\{% translate "[^"]+" %\}:[ <]', line) and "<title" not in line
    ]
    assert offenders == []
