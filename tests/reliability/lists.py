"""A generated held list large enough that importing it takes a few seconds."""

from __future__ import annotations

from tests.apps.registry.listfiles import ROWS, csv_bytes

SURNAMES = ("Шевчук", "Коваленко", "Бондаренко", "Ткаченко", "Мельник", "Кравченко")


def large_list_csv(rows: int, *, seed: int = 0) -> bytes:
    """``rows`` distinct generated rows (record ids R-0…), shaped like ``ROWS[0]``."""
    template = list(ROWS[0])
    generated = []
    for i in range(rows):
        row = list(template)
        row[0] = f"R-{seed}-{i}"
        row[1] = SURNAMES[i % len(SURNAMES)]
        row[4] = f"{1 + i % 28:02d}.{1 + i % 12:02d}.{1960 + i % 40}"
        row[6] = f"UA-{seed}-{i}"
        generated.append(tuple(row))
    return csv_bytes(generated)
