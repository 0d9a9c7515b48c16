"""Clerks writing persons onto lists, each side in its own way, with the usual slips.

A *holding* clerk writes persons of the other nationality: Russian clerks write
Ukrainians mostly in Russian translation (Александр Ковальчук), sometimes copied in
Ukrainian from documents or in Latin from a passport, sometimes as one full-name cell;
Ukrainian clerks write Russians mostly in Russian, or transliterated into Ukrainian.
A quarter of the Russian full-name cells on held lists are copied from documents that
name the person in the genitive (Ковальчука Александра Петровича).
A *seeking* clerk writes their own people in their own language, carefully.

Slips, per row (held / sought): a typo in a name 3% / 1%, no patronymic 8% / 3%, no
birth date 5% / 2%, only the birth year 5% / 3%, day and month swapped 2% / 0.5%, no
service number 25% / 5%, no unit 20% / 5%.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from homecoming.engines.linkage.dates import PartialDate
from homecoming.synth.identities import Identity, NameForms
from homecoming.synth.model import SynthCustodyEvent, SynthPerson
from homecoming.synth.naming import feminine_surname, ru_genitive, typo
from homecoming.synth.weighted import Weighted

__all__ = ["HELD_STYLES", "SOUGHT_STYLES", "Clerk"]

#: (holder, style, weight): how the holding side writes the other side's people.
HELD_STYLES: dict[str, tuple[tuple[str, float], ...]] = {
    "ru": (("ru", 72), ("uk", 10), ("latin", 8), ("full_ru", 7), ("full_latin", 3)),
    "ua": (
        ("ru", 60), ("uk_translit", 22), ("uk_translated", 5), ("latin", 5),
        ("full_ru", 5), ("full_uk", 3),
    ),
}  # fmt: skip
#: How a party writes its own people on its sought list.
SOUGHT_STYLES: dict[str, tuple[tuple[str, float], ...]] = {
    "ua": (("uk", 97), ("full_uk", 3)),
    "ru": (("ru", 97), ("full_ru", 3)),
}


@dataclass(frozen=True, slots=True)
class _Slips:
    typo: float
    no_patronymic: float
    no_birth_date: float
    year_only: float
    swap: float
    no_service_number: float
    no_unit: float


_HELD_SLIPS = _Slips(0.03, 0.08, 0.05, 0.05, 0.02, 0.25, 0.20)
_SOUGHT_SLIPS = _Slips(0.01, 0.03, 0.02, 0.03, 0.005, 0.05, 0.05)


class Clerk:
    """Writes identities as rows of one party's held or sought list."""

    def __init__(self, *, party: str, kind: str, rng: random.Random) -> None:
        self.party = party  # whose list: "ua" or "ru"
        self.kind = kind  # "held" or "sought"
        self.language = "uk" if party == "ua" else "ru"
        self.rng = rng
        table = HELD_STYLES[party] if kind == "held" else SOUGHT_STYLES[party]
        self.styles = Weighted([s for s, _ in table], [w for _, w in table])
        self.slips = _HELD_SLIPS if kind == "held" else _SOUGHT_SLIPS

    def write(
        self,
        identity: Identity,
        record_id: str,
        events: tuple[SynthCustodyEvent, ...] = (),
    ) -> SynthPerson:
        """The row this clerk writes for ``identity`` (with its custody ``events``)."""
        rng, slips = self.rng, self.slips
        style = self.styles.pick(rng)
        names = self._names(identity, style)
        surname, given, patronymic = names.surname, names.given_name, names.patronymic
        if style == "full_ru" and self.kind == "held" and rng.random() < 0.25:
            # Copied from a document that names the person in the genitive.
            style = "full_ru_genitive"
            surname, given, patronymic = ru_genitive(
                surname, given, patronymic, identity.sex
            )
        if rng.random() < slips.typo:
            if rng.random() < 0.6:
                surname = typo(surname, rng)
            else:
                given = typo(given, rng)
        latin = style.endswith("latin")
        # Passports give no patronymic in Latin, so Latin rows mostly lack one.
        if rng.random() < (0.7 if latin else slips.no_patronymic):
            patronymic = ""
        if rng.random() < 0.15 and not latin:
            surname = surname.upper()  # КОВАЛЬЧУК, as many lists write it
        full_name = ""
        if style.startswith("full_"):
            parts = (
                [surname, given, patronymic]
                if rng.random() < 0.8
                else [given, patronymic, surname]
            )
            full_name = " ".join(p for p in parts if p)
            surname = given = patronymic = ""
        own = identity.nationality == self.party
        military = identity.category == "military"
        return SynthPerson(
            record_id=record_id,
            identity=identity.number,
            surname=surname,
            given_name=given,
            patronymic=patronymic,
            full_name=full_name,
            birth_date=self._birth_date(identity.birth_date),
            birth_place=identity.birth_place[0 if self.language == "uk" else 1]
            if rng.random() < 0.7
            else "",
            sex=identity.sex,
            rank=identity.rank[0 if own else 1]
            if military and rng.random() < 0.92
            else "",
            rank_grade=identity.rank_grade,
            service_number=identity.service_number
            if military and rng.random() >= slips.no_service_number
            else "",
            unit=identity.unit if military and rng.random() >= slips.no_unit else "",
            category=identity.category,
            capture_date=identity.capture_date if rng.random() < 0.9 else None,
            capture_place=identity.capture_place[0 if self.language == "uk" else 1]
            if rng.random() < 0.8
            else "",
            health=identity.health,
            custody_events=events,
            mother_maiden_name=identity.mother_maiden[0 if self.language == "uk" else 1]
            if rng.random() < 0.3
            else "",
            person_to_inform=self._person_to_inform(identity)
            if rng.random() < 0.25
            else "",
            written_as=style,
        )

    def _names(self, identity: Identity, style: str) -> NameForms:
        if style in ("ru", "full_ru"):
            return identity.ru
        if style in ("latin", "full_latin"):
            return identity.latin
        if style == "uk_translit":
            return identity.uk_translit
        if style == "uk_translated":
            return NameForms(
                identity.uk_translit.surname,
                identity.uk.given_name,
                identity.uk.patronymic,
            )
        return identity.uk  # "uk", "full_uk"

    def _birth_date(self, date: PartialDate) -> PartialDate | None:
        rng, slips = self.rng, self.slips
        roll = rng.random()
        if roll < slips.no_birth_date:
            return None
        roll -= slips.no_birth_date
        if roll < slips.year_only:
            return PartialDate(date.year)
        roll -= slips.year_only
        if (
            roll < slips.swap
            and date.day is not None
            and date.day <= 12
            and date.day != date.month
        ):
            return PartialDate(date.year, date.day, date.month)
        return date

    def _person_to_inform(self, identity: Identity) -> str:
        """Next of kin as lists give them: "мати: Ковальчук, м. Київ"."""
        uk = self.language == "uk"
        names = identity.uk if uk else identity.ru
        if self.rng.random() < 0.6:
            relation, surname = (
                ("мати" if uk else "мать"),
                feminine_surname(names.surname),
            )
        elif identity.sex == "m":
            relation, surname = (
                ("дружина" if uk else "жена"),
                feminine_surname(names.surname),
            )
        else:
            relation, surname = ("чоловік" if uk else "муж"), names.surname
        place = identity.birth_place[0 if uk else 1]
        return f"{relation}: {surname}, {place}"
