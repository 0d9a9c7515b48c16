"""The generated scenario: parties, the persons on their lists, and the known truth.

Shape::

    Scenario(seed=7,
             parties=(SynthParty("ua", ...), SynthParty("ru", ...), SynthParty("mediator", ...)),
             held={"ru": (SynthPerson(record_id="RU-H-000001", surname="Ковальчук",
                                      given_name="Александр", ...), ...),
                   "ua": (...)},
             sought={"ua": (SynthPerson(record_id="UA-S-000001", surname="Ковальчук",
                                        given_name="Олександр", ...), ...),
                     "ru": (...)},
             truth={("ua", "UA-S-000001"): ("ru", "RU-H-000417"), ...},
             hard_negatives={("ua", "UA-S-000031"): ("namesake", "ru", "RU-H-000090"), ...})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from homecoming.engines.linkage.dates import PartialDate

__all__ = ["Scenario", "SynthCustodyEvent", "SynthParty", "SynthPerson"]


@dataclass(frozen=True, slots=True)
class SynthParty:
    """A party (or the mediator) with its names and the language its clerks write."""

    code: str
    name_en: str
    name_uk: str
    name_ru: str
    language: str
    kind: str = "party"


@dataclass(frozen=True, slots=True)
class SynthCustodyEvent:
    """capture, transfer, hospital_admission, escape, death, release or repatriation."""

    kind: str
    date: PartialDate
    place: str
    source: str


@dataclass(frozen=True, slots=True)
class SynthPerson:
    """One row of a generated list, as the party's clerk wrote it.

    Text fields are "" when the list leaves them out. ``sex`` is "m"/"f", ``category``
    "military"/"civilian", ``health`` one of healthy, wounded, seriously wounded, sick,
    seriously sick. ``rank_grade`` is the rung on the common scale (see
    ``military``), None for civilians. ``written_as`` says how the
    names were written (``ru``, ``uk``, ``latin``, ``full_ru``, ``full_ru_genitive``,
    ``full_uk``, ``full_latin``, ``uk_translit``, ``uk_translated``). ``identity`` is the generator's own number for the human being
    behind the row: rows of different lists with the same identity are the same
    person (the truth, never shown to a matcher).
    """

    record_id: str
    identity: int
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    full_name: str = ""
    birth_date: PartialDate | None = None
    birth_place: str = ""
    sex: str = ""
    rank: str = ""
    rank_grade: int | None = None
    service_number: str = ""
    unit: str = ""
    category: str = "military"
    capture_date: PartialDate | None = None
    capture_place: str = ""
    health: str = ""
    custody_events: tuple[SynthCustodyEvent, ...] = ()
    mother_maiden_name: str = ""
    person_to_inform: str = ""
    written_as: str = ""


@dataclass(frozen=True, slots=True)
class Scenario:
    """Two parties' held and sought lists with the truth that links them.

    ``truth`` maps (seeking party, sought record id) to (holding party, held record id)
    for every sought person the other party holds; the other sought persons are not
    held. ``hard_negatives`` maps some of those to the held person they are easy to
    confuse with: ``("namesake", holder, held id)`` (same surname and given name) or
    ``("brother", holder, held id)`` (same surname, father and birthplace).
    """

    seed: int
    parties: tuple[SynthParty, ...]
    held: Mapping[str, tuple[SynthPerson, ...]]
    sought: Mapping[str, tuple[SynthPerson, ...]]
    truth: Mapping[tuple[str, str], tuple[str, str]]
    hard_negatives: Mapping[tuple[str, str], tuple[str, str, str]]

    def party(self, code: str) -> SynthParty:
        """The party (or mediator) with ``code``; KeyError when there is none."""
        for party in self.parties:
            if party.code == code:
                return party
        raise KeyError(code)
