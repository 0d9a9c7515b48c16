"""Exporting a list version to CSV or XLSX, as received, through the list writer.

The writer (``homecoming.lists.write_person_list``) neutralises spreadsheet formulas
(cells starting with = + - @, a tab or a carriage return). An export of personal data is
itself recorded in the ledger (who exported which version, in which format).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db import transaction

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.audit.services import ledger_append
from homecoming.apps.registry import actions
from homecoming.apps.registry.models import ListVersion
from homecoming.apps.registry.selectors import access_list_version
from homecoming.lists import CANONICAL_FIELDS, write_person_list
from homecoming.refusals import Rejected

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True, slots=True)
class ExportedFile:
    filename: str
    content_type: str
    content: bytes


def export_rows(version: ListVersion) -> tuple[list[dict[str, str]], list[str]]:
    """The version's rows as received, and the columns (canonical, then extra)."""
    rows: list[dict[str, str]] = []
    extra_columns: dict[str, None] = {}
    for record_id, raw in version.rows.order_by("line").values_list("record_id", "raw"):
        row = {k: str(v) for k, v in raw.items() if k != "extra"}
        row["record_id"] = record_id
        for key, value in (raw.get("extra") or {}).items():
            extra_columns.setdefault(key, None)
            row[key] = str(value)
        rows.append(row)
    present = {k for row in rows for k in row}
    columns = [c for c in CANONICAL_FIELDS if c in present or c == "record_id"]
    columns.extend(c for c in extra_columns if c not in columns)
    return rows, columns


def list_version_export(
    *, version: ListVersion, by: Actor, format: str
) -> ExportedFile:
    """Write ``version`` as ``format`` ("csv" or "xlsx") for a caller who may read it.

    Raises ``Hidden`` when the caller may not see the version, ``Rejected`` for an
    unknown format.
    """
    if format not in CONTENT_TYPES:
        raise Rejected(
            f"unknown export format {format!r} (expected csv or xlsx)", field="format"
        )
    version = access_list_version(by=by, version_id=version.pk)

    rows, columns = export_rows(version)
    destination = io.BytesIO()
    write_person_list(rows, columns=columns, destination=destination, format=format)
    person_list = version.person_list
    filename = (
        f"{person_list.owner.code}-{person_list.kind}-{person_list.pk}"
        f"-v{version.number}.{format}"
    )
    with transaction.atomic():
        ledger_append(
            by=by,
            action=actions.VERSION_EXPORT,
            subject=version,
            data={
                "list_id": person_list.pk,
                "version": version.number,
                "format": format,
            },
            audience=(person_list.owner.code,),
        )
    return ExportedFile(
        filename=filename,
        content_type=CONTENT_TYPES[format],
        content=destination.getvalue(),
    )
