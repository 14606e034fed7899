"""Records URLs: each module keeps its own patterns."""

from . import views, views_assignments, views_reminders

app_name = "records"

urlpatterns = views.urlpatterns + views_assignments.urlpatterns + views_reminders.urlpatterns
