"""Statements checked by a real xAPI implementation (ralph-malph's models), plus what those
models let through: a timestamp without a zone, and anything that names the person."""

import datetime as dt
import json
import re

from ralph.models.xapi.base.statements import BaseXapiStatement

ZONED = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def assert_valid(statement: dict, *, user=None) -> dict:
    BaseXapiStatement.model_validate(statement)
    stamp = statement["timestamp"]
    assert ZONED.match(stamp), f"timestamp without a zone: {stamp}"
    assert dt.datetime.fromisoformat(stamp).utcoffset() is not None
    assert "version" not in statement  # xAPI 1.0.3 §2.4.10: a provider should not set it
    actor = statement["actor"]
    assert set(actor) == {"objectType", "account"}, actor  # no name, mbox, openid
    assert set(actor["account"]) == {"homePage", "name"}
    if user is not None:
        text = json.dumps(statement, ensure_ascii=False)
        for secret in filter(None, [user.username, user.email, user.get_full_name()]):
            assert secret not in text
    return statement
