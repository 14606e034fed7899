import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0004_seed_framework")]

    operations = [
        migrations.AlterField(
            model_name="competency",
            name="framework",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="competencies",
                to="quizzes.competencyframework",
                verbose_name="framework",
            ),
        ),
        migrations.AlterField(
            model_name="competency",
            name="name_en",
            field=models.CharField(max_length=120, verbose_name="name (English)"),
        ),
        migrations.AddConstraint(
            model_name="competency",
            constraint=models.UniqueConstraint(
                fields=("framework", "code"), name="competency_code_unique_in_framework"
            ),
        ),
    ]
