"""Registry rows ⇄ engine dataclasses: the only seam between the registry and the engines.

The pages, the background jobs and the CLI (``homecoming match``) call these, so one list
row becomes one linkage record the same way everywhere (DESIGN.md section 1). Nothing
here imports the models at module level: a command may use it before Django is set up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from homecoming.engines.linkage import LinkRecord
    from homecoming.lists import ListRow


def link_fields_of(row: ListRow) -> dict[str, Any]:
    """The keywords of :func:`homecoming.engines.linkage.link_record` for one list row.

    Names go as written (the engine keeps them and derives its keys); dates and sex as the
    list reader normalised them.
    """
    fields = row.fields
    return {
        "record_id": row.record_id,
        "surname": fields.get("surname", ""),
        "given_name": fields.get("given_name", ""),
        "patronymic": fields.get("patronymic", ""),
        "full_name": fields.get("full_name", ""),
        "birth_date": row.birth_date,
        "sex": row.sex or "",
        "service_number": fields.get("service_number", ""),
        "unit": fields.get("unit", ""),
        "capture_date": row.capture_date,
        "capture_place": fields.get("capture_place", ""),
    }


def link_record_of(row: ListRow) -> LinkRecord:
    """One list row as the linkage engine compares it (NamesError if unreadable)."""
    from homecoming.engines.linkage import link_record

    return link_record(**link_fields_of(row))
