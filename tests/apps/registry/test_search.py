"""Registry search: an id first, every word must match across scripts, ranked, ё = е."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.registry import selectors
from homecoming.apps.registry.search import fold, query_words, search_text_of
from tests.factories import PersonFactory


def _found(user: Any, query: str) -> list[str]:
    return [
        p.record_id for p in selectors.person_search(by=actor_for(user), query=query)
    ]


@pytest.fixture
def registry(party_a: Organisation) -> dict[str, Any]:
    def person(record_id: str, surname: str, given: str, **more: Any) -> Any:
        return PersonFactory(
            owner=party_a,
            record_id=record_id,
            surname=surname,
            given_name=given,
            **more,
        )

    return {
        "davydov": person("UA-H-000001", "Давидов", "Олександр", patronymic=""),
        "novikova": person("UA-H-000002", "Новикова", "Олександра", patronymic=""),
        "davydenko": person("UA-H-0000011", "Давиденко", "Петро", patronymic=""),
        "aksenova": person("UA-H-000003", "Аксёнова", "Марія", patronymic=""),
        "aksenova2": person("UA-H-000004", "Аксенова", "Ганна", patronymic=""),
        "numbered": person(
            "UA-H-000005", "Коваль", "Іван", service_number="АБ-123456", patronymic=""
        ),
    }


def test_an_exact_record_id_finds_that_person_first(
    registry: dict[str, Any], a_officer: Any
) -> None:
    found = _found(a_officer, "UA-H-000001")
    assert found[0] == "UA-H-000001"
    assert "UA-H-000002" not in found  # not every record of the register
    assert _found(a_officer, "ua-h-000001")[0] == "UA-H-000001"
    assert _found(a_officer, "000001")[0] == "UA-H-000001"  # the id's last part


def test_a_service_number_finds_its_person(
    registry: dict[str, Any], a_officer: Any
) -> None:
    assert _found(a_officer, "АБ-123456") == ["UA-H-000005"]
    assert _found(a_officer, "123456") == ["UA-H-000005"]


def test_every_word_must_match_across_scripts(
    registry: dict[str, Any], a_officer: Any
) -> None:
    # "Davydov Oleksandr" is Давидов Олександр, not every Oleksandr or Oleksandra
    assert _found(a_officer, "Davydov Oleksandr") == ["UA-H-000001"]
    assert _found(a_officer, "Давыдов Александр") == ["UA-H-000001"]
    assert "UA-H-000002" not in _found(a_officer, "Davydov Oleksandr")


def test_yo_and_ye_are_the_same_letter(
    registry: dict[str, Any], a_officer: Any
) -> None:
    assert set(_found(a_officer, "Аксенова")) == {"UA-H-000003", "UA-H-000004"}
    assert set(_found(a_officer, "Аксёнова")) == {"UA-H-000003", "UA-H-000004"}


def test_a_whole_word_ranks_above_a_word_that_only_starts_so(
    registry: dict[str, Any], a_officer: Any
) -> None:
    found = _found(a_officer, "Давид")
    assert set(found) == {"UA-H-000001", "UA-H-0000011"}
    assert _found(a_officer, "Давидов")[0] == "UA-H-000001"


def test_the_other_partys_persons_are_never_found(
    registry: dict[str, Any], b_officer: Any
) -> None:
    assert _found(b_officer, "UA-H-000001") == []
    assert _found(b_officer, "Давидов") == []


@given(st.text(max_size=40))
def test_folding_is_idempotent_and_query_words_are_bounded(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert "ё" not in fold(text)
    assert len(query_words(text)) <= 6


def test_search_text_holds_names_ids_and_keys_as_words() -> None:
    text = search_text_of(
        {
            "surname": "Петренко-Коваль",
            "given_name": "Сем'ён",
            "record_id": "UA-7",
            "service_number": "",
            "surname_key": "petrenko",
            "given_key": "semen",
        }
    )
    assert text.startswith(" ") and text.endswith(" ")
    for word in ("петренко", "коваль", "семен", "ua-7", "7", "petrenko", "semen"):
        assert f" {word} " in text
