"""The demo scenario generator: seeded, shaped as documented, truth that holds."""

from __future__ import annotations

import collections
import re

import pytest

from homecoming.synth import Scenario, generate_scenario
from homecoming.synth.naming import (
    feminine_surname,
    latin_ru,
    latin_uk,
    ru_genitive,
    ru_patronymic,
    ru_surname_in_uk,
    uk_patronymic,
    uk_surname_in_ru,
)

CYRILLIC_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
CYRILLIC_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate_scenario(seed=11, persons_per_side=3000)


def test_same_seed_gives_the_same_scenario() -> None:
    assert generate_scenario(5, 300) == generate_scenario(5, 300)


def test_another_seed_gives_another_scenario() -> None:
    first, second = generate_scenario(5, 300), generate_scenario(6, 300)
    assert first.held["ru"] != second.held["ru"]


def test_parties_are_the_two_sides_and_the_mediator(scenario: Scenario) -> None:
    assert [p.code for p in scenario.parties] == ["ua", "ru", "mediator"]
    assert scenario.party("ua").language == "uk"
    assert scenario.party("ru").language == "ru"
    assert scenario.party("mediator").kind == "mediator"


def test_sizes_may_differ_per_party() -> None:
    scenario = generate_scenario(3, {"ua": 100, "ru": 400})
    assert len(scenario.held["ua"]) == 100
    assert len(scenario.held["ru"]) == 400
    # Ukraine seeks 90% of the 400 Russia holds, and they are 70% of its list
    assert len(scenario.sought["ua"]) == round(360 / 0.7)


def test_truth_refers_to_real_records_of_the_same_person(scenario: Scenario) -> None:
    held = {
        (code, p.record_id): p for code, rows in scenario.held.items() for p in rows
    }
    sought = {
        (code, p.record_id): p for code, rows in scenario.sought.items() for p in rows
    }
    assert scenario.truth
    for sought_key, held_key in scenario.truth.items():
        assert sought_key[0] != held_key[0]
        assert sought[sought_key].identity == held[held_key].identity


def test_every_held_person_sought_back_is_in_the_truth(scenario: Scenario) -> None:
    for seeker, holder in (("ua", "ru"), ("ru", "ua")):
        held_identities = {p.identity for p in scenario.held[holder]}
        found = [p for p in scenario.sought[seeker] if p.identity in held_identities]
        assert len(found) == sum(1 for k in scenario.truth if k[0] == seeker)


def test_sought_lists_overlap_the_other_sides_held_list_by_60_to_80_percent(
    scenario: Scenario,
) -> None:
    for seeker in ("ua", "ru"):
        found = sum(1 for k in scenario.truth if k[0] == seeker)
        assert 0.6 <= found / len(scenario.sought[seeker]) <= 0.8


def test_hard_negatives_look_alike_but_are_other_people(scenario: Scenario) -> None:
    held = {(c, p.record_id): p for c, rows in scenario.held.items() for p in rows}
    sought = {(c, p.record_id): p for c, rows in scenario.sought.items() for p in rows}
    kinds = collections.Counter(v[0] for v in scenario.hard_negatives.values())
    assert kinds["namesake"] > 50
    assert kinds["brother"] > 20
    for key, (_kind, holder, held_id) in scenario.hard_negatives.items():
        assert key not in scenario.truth
        assert sought[key].identity != held[(holder, held_id)].identity


def test_russian_clerks_mostly_write_ukrainians_in_russian(scenario: Scenario) -> None:
    styles = collections.Counter(p.written_as for p in scenario.held["ru"])
    total = sum(styles.values())
    assert 0.65 < styles["ru"] / total < 0.8
    assert styles["latin"] + styles["full_latin"] > 0.05 * total
    in_russian = [p for p in scenario.held["ru"] if p.written_as == "ru"]
    assert not any(CYRILLIC_UK_ONLY.search(p.given_name) for p in in_russian)


