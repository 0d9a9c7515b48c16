"""Human labels for the canonical list columns (DESIGN.md section 5), translatable.

Diffs and problem reports speak of fields by their canonical name (``birth_date``); the
pages show the label in the reader's language instead, and the canonical name when a
column is not one of ours (an extra column keeps the header the party wrote).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FIELD_LABELS: dict[str, Promise] = {
    "record_id": _("Record id"),
    "surname": _("Surname"),
    "given_name": _("Given name"),
    "patronymic": _("Patronymic"),
    "full_name": _("Full name as written"),
    "birth_date": _("Date of birth"),
    "birth_place": _("Place of birth"),
    "sex": _("Sex"),
    "rank": _("Rank"),
    "service_number": _("Service number"),
    "unit": _("Unit"),
    "category": _("Category"),
    "capture_date": _("Date of capture"),
    "capture_place": _("Place of capture"),
    "health": _("Health status"),
    "mother_maiden_name": _("Mother's maiden name"),
    "person_to_inform": _("Person to inform"),
    "nationality": _("Nationality"),
    "address": _("Last address"),
    "identity_document": _("Identity document"),
    "place_of_internment": _("Place of internment"),
    "extra": _("Other columns"),
}


def field_label(name: str) -> str | Promise:
    """The label of a canonical field, or the name itself for a party's own column."""
    return FIELD_LABELS.get(name, name)
