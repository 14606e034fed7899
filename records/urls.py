"""Records: the cadre's own pages (My learning, My progress) and HR's pages under /records/."""

from django.urls import path

from .views import assignments, files, hr, learner, reminders, rules

app_name = "records"

urlpatterns = [
    # The cadre's own records
    path("learning/", learner.my_learning, name="my_learning"),
    path("progress/", learner.my_progress, name="progress"),
    # The credit rule, for anyone signed in (cadres, HR, auditors)
    path("records/rules/", rules.credit_rules, name="credit_rules"),
    # HR, within its units
    path("records/", hr.dashboard, name="dashboard"),
    path("records/completions/", hr.completions, name="completions"),
    path("records/hours/", hr.ledger, name="ledger"),
    path("records/export/<str:table>.<str:fmt>", hr.export, name="export"),
    # Long XLSX exports, built by the task worker for the officer who asked
    path("records/files/", files.request_file, name="export_files"),
    path("records/files/<uuid:token>/", files.file_page, name="export_file"),
    path("records/files/<uuid:token>/download/", files.download, name="export_download"),
    path("records/people/", hr.people, name="people"),
    path("records/people/<int:pk>/", hr.person, name="person"),
    path("records/people/<int:pk>/waive/", hr.person_waive, name="waive"),
    path("records/people/<int:pk>/void/", hr.person_void, name="void"),
    path("records/people/<int:pk>/withdraw/", hr.person_withdraw, name="withdraw"),
    path("records/assignments/", assignments.assignments, name="assignments"),
    path(
        "records/assignments/<int:pk>/cancel/",
        assignments.cancel,
        name="assignment_cancel",
    ),
    path("records/remind/", reminders.remind, name="remind_unit"),
]
