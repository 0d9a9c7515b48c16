"""Speed of the names engine's keys, and agreement of keys on the curated pairs.

Run: ``.venv/bin/python bench/names_keys.py [--names 200000] [--seed 7]``

1. Builds ``--names`` seeded synthetic full names (surnames from the curated pair list
   with generated endings so most are distinct, given names and patronymics from the
   table) in Ukrainian and Russian Cyrillic and in KMU 2010 / ICAO 9303 / MVD Latin,
   then times ``parse_full_name`` + ``name_keys`` over all of them from cold caches,
   and ``name_keys`` alone on already-parsed names (what the linkage engine calls).
2. On the curated true uk/ru surname pairs and on every row of the given-name table,
   counts how many get identical primary keys across both Cyrillic forms and every
   official scheme; on hard-negative and random non-matching surname pairs, counts
   collisions of primary keys and of any key.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from anyascii import anyascii
from tests.engines.names.curated_pairs import (
    HARD_NEGATIVE_PAIRS,
    HELD_OUT_SURNAME_PAIRS,
    TRUE_SURNAME_PAIRS,
)

from homecoming.engines.names import (
    Scheme,
    fold_surname,
    given_name_id,
    name_keys,
    parse_full_name,
    russian_patronymics,
    surname_keys,
    transliterate,
    ukrainian_patronymics,
)
from homecoming.engines.names.table import name_table

RUSSIAN_SCHEMES = (
    Scheme.ICAO_9303,
    Scheme.MVD_1997,
    Scheme.MVD_2010,
    Scheme.BGN_PCGN,
    Scheme.GOST_7_79,
    Scheme.GOST_7_79_B,
)
_SUFFIXES = ("", "енко", "ук", "ич", "ський", "ов", "ин", "як", "ець", "ишин")


def synthetic_names(count: int, seed: int) -> list[str]:
    """Seeded full names in four scripts/schemes, in both common orders."""
    rng = random.Random(seed)
    rows = [row for row in name_table().rows if row.sex == "m"]
    stems = [uk[:-2] if len(uk) > 5 else uk for uk, _ in TRUE_SURNAME_PAIRS]
    names = []
    for number in range(count):
        row = rng.choice(rows)
        father = rng.choice(rows)
        # A distinct surname per name most of the time: stem + suffix + a syllable.
        surname = rng.choice(stems) + rng.choice(_SUFFIXES)
        surname += "" if number % 3 == 0 else rng.choice("абвгдклмнпрст") + "о"
        surname = surname[:1].upper() + surname[1:]
        if rng.random() < 0.5:
            given, patronymic = row.uk[0], ukrainian_patronymics(father.uk[0])[0][0]
            text = f"{surname} {given} {patronymic}"
            if rng.random() < 0.3:
                text = transliterate(f"{given} {surname}", Scheme.KMU_2010)
        else:
            given, patronymic = row.ru[0], russian_patronymics(father.ru[0])[0][0]
            text = f"{surname.upper()} {given} {patronymic}"
            if rng.random() < 0.3:
                text = transliterate(text, rng.choice(RUSSIAN_SCHEMES[:3]))
        names.append(text)
    return names


def _clear_caches() -> None:
    from homecoming.engines.names import (
        folding,
        given,
        inflection,
        keys,
        parsing,
        schemes,
        scripts,
        surnames,
    )

    for function in (
        folding.fold_word,
        given.given_name_id,
        given.is_known_given_name,
        given.given_name_sex,
        given.given_name_initials,
        given.patronymic_info,
        given.looks_like_patronymic,
        keys.name_keys,
        keys._is_initials,
        keys._patronymic_keys,
        inflection.patronymic_case,
        inflection.given_name_nominative,
        inflection.surname_nominative,
        parsing.parse_full_name,
        parsing._describe,
        scripts.detect_script,
        schemes._transliterate_word,
        surnames.fold_surname,
        surnames.surname_keys,
    ):
        function.cache_clear()


def bench_speed(count: int, seed: int) -> None:
    texts = synthetic_names(count, seed)
    name_table()  # built once per process; not part of the per-name cost
    _clear_caches()
    started, cpu = time.perf_counter(), time.process_time()
    parsed = [parse_full_name(text) for text in texts]
    keys = [name_keys(name) for name in parsed]
    cold = time.perf_counter() - started, time.process_time() - cpu
    _clear_caches()
    started, cpu = time.perf_counter(), time.process_time()
    keys = [name_keys(name) for name in parsed]
    keys_only = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    keys = [name_keys(name) for name in parsed]
    warm = time.perf_counter() - started, time.process_time() - cpu
    distinct = len(set(parsed))
    surnames = len({name.surname for name in parsed})
    print(
        f"names: {count} ({distinct} distinct, {surnames} distinct surnames), "
        f"seed {seed}"
    )
    for label, (wall, cpu) in (
        ("parse + keys, cold caches", cold),
        ("keys only, cold caches   ", keys_only),
        ("keys only, warm caches   ", warm),
    ):
        print(
            f"{label}: {wall:.2f} s wall = {count / wall:,.0f} names/s; "
            f"{cpu:.2f} s CPU = {count / cpu:,.0f} names/s"
        )
    assert len(keys) == count


def _surname_forms(uk: str, ru: str) -> list[str]:
    return [uk, ru, transliterate(uk, Scheme.KMU_2010)] + [
        transliterate(ru, scheme) for scheme in RUSSIAN_SCHEMES
    ]


def bench_agreement(seed: int) -> None:
    same = 0
    for uk, ru in TRUE_SURNAME_PAIRS:
        same += len({fold_surname(form) for form in _surname_forms(uk, ru)}) == 1
    print(
        f"true surname pairs with one primary key over uk, ru, KMU and "
        f"{len(RUSSIAN_SCHEMES)} Russian schemes: {same}/{len(TRUE_SURNAME_PAIRS)}"
    )
    baseline = baseline_all = 0
    for uk, ru in TRUE_SURNAME_PAIRS:
        forms = _surname_forms(uk, ru)
        baseline += anyascii(uk).lower() == anyascii(ru).lower()
        baseline_all += len({anyascii(form).lower() for form in forms}) == 1
    print(
        f"  baseline, anyascii lower-cased: uk = ru {baseline}/"
        f"{len(TRUE_SURNAME_PAIRS)}, all forms equal {baseline_all}/"
        f"{len(TRUE_SURNAME_PAIRS)}"
    )
    same = overlap = 0
    for uk, ru in HELD_OUT_SURNAME_PAIRS:
        forms = _surname_forms(uk, ru)
        same += len({fold_surname(form) for form in forms}) == 1
        overlap += all(
            set(surname_keys(a)) & set(surname_keys(b)) for a in forms for b in forms
        )
    print(
        f"held-out true surname pairs: one primary key {same}/"
        f"{len(HELD_OUT_SURNAME_PAIRS)}, some key shared by every two forms "
        f"{overlap}/{len(HELD_OUT_SURNAME_PAIRS)}"
    )
    rows = name_table().rows
    same = 0
    for row in rows:
        forms = [*row.uk, *row.ru]
        forms += [transliterate(f, Scheme.KMU_2010) for f in row.uk]
        forms += [transliterate(f, s) for f in row.ru for s in RUSSIAN_SCHEMES]
        same += {given_name_id(form) for form in forms} == {(row.id,)}
    print(f"given-name rows with one id over all forms and schemes: {same}/{len(rows)}")
    primary = any_key = 0
    for left, right in HARD_NEGATIVE_PAIRS:
        primary += fold_surname(left) == fold_surname(right)
        any_key += bool(set(surname_keys(left)) & set(surname_keys(right)))
    print(
        f"hard negative pairs: {len(HARD_NEGATIVE_PAIRS)}, primary collisions "
        f"{primary}, any-key collisions {any_key}"
    )
    rng = random.Random(seed)
    surnames = [form for pair in TRUE_SURNAME_PAIRS for form in pair]
    pairs = 0
    primary = any_key = 0
    while pairs < 5000:
        (a_uk, a_ru), (b_uk, b_ru) = rng.sample(TRUE_SURNAME_PAIRS, 2)
        left, right = rng.choice((a_uk, a_ru)), rng.choice((b_uk, b_ru))
        pairs += 1
        primary += fold_surname(left) == fold_surname(right)
        any_key += bool(set(surname_keys(left)) & set(surname_keys(right)))
    print(
        f"random non-matching surname pairs: {pairs}, primary collisions {primary}, "
        f"any-key collisions {any_key} (from {len(surnames)} surname forms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    bench_speed(arguments.names, arguments.seed)
    bench_agreement(arguments.seed)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
