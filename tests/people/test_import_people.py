"""`manage.py import_people`: people from a CSV, matched by staff number, all or nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from people.models import Profile
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

HEADER = "staff_number,full_name,unit,position,rank,username,email,roles\n"
GOOD = (
    HEADER
    + "QS-0012,周芳,riverside,网格员,clerk,,zhou.fang@example.test,\n"
    + "QS-0345,周芳,hill,村文书,section_member,zhoufang2,,cadre;trainer\n"
)


def run(tmp_path, content, *args, encoding="utf-8"):
    path = tmp_path / "people.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    out, err = StringIO(), StringIO()
    call_command("import_people", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def fails(tmp_path, content, *args) -> str:
    """The command's error output and message: it must fail."""
    path = tmp_path / "people.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_people", str(path), *args, stdout=StringIO(), stderr=err)
    return err.getvalue() + str(caught.value)


def people() -> dict[str, Profile]:
    return {p.staff_number: p for p in Profile.objects.select_related("user", "unit")}


def test_a_good_file_creates_people_with_unusable_passwords(tmp_path, units):
    out = run(tmp_path, GOOD)
    found = people()
    first, second = found["QS-0012"], found["QS-0345"]
    assert (first.full_name, first.unit.code, first.position) == ("周芳", "riverside", "网格员")
    assert first.rank == "clerk" and first.is_cadre and not first.is_trainer
    assert first.user.username == "QS-0012" and first.user.email == "zhou.fang@example.test"
    assert second.user.username == "zhoufang2" and second.is_cadre and second.is_trainer
    assert second.rank == Profile.Rank.SECTION_MEMBER
    for person in (first, second):
        assert not person.user.has_usable_password()
    assert "2 created, 0 updated, 0 unchanged" in out
    assert "no usable password" in out


def test_running_the_same_file_again_changes_nothing(tmp_path, units):
    run(tmp_path, GOOD)
    before = list(Profile.objects.order_by("pk").values())
    out = run(tmp_path, GOOD)
    assert "0 created, 0 updated, 2 unchanged" in out
    assert list(Profile.objects.order_by("pk").values()) == before
    assert get_user_model().objects.count() == 2


def test_a_known_staff_number_updates_that_person_and_empty_cells_keep_values(tmp_path, units):
    zhou = make_person(
        "zhou", units["riverside"], staff_number="QS-0012", position="网格员", is_cadre=True
    )
    out = run(tmp_path, "staff_number,full_name,unit,position\nQS-0012,周芳,hill,\n")
    zhou.refresh_from_db()
    assert (zhou.full_name, zhou.unit.code, zhou.position) == ("周芳", "hill", "网格员")
    assert zhou.user.username == "zhou" and zhou.user.has_usable_password()
    assert "0 created, 1 updated" in out
    assert Profile.objects.count() == 1


def test_a_person_added_before_staff_numbers_gets_one_through_the_username(tmp_path, units):
    alice = make_person("alice", units["riverside"], is_cadre=True)
    run(tmp_path, "staff_number,full_name,unit,username\nQS-0001,Alice Wang,riverside,alice\n")
    alice.refresh_from_db()
    assert alice.staff_number == "QS-0001" and alice.full_name == "Alice Wang"
    assert Profile.objects.count() == 1


def test_a_bad_line_writes_nothing_and_names_the_line(tmp_path, units):
    content = (
        GOOD
        + "QS 9,王伟,riverside,,,,,\n"  # line 4: a space in the staff number
        + "QS-0400,,nowhere,,general,,not-an-address,boss\n"  # line 5
        + "QS-0012,周芳,hill,,,,,\n"  # line 6: QS-0012 is on line 2 already
    )
    message = fails(tmp_path, content)
    assert "line 4: staff number 'QS 9': use letters, digits and hyphens only" in message
    assert "line 5: full_name is empty" in message
    assert "line 5: no unit has the code 'nowhere'" in message
    assert "line 5: unknown rank 'general'" in message
    assert "line 5: 'not-an-address' is not an e-mail address" in message
    assert "line 5: unknown role(s) boss" in message
    assert "line 6: staff number 'QS-0012' is also on line 2" in message
    assert "line 2" not in message.replace("also on line 2", "")  # good lines are not blamed
    assert "nothing was imported" in message
    assert not Profile.objects.exists() and not get_user_model().objects.exists()


