"""Exports of a list version, with spreadsheet formulas neutralised end to end."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.http import Http404
from openpyxl import load_workbook

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.registry import services
from homecoming.apps.registry.models import ListVersion
from tests.apps.registry.listfiles import ROWS, csv_bytes, with_row
from tests.factories import PersonListFactory

DANGEROUS = ("=1+1", "+7 cmd", "-2+3", "@SUM(A1)", "\tTab", "\rCR")


@pytest.fixture
def version(party_a: Organisation, a_officer: Any) -> ListVersion:
    rows = list(ROWS)
    for index, text in enumerate(DANGEROUS):
        rows.append(
            with_row(ROWS, 0, record_id=f"X-{index}", surname="Формула", unit=text)[0]
        )
    person_list = PersonListFactory(owner=party_a)
    result = services.list_version_import(
        person_list=person_list,
        file_bytes=csv_bytes(rows),
        filename="held.csv",
        by=actor_for(a_officer),
    )
    assert result.version is not None
    return result.version


def _unsafe(cell: object) -> bool:
    return isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_csv_export_neutralises_formulas(version: ListVersion, a_officer: Any) -> None:
    exported = services.list_version_export(
        version=version, by=actor_for(a_officer), format="csv"
    )
    assert exported.filename.endswith(".csv")
    text = exported.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if _unsafe(cell)]
    assert "Шевчук" in text  # names exported as written
    for dangerous in DANGEROUS:
        assert any(dangerous.strip() in cell for cell in cells), dangerous


def test_xlsx_export_neutralises_formulas(version: ListVersion, a_officer: Any) -> None:
    exported = services.list_version_export(
        version=version, by=actor_for(a_officer), format="xlsx"
    )
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet is not None
    cells = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert not [cell for cell in cells if _unsafe(cell)]
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert "Шевчук" in cells


def test_export_is_recorded_in_the_ledger(
    version: ListVersion,
    mediator_officer: Any,
    new_ledger_entries: Any,
) -> None:
    services.list_version_export(
        version=version, by=actor_for(mediator_officer), format="csv"
    )
    entry = new_ledger_entries().get(action="list_version.export")
    assert entry.data["format"] == "csv"


def test_other_party_cannot_export(version: ListVersion, b_officer: Any) -> None:
    with pytest.raises(Http404):
        services.list_version_export(
            version=version, by=actor_for(b_officer), format="xlsx"
        )
