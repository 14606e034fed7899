"""People from a CSV file (`manage.py import_people`): created or updated by staff number.

Two steps, so that a bad file writes nothing: `plan_import()` reads every line, checks it against
the database and returns what it would do with every error found (each naming its line);
`apply_import()` writes a plan that has no error, in one transaction. A line matches the person
who has its staff number; failing that, when it names a user name, the account of that name
whose profile has no staff number yet (how people added before staff numbers get theirs);
otherwise it creates a person. An optional cell left empty changes nothing on an update, so a
file with fewer columns never wipes what HR entered by hand.

New accounts get an unusable password: nobody can sign in as them until one is set through the
admin (or the site's password reset), so a CSV never carries a password.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from .models import STAFF_NUMBER_MAX, OrgUnit, Profile, validate_staff_number
from .text_files import UndecodableText, decode_text

MAX_IMPORT_BYTES = 5 * 1024 * 1024  # some 50,000 people: more than a county has
REQUIRED = ("staff_number", "full_name", "unit")
OPTIONAL = ("position", "rank", "username", "email", "roles", "leader")
ROLES = {"cadre": "is_cadre", "trainer": "is_trainer", "hr": "is_hr"}
ROLE_SEPARATORS = ",;|/，；、"
YES = {"1", "yes", "y", "true", "是"}
NO = {"0", "no", "n", "false", "否", ""}
PROFILE_FIELDS = ("full_name", "unit", "position", "rank", "is_leader", *ROLES.values())


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, size, header)."""


