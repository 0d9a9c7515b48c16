"""Persons, custody events, and the lists parties submit in versions.

Shape::

    Person(owner=<Organisation ua>, register="held", record_id="A-0001",
           surname="Шевченко", given_name="Олександр", patronymic="Іванович",
           full_name_as_written="ШЕВЧЕНКО Олександр Іванович", name_script="cyrillic",
           surname_key="", ..., birth_year=1990, birth_month=5, birth_day=None, ...)
    CustodyEvent(person=..., kind="capture", year=2024, month=3, day=None, place=...)
    PersonList(owner=<ua>, kind="held", title="Held list")
      └─ ListVersion(number=2, source_sha256=..., row_count=..., added_count=...)
           └─ ListRow(line=2, record_id="A-0001", raw={"surname": ...}, person=...)
    PersonChange(person=..., version=..., field="rank", old_value="...", new_value="...")

A person belongs to the party that registered it (``owner``) and to one of its two
registers: ``held`` (persons it holds) or ``sought`` (persons it asks back); the party's own
record id is unique within owner and register. Dates are partial: year, month and day are
separate nullable columns (a day needs a month), so a birth year is queryable on its own.
Names are stored exactly as written; ``*_key`` columns hold normalised keys from the names
engine, filled when available and never used as the record of what the party wrote.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts.models import Organisation
from homecoming.engines.linkage.dates import PartialDate


class ListKind(models.TextChoices):
    HELD = "held", _("Held")
    SOUGHT = "sought", _("Sought")


class Category(models.TextChoices):
    MILITARY = "military", _("Military")
    CIVILIAN = "civilian", _("Civilian")


class Sex(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class NameScript(models.TextChoices):
    CYRILLIC = "cyrillic", _("Cyrillic")
    LATIN = "latin", _("Latin")
    MIXED = "mixed", _("Mixed")
    UNKNOWN = "", _("Unknown")


class CustodyEventKind(models.TextChoices):
    CAPTURE = "capture", _("Capture")
    TRANSFER = "transfer", _("Transfer")
    HOSPITAL_ADMISSION = "hospital_admission", _("Hospital admission")
    ESCAPE = "escape", _("Escape")
    DEATH = "death", _("Death")
    RELEASE = "release", _("Release")
    REPATRIATION = "repatriation", _("Repatriation")


def _partial_date_constraints(prefix: str, name: str) -> list[models.CheckConstraint]:
    """A day needs a month, a month needs a year, and each is in its calendar range."""
    year, month, day = f"{prefix}year", f"{prefix}month", f"{prefix}day"
    return [
        models.CheckConstraint(
            condition=Q(**{f"{day}__isnull": True}) | Q(**{f"{month}__isnull": False}),
            name=f"{name}_day_needs_month",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{month}__isnull": True}) | Q(**{f"{year}__isnull": False}),
            name=f"{name}_month_needs_year",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{month}__isnull": True})
            | Q(**{f"{month}__gte": 1, f"{month}__lte": 12}),
            name=f"{name}_month_in_range",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{day}__isnull": True})
            | Q(**{f"{day}__gte": 1, f"{day}__lte": 31}),
            name=f"{name}_day_in_range",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{year}__isnull": True})
            | Q(**{f"{year}__gte": 1900, f"{year}__lte": 2100}),
            name=f"{name}_year_in_range",
        ),
    ]


def _partial_date(
    year: int | None, month: int | None, day: int | None
) -> PartialDate | None:
    return None if year is None else PartialDate(year, month, day)


class Person(models.Model):
    """A prisoner of war, civilian internee or missing person, as one party records them.

    Particulars follow GC III Art. 17 and 122(4) (military) and GC IV Art. 138 (civilians).
    """

    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("registered by"),
    )
    register = models.CharField(_("register"), max_length=8, choices=ListKind.choices)
    record_id = models.CharField(_("record id"), max_length=64)
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, blank=True
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)

    # Names exactly as written, in their own script.
    surname = models.CharField(_("surname"), max_length=200, blank=True)
    given_name = models.CharField(_("given name"), max_length=200, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=200, blank=True)
    full_name_as_written = models.CharField(
        _("full name as written"), max_length=400, blank=True
    )
    name_script = models.CharField(
        _("script"), max_length=16, choices=NameScript.choices, blank=True
    )
    # Normalised keys (space-separated variants) from the names engine; blank until filled.
    # Not indexed: they are searched with "contains", which a b-tree cannot serve, and
    # every index slows the 100,000-row imports.
    surname_key = models.CharField(max_length=400, blank=True)
    given_key = models.CharField(max_length=400, blank=True)
    patronymic_key = models.CharField(max_length=400, blank=True)
    # Folded names, ids and keys, one word each, for the registry search (search.py).
    search_text = models.CharField(max_length=1000, blank=True, editable=False)

    # GC III Art. 17 / 122(4).
    rank = models.CharField(_("rank"), max_length=120, blank=True)
    service_number = models.CharField(_("service number"), max_length=64, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, db_index=True
    )
    birth_month = models.PositiveSmallIntegerField(
        _("birth month"), null=True, blank=True
    )
    birth_day = models.PositiveSmallIntegerField(_("birth day"), null=True, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    mother_maiden_name = models.CharField(
        _("mother's maiden name"), max_length=200, blank=True
    )
    person_to_inform = models.CharField(
        _("person to inform"), max_length=400, blank=True
    )

    # GC IV Art. 138 (civilians).
    nationality = models.CharField(_("nationality"), max_length=120, blank=True)
    address = models.CharField(_("last address"), max_length=400, blank=True)
    identity_document = models.CharField(
        _("identity document"), max_length=200, blank=True
    )
    place_of_internment = models.CharField(
        _("place of internment"), max_length=200, blank=True
    )

    health = models.CharField(_("health status"), max_length=200, blank=True)
    # Columns the list carried beyond the canonical ones, as written.
    extra = models.JSONField(_("other particulars"), default=dict, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = (
            "owner_id",
            "register",
            "record_id",
        )
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = (
            models.UniqueConstraint(
                fields=["owner", "register", "record_id"],
                name="person_record_id_unique_per_owner_register",
            ),
            models.CheckConstraint(
                condition=~Q(record_id=""), name="person_record_id_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(register__in=ListKind.values), name="person_register_known"
            ),
            models.CheckConstraint(
                condition=Q(category__in=[*Category.values, ""]),
                name="person_category_known",
            ),
            models.CheckConstraint(
                condition=Q(sex__in=[*Sex.values, ""]), name="person_sex_known"
            ),
            *_partial_date_constraints("birth_", "person_birth"),
        )

    def __str__(self) -> str:
        # Ids only: str() ends up in logs, and logs never carry personal data.
        return f"person {self.pk} ({self.owner_id}/{self.register}/{self.record_id})"

    @property
    def birth_date(self) -> PartialDate | None:
        return _partial_date(self.birth_year, self.birth_month, self.birth_day)

    @property
    def display_name(self) -> str:
        """The name as written: the three parts when given, else the full name."""
        parts = [p for p in (self.surname, self.given_name, self.patronymic) if p]
        return " ".join(parts) or self.full_name_as_written


class CustodyEvent(models.Model):
    """Something that happened to a person in custody (GC III Art. 122(5))."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="custody_events"
    )
    kind = models.CharField(_("event"), max_length=24, choices=CustodyEventKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    day = models.PositiveSmallIntegerField(_("day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    list_version = models.ForeignKey(
        "ListVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="custody_events",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = (
            "person_id",
            "year",
            "month",
            "day",
            "id",
        )
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=CustodyEventKind.values),
                name="custody_event_kind_known",
            ),
            *_partial_date_constraints("", "custody_event"),
        )

    def __str__(self) -> str:
        return f"{self.kind} of person {self.person_id}"

    @property
    def date(self) -> PartialDate | None:
        return _partial_date(self.year, self.month, self.day)


