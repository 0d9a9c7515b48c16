"""The human beings behind the rows: one identity per person, with every form of the name.

An :class:`Identity` holds the truth about a person (nationality, sex, names in
Ukrainian, Russian and Latin, dates, military particulars, custody history); the
clerks in ``clerks`` then write it down, each in their own way.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from homecoming.engines.linkage.dates import PartialDate
from homecoming.synth import military
from homecoming.synth.model import SynthCustodyEvent
from homecoming.synth.naming import (
    feminine_surname,
    latin_ru,
    latin_uk,
    ru_patronymic,
    ru_surname_in_uk,
    uk_patronymic,
    uk_surname_in_ru,
)
from homecoming.synth.tables import (
    RU_FEMALE,
    RU_MALE,
    RU_SURNAME_PARTS,
    RU_SURNAME_WHOLE,
    UK_FEMALE,
    UK_MALE,
    UK_SURNAME_PARTS,
    UK_SURNAME_WHOLE,
)
from homecoming.synth.weighted import Weighted, between, one_of

__all__ = ["CIVILIAN_SHARE", "Identity", "IdentityMaker", "NameForms"]

#: Share of civilians among the persons held (GC IV detainees).
CIVILIAN_SHARE = 0.15
_FIRST_CAPTURE = dt.date(2022, 2, 24)
_LAST_CAPTURE = dt.date(2026, 10, 31)
_CAPTURE_DAYS = (_LAST_CAPTURE - _FIRST_CAPTURE).days


def _surnames(
    parts: tuple[tuple[str, tuple[str, ...]], ...], whole: tuple[str, ...]
) -> tuple[str, ...]:
    built = [stem + suffix for suffix, stems in parts for stem in stems]
    return tuple(dict.fromkeys([*whole, *built]))


def _from_given_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Surnames formed from fathers' names: Іваненко, Петрів; Иванов, Андреев."""
    uk = [
        name + suffix
        for name, _ in UK_MALE
        if name[-1] not in "оаяйь"
        for suffix in ("енко", "ів")
    ]
    ru = [
        patronymic[:-2]
        for name, _ in RU_MALE
        if (patronymic := ru_patronymic(name, "m")).endswith("вич")
    ]
    return tuple(uk), tuple(ru)


_UK_FROM_NAMES, _RU_FROM_NAMES = _from_given_names()
UK_SURNAMES = _surnames(UK_SURNAME_PARTS, UK_SURNAME_WHOLE + _UK_FROM_NAMES)
RU_SURNAMES = _surnames(RU_SURNAME_PARTS, RU_SURNAME_WHOLE + _RU_FROM_NAMES)
# Common names are commoner: Zipf-like weights over the tables' order.
UK_MALE_NAMES = Weighted(UK_MALE, [1 / (i + 8) for i in range(len(UK_MALE))])
RU_MALE_NAMES = Weighted(RU_MALE, [1 / (i + 8) for i in range(len(RU_MALE))])
UK_FEMALE_NAMES = Weighted(UK_FEMALE, [1 / (i + 5) for i in range(len(UK_FEMALE))])
RU_FEMALE_NAMES = Weighted(RU_FEMALE, [1 / (i + 5) for i in range(len(RU_FEMALE))])
UK_SURNAME_TABLE = Weighted(
    UK_SURNAMES, [1 / (i + 30) for i in range(len(UK_SURNAMES))]
)
RU_SURNAME_TABLE = Weighted(
    RU_SURNAMES, [1 / (i + 30) for i in range(len(RU_SURNAMES))]
)
_HEALTH = Weighted([h for h, _ in military.HEALTH], [w for _, w in military.HEALTH])


@dataclass(frozen=True, slots=True)
class NameForms:
    """A name in one script: surname, given name, patronymic."""

    surname: str
    given_name: str
    patronymic: str


