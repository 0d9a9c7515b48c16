"""Seeded generator of cross-script sought/held list pairs with known truth.

The sought list is written on the Ukrainian side (Ukrainian Cyrillic, some rows as
passport romanisations in KMU 2010), the held list on the Russian side (surnames mapped
letter by letter, given names and patronymics translated, some rows romanised in ICAO,
MVD 1997, BGN/PCGN or copied from a Ukrainian passport in KMU 2010). Rows carry typos,
missing, partial, swapped and one-digit-off birth dates, service numbers and units in
look-alike letters, full-name-only rows in either order (a few in the genitive), and
hard negatives: brothers (same surname and patronymic) and namesakes (same surname and
given name), often one on each list. Some persons are on one list only.

    python -m bench.linkage.generate --size 1000 --out /tmp/linkage-1k --seed 7

writes ``sought.csv``, ``held.csv`` (canonical headers of DESIGN.md section 5) and
``truth.csv`` (``left_id,right_id``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from dataclasses import dataclass, replace
from pathlib import Path

from bench.linkage.tables import (
    FEMALE_NAMES,
    MALE_NAMES,
    RUSSIAN_SURNAMES,
    SURNAME_ENDINGS,
    SURNAME_ROOTS,
    UK_TO_RU_LETTERS,
    bgn,
    icao,
    kmu2010,
    mvd1997,
)

HEADER = (
    "record_id",
    "surname",
    "given_name",
    "patronymic",
    "full_name",
    "birth_date",
    "sex",
    "service_number",
    "unit",
    "capture_date",
    "capture_place",
)
_LOOKALIKE = "АВЕКМНОРСТХ"
_LATIN_OF = dict(zip("АВЕКМНОРСТХ", "ABEKMHOPCTX", strict=True))


@dataclass(frozen=True)
class Noise:
    """How often a clerk's habits damage a row (shares of rows).

    :data:`TUNING` is what the engine was developed on; :data:`HELD_OUT` is never
    tuned on (bench/linkage/run.py ``--noise held-out``): more typos, a typo in the
    surname and the given name of the same row, and the dates of the issue's "Done
    when" (a tenth of the rows a year of birth only, a fifth no date at all).
    """

    surname_typo: float = 0.08
    given_typo: float = 0.03
    both_typo: float = 0.0  # surname and given name mistyped in the same row
    no_date: float = 0.06
    year_only: float = 0.04
    # capture (or disappearance) date and place: the share of rows that give each,
    # and how many days after the sought side's day the held side registers it
    # (a share on the same day, else up to ``delay_days``, rarely up to four times)
    capture_given: float = 0.6
    place_given: float = 0.5
    same_day: float = 0.4
    delay_days: int = 30


TUNING = Noise()
HELD_OUT = Noise(
    surname_typo=0.10, given_typo=0.05, both_typo=0.03, no_date=0.20, year_only=0.10,
    capture_given=0.5, place_given=0.4, same_day=0.25, delay_days=45,
)  # fmt: skip
NOISES = {"tuning": TUNING, "held-out": HELD_OUT}


@dataclass(frozen=True)
class Person:
    surname_uk: str  # masculine Ukrainian form
    surname_is_russian: bool
    sex: str
    given: int  # index into MALE_NAMES or FEMALE_NAMES
    father: int  # index into MALE_NAMES
    birth: dt.date
    service_number: str
    unit: str


def _surnames(rng: random.Random) -> list[str]:
    names = [root + end for root in SURNAME_ROOTS for end in SURNAME_ENDINGS]
    rng.shuffle(names)
    return names


def _zipf_pick(rng: random.Random, items: list[str], cum: list[float]) -> str:
    return rng.choices(items, cum_weights=cum)[0]


def _zipf_weights(n: int) -> list[float]:
    # flattened Zipf: the commonest surname is about 0.5% of people, as in Ukraine
    total, cum = 0.0, []
    for rank in range(n):
        total += 1.0 / (rank + 50)
        cum.append(total)
    return cum


def _new_person(rng: random.Random, surnames: list[str], cum: list[float]) -> Person:
    sex = "f" if rng.random() < 0.08 else "m"
    russian = rng.random() < 0.05
    surname = (
        rng.choice(RUSSIAN_SURNAMES) if russian else _zipf_pick(rng, surnames, cum)
    )
    given = rng.randrange(len(FEMALE_NAMES) if sex == "f" else len(MALE_NAMES))
    father = rng.randrange(len(MALE_NAMES))
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 45))
    if rng.random() < 0.8:
        number = "".join(rng.choice(_LOOKALIKE) for _ in range(2)) + (
            f"{rng.randrange(1_000_000):06d}"
        )
    else:
        number = f"{rng.randrange(10_000_000):08d}"
    unit = f"А{rng.randrange(10_000):04d}"
    return Person(surname, russian, sex, given, father, birth, number, unit)


def _feminine(surname: str, lang: str) -> str:
    if lang == "uk":
        for masc, fem in (("ький", "ька"), ("ов", "ова"), ("ев", "ева"), ("ін", "іна")):
            if surname.endswith(masc):
                return surname[: -len(masc)] + fem
        return surname
    for masc, fem in (("кий", "кая"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва")):
        if surname.endswith(masc):
            return surname[: -len(masc)] + fem
    return surname


def _ru_surname(rng: random.Random, surname_uk: str, russian: bool) -> str:
    if russian:
        return surname_uk
    stem, ending = surname_uk, ""
    for uk_end, ru_end in (("ський", "ский"), ("цький", "цкий"), ("ій", "ий")):
        if surname_uk.endswith(uk_end):
            stem, ending = surname_uk[: -len(uk_end)], ru_end
            break
    if rng.random() > 0.15:  # most clerks keep и as и; some write ы
        stem = stem.replace("и", "\x00")
    out = "".join(UK_TO_RU_LETTERS.get(ch, ch) for ch in stem).replace("\x00", "и")
    if rng.random() < 0.3:
        out = out.replace("ь", "")  # the apostrophe dropped rather than ь
    return out + ending


def _uk_surname_of_russian(surname: str) -> str:
    return surname.replace("ё", "е").replace("и", "і").replace("ы", "и")


def _names(rng: random.Random, p: Person, lang: str) -> tuple[str, str, str]:
    """(surname, given name, patronymic) as the given side writes them."""
    male = MALE_NAMES[p.father]
    if lang == "uk":
        surname = (
            _uk_surname_of_russian(p.surname_uk)
            if p.surname_is_russian
            else p.surname_uk
        )
        given = FEMALE_NAMES[p.given][0] if p.sex == "f" else MALE_NAMES[p.given][0]
        patronymic = male[2]
        if p.sex == "f":
            patronymic = _feminine_patronymic(patronymic, "uk")
    else:
        surname = _ru_surname(rng, p.surname_uk, p.surname_is_russian)
        given = FEMALE_NAMES[p.given][1] if p.sex == "f" else MALE_NAMES[p.given][1]
        patronymic = male[3]
        if rng.random() < 0.5:
            given, patronymic = given.replace("ё", "е"), patronymic.replace("ё", "е")
            surname = surname.replace("ё", "е")
        if p.sex == "f":
            patronymic = _feminine_patronymic(patronymic, "ru")
    if p.sex == "f":
        surname = _feminine(surname, lang)
    return surname, given, patronymic


def _feminine_patronymic(patronymic: str, lang: str) -> str:
    if lang == "uk":
        for masc, fem in (("ійович", "іївна"), ("айович", "аївна"), ("ович", "івна")):
            if patronymic.endswith(masc):
                return patronymic[: -len(masc)] + fem
        return patronymic
    for masc, fem in (("ович", "овна"), ("евич", "евна"), ("ич", "ична")):
        if patronymic.endswith(masc):
            return patronymic[: -len(masc)] + fem
    return patronymic


def _genitive(word: str, kind: str, *, female: bool = False) -> str:
    """The genitive a Russian document uses ("Ковальчука Александра Ивановича")."""
    if kind == "surname":
        endings: tuple[tuple[str, str], ...] = (
            ("ский", "ского"), ("цкий", "цкого"), ("ий", "ого"), ("ская", "ской"),
            ("цкая", "цкой"), ("ова", "овой"), ("ева", "евой"), ("ина", "иной"),
        )  # fmt: skip
        for end, gen in endings:
            if word.endswith(end):
                return word[: -len(end)] + gen
        if female or word.endswith(("енко", "ко", "ых", "их")) or word[-1:] in "аяео":
            return word  # not declined, or declined too irregularly to model
        return word + "а" if word[-1:].lower() in "бвгджзклмнпрстфхцчшщ" else word
    for end, gen in (("ий", "ия"), ("ей", "ея"), ("ай", "ая"), ("ия", "ии"), ("ья", "ьи"),
                     ("ь", "я"), ("вна", "вны"), ("чна", "чны"), ("ка", "ки"), ("га", "ги"),
                     ("а", "ы"), ("я", "и")):  # fmt: skip
        if word.endswith(end):
            return word[: -len(end)] + gen
    if word[-1:].lower() in "бвгджзклмнпрстфхцчшщ":
        return word + "а"
    return word


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.35:  # substitution by a neighbouring letter of the same script
        alphabet = "абвгдеклмнопрстух" if word.isascii() is False else "abcdeklmnoprstu"
        return word[:i] + rng.choice(alphabet) + word[i + 1 :]
    if op < 0.65:
        return word[:i] + word[i + 1 :]
    if op < 0.85:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def _written_date(
    rng: random.Random, d: dt.date, side: str, noise: Noise = TUNING
) -> str:
    r = rng.random()
    if r < noise.no_date:
        return ""
    if r < noise.no_date + noise.year_only:
        return str(d.year)
    # the damage below keeps its shares of the rows that do give a full date
    r = (
        0.10
        + (r - noise.no_date - noise.year_only)
        / (1 - noise.no_date - noise.year_only)
        * 0.90
    )
    if r < 0.13 and d.day <= 12 and d.day != d.month:
        d = d.replace(day=d.month, month=d.day)
    elif r < 0.16:
        text = f"{d.day:02d}{d.month:02d}{d.year:04d}"
        for _ in range(10):
            i = rng.randrange(len(text))
            cand = text[:i] + str(rng.randrange(10)) + text[i + 1 :]
            try:
                d2 = dt.date(int(cand[4:]), int(cand[2:4]), int(cand[:2]))
            except ValueError:
                continue
            if d2 != d and 1940 <= d2.year <= 2010:
                d = d2
                break
    if side == "uk" or rng.random() < 0.5:
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    return d.isoformat()


# where captures happened (Ukrainian form, Russian form), most at a few places
_PLACES = (
    ("Маріуполь", "Мариуполь"), ("Бахмут", "Бахмут"), ("Сєвєродонецьк", "Северодонецк"),
    ("Лисичанськ", "Лисичанск"), ("Ізюм", "Изюм"), ("Попасна", "Попасная"),
    ("Авдіївка", "Авдеевка"), ("Соледар", "Соледар"), ("Вугледар", "Угледар"),
    ("Куп'янськ", "Купянск"), ("Кремінна", "Кременная"), ("Часів Яр", "Часов Яр"),
    ("Покровськ", "Покровск"), ("Оріхів", "Орехов"), ("Вовчанськ", "Волчанск"),
    ("Кринки", "Крынки"), ("Роботине", "Работино"), ("Лиман", "Лиман"),
    ("Торецьк", "Торецк"), ("Курахове", "Курахово"), ("Херсон", "Херсон"),
    ("Гостомель", "Гостомель"), ("Чорнобаївка", "Чернобаевка"), ("Щастя", "Счастье"),
)  # fmt: skip
_WAR_DAYS = (dt.date(2026, 6, 1) - dt.date(2022, 2, 24)).days


def _capture_event(rng: random.Random, unit: str) -> tuple[dt.date, int]:
    """(day, place index): half the persons with their unit's event (a unit is
    captured together), the others alone; places Zipf-like."""
    source = random.Random(f"unit-{unit}") if rng.random() < 0.5 else rng
    place = min(int(source.expovariate(0.25)), len(_PLACES) - 1)
    day = dt.date(2022, 2, 24) + dt.timedelta(days=source.randrange(_WAR_DAYS))
    return day, place


def _capture_cells(
    rng: random.Random, event: tuple[dt.date, int], side: str, noise: Noise
) -> tuple[str, str]:
    day, place = event
    date = place_text = ""
    if rng.random() < noise.capture_given:
        if side == "ru" and rng.random() >= noise.same_day:
            # registered later: mostly within the usual delay, some much later
            limit = noise.delay_days * (4 if rng.random() < 0.1 else 1)
            day += dt.timedelta(days=rng.randint(1, limit))
        elif side == "uk" and rng.random() < 0.3:
            day -= dt.timedelta(days=rng.randint(1, 3))  # the last contact
        date = f"{day.day:02d}.{day.month:02d}.{day.year}"
    if rng.random() < noise.place_given:
        uk, ru = _PLACES[place]
        name = uk if side == "uk" else ru
        kind = rng.random()
        if side == "ru" and kind < 0.15:
            name = icao(name)
        elif kind < 0.5:
            name = ("м. " if side == "uk" else "г. ") + name
        place_text = name
    return date, place_text


def _written_number(rng: random.Random, number: str) -> str:
    if rng.random() < 0.02:
        i = rng.randrange(len(number) - 3, len(number))
        number = number[:i] + str(rng.randrange(10)) + number[i + 1 :]
    r = rng.random()
    if number[:1].isdigit():
        return number.lstrip("0") if r < 0.3 else number
    if r < 0.3:
        number = "".join(_LATIN_OF.get(ch, ch) for ch in number)
    elif r < 0.45:
        number = number[:1] + _LATIN_OF.get(number[1], number[1]) + number[2:]
    if rng.random() < 0.25:
        number = number[:2] + rng.choice([" ", "-", " № "]) + number[2:]
    return number.lower() if rng.random() < 0.05 else number


def _written_unit(rng: random.Random, unit: str) -> str:
    r = rng.random()
    if r < 0.3:
        return unit
    if r < 0.5:
        return "в/ч " + unit
    if r < 0.65:
        return "A-" + unit[1:]
    if r < 0.8:
        return "в/ч " + unit[0] + " " + unit[1:]
    return "ВЧ " + unit


def _row(
    rng: random.Random, p: Person, side: str, record_id: str, noise: Noise = TUNING
) -> dict[str, str]:
    lang = side
    surname, given, patronymic = _names(rng, p, lang)
    if noise.both_typo and rng.random() < noise.both_typo:
        surname, given = _typo(rng, surname), _typo(rng, given)
    if rng.random() < noise.surname_typo:
        surname = _typo(rng, surname)
    if rng.random() < noise.given_typo:
        given = _typo(rng, given)
    row = dict.fromkeys(HEADER, "")
    row["record_id"] = record_id
    style = rng.random()
    latin_share = 0.08 if side == "uk" else 0.10
    full_share = 0.2 if side == "uk" else 0.25
    if style < latin_share:
        if side == "uk":
            roman = kmu2010
        else:
            roman = rng.choice([icao, icao, mvd1997, bgn, kmu2010])
        if roman is kmu2010 and side == "ru":
            surname, given, patronymic = _names(rng, p, "uk")
        surname, given = roman(surname), roman(given)
        patronymic = "" if rng.random() < 0.7 else roman(patronymic)
        if rng.random() < 0.5:
            row["full_name"] = f"{given} {surname}"
        else:
            row.update(surname=surname, given_name=given, patronymic=patronymic)
    elif style < latin_share + full_share:
        if side == "ru" and rng.random() < 0.12:
            surname, given, patronymic = (
                _genitive(surname, "surname", female=p.sex == "f"),
                _genitive(given, "given"),
                _genitive(patronymic, "patronymic"),
            )
        order = rng.random()
        if order < 0.6:
            text = f"{surname.upper()} {given} {patronymic}"
        elif order < 0.85:
            text = f"{surname} {given} {patronymic}"
        else:
            text = f"{given} {patronymic} {surname}"
        row["full_name"] = text
    else:
        if rng.random() < 0.3:
            surname = surname.upper()
        row.update(surname=surname, given_name=given, patronymic=patronymic)
    row["birth_date"] = _written_date(rng, p.birth, side, noise)
    if rng.random() < 0.5:
        row["sex"] = {"uk": {"m": "ч", "f": "ж"}, "ru": {"m": "м", "f": "ж"}}[side][
            p.sex
        ]
    if rng.random() < (0.7 if side == "uk" else 0.6):
        row["service_number"] = _written_number(rng, p.service_number)
    if rng.random() < (0.6 if side == "uk" else 0.5):
        row["unit"] = _written_unit(rng, p.unit)
    return row


def _relative(rng: random.Random, p: Person, kind: str) -> Person:
    shift = dt.timedelta(days=rng.randrange(300, 365 * 12))
    birth = p.birth + shift if rng.random() < 0.5 else p.birth - shift
    birth = max(min(birth, dt.date(2006, 12, 31)), dt.date(1950, 1, 1))
    if kind == "brother":
        given = rng.choice([i for i in range(len(MALE_NAMES)) if i != p.given])
        return replace(
            p,
            sex="m",
            given=given,
            birth=birth,
            service_number=_fresh_number(rng),
            unit=p.unit if rng.random() < 0.3 else f"А{rng.randrange(10_000):04d}",
        )
    # a namesake: same surname and given name, another father (sometimes the same name)
    father = p.father if rng.random() < 0.15 else rng.randrange(len(MALE_NAMES))
    if rng.random() < 0.2:  # born the same year
        birth = dt.date(p.birth.year, rng.randrange(1, 13), rng.randrange(1, 29))
    return replace(
        p,
        father=father,
        birth=birth,
        service_number=_fresh_number(rng),
        unit=f"А{rng.randrange(10_000):04d}",
    )


def _fresh_number(rng: random.Random) -> str:
    return (
        "".join(rng.choice(_LOOKALIKE) for _ in range(2))
        + f"{rng.randrange(1_000_000):06d}"
    )


def generate(
    size: int, seed: int, noise: Noise = TUNING
) -> tuple[list[dict[str, str]], list[dict[str, str]], list[tuple[str, str]]]:
    """(sought rows, held rows, true links) with about ``size`` rows on each list."""
    rng = random.Random(seed)
    surnames = _surnames(rng)
    cum = _zipf_weights(len(surnames))
    people: list[tuple[Person, bool, bool]] = []  # person, on sought, on held
    while len(people) < int(size * 1.2):
        p = _new_person(rng, surnames, cum)
        r = rng.random()
        placement = (
            (True, True)
            if r < 0.8 / 1.2
            else ((True, False) if r < 1.0 / 1.2 else (False, True))
        )
        people.append((p, *placement))
        if rng.random() < 0.06 and p.sex == "m":
            q = _relative(rng, p, rng.choice(["brother", "namesake"]))
            # a trap: one on each list, or both on both
            trap = rng.random()
            if trap < 0.5:
                people[-1] = (p, True, False)
                people.append((q, False, True))
            else:
                people.append((q, True, True))
    # capture events from a generator of their own: the other columns stay as
    # they were before capture dates were added
    crng = random.Random(f"{seed}-capture")
    sought: list[dict[str, str]] = []
    held: list[dict[str, str]] = []
    truth: list[tuple[str, str]] = []
    left_ids = rng.sample(range(1, 10 * size), len(people))
    right_ids = rng.sample(range(1, 10 * size), len(people))
    for (p, on_left, on_right), li, ri in zip(people, left_ids, right_ids, strict=True):
        lid, rid = f"S{li:07d}", f"H{ri:07d}"
        event = _capture_event(crng, p.unit)
        if on_left:
            sought.append(_row(rng, p, "uk", lid, noise))
            cells = _capture_cells(crng, event, "uk", noise)
            sought[-1].update(capture_date=cells[0], capture_place=cells[1])
        if on_right:
            held.append(_row(rng, p, "ru", rid, noise))
            cells = _capture_cells(crng, event, "ru", noise)
            held[-1].update(capture_date=cells[0], capture_place=cells[1])
        if on_left and on_right:
            truth.append((lid, rid))
    rng.shuffle(sought)
    rng.shuffle(held)
    return sought, held, truth


def write(
    out: Path, size: int, seed: int, noise: Noise = TUNING
) -> tuple[Path, Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    sought, held, truth = generate(size, seed, noise)
    paths = (out / "sought.csv", out / "held.csv", out / "truth.csv")
    for path, rows in zip(paths[:2], (sought, held), strict=True):
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=HEADER)
            writer.writeheader()
            writer.writerows(rows)
    with paths[2].open("w", newline="", encoding="utf-8") as fh:
        writer2 = csv.writer(fh)
        writer2.writerow(["left_id", "right_id"])
        writer2.writerows(truth)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--noise", choices=sorted(NOISES), default="tuning")
    args = parser.parse_args()
    paths = write(args.out, args.size, args.seed, NOISES[args.noise])
    print(" ".join(str(p) for p in paths))


if __name__ == "__main__":
    main()