class PersonList(models.Model):
    """A party's held list or one of its sought lists, submitted in versions."""

    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="person_lists"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ListKind.choices)
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = (
            "owner_id",
            "kind",
            "title",
        )
        verbose_name = _("person list")
        verbose_name_plural = _("person lists")
        constraints = (
            models.UniqueConstraint(
                fields=["owner", "kind", "title"], name="person_list_title_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ListKind.values), name="person_list_kind_known"
            ),
        )

    def __str__(self) -> str:
        return f"{self.owner_id}/{self.kind}/{self.title}"


class ListVersion(models.Model):
    """One submission of a list: the file as received and what changed since the last."""

    person_list = models.ForeignKey(
        PersonList, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    source_filename = models.CharField(_("file name"), max_length=255)
    source_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    source_format = models.CharField(_("format"), max_length=8, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    added_count = models.PositiveIntegerField(_("added"), default=0)
    removed_count = models.PositiveIntegerField(_("removed"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)
    skipped_count = models.PositiveIntegerField(_("rows skipped"), default=0)

    class Meta:
        ordering = (
            "person_list_id",
            "number",
        )
        verbose_name = _("list version")
        verbose_name_plural = _("list versions")
        constraints = (
            models.UniqueConstraint(
                fields=["person_list", "number"], name="list_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="list_version_number_positive"
            ),
        )

    def __str__(self) -> str:
        return f"{self.person_list_id} v{self.number}"


class ListRow(models.Model):
    """One row of a list version as received, linked to the person it describes."""

    version = models.ForeignKey(
        ListVersion, on_delete=models.CASCADE, related_name="rows"
    )
    line = models.PositiveIntegerField(_("line"))
    record_id = models.CharField(_("record id"), max_length=64)
    # Canonical field name -> text exactly as written in the file (plus "extra").
    raw = models.JSONField(_("row as received"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="list_rows"
    )

    class Meta:
        ordering = (
            "version_id",
            "line",
        )
        verbose_name = _("list row")
        verbose_name_plural = _("list rows")
        constraints = (
            models.UniqueConstraint(
                fields=["version", "record_id"], name="list_row_record_id_unique"
            ),
        )

    def __str__(self) -> str:
        return f"row {self.line} of version {self.version_id}"


class PersonChange(models.Model):
    """A particular of a person changed by a list version: the value before and after.

    Kept so that no accepted value is ever lost when a later version changes it.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="changes")
    version = models.ForeignKey(
        ListVersion, on_delete=models.CASCADE, related_name="person_changes"
    )
    field = models.CharField(max_length=64)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)

    class Meta:
        ordering = (
            "person_id",
            "version_id",
            "field",
        )
        constraints = (
            models.UniqueConstraint(
                fields=["person", "version", "field"], name="person_change_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.field} of person {self.person_id} in version {self.version_id}"