@dataclass(frozen=True, slots=True)
class Identity:
    """The truth about one person; ``nationality`` is the army (or state) they belong to."""

    number: int
    nationality: str  # "ua" or "ru"
    sex: str
    category: str
    uk: NameForms
    ru: NameForms
    # Ukrainian transliteration of a Russian name (Дмітрій), for Ukrainian clerks.
    uk_translit: NameForms
    latin: NameForms
    father_uk: str
    father_ru: str
    birth_date: PartialDate
    birth_place: tuple[str, str]  # (Ukrainian, Russian)
    rank: tuple[str, str]  # (own language, other language); ("", "") for civilians
    rank_grade: int | None
    service_number: str
    unit: str
    capture_date: PartialDate
    capture_place: tuple[str, str]
    health: str
    mother_maiden: tuple[str, str]
    events: tuple[SynthCustodyEvent, ...] = ()


class IdentityMaker:
    """Makes identities from one random stream; identity numbers count up from 1."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.count = 0

    def person(self, nationality: str) -> Identity:
        """A new person of ``nationality`` ("ua" or "ru"), captured by the other side."""
        rng = self.rng
        civilian = rng.random() < CIVILIAN_SHARE
        female = rng.random() < (0.4 if civilian else 0.05)
        sex = "f" if female else "m"
        if nationality == "ua":
            given = (UK_FEMALE_NAMES if female else UK_MALE_NAMES).pick(rng)
            father = UK_MALE_NAMES.pick(rng)
            surname_uk = UK_SURNAME_TABLE.pick(rng)
            return self._ukrainian(sex, civilian, given, father, surname_uk)
        given_ru = (RU_FEMALE_NAMES if female else RU_MALE_NAMES).pick(rng)
        father_ru = RU_MALE_NAMES.pick(rng)
        surname_ru = RU_SURNAME_TABLE.pick(rng)
        return self._russian(sex, civilian, given_ru, father_ru, surname_ru)

    def namesake(self, of: Identity) -> Identity:
        """Another person with the same surname and given name (a different father)."""
        other = self.person(of.nationality)
        while other.father_uk == of.father_uk:
            other = self.person(of.nationality)
        if of.nationality == "ua":
            given = (of.uk.given_name, of.ru.given_name)
            surname = _male_surname(of.uk.surname, of.sex)
            return self._ukrainian(
                of.sex,
                of.category == "civilian",
                given,
                (other.father_uk, other.father_ru),
                surname,
            )
        given = (of.ru.given_name, of.uk.given_name)
        surname = _male_surname(of.ru.surname, of.sex)
        return self._russian(
            of.sex,
            of.category == "civilian",
            given,
            (other.father_ru, other.father_uk),
            surname,
        )

    def brother(self, of: Identity) -> Identity:
        """A brother: same surname, father and birthplace; another given name and age."""
        rng = self.rng
        table = UK_MALE_NAMES if of.nationality == "ua" else RU_MALE_NAMES
        own = of.uk.given_name if of.nationality == "ua" else of.ru.given_name
        given = table.pick(rng)
        while given[0] == own:
            given = table.pick(rng)
        if of.nationality == "ua":
            made = self._ukrainian(
                "m",
                False,
                given,
                (of.father_uk, of.father_ru),
                _male_surname(of.uk.surname, of.sex),
            )
        else:
            made = self._russian(
                "m",
                False,
                given,
                (of.father_ru, of.father_uk),
                _male_surname(of.ru.surname, of.sex),
            )
        year = of.birth_date.year + one_of(rng, (-1, 1)) * between(rng, 1, 9)
        year = min(max(year, 1960), 2006)
        return replace(
            made, birth_place=of.birth_place, birth_date=_birth_date(rng, year=year)
        )

    # -- building ---------------------------------------------------------------

    def _ukrainian(
        self,
        sex: str,
        civilian: bool,
        given: tuple[str, str],
        father: tuple[str, str],
        male_surname_uk: str,
    ) -> Identity:
        surname_ru = uk_surname_in_ru(male_surname_uk)
        if sex == "f":
            surname_uk, surname_ru = (
                feminine_surname(male_surname_uk),
                feminine_surname(surname_ru),
            )
        else:
            surname_uk = male_surname_uk
        uk = NameForms(surname_uk, given[0], uk_patronymic(father[0], sex))
        ru = NameForms(surname_ru, given[1], ru_patronymic(father[1], sex))
        latin = NameForms(
            latin_uk(uk.surname), latin_uk(uk.given_name), latin_uk(uk.patronymic)
        )
        return self._particulars(
            "ua", sex, civilian, uk, ru, uk, latin, father[0], father[1]
        )

    def _russian(
        self,
        sex: str,
        civilian: bool,
        given: tuple[str, str],
        father: tuple[str, str],
        male_surname_ru: str,
    ) -> Identity:
        surname_ru = (
            feminine_surname(male_surname_ru) if sex == "f" else male_surname_ru
        )
        ru = NameForms(surname_ru, given[0], ru_patronymic(father[0], sex))
        uk = NameForms(
            ru_surname_in_uk(surname_ru), given[1], uk_patronymic(father[1], sex)
        )
        translit = NameForms(
            uk.surname, ru_surname_in_uk(ru.given_name), ru_surname_in_uk(ru.patronymic)
        )
        latin = NameForms(
            latin_ru(ru.surname), latin_ru(ru.given_name), latin_ru(ru.patronymic)
        )
        return self._particulars(
            "ru", sex, civilian, uk, ru, translit, latin, father[1], father[0]
        )

    def _particulars(
        self,
        nationality: str,
        sex: str,
        civilian: bool,
        uk: NameForms,
        ru: NameForms,
        uk_translit: NameForms,
        latin: NameForms,
        father_uk: str,
        father_ru: str,
    ) -> Identity:
        rng = self.rng
        self.count += 1
        capture = _FIRST_CAPTURE + dt.timedelta(
            days=int(rng.random() ** 1.3 * _CAPTURE_DAYS)
        )
        latest_birth = min(2006, capture.year - 18)
        birth = _birth_date(rng, latest=latest_birth)
        if civilian:
            rank: tuple[str, str] = ("", "")
            grade = None
            number = unit = ""
        else:
            own, other, grade = military.pick_rank(nationality, rng)
            rank = (own, other)
            number = military.service_number(nationality, rng)
            unit = military.unit(nationality, rng)
        births = (
            military.UA_BIRTH_PLACES
            if nationality == "ua"
            else military.RU_BIRTH_PLACES
        )
        captures = (
            military.CAPTURE_PLACES_OF_UA
            if nationality == "ua"
            else military.CAPTURE_PLACES_OF_RU
        )
        health = _HEALTH.pick(rng)
        mother = one_of(rng, UK_SURNAMES if nationality == "ua" else RU_SURNAMES)
        mother_uk = (
            feminine_surname(mother)
            if nationality == "ua"
            else ru_surname_in_uk(feminine_surname(mother))
        )
        mother_ru = (
            uk_surname_in_ru(feminine_surname(mother))
            if nationality == "ua"
            else feminine_surname(mother)
        )
        return Identity(
            number=self.count,
            nationality=nationality,
            sex=sex,
            category="civilian" if civilian else "military",
            uk=uk,
            ru=ru,
            uk_translit=uk_translit,
            latin=latin,
            father_uk=father_uk,
            father_ru=father_ru,
            birth_date=birth,
            birth_place=one_of(rng, births),
            rank=rank,
            rank_grade=grade,
            service_number=number,
            unit=unit,
            capture_date=PartialDate.from_date(capture),
            capture_place=one_of(rng, captures),
            health=health,
            mother_maiden=(mother_uk, mother_ru),
        )


def _male_surname(surname: str, sex: str) -> str:
    """Undo ``feminine_surname`` well enough to rebuild a relative's surname."""
    if sex == "m":
        return surname
    for female, male in (
        ("ська", "ський"), ("цька", "цький"), ("ская", "ский"), ("цкая", "цкий"),
        ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ая", "ый"),
    ):  # fmt: skip
        if surname.endswith(female):
            return surname[: -len(female)] + male
    return surname


def _birth_date(
    rng: random.Random, *, year: int | None = None, latest: int = 2006
) -> PartialDate:
    if year is None:
        # Most are between 20 and 45 at capture; some older reservists and civilians.
        year = min(latest, max(1960, int(rng.triangular(1960, latest, 1992))))
    day = dt.date(year, 1, 1) + dt.timedelta(days=between(rng, 0, 365))
    return PartialDate(year, day.month, day.day)
