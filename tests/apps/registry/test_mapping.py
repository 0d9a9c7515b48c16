"""Column mappings given on the command line and through the API."""

from __future__ import annotations

import pytest

from homecoming.apps.registry.mapping import MappingError, parse_mapping


def test_a_header_holding_an_equals_sign_maps_to_the_canonical_after_the_last() -> None:
    # given a party's header that itself contains "="
    # when it is mapped the way the upload form reads it
    mapping = parse_mapping(["Звание=ранг=rank", " Жетон = service_number "])
    # then the canonical name is what follows the last "=", both sides trimmed
    assert mapping == {"Звание=ранг": "rank", "Жетон": "service_number"}


def test_a_pair_naming_no_field_is_refused_with_its_position() -> None:
    with pytest.raises(MappingError) as refused:
        parse_mapping(["Звание=rank", "", "Жетон=dog_tag"])
    assert (refused.value.position, refused.value.field) == (3, "dog_tag")
    assert refused.value.problem == "unknown_field"
    assert parse_mapping(["Жетон=dog_tag"], fields=None) == {"Жетон": "dog_tag"}


@pytest.mark.parametrize("pair", ["surname", "=surname", "Фамилия=", " = "])
def test_a_pair_without_both_sides_is_refused_by_name(pair: str) -> None:
    with pytest.raises(ValueError, match="is not a mapping"):
        parse_mapping([pair])
