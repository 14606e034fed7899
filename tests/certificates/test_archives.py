"""HR's ZIP of the certificates of their units: asked for on a page, built by the task worker
(here its task run in the test, and on PostgreSQL a real `db_worker` process), its progress
on its page, downloaded only by the officer who asked and only while the units are theirs,
deleted after a day."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from certificates import archives, documents
from certificates.models import Certificate, CertificateArchive
from certificates.tasks import build_archive
from records.services import record_void
from tests.conftest import make_person

from .conftest import complete

pytestmark = pytest.mark.django_db

Status = CertificateArchive.Status
URL = reverse("certificates:archives")


@pytest.fixture(autouse=True)
def archive_dir(settings, tmp_path):
    settings.CERTIFICATE_ARCHIVE_DIR = tmp_path / "archives"
    return settings.CERTIFICATE_ARCHIVE_DIR


@pytest.fixture
def bob_cert(institution, bob, course):
    """bob is in Hill Village, West Town: outside hr_town's scope."""
    return complete(bob, course).certificates.get()


@pytest.fixture
def wang_cert(completion):
    return completion.certificates.get()


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Post the form as the officer's browser does; what the view queues after its commit is
    queued (the test's transaction never commits)."""

    def _ask(client, follow=False, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, {"language": "zh-hans", **data}, follow=follow)

    return _ask


def built(archive: CertificateArchive) -> CertificateArchive:
    """Run the build as the worker would (the task's own function), then read the row."""
    build_archive.call(archive.pk)
    archive.refresh_from_db()
    return archive


def members(archive: CertificateArchive) -> dict[str, bytes]:
    with zipfile.ZipFile(archives.archive_path(archive)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def index_rows(data: bytes) -> list[dict]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def leftovers() -> list[str]:
    """What the archive folder holds, a half-built part file included."""
    folder = archives.archive_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- Asking -----------------------------------------------------------------------------------


def test_asking_queues_a_task_and_renders_nothing_in_the_request(
    ask, login, hr_town, wang_cert, monkeypatch
):
    DBTaskResult.objects.all().delete()

    def no_pdf_here(*args, **kwargs):
        raise AssertionError("the request rendered a PDF")

    monkeypatch.setattr(documents, "render_pdf", no_pdf_here)
    response = ask(login(hr_town))
    archive = CertificateArchive.objects.get()
    assert response.status_code == 302 and response.url == archive.get_absolute_url()
    assert archive.status == Status.QUEUED and archive.requested_by == hr_town.user
    task = DBTaskResult.objects.get(status="READY")
    assert task.task_path.endswith("build_archive") and task.args_kwargs["args"] == [archive.pk]
    assert not archives.archive_path(archive).exists()


def test_the_zip_holds_the_valid_certificates_of_the_officers_units_only(
    ask, login, hr_town, wang_cert, bob_cert, units
):
    ask(login(hr_town))
    archive = built(CertificateArchive.objects.get())
    assert archive.status == Status.READY and archive.total == archive.done == 1
    files = members(archive)
    pdfs = [name for name in files if name.endswith(".pdf")]
    assert pdfs == [f"Riverside Community/王建国_乡镇工作组的设置与精简_{wang_cert.code}.pdf"]
    text = pdf_text(files[pdfs[0]])
    assert "王建国" in text and "结 业 证 书" in text and wang_cert.code in text
    [row] = index_rows(files["index.csv"])
    assert row["file"] == pdfs[0] and row["verification_code"] == wang_cert.code
    assert row["name"] == "王建国" and row["study_hours"] == str(wang_cert.hours)
    assert row["verification_url"].endswith(f"/verify/{wang_cert.code}")
    assert bob_cert.code not in files["index.csv"].decode()
    assert archive.size == archives.archive_path(archive).stat().st_size


def test_the_county_officer_gets_both_towns_in_english(ask, login, hr_county, wang_cert, bob_cert):
    ask(login(hr_county), language="en")
    archive = built(CertificateArchive.objects.get())
    files = members(archive)
    codes = {row["verification_code"] for row in index_rows(files["index.csv"])}
    assert codes == {wang_cert.code, bob_cert.code}
    wang_pdf = next(data for name, data in files.items() if wang_cert.code in name)
    text = pdf_text(wang_pdf)
    assert "Certificate of completion" in text and "王建国" in text


def test_a_revoked_certificate_is_left_out(ask, login, hr_county, wang_cert, bob_cert):
    record_void(record=wang_cert.record, reason="Completed in error", by=hr_county.user)
    wang_cert.refresh_from_db()
    assert wang_cert.status == Certificate.Status.REVOKED
    ask(login(hr_county))
    files = members(built(CertificateArchive.objects.get()))
    assert [row["verification_code"] for row in index_rows(files["index.csv"])] == [bob_cert.code]


def test_the_filters_choose_the_unit_course_and_year(
    ask, login, hr_county, wang_cert, bob_cert, units, make_course, institution
):
    other = make_course("other", lessons=1)
    other_cert = complete(make_person("li", units["hill"], is_cadre=True), other)
    other_cert = other_cert.certificates.get()
    client = login(hr_county)

    def codes(**filters):
        CertificateArchive.objects.all().delete()
        ask(client, **filters)
        archive = built(CertificateArchive.objects.get())
        return {row["verification_code"] for row in index_rows(members(archive)["index.csv"])}

    assert codes(unit=units["west"].pk) == {bob_cert.code, other_cert.code}
    assert codes(unit=units["west"].pk, course=other.pk) == {other_cert.code}
    year = wang_cert.record.year
    assert codes(year=year) == {wang_cert.code, bob_cert.code, other_cert.code}
    assert codes(year=year - 1) == set()


def test_a_unit_outside_the_officers_scope_is_refused_and_nothing_queued(
    ask, login, hr_town, units, wang_cert
):
    DBTaskResult.objects.all().delete()
    response = ask(login(hr_town), unit=units["west"].pk)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not CertificateArchive.objects.exists() and not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"year": "99999"},
        {"year": "-1"},
        {"course": "1" * 30},
        {"unit": "x"},
        {"language": "fr"},
        {"language": ""},
    ],
)
def test_a_hostile_post_is_an_error_not_an_archive(login, hr_town, wang_cert, data):
    response = login(hr_town).post(URL, {"language": "zh-hans", **data})
    assert response.status_code == 400
    assert not CertificateArchive.objects.exists()


