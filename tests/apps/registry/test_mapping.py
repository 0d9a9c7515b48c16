"""Column mappings given on the command line and through the API."""

from __future__ import annotations

import pytest

from homecoming.apps.registry.mapping import parse_mapping


def test_a_header_holding_an_equals_sign_maps_to_the_canonical_after_the_last() -> None:
    # given a party's header that itself contains "="
    # when it is mapped the way the upload form reads it
    mapping = parse_mapping(["Звание=ранг=rank", " Жетон = dog_tag "])
    # then the canonical name is what follows the last "=", both sides trimmed
    assert mapping == {"Звание=ранг": "rank", "Жетон": "dog_tag"}


@pytest.mark.parametrize("pair", ["surname", "=surname", "Фамилия=", " = "])
def test_a_pair_without_both_sides_is_refused_by_name(pair: str) -> None:
    with pytest.raises(ValueError, match="is not a mapping"):
        parse_mapping([pair])
