"""Hostile query strings: every page a persona may open, with each of its filter fields (the
page's own GET forms) and the common parameters (`page`, `next`, `sort`...) set in turn to a
hostile value. A page refuses or ignores a value; it never answers 500.

The POST side is tests/security/test_fuzz.py; this covers what a link, a bookmark or a script
can put after the `?` of any page.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from .scenario import client_for, rolled_back
from .test_access_matrix import MATRIX

# Parameters some view reads, or a script may try on any page.
COMMON = ["page", "next", "names", "sort"]
# The values that broke something somewhere before (tests/security/test_fuzz.py): ids past
# the database's integer, digits that are not ASCII, NUL, year 1, an overflowing float, a flood.
HOSTILE = ["9" * 25, "²", "a\x00b", "0001-01-01", "1e309", "x" * 5000]


class GetFormFields(HTMLParser):
    """The names inside a page's `<form method="get">`: the filters a person can set."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_get_form = (a.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in ("input", "select", "textarea") and a.get("name"):
            self.names.add(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def _persona(entry) -> str:
    return next(p for p in ("hr_in", "owner", "cadre", "anonymous") if entry["get"][p] == "ok")


GET_NAMES = sorted(
    name
    for name, entry in MATRIX.items()
    if "ok" in entry["get"].values() and name not in {"healthz", "logout"}
)


@pytest.mark.parametrize("name", GET_NAMES)
def test_hostile_query_strings_never_break_a_page(scenario, db, name):
    entry = MATRIX[name]
    user = scenario["users"][_persona(entry)]
    url = reverse(name, kwargs=entry["kwargs"](scenario))
    with rolled_back():
        page = client_for(user).get(url)
    parser = GetFormFields()
    if "html" in page.get("Content-Type", ""):
        parser.feed(page.content.decode())
    broken = []
    for field in sorted(parser.names | set(COMMON)):
        for value in HOSTILE:
            with rolled_back():
                response = client_for(user).get(url, {field: value})
            if response.status_code >= 500:
                broken.append(f"?{field}={value[:30]!r}: {response.status_code}")
        # The same field twice, as a script may send it.
        with rolled_back():
            response = client_for(user).get(url, {field: ["1", "2"]})
        if response.status_code >= 500:
            broken.append(f"?{field}=1&{field}=2: {response.status_code}")
    assert not broken, f"{url}\n" + "\n".join(broken)
