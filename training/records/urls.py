"""Records URLs: each module keeps its own patterns."""

from . import views, views_reminders

app_name = "records"

urlpatterns = views.urlpatterns + views_reminders.urlpatterns
