"""The table of Ukrainian and Russian given names, read once from ``data/given_names.tsv``.

Each row is one name in both languages (Олександр = Александр, Пилип = Филипп, Ганна =
Анна) with its sex. The canonical id of a row is the ICAO 9303 romanisation of its first
Russian form in lower case (``aleksandr``, ``filipp``, ``anna``). The table answers three
questions, all by the folded key of :mod:`.folding`, so any script and any official
scheme finds the row:

- ``given_ids(word)``: the ids a given name can be (usually one);
- ``father_ids(word)``: the ids of the father's name a patronymic is formed from,
  through every masculine and feminine patronymic of both languages (:mod:`.patronymics`);
- ``sex_of_id(id)``, ``initials_of_id(id)``: the sex of a name, and the first folded letters
  its forms start with (О/А for Олександр/Александр).

To extend the table, add a row to the TSV, then write the index anew with
``make name-index`` (:func:`write_index`); the tests check every row both ways.

Building the indexes romanises every form and patronymic in six schemes (about 0.2 s,
in every process that reads a name, the forked record worker of a long list included),
so they are shipped built, in ``data/given_names_index.json``, beside the hash of the
TSV they were built from. The index is used only while that hash matches (otherwise
the table is built as before), and a test builds the table from the TSV and compares.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from homecoming.engines.names.errors import NameTableError
from homecoming.engines.names.folding import fold_word
from homecoming.engines.names.patronymics import (
    russian_patronymics,
    ukrainian_patronymics,
)
from homecoming.engines.names.schemes import Scheme, transliterate


@dataclass(frozen=True)
class GivenNameRow:
    """One row of the table: a name in both languages."""

    id: str
    sex: str
    uk: tuple[str, ...]
    ru: tuple[str, ...]
    latin: tuple[str, ...]

    def uk_patronymics(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Masculine and feminine Ukrainian patronymics from every Ukrainian form."""
        return _patronymics(self.uk, ukrainian=True)

    def ru_patronymics(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Masculine and feminine Russian patronymics from every Russian form."""
        return _patronymics(self.ru, ukrainian=False)


def _patronymics(
    forms: tuple[str, ...], *, ukrainian: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    masculine: list[str] = []
    feminine: list[str] = []
    for form in forms:
        forms_m, forms_f = (
            ukrainian_patronymics(form) if ukrainian else russian_patronymics(form)
        )
        masculine.extend(p for p in forms_m if p not in masculine)
        feminine.extend(p for p in forms_f if p not in feminine)
    return tuple(masculine), tuple(feminine)


@dataclass(frozen=True)
class GivenNameTable:
    """The rows and the folded-key indexes built from them."""

    rows: tuple[GivenNameRow, ...]
    by_id: dict[str, GivenNameRow]
    given_index: dict[str, tuple[str, ...]]
    father_index: dict[str, tuple[tuple[str, ...], str]]
    initials: dict[str, tuple[str, ...]]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _data(name: str) -> str:
    return (
        resources.files("homecoming.engines.names")
        .joinpath(f"data/{name}")
        .read_text(encoding="utf-8")
    )


def _read_rows(text: str, ids: list[str] | None = None) -> tuple[GivenNameRow, ...]:
    """The rows of the TSV ``text``; ``ids`` are their ids when already known."""
    rows: list[GivenNameRow] = []
    seen_header = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not seen_header:
            seen_header = True
            continue
        if len(cells) < 3 or cells[0] not in ("m", "f") or not cells[1] or not cells[2]:
            raise NameTableError(f"given_names.tsv line {number}: expected sex, uk, ru")
        ru = _split(cells[2])
        row_id = (
            ids[len(rows)] if ids else transliterate(ru[0].lower(), Scheme.ICAO_9303)
        )
        rows.append(
            GivenNameRow(
                id=row_id,
                sex=cells[0],
                uk=_split(cells[1]),
                ru=ru,
                latin=_split(cells[3]) if len(cells) > 3 else (),
            )
        )
    return tuple(rows)


def _spellings(forms: tuple[str, ...]) -> set[str]:
    """Folded keys of the forms and of their romanisations in every scheme."""
    keys = set()
    for form in forms:
        keys.add(fold_word(form))
        for scheme in Scheme:
            keys.add(fold_word(transliterate(form, scheme)))
    keys.discard("")
    return keys


def _add(index: dict[str, list[str]], key: str, row_id: str) -> None:
    ids = index.setdefault(key, [])
    if row_id not in ids:
        ids.append(row_id)


@cache
def name_table() -> GivenNameTable:
    """The table, read on first use and kept for the life of the process."""
    text = _data("given_names.tsv")
    return _shipped_table(text) or build_name_table(text)


def build_name_table(text: str) -> GivenNameTable:
    """The table of the TSV ``text``, every index worked out from the rows."""
    rows = _read_rows(text)
    by_id: dict[str, GivenNameRow] = {}
    for row in rows:
        if row.id in by_id:
            raise NameTableError(f"given_names.tsv: two rows share the id {row.id!r}")
        by_id[row.id] = row
    given: dict[str, list[str]] = {}
    fathers: dict[str, list[str]] = {}
    father_sex: dict[str, set[str]] = {}
    initials: dict[str, tuple[str, ...]] = {}
    for row in rows:
        names = row.uk + row.ru + row.latin
        for key in _spellings(names) | {fold_word(row.id)}:
            _add(given, key, row.id)
        initials[row.id] = tuple(sorted({fold_word(name)[:1] for name in names} - {""}))
        if row.sex != "m":
            continue
        uk_m, uk_f = row.uk_patronymics()
        ru_m, ru_f = row.ru_patronymics()
        for sex, forms in (("m", uk_m + ru_m), ("f", uk_f + ru_f)):
            for key in _spellings(forms):
                _add(fathers, key, row.id)
                father_sex.setdefault(key, set()).add(sex)
    father_index = {
        key: (
            tuple(ids),
            next(iter(father_sex[key])) if len(father_sex[key]) == 1 else "",
        )
        for key, ids in fathers.items()
    }
    return GivenNameTable(
        rows=rows,
        by_id=by_id,
        given_index={key: tuple(ids) for key, ids in given.items()},
        father_index=father_index,
        initials=initials,
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def index_document(table: GivenNameTable, text: str) -> dict[str, Any]:
    """What ``data/given_names_index.json`` holds for ``table``, built from ``text``."""
    return {
        "tsv_sha256": _digest(text),
        "ids": [row.id for row in table.rows],
        "given_index": table.given_index,
        "father_index": table.father_index,
        "initials": table.initials,
    }


def _shipped_table(text: str) -> GivenNameTable | None:
    """The table from the shipped index, or None when it was built from another TSV."""
    try:
        document = json.loads(_data("given_names_index.json"))
    except FileNotFoundError:
        return None
    if document.get("tsv_sha256") != _digest(text):
        return None
    rows = _read_rows(text, ids=document["ids"])
    return GivenNameTable(
        rows=rows,
        by_id={row.id: row for row in rows},
        given_index={key: tuple(ids) for key, ids in document["given_index"].items()},
        father_index={
            key: (tuple(ids), sex)
            for key, (ids, sex) in document["father_index"].items()
        },
        initials={key: tuple(value) for key, value in document["initials"].items()},
    )


def write_index() -> str:
    """Write ``data/given_names_index.json`` from the TSV (``make name-index``)."""
    source = _data("given_names.tsv")
    target = Path(__file__).with_name("data") / "given_names_index.json"
    document = index_document(build_name_table(source), source)
    target.write_text(
        json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        + "\n",
        encoding="utf-8",
    )
    return str(target)
