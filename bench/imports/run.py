"""Benchmark: importing a large list file through the real import service.

    .venv/bin/python -m bench.imports.run --rows 100000                  # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m bench.imports.run --rows 100000              # PostgreSQL

Generates a CSV of ``--rows`` persons (generated Ukrainian names, mixed date formats, a
capture date on half the rows), imports it as version 1 of a fresh list (timed: reading,
checking, writing persons, rows, capture events and the ledger entry), re-imports the same
file (the "nothing changed" path), and imports a version 2 in which 1% of rows changed.
SQLite runs in a temporary directory; PostgreSQL in a scratch database
``homecoming_bench`` created and dropped on the server of ``DATABASE_URL``.
``import_cpu_s`` is the CPU time of this process alone (the machine is shared, so wall
time depends on the load; the database server's CPU is not in it). Peak memory is the
process's maximum resident set size (``ru_maxrss``), so it includes
Django and the generated file. Results are printed and appended to
``bench/out/imports.jsonl``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SURNAMES = [
    "Шевченко",
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Олійник",
    "Шевчук",
    "Коваль",
    "Поліщук",
    "Бойко",
    "Ткачук",
    "Марченко",
    "Мельник",
    "Савченко",
    "Руденко",
    "Мороз",
    "Лисенко",
    "Клименко",
    "Павленко",
    "Кузьменко",
    "Петренко",
    "Гончаренко",
    "Левченко",
    "Харченко",
    "Карпенко",
    "Литвиненко",
    "Сидоренко",
]
GIVEN = [
    "Олександр",
    "Микола",
    "Сергій",
    "Андрій",
    "Володимир",
    "Іван",
    "Юрій",
    "Дмитро",
    "Олег",
    "Віктор",
    "Петро",
    "Василь",
    "Михайло",
    "Богдан",
    "Тарас",
    "Роман",
    "Ігор",
    "Максим",
    "Артем",
    "Денис",
    "Пилип",
    "Юхим",
    "Опанас",
]
PATRONYMICS = [f"{g[:-1] if g.endswith('о') else g}ович" for g in GIVEN]
RANKS = ("солдат", "старший солдат", "сержант", "молодший сержант", "лейтенант", "")
PLACES = ("Авдіївка", "Бахмут", "Маріуполь", "Херсон", "Куп'янськ", "")


def generate_csv(rows: int, seed: int) -> bytes:
    """A held list of ``rows`` generated persons as UTF-8 CSV with Ukrainian headers."""
    rng = random.Random(seed)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "№ з/п",
            "Прізвище",
            "Ім'я",
            "По батькові",
            "Дата народження",
            "Звання",
            "Особовий номер",
            "Військова частина",
            "Категорія",
            "Дата полону",
            "Місце полону",
        ]
    )
    for n in range(1, rows + 1):
        year, month, day = (
            rng.randint(1965, 2005),
            rng.randint(1, 12),
            rng.randint(1, 28),
        )
        birth = rng.choice(
            (
                f"{day:02d}.{month:02d}.{year}",
                f"{year}-{month:02d}-{day:02d}",
                str(year),
            )
        )
        captured = rng.random() < 0.5
        writer.writerow(
            [
                f"UA-{n:07d}",
                rng.choice(SURNAMES),
                rng.choice(GIVEN),
                rng.choice(PATRONYMICS),
                birth,
                rng.choice(RANKS),
                f"{rng.randint(10**6, 10**7 - 1)}",
                f"в/ч А{rng.randint(1000, 9999)}",
                "military",
                f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2024"
                if captured
                else "",
                rng.choice(PLACES) if captured else "",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def change_one_percent(data: bytes, seed: int) -> bytes:
    rng = random.Random(seed + 1)
    lines = data.decode("utf-8").split("\r\n")
    for index in rng.sample(range(1, len(lines) - 1), max(1, (len(lines) - 2) // 100)):
        cells = next(csv.reader([lines[index]]))
        cells[5] = "старший сержант" if cells[5] != "старший сержант" else "сержант"
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="").writerow(cells)
        lines[index] = out.getvalue()
    return "\r\n".join(lines).encode("utf-8")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _prepare_database() -> tuple[str, Any]:
    """Point Django at a scratch database; returns (backend label, cleanup)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _, _ = url.rpartition("/")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS homecoming_bench")
            conn.execute("CREATE DATABASE homecoming_bench")
        os.environ["DATABASE_URL"] = f"{base}/homecoming_bench"

        def cleanup() -> None:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS homecoming_bench")

        return "postgresql", cleanup
    tmp = tempfile.TemporaryDirectory(prefix="homecoming-bench-")
    os.environ["HOMECOMING_VAR_DIR"] = tmp.name
    os.environ["DATABASE_URL"] = ""
    return "sqlite", tmp.cleanup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    backend, cleanup = _prepare_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homecoming.site.settings")
    os.environ["AXES_ENABLED"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    from homecoming.apps.accounts import services as accounts
    from homecoming.apps.registry import services as registry

    try:
        call_command("migrate", interactive=False, verbosity=0)
        party = accounts.organisation_create(code="ua", kind="party", name_en="Party A")
        user = accounts.user_invite(
            organisation=party, username="bench", role="party_officer"
        )
        person_list = registry.person_list_create(
            owner=party, kind="held", title="Bench", by=user
        )
        data = generate_csv(args.rows, args.seed)
        before_mb = _peak_mb()

        started, cpu_started = time.perf_counter(), time.process_time()
        first = registry.list_version_import(
            person_list=person_list, file_bytes=data, filename="bench.csv", by=user
        )
        first_s = time.perf_counter() - started
        first_cpu_s = time.process_time() - cpu_started

        started = time.perf_counter()
        again = registry.list_version_import(
            person_list=person_list, file_bytes=data, filename="bench.csv", by=user
        )
        again_s = time.perf_counter() - started
        assert again.unchanged

        changed = change_one_percent(data, args.seed)
        started = time.perf_counter()
        second = registry.list_version_import(
            person_list=person_list, file_bytes=changed, filename="bench2.csv", by=user
        )
        second_s = time.perf_counter() - started
        peak_mb = _peak_mb()
    finally:
        cleanup()

    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": backend,
        "rows": args.rows,
        "file_mb": round(len(data) / 2**20, 1),
        "import_s": round(first_s, 2),
        "rows_per_s": round(args.rows / first_s),
        "import_cpu_s": round(first_cpu_s, 2),
        "rows_per_cpu_s": round(args.rows / first_cpu_s),
        "reimport_same_file_s": round(again_s, 3),
        "version2_1pct_changed_s": round(second_s, 2),
        "version2_changed": second.changed,
        "peak_rss_mb_before_import": round(before_mb),
        "peak_rss_mb": round(peak_mb),
        "load": os.getloadavg(),
        "created": first.persons_created,
    }
    print(json.dumps(result, ensure_ascii=False))
    out = Path(__file__).resolve().parent.parent / "out"
    out.mkdir(exist_ok=True)
    with (out / "imports.jsonl").open("a") as log:
        log.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
