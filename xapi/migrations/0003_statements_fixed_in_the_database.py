"""A stored statement is never rebuilt nor deleted, in the database itself: only its sending
bookkeeping changes (`models.SENDING_FIELDS`). An export or a resend then always carries the
id and the content it was stored with. See `people/db_guards.py`."""

from django.db import migrations

from people.db_guards import Guard

GUARD = Guard(
    table="xapi_statement",
    name="xapi_statement",
    message="a stored statement is never changed nor deleted",
    fixed=("id", "event", "event_pk", "verb", "timestamp", "user_id", "stored_json", "created_at"),
)


class Migration(migrations.Migration):
    dependencies = [("xapi", "0002_refused_statements")]

    operations = [GUARD.operation()]