# --- Reading the bytes ----------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and how it was read: UTF-8 (a BOM allowed, as Excel writes) first, so
    UTF-8 is never read as anything else; GB18030 (what Chinese Excel and WPS save as "CSV")
    only for bytes that are not UTF-8 and look like Chinese (`people.text_files`, the rule
    case files follow too)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(f"the file is larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError("the file is UTF-16 (“Unicode text”): save it as CSV UTF-8")
    if b"\x00" in data:
        raise ImportFileError("the file has NUL bytes: it is not a CSV text file")
    try:
        return decode_text(data)
    except UndecodableText as error:
        raise ImportFileError(
            f"the file is neither UTF-8 nor GB18030 (GBK) text ({error}): save it as CSV UTF-8"
        ) from None


# --- The plan -------------------------------------------------------------------------------


@dataclass
class Change:
    """What one line does: create a person, update one, or nothing (`changed` empty)."""

    line: int
    staff_number: str
    full_name: str
    username: str
    profile: Profile | None  # None: a new person
    user: object | None  # an existing account without a profile, given a new one
    values: dict  # profile fields to set
    email: str = ""
    changed: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.profile is None:
            return "create"
        return "update" if self.changed else "unchanged"


@dataclass
class Plan:
    encoding: str
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(change.action == action for change in self.changes)


def plan_import(data: bytes) -> Plan:
    """Everything the file would do, or the errors that stop it (reads, never writes)."""
    text, encoding = decode(data)
    plan = Plan(encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    columns = _columns(next(reader, None))
    rows = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue  # a blank line, or one of empty cells as spreadsheets leave at the end
        cells = {name: value.strip() for name, value in zip(columns, values, strict=False)}
        rows.append((reader.line_num, cells, len(values)))
    if not rows:
        raise ImportFileError("the file has a header but no people")
    context = _Context.load([cells for _, cells, _ in rows])
    for line, cells, count in rows:
        if count > len(columns):  # checked no further: its cells may be shifted
            plan.errors.append(
                f"line {line}: {count} cells, but the header names {len(columns)} columns"
            )
            continue
        change, errors = _plan_line(line, cells, context)
        plan.errors.extend(f"line {line}: {error}" for error in errors)
        if change is not None:
            plan.changes.append(change)
    return plan


def _columns(header: list[str] | None) -> list[str]:
    if not header:
        raise ImportFileError("the file is empty: its first line names the columns")
    columns = [name.strip().lower() for name in header]
    unknown = [name for name in columns if name not in (*REQUIRED, *OPTIONAL)]
    missing = [name for name in REQUIRED if name not in columns]
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    problems = []
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s) {', '.join(repr(name) for name in unknown)}")
    if repeated:
        problems.append(f"column(s) named twice: {', '.join(repeated)}")
    if problems:
        known = ", ".join((*REQUIRED, *OPTIONAL))
        raise ImportFileError(f"line 1 (the header): {'; '.join(problems)} (columns: {known})")
    return columns


@dataclass
class _Context:
    """What the lines are checked against, read in a fixed number of queries."""

    units: dict[str, OrgUnit]
    by_number: dict[str, Profile]
    users: dict[str, object]
    first_line: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def load(cls, rows: list[dict]) -> _Context:
        codes = {cells.get("unit", "") for cells in rows}
        numbers = {cells.get("staff_number", "") for cells in rows}
        names = {cells.get("username") or cells.get("staff_number", "") for cells in rows}
        profiles = Profile.objects.select_related("user")
        users = get_user_model().objects.select_related("profile")
        return cls(
            units={u.code: u for u in _among(OrgUnit.objects.all(), "code", codes)},
            by_number={p.staff_number: p for p in _among(profiles, "staff_number", numbers)},
            users={u.get_username(): u for u in _among(users, "username", names)},
        )

    def seen(self, kind: str, value: str, line: int) -> int | None:
        """The earlier line with this value of `kind`, if any (and remember this one)."""
        return self.first_line.setdefault((kind, value), line) if value else None


def _among(query, name: str, values: set[str], size: int = 500) -> Iterable:
    """The rows whose `name` is one of `values`, a few hundred values per query: a county's
    file would pass SQLite's limit of variables in one statement."""
    values = sorted(values - {""})
    for start in range(0, len(values), size):
        yield from query.filter(**{f"{name}__in": values[start : start + size]})


def _plan_line(line: int, cells: dict, context: _Context) -> tuple[Change | None, list[str]]:
    errors: list[str] = []
    number = cells.get("staff_number", "")
    errors += _staff_number_errors(number)
    if (earlier := context.seen("staff_number", number, line)) != line and earlier:
        errors.append(f"staff number {number!r} is also on line {earlier}")
    number_ok = not errors
    values: dict = {}
    full_name = cells.get("full_name", "")
    if not full_name:
        errors.append("full_name is empty")
    elif len(full_name) > Profile._meta.get_field("full_name").max_length:
        errors.append("full_name is longer than 120 characters")
    else:
        values["full_name"] = full_name
    code = cells.get("unit", "")
    if code not in context.units:
        errors.append(f"no unit has the code {code!r}" if code else "unit is empty")
    else:
        values["unit"] = context.units[code]
    errors += _optional_values(cells, values)
    email = cells.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(f"{email!r} is not an e-mail address")
    profile, user, username, found = _who(cells, number, number_ok, context, line)
    errors += found
    if errors:
        return None, errors
    change = Change(line, number, full_name, username, profile, user, values, email)
    if profile is not None:
        change.changed = [name for name, value in values.items() if _differs(profile, name, value)]
        if profile.staff_number != number:
            change.changed.append("staff_number")
        if email and profile.user.email != email:
            change.changed.append("email")
    return change, []


def _differs(profile: Profile, name: str, value) -> bool:
    if name == "unit":
        return profile.unit_id != value.pk  # without reading the profile's unit
    return getattr(profile, name) != value


def _staff_number_errors(number: str) -> list[str]:
    if not number:
        return ["staff_number is empty"]
    if len(number) > STAFF_NUMBER_MAX:
        return [f"staff number {number!r} is longer than {STAFF_NUMBER_MAX} characters"]
    try:
        validate_staff_number(number)
    except ValidationError:
        return [
            f"staff number {number!r}: use letters, digits and hyphens only "
            "(a letter or digit first)"
        ]
    return []


def _optional_values(cells: dict, values: dict) -> list[str]:
    """Position, rank, leader and roles from their cells; an empty cell sets nothing."""
    errors = []
    if position := cells.get("position", ""):
        if len(position) > Profile._meta.get_field("position").max_length:
            errors.append("position is longer than 120 characters")
        values["position"] = position
    if rank := cells.get("rank", ""):
        if rank.lower() in Profile.Rank.values:
            values["rank"] = rank.lower()
        else:
            errors.append(f"unknown rank {rank!r} (ranks: {', '.join(Profile.Rank.values)})")
    leader = cells.get("leader", "").lower()
    if leader in YES:
        values["is_leader"] = True
    elif leader and leader in NO:
        values["is_leader"] = False
    elif leader:
        errors.append(f"leader is {leader!r}: write yes or no")
    if roles := cells.get("roles", ""):
        for separator in ROLE_SEPARATORS:
            roles = roles.replace(separator, " ")
        given = {role.lower() for role in roles.split()}
        if unknown := sorted(given - set(ROLES)):
            errors.append(f"unknown role(s) {', '.join(unknown)} (roles: {', '.join(ROLES)})")
        values.update({flag: name in given for name, flag in ROLES.items()})
    return errors


def _who(cells: dict, number: str, number_ok: bool, context: _Context, line: int):
    """The profile the line updates (None for a new person), the account a new profile goes
    to (None: a new account), the user name, and what stands in the way."""
    explicit = cells.get("username", "")
    if not explicit and not number_ok:
        return None, None, "", []  # the staff number's error says it all
    profile, user, username, errors = _match(explicit, number, context)
    if (earlier := context.seen("username", username, line)) != line and earlier:
        errors.append(f"user name {username!r} is also on line {earlier}")
    return profile, user, username, errors


def _match(explicit: str, number: str, context: _Context):
    profile = context.by_number.get(number)
    if profile is not None:
        current = profile.user.get_username()
        if explicit and current != explicit:
            return (
                profile,
                None,
                current,
                [
                    f"staff number {number!r} belongs to user {current!r}, not {explicit!r} "
                    "(a user name is changed in the admin)"
                ],
            )
        return profile, None, current, []
    username = explicit or number
    User = get_user_model()
    if len(username) > User._meta.get_field("username").max_length:
        return None, None, username, [f"user name {username!r} is too long"]
    try:
        User.username_validator(username)
    except ValidationError:
        return None, None, username, [f"user name {username!r}: letters, digits and @.+-_ only"]
    user = context.users.get(username)
    if user is None:
        return None, None, username, []
    existing = getattr(user, "profile", None)  # a missing profile raises AttributeError
    if not explicit:
        return (
            None,
            None,
            username,
            [f"user name {username!r} (the staff number) is taken: give a username"],
        )
    if existing is not None and existing.staff_number:
        return (
            None,
            None,
            username,
            [f"user {username!r} already has staff number {existing.staff_number!r}"],
        )
    if existing is not None:
        return existing, None, username, []  # a person added before staff numbers
    return None, user, username, []  # an account without a profile gets one


# --- Writing --------------------------------------------------------------------------------


def apply_import(plan: Plan) -> None:
    """Write every change of a plan without errors, all or nothing."""
    if plan.errors:
        raise ValueError("a plan with errors is never applied")
    try:
        with transaction.atomic():
            for change in plan.changes:
                _apply(change)
    except IntegrityError as exc:
        # Someone else gave a staff number or user name away meanwhile: nothing was written.
        raise ImportFileError(
            f"the database refused the import, nothing was written: {exc}"
        ) from exc


def _apply(change: Change) -> None:
    if change.profile is None:
        user = change.user or _new_user(change)
        profile = Profile(user=user, staff_number=change.staff_number, is_cadre=True)
        _set(profile, change.values)
        profile.save()
        if change.email and user.email != change.email:
            user.email = change.email
            user.save(update_fields=["email"])
        return
    if not change.changed:
        return
    profile = change.profile
    profile.staff_number = change.staff_number
    _set(profile, change.values)
    profile.save()
    if "email" in change.changed:
        profile.user.email = change.email
        profile.user.save(update_fields=["email"])


def _new_user(change: Change):
    user = get_user_model()(username=change.username, email=change.email)
    user.set_unusable_password()  # a password is set through the admin, never by a CSV
    user.save()
    return user


def _set(profile: Profile, values: dict) -> None:
    for name, value in values.items():
        setattr(profile, name, value)


def summary(plan: Plan) -> Iterable[str]:
    """One line per person created or changed, for the command's verbose output."""
    for change in plan.changes:
        if change.action == "unchanged":
            continue
        what = f" ({', '.join(change.changed)})" if change.changed else ""
        yield (
            f"line {change.line}: {change.action} {change.full_name} "
            f"[{change.staff_number}], user {change.username}{what}"
        )
