from django.db import migrations

# The seed case's competency codes; 0004 gives them a framework and their names.
CODES = ["policy", "situation", "measures", "public", "formalism"]


def create(apps, schema_editor):
    Competency = apps.get_model("quizzes", "Competency")
    for order, code in enumerate(CODES):
        Competency.objects.get_or_create(code=code, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
