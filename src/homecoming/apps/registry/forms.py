"""Forms of the registry pages: person search, a new list, a list import."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from homecoming.apps.registry.mapping import MappingError, parse_mapping
from homecoming.apps.registry.models import (
    Category,
    CustodyEventKind,
    ListKind,
    PersonList,
)
from homecoming.apps.registry.status import PersonStatus
from homecoming.lists import CANONICAL_FIELDS

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class PersonSearchForm(forms.Form):
    """The filters of the persons page (all optional, sent with GET)."""

    q = forms.CharField(
        label=_("Name, record id or service number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    owner = forms.ChoiceField(label=_("Party"), required=False)
    register = forms.ChoiceField(
        label=_("Register"),
        required=False,
        choices=_blank(_("any")) + list(ListKind.choices),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=_blank(_("any")) + list(Category.choices),
    )
    health = forms.CharField(label=_("Health status"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_blank(_("any")) + list(PersonStatus.choices),
    )
    custody = forms.ChoiceField(
        label=_("Latest custody event"),
        required=False,
        choices=_blank(_("any")) + list(CustodyEventKind.choices),
    )
    list = forms.TypedChoiceField(
        label=_("On the list"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        person_lists: Iterable[PersonList] = (),
        parties: Iterable[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        parties = list(parties)
        owner_field = self.fields["owner"]
        assert isinstance(owner_field, forms.ChoiceField)
        if parties:
            owner_field.choices = _blank(_("any")) + parties
        else:
            del self.fields["owner"]
        list_field = self.fields["list"]
        assert isinstance(list_field, forms.ChoiceField)
        list_field.choices = _blank(_("any")) + [
            (str(pl.pk), f"{pl.owner.code} · {pl.get_kind_display()} · {pl.title}")
            for pl in person_lists
        ]


class PersonListForm(forms.Form):
    """Open a new held or sought list for the caller's party."""

    kind = forms.ChoiceField(label=_("Kind of list"), choices=ListKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)


class ListImportForm(forms.Form):
    """Upload a list file as the next version, with an optional column mapping."""

    file = forms.FileField(
        label=_("List file (CSV or XLSX)"),
        help_text=_(
            "CSV in UTF-8 (with or without BOM) or Windows-1251, or an Excel XLSX file."
        ),
    )
    mapping = forms.CharField(
        label=_("Column mapping (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: the column header in your file, an equals sign, and the "
            "canonical field, for example: Колонка 7=service_number"
        ),
    )
    only_good_rows = forms.BooleanField(
        label=_("Import only the good rows and skip the rows with problems"),
        required=False,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = str(upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx", ".txt", ".tsv")):
            raise ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 50 MB."))
        return upload

    def clean_mapping(self) -> dict[str, str]:
        text = str(self.cleaned_data.get("mapping") or "")
        try:
            return parse_mapping(text.splitlines())
        except MappingError as error:
            if error.problem == "unknown_field":
                raise ValidationError(
                    _(
                        "Line %(line)s: %(field)s is not a canonical field "
                        "(one of: %(fields)s)."
                    ),
                    params={
                        "line": error.position,
                        "field": error.field,
                        "fields": ", ".join(CANONICAL_FIELDS),
                    },
                ) from error
            raise ValidationError(
                _('Line %(line)s: write "Column header=canonical field".'),
                params={"line": error.position},
            ) from error
