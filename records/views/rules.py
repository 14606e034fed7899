"""How study hours are credited: the credit rule in words, for cadres, HR and auditors."""

from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..credit import credit_for, current_rule

# Lengths the page works through, so a reader sees each band applied (minutes of reading).
EXAMPLE_MINUTES = (10, 20, 45)


def credit_rules(request: HttpRequest) -> HttpResponse:
    """Any signed-in person may read the rule their hours are credited under."""
    rule = current_rule()
    examples = [
        (
            minutes,
            credit_for(
                rule=rule,
                seconds=minutes * 60,
                lessons=1,
                has_test=False,
                declared=Decimal(50),
            ).supported,
            credit_for(
                rule=rule, seconds=minutes * 60, lessons=1, has_test=True, declared=Decimal(50)
            ).supported,
        )
        for minutes in EXAMPLE_MINUTES
    ]
    return render(
        request,
        "records/credit_rules.html",
        {
            "rule_lines": rule.describe(),
            "examples": examples,
            "chars_per_minute": settings.READING_CHARS_PER_MINUTE,
            "words_per_minute": settings.READING_WORDS_PER_MINUTE,
            "minimum_percent": round(settings.STUDY_MINIMUM_SHARE * 100),
        },
    )