def test_ukraine_seeks_its_people_in_ukrainian(scenario: Scenario) -> None:
    rows = scenario.sought["ua"]
    written = collections.Counter(p.written_as for p in rows)
    assert set(written) == {"uk", "full_uk"}
    given = collections.Counter(p.given_name for p in rows if p.given_name)
    assert given["Олександр"] > given.get("Александр", 0)


def test_slips_occur_at_about_the_documented_rates(scenario: Scenario) -> None:
    rows = scenario.held["ru"]
    n = len(rows)
    named = [p for p in rows if p.surname]
    assert 0.03 < sum(1 for p in rows if p.birth_date is None) / n < 0.08
    year_only = sum(1 for p in rows if p.birth_date and p.birth_date.month is None)
    assert 0.03 < year_only / n < 0.08
    no_patronymic = sum(1 for p in named if not p.patronymic) / len(named)
    assert 0.08 < no_patronymic < 0.25  # 8%, and most Latin rows
    full_only = [p for p in rows if p.full_name]
    assert all(not p.surname and not p.given_name for p in full_only)
    assert 0.05 < len(full_only) / n < 0.15


def test_typos_make_rows_differ_from_the_clean_name(scenario: Scenario) -> None:
    sought_by_identity = {p.identity: p for p in scenario.sought["ua"]}
    held_in_ukrainian = [
        p
        for p in scenario.held["ru"]
        if p.written_as == "uk" and p.identity in sought_by_identity
    ]
    differ = sum(
        1
        for p in held_in_ukrainian
        if p.given_name != sought_by_identity[p.identity].given_name
        or p.surname.casefold() != sought_by_identity[p.identity].surname.casefold()
    )
    assert 0 < differ < 0.1 * len(held_in_ukrainian)


def test_distributions_of_categories_health_ranks_and_dates(scenario: Scenario) -> None:
    rows = [*scenario.held["ua"], *scenario.held["ru"]]
    n = len(rows)
    civilians = [p for p in rows if p.category == "civilian"]
    assert 0.11 < len(civilians) / n < 0.19
    assert all(p.rank_grade is None and not p.service_number for p in civilians)
    military = [p for p in rows if p.category == "military"]
    grades = collections.Counter(p.rank_grade for p in military)
    assert set(grades) <= set(range(1, 10))
    assert grades[1] > grades[5] > grades[9]
    health = collections.Counter(p.health for p in rows)
    assert set(health) == {
        "healthy",
        "wounded",
        "seriously wounded",
        "sick",
        "seriously sick",
    }
    assert 0.6 < health["healthy"] / n < 0.8
    births = [p.birth_date.year for p in rows if p.birth_date]
    assert min(births) >= 1960 and max(births) <= 2006
    captures = [p.capture_date.year for p in rows if p.capture_date]
    assert min(captures) >= 2022 and max(captures) <= 2026


def test_units_and_service_numbers_look_like_each_army(scenario: Scenario) -> None:
    ukrainian_units = [p.unit for p in scenario.held["ru"] if p.unit]
    russian_units = [p.unit for p in scenario.held["ua"] if p.unit]
    assert all(re.fullmatch(r"в/ч А\d{4}", u) for u in ukrainian_units)
    assert all(re.fullmatch(r"в/ч \d{5}", u) for u in russian_units)


def test_custody_histories_start_with_capture_and_run_forward(
    scenario: Scenario,
) -> None:
    kinds: collections.Counter[str] = collections.Counter()
    for person in scenario.held["ru"]:
        events = person.custody_events
        assert events[0].kind == "capture"
        assert [e.date for e in events] == sorted(e.date for e in events)
        assert all(e.place and e.source for e in events)
        kinds.update(e.kind for e in events)
    assert kinds["transfer"] > kinds["hospital_admission"] > kinds["death"]
    assert all(not p.custody_events for p in scenario.sought["ua"])


