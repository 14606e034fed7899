from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("certificates/", views.mine, name="mine"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("certificates/<str:code>/pdf", views.certificate_pdf, name="pdf"),
    # Public: anyone holding a certificate's code may check it.
    path("verify/<str:code>", views.verify, name="verify"),
]