def test_a_double_submit_asks_once(ask, login, hr_town, wang_cert):
    DBTaskResult.objects.all().delete()
    client = login(hr_town)
    first, second = ask(client), ask(client)
    assert first.url == second.url
    assert CertificateArchive.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_an_officer_may_have_three_building_at_once(ask, login, hr_county, wang_cert, units):
    client = login(hr_county)
    for unit in ("east", "west", "riverside"):
        assert ask(client, unit=units[unit].pk).status_code == 302
    response = ask(client, unit=units["hill"].pk, follow=True)
    assert "3 archives being built already" in response.content.decode()
    assert CertificateArchive.objects.count() == 3


def test_a_stalled_build_does_not_block_asking_again(ask, login, hr_town, wang_cert):
    client = login(hr_town)
    ask(client)
    CertificateArchive.objects.update(
        status=Status.BUILDING, updated_at=timezone.now() - dt.timedelta(minutes=11)
    )
    ask(client)
    assert CertificateArchive.objects.count() == 2


# --- Building -------------------------------------------------------------------------------


def test_a_second_run_of_the_task_changes_nothing(ask, login, hr_town, wang_cert):
    ask(login(hr_town))
    archive = built(CertificateArchive.objects.get())
    finished = archive.finished_at
    assert build_archive.call(archive.pk) == 0
    archive.refresh_from_db()
    assert archive.status == Status.READY and archive.finished_at == finished


