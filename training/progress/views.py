"""My progress: the cadre's own mastery, completions and hours; never anyone else's."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from training.access import require_role
from training.records.models import CompletionRecord
from training.records.services import ledger_for, mastery_for

from .chart import mastery_chart


def mine(request: HttpRequest) -> HttpResponse:
    profile = require_role(request, "cadre")
    mastery = mastery_for(request.user)
    ledger = CompletionRecord.objects.filter(user=request.user).select_related("course", "corrects")
    context = {
        "mastery": mastery,
        "assessed": [m for m in mastery if m.points],
        "chart": mastery_chart(mastery),
        "ledger": ledger,
        "years": ledger_for(profile),
        "hours_per_year": settings.STUDY_HOURS_PER_YEAR,
        "hours_required": settings.STUDY_HOURS_REQUIRED,
    }
    return render(request, "progress/mine.html", context)
