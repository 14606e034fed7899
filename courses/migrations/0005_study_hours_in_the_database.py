"""A course's declared study hours, 0.25 to 50 (courses.models HOURS_MIN, HOURS_MAX, frozen
here), kept by the database too. A row written past them before is first brought to the
nearest bound, so the constraint can be added; completions keep the hours they were credited
(their own column)."""

from decimal import Decimal

from django.db import migrations, models


def clamp(apps, schema_editor):
    Course = apps.get_model("courses", "Course")
    Course.objects.filter(study_hours__lt=Decimal("0.25")).update(study_hours=Decimal("0.25"))
    Course.objects.filter(study_hours__gt=Decimal("50")).update(study_hours=Decimal("50"))
    # PostgreSQL keeps the updated rows' deferred foreign key checks for the commit, and will
    # not ALTER a table with checks pending: run them now, so the constraints are added in this
    # same transaction (the rows clamped and constrained together, or neither).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_bounds"),
    ]

    operations = [
        migrations.RunPython(clamp, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("study_hours__gte", Decimal("0.25")), ("study_hours__lte", Decimal("50"))
                ),
                name="course_study_hours_range",
            ),
        ),
    ]