def test_names_inside_the_zip_cannot_leave_it_nor_break_a_spreadsheet(
    ask, login, hr_county, units, course, institution
):
    person = make_person(
        "odd", units["hill"], is_cadre=True, full_name='=HYPERLINK("x")/../..\\:*?'
    )
    cert = complete(person, course).certificates.get()
    ask(login(hr_county))
    files = members(built(CertificateArchive.objects.get()))
    [name] = [n for n in files if n.endswith(".pdf")]
    folder, stem = name.split("/")
    assert folder == "Hill Village" and stem.endswith(f"_{cert.code}.pdf")
    assert ".." not in name and "\\" not in name and ":" not in name
    [row] = index_rows(files["index.csv"])
    assert row["name"].startswith("'=HYPERLINK")
    assert row["file"] == name  # the index names the file as it is in the ZIP


@pytest.mark.parametrize(
    "name", [" =1+1", "＝1+1", "\u200b=1+1", "\ufeff+1", "\u202e=1+1", "\u3000＠x", "﹢1", "@x"]
)
def test_the_index_quotes_whatever_a_spreadsheet_would_run(
    ask, login, hr_county, units, course, institution, name
):
    """The exports' own rule (`records.exports.safe_cell`): disguised formulas too."""
    complete(make_person("odd", units["hill"], is_cadre=True, full_name=name), course)
    ask(login(hr_county))
    [row] = index_rows(members(built(CertificateArchive.objects.get()))["index.csv"])
    assert row["name"] == "'" + name


def test_a_unit_named_like_a_formula_gets_a_folder_the_index_names_right(
    ask, login, hr_county, units, course, institution
):
    from people.models import OrgUnit

    odd = OrgUnit.objects.create(
        name="-Party Office", code="odd", kind=OrgUnit.Kind.OFFICE, parent=units["county"]
    )
    complete(make_person("li", odd, is_cadre=True), course)
    ask(login(hr_county))
    files = members(built(CertificateArchive.objects.get()))
    [row] = index_rows(files["index.csv"])
    assert row["file"].startswith("_-Party Office/") and row["file"] in files


def test_long_chinese_names_stay_within_a_file_systems_255_bytes(
    ask, login, hr_county, units, institution, make_course, tmp_path
):
    long_course = make_course(
        "long", lessons=1, title="学习贯彻习近平新时代中国特色社会主义思想" * 4
    )
    complete(
        make_person(
            "long",
            units["hill"],
            is_cadre=True,
            full_name="阿依古丽·买买提艾力·吐尔逊阿依·艾合买提江",
        ),
        long_course,
    )
    ask(login(hr_county))
    archive = built(CertificateArchive.objects.get())
    [name] = [n for n in members(archive) if n.endswith(".pdf")]
    assert max(len(part.encode()) for part in name.split("/")) <= 255
    with zipfile.ZipFile(archives.archive_path(archive)) as zf:
        zf.extractall(tmp_path / "out")  # as unzip would: a name too long fails here


def test_too_many_certificates_fail_with_what_to_do(
    ask, settings, login, hr_county, wang_cert, bob_cert
):
    settings.CERTIFICATE_ARCHIVE_MAX = 1
    ask(login(hr_county), language="en")
    archive = built(CertificateArchive.objects.get())
    assert archive.status == Status.FAILED
    assert "More than 1 certificates" in archive.error
    assert leftovers() == []


def test_a_scope_lost_before_the_build_fails_it(ask, login, hr_town, wang_cert, units):
    ask(login(hr_town), unit=units["riverside"].pk)
    hr_town.hr_units.set([units["west"]])
    archive = built(CertificateArchive.objects.get())
    assert archive.status == Status.FAILED and archive.total == 0
    assert archive.error == "你已不再负责这个单位的记录。"  # in the language it was asked in


def test_a_pdf_that_fails_fails_the_archive_and_leaves_no_part_file(
    ask, login, hr_town, wang_cert, monkeypatch
):
    ask(login(hr_town), language="en")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(documents, "render_pdf", broken)
    archive = CertificateArchive.objects.get()
    with pytest.raises(OSError):
        build_archive.call(archive.pk)
    archive.refresh_from_db()
    assert archive.status == Status.FAILED and "could not be built" in archive.error
    assert leftovers() == []


