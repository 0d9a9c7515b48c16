"""Custody histories: capture, then perhaps transfers, hospital, and rarely escape,
death, release or repatriation, each with a date, a place and a source.

Rates per person held: 0-2 transfers (45% one, 15% two); hospital admission for 60% of
the wounded or sick and 3% of the others; death 0.5%; escape 0.2%; release 0.5%;
repatriation 0.5% (lists lag behind events, so a few such persons are still listed).
"""

from __future__ import annotations

import datetime as dt
import random

from homecoming.engines.linkage.dates import PartialDate
from homecoming.synth import military
from homecoming.synth.identities import Identity
from homecoming.synth.model import SynthCustodyEvent
from homecoming.synth.weighted import between, one_of

__all__ = ["custody_history"]

_TODAY = dt.date(2026, 11, 1)
_RU_CAMPS = (
    "СИЗО-{n}, Ростовская обл.", "ИК-{n}, Республика Мордовия", "ИК-{n}, Брянская обл.",
    "СИЗО-{n}, Курская обл.", "ИК-{n}, Тверская обл.", "ИК-{n}, Рязанская обл.",
)  # fmt: skip
_UA_CAMPS = (
    "табір для військовополонених №{n}, Львівська обл.",
    "установа виконання покарань №{n}, Житомирська обл.",
    "табір для військовополонених №{n}, Закарпатська обл.",
)
_RU_HOSPITALS = (
    "госпиталь, г. Ростов-на-Дону",
    "больница, г. Курск",
    "госпиталь, г. Белгород",
)
_UA_HOSPITALS = ("госпіталь, м. Дніпро", "лікарня, м. Львів", "госпіталь, м. Харків")


def _later(rng: random.Random, after: dt.date, within: int) -> dt.date:
    span = max(1, min(within, (_TODAY - after).days))
    return after + dt.timedelta(days=between(rng, 1, span + 1))


def custody_history(
    identity: Identity, holder: str, rng: random.Random
) -> tuple[SynthCustodyEvent, ...]:
    """The events of ``identity``'s custody by ``holder``, places in the holder's language."""
    index = 0 if holder == "ua" else 1
    capture = identity.capture_date.as_date()
    assert capture is not None
    events = [
        SynthCustodyEvent(
            "capture",
            identity.capture_date,
            identity.capture_place[index],
            one_of(rng, military.SOURCES),
        )
    ]
    camps = _UA_CAMPS if holder == "ua" else _RU_CAMPS
    hospitals = _UA_HOSPITALS if holder == "ua" else _RU_HOSPITALS
    when = capture
    roll = rng.random()
    for _ in range(2 if roll < 0.15 else 1 if roll < 0.6 else 0):
        when = _later(rng, when, 120)
        place = one_of(rng, camps).format(n=between(rng, 1, 13))
        events.append(
            SynthCustodyEvent(
                "transfer",
                PartialDate.from_date(when),
                place,
                one_of(rng, military.SOURCES),
            )
        )
    unwell = identity.health != "healthy"
    if rng.random() < (0.6 if unwell else 0.03):
        when = _later(rng, capture, 60)
        events.append(
            SynthCustodyEvent(
                "hospital_admission",
                PartialDate.from_date(when),
                one_of(rng, hospitals),
                "hospital record",
            )
        )
    roll = rng.random()
    for kind, share in (
        ("death", 0.005),
        ("escape", 0.002),
        ("release", 0.005),
        ("repatriation", 0.005),
    ):
        if roll < share:
            when = _later(rng, max(e.date.earliest() for e in events), 365)
            events.append(
                SynthCustodyEvent(
                    kind,
                    PartialDate.from_date(when),
                    events[-1].place,
                    one_of(rng, military.SOURCES),
                )
            )
            break
        roll -= share
    events.sort(key=lambda e: e.date)
    return tuple(events)