def test_a_line_that_would_clash_with_the_database_writes_nothing(tmp_path, units):
    make_person("alice", units["riverside"], staff_number="QS-0001")
    content = GOOD + "QS-0500,Bob,hill,,,alice,,\n"  # alice already has QS-0001
    message = fails(tmp_path, content)
    assert "line 4: user 'alice' already has staff number 'QS-0001'" in message
    assert set(people()) == {"QS-0001"}


def test_a_wrong_header_is_refused_before_any_line(tmp_path, units):
    message = fails(tmp_path, "staff_number,full_name,postion\nQS-1,A,riverside\n")
    assert "line 1 (the header)" in message
    assert "missing column(s) unit" in message and "unknown column(s) 'postion'" in message


def test_a_line_with_more_cells_than_the_header_is_refused(tmp_path, units):
    message = fails(tmp_path, "staff_number,full_name,unit\nQS-1,A,riverside,extra\n")
    assert "line 2: 4 cells, but the header names 3 columns" in message


def test_excel_utf8_with_a_byte_order_mark(tmp_path, units):
    out = run(tmp_path, "\ufeff" + GOOD)  # Excel's "CSV UTF-8": the BOM before the header
    assert set(people()) == {"QS-0012", "QS-0345"}
    assert "(UTF-8)" in out


def test_gb18030_as_chinese_excel_and_wps_save_it(tmp_path, units):
    out = run(tmp_path, GOOD.replace("网格员", "网格员（兼）"), encoding="gb18030")
    assert people()["QS-0012"].position == "网格员（兼）"
    assert people()["QS-0345"].full_name == "周芳"
    assert "(GB18030)" in out


def test_utf16_is_refused_with_what_to_do(tmp_path, units):
    message = fails(tmp_path, GOOD.encode("utf-16"))
    assert "UTF-16" in message and "CSV UTF-8" in message
    assert not Profile.objects.exists()


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(tmp_path, units):
    make_person("zhou", units["riverside"], staff_number="QS-0012", full_name="周 芳")
    out = run(tmp_path, GOOD, "--dry-run")
    assert "Dry run" in out and "1 to create, 1 to update, 0 unchanged" in out
    assert "line 2: update 周芳 [QS-0012], user zhou (full_name, position" in out
    assert "line 3: create 周芳 [QS-0345], user zhoufang2" in out
    assert "would have no usable password" in out
    assert set(people()) == {"QS-0012"} and people()["QS-0012"].full_name == "周 芳"


def test_a_dry_run_of_a_bad_file_reports_its_errors(tmp_path, units):
    message = fails(tmp_path, HEADER + "QS-1,A,nowhere,,,,,\n", "--dry-run")
    assert "line 2: no unit has the code 'nowhere'" in message


def test_a_refusal_while_writing_undoes_the_lines_already_written(tmp_path, units, monkeypatch):
    """All or nothing even past the checks: someone took a staff number meanwhile."""
    from django.db import IntegrityError

    from people import imports

    real = imports._apply
    written = []

    def apply_then_clash(change):
        if written:
            raise IntegrityError("UNIQUE constraint failed: people_profile.staff_number")
        real(change)
        written.append(change.staff_number)

    monkeypatch.setattr(imports, "_apply", apply_then_clash)
    message = fails(tmp_path, GOOD)
    assert written == ["QS-0012"]  # the first line was written, then undone
    assert "the database refused the import, nothing was written" in message
    assert not Profile.objects.exists() and not get_user_model().objects.exists()


def test_a_large_file_is_checked_in_a_few_queries(units, django_assert_max_num_queries):
    """1,200 lines: the checks read units, profiles and accounts a few hundred at a time (one
    query per line would be slow; one query for all would pass SQLite's variable limit)."""
    from people.imports import plan_import

    lines = [f"QS-{i:05d},Person {i},riverside" for i in range(1200)]
    content = ("staff_number,full_name,unit\n" + "\n".join(lines)).encode()
    with django_assert_max_num_queries(1 + 3 + 3):
        plan = plan_import(content)
    assert not plan.errors and plan.count("create") == 1200