def test_an_unusable_archive_folder_fails_the_archive_without_saying_where(
    ask, login, hr_town, wang_cert, settings, tmp_path
):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    settings.CERTIFICATE_ARCHIVE_DIR = (
        blocker / "archives"
    )  # a file in the way (root ignores chmod)
    client = login(hr_town)
    ask(client, language="en")
    archive = CertificateArchive.objects.get()
    with pytest.raises(OSError):
        build_archive.call(archive.pk)
    archive.refresh_from_db()
    assert archive.status == Status.FAILED and "could not be built" in archive.error
    page = client.get(archive.get_absolute_url()).content.decode()
    assert str(blocker) not in page and "Errno" not in page


# --- The archive's page and the download --------------------------------------------------


def test_the_page_refreshes_itself_while_waiting_and_stops_when_ready(
    ask, login, hr_town, wang_cert
):
    client = login(hr_town)
    ask(client)
    archive = CertificateArchive.objects.get()
    page = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "等待" in page
    CertificateArchive.objects.update(status=Status.BUILDING, total=40, done=12)
    page = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'value="12" max="40"' in page and "12 of 40 certificates" in page
    CertificateArchive.objects.update(status=Status.QUEUED, total=0, done=0)
    built(archive)
    page = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert reverse("certificates:download", args=[archive.token]) in page
    assert "Kept until" in page


def test_a_stalled_build_says_the_worker_stopped_and_stops_refreshing(
    ask, login, hr_town, wang_cert
):
    client = login(hr_town)
    ask(client)
    CertificateArchive.objects.update(
        status=Status.BUILDING,
        total=3,
        done=1,
        updated_at=timezone.now() - dt.timedelta(minutes=30),
    )
    archive = CertificateArchive.objects.get()
    page = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'http-equiv="refresh"' not in page and "seems to have stopped" in page


def test_a_long_wait_in_the_queue_is_a_wait_not_a_stopped_worker(
    ask, login, hr_county, wang_cert, units
):
    """Three ZIPs of a thousand take a quarter of an hour: an archive queued behind them keeps
    its place, its page keeps following it, and it still counts towards the cap."""
    client = login(hr_county)
    for unit in ("east", "west", "riverside"):
        ask(client, unit=units[unit].pk)
    CertificateArchive.objects.update(requested_at=timezone.now() - dt.timedelta(minutes=30))
    archive = CertificateArchive.objects.first()
    page = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'http-equiv="refresh"' in page and "busy with other work, or not running" in page
    assert (
        "3 archives being built" in ask(client, unit=units["hill"].pk, follow=True).content.decode()
    )
    assert CertificateArchive.objects.count() == 3


