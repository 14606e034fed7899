"""The seed case's competencies become the seed framework, keeping their rows and ids.

These names are data of the seed case, frozen here as the migration found them; the demo reads
the same framework from demo/content/scenario_quiz.toml (and recreates it after a test flush).
"""

from django.db import migrations

SLUG = "work-group-burden"
FRAMEWORK = {
    "name_en": "Reducing the burden of work groups",
    "name_zh": "工作群减负",
    "description": (
        "What the paperless-office seed case asks of a leader deciding what to do with a "
        "unit's work groups."
    ),
}
COMPETENCIES = [
    ("policy", "Policy understanding", "政策理解"),
    ("situation", "Analysing the specific situation", "具体问题具体分析"),
    ("measures", "Choosing burden-reduction measures", "选择减负措施"),
    ("public", "Serving the public", "服务群众"),
    ("formalism", "Implementing without formalism", "落实不搞形式主义"),
]


def create(apps, schema_editor):
    Framework = apps.get_model("quizzes", "CompetencyFramework")
    Competency = apps.get_model("quizzes", "Competency")
    framework, _ = Framework.objects.get_or_create(slug=SLUG, defaults=FRAMEWORK)
    for order, (code, name_en, name_zh) in enumerate(COMPETENCIES):
        competency = Competency.objects.filter(code=code).first() or Competency(code=code)
        competency.framework = framework
        competency.name_en, competency.name_zh = name_en, name_zh
        competency.order = order
        competency.save()
    # Any other row (none is known) joins the seed framework under its code.
    for competency in Competency.objects.filter(framework__isnull=True):
        competency.framework = framework
        competency.name_en = competency.name_en or competency.code
        competency.save()


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0003_competency_frameworks")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
