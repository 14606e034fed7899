"""Organisation units, people and roles: who someone is and what they may see."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Concat, Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .signals import unit_moved


class OrgUnitQuerySet(models.QuerySet):
    def subtree_of(self, units: Iterable[OrgUnit]) -> OrgUnitQuerySet:
        """The given units and everything below them (nothing when no unit is given)."""
        condition = Q()
        for unit in units:
            condition |= Q(path__startswith=unit.path)
        if not condition:
            return self.none()
        return self.filter(condition)


class OrgUnit(models.Model):
    """A node of the organisation tree: county > township/street > community/village.

    `path` is a materialised path ("/1/4/9/") so a subtree is one indexed prefix query; it is
    kept by `save()` and never edited by hand.
    """

    class Kind(models.TextChoices):
        COUNTY = "county", _("County")
        TOWNSHIP = "township", _("Township")
        STREET = "street", _("Street (subdistrict)")
        COMMUNITY = "community", _("Community")
        VILLAGE = "village", _("Village")
        OFFICE = "office", _("Office or department")
        WINDOW = "window", _("Window unit")

    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    public_facing = models.BooleanField(
        _("works mainly with the public"),
        default=False,
        help_text=_("Streets, communities and window units whose main work is with residents."),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            old_path, old_depth = self.path, self.depth
            if self.pk is None:
                super().save(*args, **kwargs)  # the path is built from the primary key
                args, kwargs = (), {"update_fields": ["path", "depth"]}
            prefix = self.parent.path if self.parent_id else "/"
            self.path = f"{prefix}{self.pk}/"
            self.depth = self.path.count("/") - 2
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                # A move: re-root every descendant in one UPDATE.
                OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(self.path), Substr("path", len(old_path) + 1)),
                    depth=F("depth") + (self.depth - old_depth),
                )
                unit_moved.send(sender=OrgUnit, unit=self)

    def clean(self) -> None:
        if self.pk and self.parent_id and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": _("A unit cannot be placed inside itself.")})

    @staticmethod
    def ids_in_path(path: str) -> list[int]:
        """The unit ids of a materialised path ("/1/4/9/"), root first: the unit and every unit
        above it. The one place a path is read."""
        return [int(part) for part in path.strip("/").split("/") if part]

    def ancestor_ids(self) -> list[int]:
        """This unit's id and those of every unit above it, root first."""
        return self.ids_in_path(self.path)

    def ancestors(self) -> OrgUnitQuerySet:
        return OrgUnit.objects.filter(pk__in=self.ancestor_ids()).order_by("depth")

    def subtree(self) -> OrgUnitQuerySet:
        return OrgUnit.objects.subtree_of([self])


class ProfileQuerySet(models.QuerySet):
    def cadres(self) -> ProfileQuerySet:
        return self.filter(is_cadre=True, user__is_active=True)

    def search(self, text: str) -> ProfileQuerySet:
        """People whose name, position or staff number contains `text`: HR's search box."""
        return self.filter(
            Q(full_name__icontains=text)
            | Q(position__icontains=text)
            | Q(staff_number__icontains=text)
        )

    def in_units(self, units: Iterable[OrgUnit]) -> ProfileQuerySet:
        return self.filter(unit__in=OrgUnit.objects.subtree_of(units))

    def visible_to(self, user) -> ProfileQuerySet:
        """Profiles an HR officer may read: those inside the units they answer for."""
        if not user.is_authenticated:
            return self.none()
        profile = getattr(user, "profile", None)
        if profile is None or not profile.is_hr:
            return self.none()
        return self.in_units(profile.hr_roots)


STAFF_NUMBER_MAX = 20
# ASCII letters and digits, with hyphens inside: what HR systems print on a badge ("QS-0012").
# Not starting with a hyphen keeps it from ever reading as a formula in a spreadsheet, and ASCII
# only keeps fullwidth look-alikes ("ＱＳ－００１２") from passing for another person's number.
validate_staff_number = RegexValidator(
    r"\A[A-Za-z0-9][A-Za-z0-9-]*\Z",
    _("Use letters, digits and hyphens only, starting with a letter or a digit."),
    code="staff_number",
)


class Profile(models.Model):
    """A person: where they work, their rank, and which roles they hold."""

    class Rank(models.TextChoices):
        CLERK = "clerk", _("Clerk (no rank)")
        SECTION_MEMBER = "section_member", _("Section member (科员)")
        DEPUTY_SECTION = "deputy_section", _("Deputy section level (副科级)")
        SECTION = "section", _("Section level (正科级)")
        DEPUTY_DIVISION = "deputy_division", _("Deputy division level (副处级)")
        DIVISION = "division", _("Division level (正处级)")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    full_name = models.CharField(_("full name"), max_length=120)
    # Names repeat (two 周芳 in one county): the staff number tells people apart in every HR
    # table and export, and is the key `import_people` matches on. Blank for people added
    # before it existed; unique once given (the constraint below).
    staff_number = models.CharField(
        _("staff number"),
        max_length=STAFF_NUMBER_MAX,
        blank=True,
        validators=[validate_staff_number],
        help_text=_("The number HR knows this person by; unique. Letters, digits and hyphens."),
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    rank = models.CharField(_("rank"), max_length=20, choices=Rank.choices, default=Rank.CLERK)
    position = models.CharField(_("position"), max_length=120, blank=True)
    is_leader = models.BooleanField(_("holds a leading post"), default=False)

    is_cadre = models.BooleanField(_("cadre (learner)"), default=False)
    is_trainer = models.BooleanField(_("trainer (author)"), default=False)
    is_hr = models.BooleanField(_("HR (records reviewer)"), default=False)
    hr_units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("HR for units"),
        blank=True,
        related_name="hr_officers",
        help_text=_("An HR officer sees these units and everything below them."),
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff_number"],
                condition=~Q(staff_number=""),
                name="people_profile_staff_number_unique",
                violation_error_message=_("Another person already has this staff number."),
            )
        ]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.full_name or self.user.get_username()

    def save(self, *args, **kwargs) -> None:
        # In a transaction, so what listens to post_save (the records' summaries) is written
        # with the row or not at all.
        with transaction.atomic():
            super().save(*args, **kwargs)

    @property
    def role_labels(self) -> list[str]:
        labels = []
        if self.is_cadre:
            labels.append(_("Cadre"))
        if self.is_trainer:
            labels.append(_("Trainer"))
        if self.is_hr:
            labels.append(_("HR"))
        return labels

    @cached_property
    def hr_roots(self) -> list[OrgUnit]:
        """The units this officer answers for directly, loaded once per request."""
        return list(self.hr_units.all()) if self.is_hr else []

    def scope_units(self) -> OrgUnitQuerySet:
        """Every unit this HR officer answers for (empty for anyone who is not HR)."""
        return OrgUnit.objects.subtree_of(self.hr_roots)