@pytest.mark.parametrize(
    ("father", "sex", "patronymic"),
    [
        ("Олександр", "m", "Олександрович"), ("Олександр", "f", "Олександрівна"),
        ("Микола", "m", "Миколайович"), ("Микола", "f", "Миколаївна"),
        ("Андрій", "f", "Андріївна"), ("Василь", "f", "Василівна"),
        ("Дмитро", "m", "Дмитрович"), ("Ілля", "m", "Ілліч"), ("Федір", "m", "Федорович"),
        ("Григорій", "m", "Григорович"),
    ],
)  # fmt: skip
def test_ukrainian_patronymics(father: str, sex: str, patronymic: str) -> None:
    assert uk_patronymic(father, sex) == patronymic


@pytest.mark.parametrize(
    ("father", "sex", "patronymic"),
    [
        ("Александр", "m", "Александрович"), ("Николай", "m", "Николаевич"),
        ("Николай", "f", "Николаевна"), ("Алексей", "m", "Алексеевич"),
        ("Юрий", "m", "Юрьевич"), ("Дмитрий", "m", "Дмитриевич"),
        ("Игорь", "m", "Игоревич"), ("Илья", "f", "Ильинична"), ("Пётр", "m", "Петрович"),
        ("Афанасий", "m", "Афанасьевич"),
    ],
)  # fmt: skip
def test_russian_patronymics(father: str, sex: str, patronymic: str) -> None:
    assert ru_patronymic(father, sex) == patronymic


def test_surnames_cross_scripts_as_clerks_write_them() -> None:
    assert uk_surname_in_ru("Хмельницький") == "Хмельницкий"
    assert uk_surname_in_ru("Білий") == "Белый"
    assert uk_surname_in_ru("Вовк") == "Волк"
    assert ru_surname_in_uk("Соловьёв") == "Соловйов"
    assert ru_surname_in_uk("Егоров") == "Єгоров"
    assert feminine_surname("Хмельницький") == "Хмельницька"
    assert feminine_surname("Смирнов") == "Смирнова"
    assert feminine_surname("Шевченко") == "Шевченко"
    assert latin_uk("Хмельницький") == "Khmelnytskyi"
    assert latin_ru("Дмитрий") == "Dmitrii"


def test_russian_lists_use_russian_letters_only(scenario: Scenario) -> None:
    written_in_russian = [p for p in scenario.sought["ru"] if p.written_as == "ru"]
    assert not any(
        CYRILLIC_UK_ONLY.search(p.surname + p.given_name + p.patronymic)
        for p in written_in_russian
    )
    assert any(
        CYRILLIC_RU_ONLY.search(p.surname + p.given_name) for p in written_in_russian
    )


@pytest.mark.parametrize(
    ("name", "sex", "genitive"),
    [
        (("Ковальчук", "Александр", "Петрович"), "m", ("Ковальчука", "Александра", "Петровича")),
        (("Хмельницкий", "Дмитрий", "Николаевич"), "m", ("Хмельницкого", "Дмитрия", "Николаевича")),
        (("Шевченко", "Никита", "Ильич"), "m", ("Шевченко", "Никиты", "Ильича")),
        (("Смирнова", "Ольга", "Николаевна"), "f", ("Смирновой", "Ольги", "Николаевны")),
        (("Ковальчук", "Мария", "Петровна"), "f", ("Ковальчук", "Марии", "Петровны")),
        (("Иванов", "Игорь", "Сергеевич"), "m", ("Иванова", "Игоря", "Сергеевича")),
    ],
)  # fmt: skip
def test_russian_genitive_of_full_names(
    name: tuple[str, str, str], sex: str, genitive: tuple[str, str, str]
) -> None:
    assert ru_genitive(*name, sex) == genitive


def test_some_russian_full_names_on_held_lists_are_in_the_genitive(
    scenario: Scenario,
) -> None:
    genitive = [p for p in scenario.held["ru"] if p.written_as == "full_ru_genitive"]
    assert 5 < len(genitive) < 0.04 * len(scenario.held["ru"])
    assert all(p.full_name and not p.surname for p in genitive)
