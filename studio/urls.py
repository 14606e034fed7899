"""Studio URLs: each feature module keeps its own patterns, so each stays in one file."""

from .views import analysis, authoring, grading, importing, questions

app_name = "studio"

urlpatterns = (
    authoring.urlpatterns
    + importing.urlpatterns
    + questions.urlpatterns
    + grading.urlpatterns
    + analysis.urlpatterns
)
