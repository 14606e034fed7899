"""HR reports, each in its own module; this is their public face for views and exports.

- `base`: filters, cadres and ledger lines as values, and `Report` (the rules over many cadres);
- `tables`: the completion table and the hours ledger, paged or whole for the exports;
- `dashboard`: completion, hours and mastery per unit;
- `transcript`: one cadre's whole record.
"""

from ..rules import Status
from .base import (
    CADRE_FIELDS,
    EXPORT_CHUNK,
    PAGE_SIZE,
    Cadre,
    Filters,
    LedgerRow,
    Report,
    Row,
    default_filters,
    filter_people,
    for_officer,
    scope_assignments,
    top_roots,
)
from .dashboard import Dashboard, HeatCell, UnitRow, dashboard
from .tables import completion_page, completion_rows, ledger_page, ledger_rows, matching
from .transcript import Transcript, open_courses, recorder_name, transcript

STATUS_CHOICES = Status.choices

__all__ = [
    "CADRE_FIELDS",
    "EXPORT_CHUNK",
    "PAGE_SIZE",
    "STATUS_CHOICES",
    "Cadre",
    "Dashboard",
    "Filters",
    "HeatCell",
    "LedgerRow",
    "Report",
    "Row",
    "Transcript",
    "UnitRow",
    "completion_page",
    "completion_rows",
    "dashboard",
    "default_filters",
    "filter_people",
    "for_officer",
    "ledger_page",
    "ledger_rows",
    "matching",
    "open_courses",
    "recorder_name",
    "scope_assignments",
    "top_roots",
    "transcript",
]
