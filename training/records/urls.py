from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
]