def test_the_download_is_the_file_for_the_officer_who_asked(ask, login, hr_town, wang_cert, caplog):
    client = login(hr_town)
    ask(client)
    archive = built(CertificateArchive.objects.get())
    response = client.get(reverse("certificates:download", args=[archive.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="certificates-')
    assert b"".join(response.streaming_content) == archives.archive_path(archive).read_bytes()
    assert any("certificate archive downloaded" in r.getMessage() for r in caplog.records)


def test_nobody_else_sees_or_downloads_it(ask, login, hr_town, hr_county, alice, wang_cert, client):
    login(hr_town)
    ask(client)
    archive = built(CertificateArchive.objects.get())
    page = reverse("certificates:archive", args=[archive.token])
    download = reverse("certificates:download", args=[archive.token])
    # Another officer, even one whose units hold every person in it.
    other = login(hr_county)
    assert other.get(page).status_code == 404 and other.get(download).status_code == 404
    assert other.get(URL).content.decode().count(str(archive.token)) == 0
    cadre = login(alice)
    assert cadre.get(page).status_code == 403 and cadre.get(download).status_code == 403
    client.logout()
    assert client.get(download).status_code == 302


def test_an_officer_moved_to_other_units_can_no_longer_download(
    ask, login, hr_town, wang_cert, units
):
    """Asked for "all my units" while East was theirs: now West is, and the ZIP (East's
    people) is not handed out, nor built if it was still waiting."""
    client = login(hr_town)
    ask(client)
    archive = built(CertificateArchive.objects.get())
    ask(client, unit=units["riverside"].pk)
    waiting = CertificateArchive.objects.get(status=Status.QUEUED)
    hr_town.hr_units.set([units["west"]])
    assert client.get(reverse("certificates:download", args=[archive.token])).status_code == 404
    waiting = built(waiting)
    assert waiting.status == Status.FAILED and waiting.error == "你已不再负责这个单位的记录。"


def test_the_page_says_why_a_built_zip_is_no_longer_handed_out(
    ask, login, hr_town, hr_county, wang_cert, units
):
    client = login(hr_town)
    ask(client)
    archive = built(CertificateArchive.objects.get())
    hr_town.hr_units.set([units["west"]])
    page = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="archive-download"' not in page
    assert "Your units have changed since you asked for this ZIP" in page


def test_a_certificate_revoked_after_the_build_stops_the_zip_being_handed_out(
    ask, login, hr_town, hr_county, wang_cert
):
    client = login(hr_town)
    ask(client)
    archive = built(CertificateArchive.objects.get())
    assert list(archive.certificates.all()) == [wang_cert]
    record_void(record=wang_cert.record, reason="Completed in error", by=hr_county.user)
    assert client.get(reverse("certificates:download", args=[archive.token])).status_code == 404
    page = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A certificate in this ZIP has been revoked or replaced since it was built" in page
    assert 'data-testid="archive-download"' not in page


def test_asking_again_after_gaining_a_unit_is_a_new_zip_with_it(
    ask, login, hr_town, wang_cert, bob_cert, units
):
    client = login(hr_town)
    ask(client)
    hr_town.hr_units.add(units["west"])
    ask(client)
    assert CertificateArchive.objects.count() == 2
    newest = built(CertificateArchive.objects.order_by("-pk").first())
    codes = {r["verification_code"] for r in index_rows(members(newest)["index.csv"])}
    assert codes == {wang_cert.code, bob_cert.code}


def test_a_unit_an_archive_covered_is_kept_with_it(ask, login, hr_town, wang_cert, units):
    """The record of which units' certificates were taken outlives no unit."""
    from django.db.models import ProtectedError

    from people.models import OrgUnit

    empty = OrgUnit.objects.create(
        name="Empty", code="empty", kind=OrgUnit.Kind.OFFICE, parent=units["county"]
    )
    hr_town.hr_units.add(empty)
    ask(login(hr_town))
    with pytest.raises(ProtectedError):
        empty.delete()
    assert CertificateArchive.objects.get().units.count() == 2


def test_an_officer_given_more_units_keeps_the_zip_they_asked_for(
    ask, login, hr_town, wang_cert, bob_cert, units
):
    client = login(hr_town)
    ask(client)
    hr_town.hr_units.add(units["west"])
    archive = built(CertificateArchive.objects.get())
    codes = {r["verification_code"] for r in index_rows(members(archive)["index.csv"])}
    assert codes == {wang_cert.code}  # East, as asked: not West, added since
    assert client.get(reverse("certificates:download", args=[archive.token])).status_code == 200


# --- Kept a day -----------------------------------------------------------------------------


def test_the_file_is_deleted_after_its_day_and_the_row_kept(
    ask, settings, login, hr_town, wang_cert, archive_dir
):
    client = login(hr_town)
    ask(client)
    DBTaskResult.objects.all().delete()
    archive = built(CertificateArchive.objects.get())
    expiry = DBTaskResult.objects.get(status="READY")
    assert expiry.task_path.endswith("expire_archives") and expiry.run_after == archive.expires_at
    assert archive.expires_at - archive.finished_at == dt.timedelta(hours=24)
    assert archives.purge_expired() == 0 and archives.archive_path(archive).exists()
    assert archives.purge_expired(now=archive.expires_at) == 1
    archive.refresh_from_db()
    assert archive.status == Status.EXPIRED and not archives.archive_path(archive).exists()
    assert client.get(reverse("certificates:download", args=[archive.token])).status_code == 404
    page = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "deleted when its day was up" in page


def test_the_purge_removes_left_over_part_files_and_nothing_else(archive_dir):
    """A part file a killed worker left is removed; one still growing, and any file that is not
    the archives' own (the folder shared by mistake), are left alone."""
    import os
    import uuid

    archive_dir.mkdir(parents=True)
    old, fresh = archive_dir / f".{uuid.uuid4()}.part", archive_dir / f".{uuid.uuid4()}.part"
    stray_zip, other = archive_dir / f"{uuid.uuid4()}.zip", archive_dir / "backup.sql"
    an_hour_ago = (timezone.now() - dt.timedelta(hours=1)).timestamp()
    for path in (old, fresh, stray_zip, other):
        path.write_bytes(b"x")
        if path is not fresh:
            os.utime(path, (an_hour_ago, an_hour_ago))
    archives.purge_expired()
    assert not old.exists() and not stray_zip.exists()
    assert fresh.exists() and other.exists()


def test_a_build_whose_worker_died_a_day_ago_is_marked_failed(ask, login, hr_town, wang_cert):
    ask(login(hr_town))
    CertificateArchive.objects.update(
        status=Status.BUILDING, updated_at=timezone.now() - dt.timedelta(hours=25)
    )
    archives.purge_expired()
    archive = CertificateArchive.objects.get()
    assert archive.status == Status.FAILED and archive.error == "任务进程在压缩包完成前停止了。"


def test_the_purge_command(ask, login, hr_town, wang_cert):
    from django.core.management import call_command

    ask(login(hr_town))
    archive = built(CertificateArchive.objects.get())
    CertificateArchive.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    out = io.StringIO()
    call_command("purge_certificate_archives", stdout=out)
    assert out.getvalue().strip() == "1 archives deleted."
    assert not archives.archive_path(archive).exists()


# --- The list -------------------------------------------------------------------------------


def test_the_list_costs_the_same_queries_for_one_archive_or_twenty(
    ask, login, hr_county, wang_cert, units, django_assert_max_num_queries, db_sessions
):
    client = login(hr_county)
    ask(client, unit=units["east"].pk, course=wang_cert.course_id)
    client.get(URL)
    with django_assert_max_num_queries(12) as one:
        client.get(URL)
    for _ in range(19):
        CertificateArchive.objects.create(
            requested_by=hr_county.user,
            unit=units["west"],
            course=wang_cert.course,
            year=2026,
            language="en",
            status=Status.EXPIRED,
        )
    with django_assert_max_num_queries(len(one)) as twenty:
        page = client.get(URL).content.decode()
    assert page.count("West Town · ") == 19 and len(twenty) == len(one)


# --- A real worker --------------------------------------------------------------------------


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="a worker process shares the test database on PostgreSQL only",
)
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_zip(ask, settings, login, hr_town, wang_cert, archive_dir):
    from tests.faults.test_killed_worker import database_url
    from tests.helpers import run_manage

    DBTaskResult.objects.all().delete()
    client = login(hr_town)
    ask(client)
    archive = CertificateArchive.objects.get()
    worker = run_manage(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        DATABASE_URL=database_url(),
        CERTIFICATE_ARCHIVE_DIR=str(archive_dir),
        SITE_URL=settings.SITE_URL,
        LOCAL_HTTP="1",  # as `make run` starts it: static files from the source folders
    )
    assert worker.returncode == 0, worker.stderr[-2000:]
    archive.refresh_from_db()
    assert archive.status == Status.READY, (archive.error, worker.stderr[-3000:])
    assert archive.done == 1
    response = client.get(reverse("certificates:download", args=[archive.token]))
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as zf:
        assert wang_cert.code in zf.read("index.csv").decode()


def test_the_ready_page_joins_its_sentences_as_each_language_does(ask, login, hr_town, wang_cert):
    client = login(hr_town)
    ask(client)
    archive = built(CertificateArchive.objects.get())
    zh = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    en = client.get(archive.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "。保留至" in zh and "。 保留至" not in zh
    assert ". Kept until" in en
