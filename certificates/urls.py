from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("certificates/", views.mine, name="mine"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("certificates/<str:code>/pdf", views.certificate_pdf, name="pdf"),
    # HR: the certificates of their units as one ZIP, built by the task worker
    path("records/certificates/", views.archives_page, name="archives"),
    path("records/certificates/<uuid:token>/", views.archive, name="archive"),
    path("records/certificates/<uuid:token>/download", views.archive_download, name="download"),
    # Public: anyone holding a certificate's code may check it.
    path("verify/<str:code>", views.verify, name="verify"),
]
