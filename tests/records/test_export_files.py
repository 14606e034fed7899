"""A long XLSX export, built by the task worker: past EXPORT_DIRECT_CADRES cadres the XLSX link
leads to a page that asks for it (a GET queues nothing), the worker builds it from the filters
the page had, and only the officer who asked may follow and download it, while their units are
unchanged. The file holds exactly what the XLSX built inside a request holds."""

import io
import os

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from people.models import OrgUnit
from records import export_files, exports
from records.models import ExportFile
from records.tasks import build_export
from tests.records import test_exports
from tests.records.test_exports import export, xlsx_rows

# The direct exports' fixtures: their records, and "today" pinned (autouse there, so here too).
records = test_exports.records
today = test_exports.today

pytestmark = pytest.mark.django_db

Status = ExportFile.Status
ASK = reverse("records:export_files")


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.EXPORT_FILE_DIR = tmp_path / "exports"
    settings.EXPORT_DIRECT_CADRES = 1  # the fixtures' county is "long"
    return settings.EXPORT_FILE_DIR


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Post the page's form as the browser does; what the view queues after its commit is
    queued (the test's transaction never commits)."""

    def _ask(client, table="completions", query="year=2026", follow=False):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(ASK, {"table": table, "query": query}, follow=follow)

    return _ask


def built(row: ExportFile) -> ExportFile:
    """Run the build as the worker would (the task's own function), then read the row."""
    build_export.call(row.pk)
    row.refresh_from_db()
    return row


def downloaded_rows(client, row: ExportFile) -> list[tuple]:
    response = client.get(reverse("records:export_download", args=[row.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    return xlsx_rows(response)


def test_a_long_xlsx_link_leads_to_a_page_that_asks_and_queues_nothing(login, hr_county, records):
    client = login(hr_county)
    response = export(client, "completions", "xlsx", year=2026)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert 'data-testid="export-ask-form"' in page and 'method="post"' in page
    assert "csrfmiddlewaretoken" in page
    assert not ExportFile.objects.exists() and not DBTaskResult.objects.exists()
    # The CSV of the same table still downloads at once.
    assert export(client, "completions", "csv", year=2026)["Content-Type"].startswith("text/csv")


def test_a_short_xlsx_is_still_built_inside_the_request(settings, login, hr_county, records):
    settings.EXPORT_DIRECT_CADRES = 100_000
    response = export(login(hr_county), "completions", "xlsx", year=2026)
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert not ExportFile.objects.exists()


@pytest.mark.parametrize("table", ["completions", "ledger"])
def test_the_built_file_holds_what_the_direct_download_holds(
    settings, ask, login, hr_county, records, units, table
):
    client = login(hr_county)
    query = f"year=2026&unit={units['east'].pk}"
    response = ask(client, table=table, query=query)
    row = ExportFile.objects.get()
    assert response.status_code == 302 and response["Location"] == row.get_absolute_url()
    assert (row.status, row.table, row.query, row.language) == (Status.QUEUED, table, query, "en")
    assert DBTaskResult.objects.count() == 1
    row = built(row)
    assert row.status == Status.READY, row.error
    got = downloaded_rows(client, row)
    settings.EXPORT_DIRECT_CADRES = 100_000
    direct = xlsx_rows(export(client, table, "xlsx", year=2026, unit=units["east"].pk))
    assert got == direct and len(got) > 1
    assert row.total == len(direct) - 1 == row.done
    assert not [p for p in os.listdir(settings.EXPORT_FILE_DIR) if p.endswith(".part")]


def test_the_ask_page_fixes_the_year_it_showed(login, hr_county, records):
    """A file asked for on the last day of a year and built after midnight is still that
    year's: the year goes into the filters kept with the request."""
    page = export(login(hr_county), "ledger", "xlsx", unit="").content.decode()
    assert f"year={timezone.localdate().year}" in page


def test_the_file_is_built_in_the_language_it_was_asked_in(ask, login, hr_county, records):
    client = login(hr_county)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-CN"
    ask(client)
    row = built(ExportFile.objects.get())
    assert row.language == "zh-hans"
    book = openpyxl.load_workbook(
        io.BytesIO(
            b"".join(
                client.get(reverse("records:export_download", args=[row.token])).streaming_content
            )
        )
    )
    assert book.worksheets[0].title == "完成情况"
    assert book.worksheets[0]["A1"].value == "姓名"
    page = client.get(row.get_absolute_url()).content.decode()
    assert "下载 Excel 文件" in page


def test_a_double_submit_gives_one_file_and_one_task(ask, login, hr_county, records):
    client = login(hr_county)
    ask(client)
    ask(client)
    assert ExportFile.objects.count() == 1 and DBTaskResult.objects.count() == 1
    ask(client, query="year=2025")  # other filters: another file
    assert ExportFile.objects.count() == 2


def test_at_most_three_files_wait_or_build_at_once(ask, login, hr_county, records):
    client = login(hr_county)
    for year in (2023, 2024, 2025):
        ask(client, query=f"year={year}")
    response = ask(client, query="year=2026", follow=True)
    assert ExportFile.objects.count() == 3
    assert "3 files being built already" in response.content.decode()


def test_the_page_follows_the_build_and_stops_refreshing_when_ready(ask, login, hr_county, records):
    client = login(hr_county)
    ask(client)
    row = ExportFile.objects.get()
    queued = client.get(row.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in queued and "Waiting for the task worker" in queued
    row = built(row)
    ready = client.get(row.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' not in ready
    assert 'data-testid="export-file-download"' in ready


def test_only_the_officer_who_asked_may_see_or_download(
    ask, login, hr_county, hr_town, alice, records
):
    ask(login(hr_county))
    row = built(ExportFile.objects.get())
    page = reverse("records:export_file", args=[row.token])
    download = reverse("records:export_download", args=[row.token])
    other = login(hr_town)
    assert other.get(page).status_code == 404
    assert other.get(download).status_code == 404
    cadre = login(alice)
    assert cadre.get(page).status_code == 403
    assert cadre.get(download).status_code == 403


def test_an_officer_whose_units_changed_cannot_take_the_file(ask, login, hr_county, records, units):
    client = login(hr_county)
    ask(client)
    row = built(ExportFile.objects.get())
    hr_county.hr_units.set([units["east"]])
    assert client.get(reverse("records:export_download", args=[row.token])).status_code == 404
    page = client.get(row.get_absolute_url()).content.decode()
    assert "Your units have changed" in page and "export-file-download" not in page


def test_a_file_asked_for_before_the_units_changed_is_not_built(
    ask, login, hr_county, records, units
):
    ask(login(hr_county))
    hr_county.hr_units.set([units["east"]])
    row = built(ExportFile.objects.get())
    assert row.status == Status.FAILED and "Your units have changed" in row.error
    assert not export_files.export_dir().exists() or not os.listdir(export_files.export_dir())


@pytest.mark.parametrize(
    "data",
    [
        {"table": "passwords", "query": "year=2026"},
        {"table": "completions", "query": "year=99999"},
        {"table": "completions", "query": "unit=not-a-unit"},
        {"table": "completions", "query": "year=2026&" + "q=x&" * 1000},
        {"query": "year=2026"},
        {},
    ],
)
def test_a_hostile_post_is_refused_and_queues_nothing(ask, login, hr_county, records, data):
    with_capture = login(hr_county).post(ASK, data)
    assert with_capture.status_code == 400
    assert not ExportFile.objects.exists() and not DBTaskResult.objects.exists()


def test_a_unit_outside_the_scope_is_refused(ask, login, hr_town, records, units):
    response = ask(login(hr_town), query=f"year=2026&unit={units['west'].pk}")
    assert response.status_code == 400
    assert not ExportFile.objects.exists()


def test_the_post_needs_its_csrf_token(hr_county, records):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hr_county.user)
    response = client.post(ASK, {"table": "completions", "query": "year=2026"})
    assert response.status_code == 403 and not ExportFile.objects.exists()


def test_a_failing_build_leaves_no_part_file_and_says_so(
    ask, login, hr_county, records, monkeypatch
):
    ask(login(hr_county))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "write_xlsx", broken)
    row = ExportFile.objects.get()
    with pytest.raises(RuntimeError):
        build_export.call(row.pk)
    row.refresh_from_db()
    assert row.status == Status.FAILED and "could not be built" in row.error
    assert not os.listdir(export_files.export_dir())


def test_the_progress_moves_while_the_rows_are_written(ask, login, hr_county, records, monkeypatch):
    seen = []
    real = exports.write_xlsx

    def watched(*args, progress=None, **kwargs):
        def heard(done):
            seen.append((done, ExportFile.objects.get().status))
            progress(done)

        return real(*args, progress=heard, **kwargs)

    monkeypatch.setattr(exports, "PROGRESS_ROWS", 1)
    monkeypatch.setattr(exports, "write_xlsx", watched)
    ask(login(hr_county))
    row = built(ExportFile.objects.get())
    assert [done for done, _ in seen[:-1]] == list(range(1, row.total + 1))
    assert {status for _, status in seen} == {Status.BUILDING}
    assert ExportFile.objects.values_list("done", flat=True).get() == row.total


def test_a_task_run_twice_builds_once(ask, login, hr_county, records):
    ask(login(hr_county))
    row = built(ExportFile.objects.get())
    finished = row.finished_at
    assert build_export.call(row.pk) == 0
    row.refresh_from_db()
    assert row.finished_at == finished


def test_the_purge_deletes_files_past_their_day_and_keeps_the_row(ask, login, hr_county, records):
    ask(login(hr_county))
    row = built(ExportFile.objects.get())
    path = export_files.file_path(row)
    assert export_files.purge_expired() == 0 and path.exists()
    assert export_files.purge_expired(now=row.expires_at) == 1
    row.refresh_from_db()
    assert row.status == Status.EXPIRED and not path.exists()
    assert row.requested_by_id == hr_county.user_id  # the record of who took what stays


def test_the_purge_removes_a_killed_workers_part_file_and_nothing_else(files_dir):
    files_dir.mkdir(parents=True)
    part = files_dir / ".0b7c7a7e-2a4e-4c8e-9a55-5b0c3e5b3a11.part"
    mine = files_dir / "notes.txt"
    for path in (part, mine):
        path.write_text("x")
        old = timezone.now().timestamp() - 3600
        os.utime(path, (old, old))
    export_files.purge_expired()
    assert not part.exists() and mine.exists()


@pytest.mark.parametrize("direct", [True, False])
def test_the_choice_between_the_request_and_the_worker_is_one_count(
    settings, login, hr_county, records, direct
):
    """Whichever way the XLSX goes, deciding cost one COUNT of the officer's cadres."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.EXPORT_DIRECT_CADRES = 100_000 if direct else 1
    client = login(hr_county)
    with CaptureQueriesContext(connection) as queries:
        response = export(client, "completions", "xlsx", year=2026)
    assert (response["Content-Type"] == exports.XLSX_TYPE) is direct
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and "people_profile" in q["sql"]]
    assert len(counts) == 1, counts


def test_a_unit_deleted_after_the_ask_fails_the_build_cleanly(ask, login, hr_county, records):
    """The filters are read again when the file is built: a unit gone since is no valid choice."""
    unit = OrgUnit.objects.create(name="Temporary", parent=hr_county.hr_units.get())
    ask(login(hr_county), query=f"year=2026&unit={unit.pk}")
    unit.delete()
    row = built(ExportFile.objects.get())
    assert row.status == Status.FAILED and "no longer valid" in row.error


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="a worker process shares the test database on PostgreSQL only",
)
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_file(ask, settings, login, hr_county, records, files_dir):
    from tests.faults.test_killed_worker import database_url
    from tests.helpers import run_manage

    DBTaskResult.objects.all().delete()
    client = login(hr_county)
    ask(client)
    row = ExportFile.objects.get()
    worker = run_manage(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        DATABASE_URL=database_url(),
        EXPORT_FILE_DIR=str(files_dir),
        EXPORT_DIRECT_CADRES="1",
        LOCAL_HTTP="1",
    )
    assert worker.returncode == 0, worker.stderr[-2000:]
    row.refresh_from_db()
    assert row.status == Status.READY, (row.error, worker.stderr[-3000:])
    assert len(downloaded_rows(client, row)) == row.total + 1
