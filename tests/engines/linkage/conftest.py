"""Generated cross-script lists with known truth, linked once per test session."""

from pathlib import Path

import pytest
from bench.linkage.generate import generate

from homecoming.engines.linkage import (
    LinkRecord,
    link_lists,
    link_record,
    parse_partial_date,
)


def records_of(rows: list[dict[str, str]]) -> list[LinkRecord]:
    return [
        link_record(
            row["record_id"],
            surname=row["surname"],
            given_name=row["given_name"],
            patronymic=row["patronymic"],
            full_name=row["full_name"],
            birth_date=parse_partial_date(row["birth_date"]),
            sex=row["sex"],
            service_number=row["service_number"],
            unit=row["unit"],
            capture_date=parse_partial_date(row["capture_date"]),
            capture_place=row["capture_place"],
        )
        for row in rows
    ]


@pytest.fixture(scope="session")
def generated_lists():
    """(sought records, held records, true pairs) for 800 persons a side."""
    sought, held, truth = generate(800, seed=11)
    return records_of(sought), records_of(held), set(truth)


@pytest.fixture(scope="session")
def linked(generated_lists):
    sought, held, truth = generated_lists
    return link_lists(sought, held, threads=1), truth


@pytest.fixture
def tmp_lists(tmp_path: Path) -> Path:
    return tmp_path
