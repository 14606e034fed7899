"""The quiz, question and competency bounds the form and the model keep, kept by the database
too.

Rows written past them before (through the admin, a script, an .update()) are first brought
inside, so the constraints can be added: each value to the nearest bound, except a time limit
of 0, which the site read as no limit (`if quiz.time_limit_minutes`) and stays so, as NULL.
The bounds are frozen here as this migration found them (quizzes.models: ATTEMPTS_MAX,
TIME_LIMIT_MAX, MIN_MINUTES_MAX, POINTS_MIN, COMPETENCY_ORDER_MAX).
"""

from decimal import Decimal

import django.core.validators
from django.db import migrations, models


def clamp(apps, schema_editor):
    Quiz = apps.get_model("quizzes", "Quiz")
    QuestionVersion = apps.get_model("quizzes", "QuestionVersion")
    Quiz.objects.filter(pass_mark__lt=0).update(pass_mark=Decimal("0"))
    Quiz.objects.filter(pass_mark__gt=100).update(pass_mark=Decimal("100"))
    Quiz.objects.filter(attempts_allowed__gt=100).update(attempts_allowed=100)
    Quiz.objects.filter(time_limit_minutes__lt=1).update(time_limit_minutes=None)
    Quiz.objects.filter(time_limit_minutes__gt=1440).update(time_limit_minutes=1440)
    Quiz.objects.filter(min_minutes__gt=600).update(min_minutes=600)
    QuestionVersion.objects.filter(points__lt=Decimal("0.5")).update(points=Decimal("0.5"))
    Competency = apps.get_model("quizzes", "Competency")
    Competency.objects.filter(order__gt=999).update(order=999)
    # PostgreSQL keeps the updated rows' deferred foreign key checks for the commit, and will
    # not ALTER a table with checks pending: run them now, so the constraints are added in this
    # same transaction (the rows clamped and constrained together, or neither).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0009_attempts_bound"),
    ]

    operations = [
        migrations.RunPython(clamp, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="competency",
            name="order",
            field=models.PositiveSmallIntegerField(
                default=0,
                validators=[django.core.validators.MaxValueValidator(999)],
                verbose_name="order",
            ),
        ),
        migrations.AddConstraint(
            model_name="competency",
            constraint=models.CheckConstraint(
                condition=models.Q(("order__lte", 999)), name="competency_order_max"
            ),
        ),
        migrations.AddConstraint(
            model_name="questionversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("points__gte", Decimal("0.5"))),
                name="question_version_points_min",
            ),
        ),
        migrations.AddConstraint(
            model_name="quiz",
            constraint=models.CheckConstraint(
                condition=models.Q(("pass_mark__gte", 0), ("pass_mark__lte", 100)),
                name="quiz_pass_mark_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="quiz",
            constraint=models.CheckConstraint(
                condition=models.Q(("attempts_allowed__lte", 100)),
                name="quiz_attempts_allowed_max",
            ),
        ),
        migrations.AddConstraint(
            model_name="quiz",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("time_limit_minutes__isnull", True),
                    models.Q(("time_limit_minutes__gte", 1), ("time_limit_minutes__lte", 1440)),
                    _connector="OR",
                ),
                name="quiz_time_limit_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="quiz",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("min_minutes__isnull", True), ("min_minutes__lte", 600), _connector="OR"
                ),
                name="quiz_min_minutes_max",
            ),
        ),
    ]
