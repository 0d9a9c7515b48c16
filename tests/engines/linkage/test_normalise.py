"""Service numbers and units compare equal however the clerks wrote them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homecoming.engines.linkage import normalise_service_number, normalise_unit
from homecoming.engines.linkage.normalise import _key, _key_by_class


@pytest.mark.parametrize(
    "written",
    ["АВ123456", "AB123456", "АB 123456", "ав-123456", "AB № 123456", " А В 123456 "],
)
def test_lookalike_letters_spaces_and_dashes_give_one_service_number(written):
    assert normalise_service_number(written) == "AB123456"


def test_every_lookalike_cyrillic_capital_reads_as_its_latin_twin():
    cyrillic, latin = "АВЕКМНОРСТХ", "ABEKMHOPCTX"
    assert normalise_service_number(cyrillic) == latin


def test_leading_zeros_of_an_all_digit_number_do_not_count():
    assert normalise_service_number("0012345678") == normalise_service_number(
        "12345678"
    )


def test_leading_zeros_after_letters_are_kept():
    assert normalise_service_number("AB012345") != normalise_service_number("AB12345")


def test_an_empty_cell_has_no_service_number():
    assert normalise_service_number("") == ""
    assert normalise_service_number(" - ") == ""


@pytest.mark.parametrize(
    "written",
    ["А1234", "в/ч А1234", "в/ч А 1234", "ВЧ А1234", "A-1234", "військова частина А1234",
     "воинская часть A1234"],
)  # fmt: skip
def test_unit_prefixes_and_lookalikes_give_one_unit(written):
    assert normalise_unit(written) == "A1234"


@given(st.text(max_size=20))
def test_normalising_twice_changes_nothing(text):
    once = normalise_service_number(text)
    assert normalise_service_number(once) == once
    unit = normalise_unit(text)
    assert normalise_unit(unit) == unit


@given(
    st.text(
        alphabet=st.sampled_from("AB09zaАВЕКМНОРСТХІУЈЅЖЯЁЇЄҐавеіїжßıÉé -№./\t_'ʼ"),
        max_size=12,
    )
)
def test_the_one_translate_path_keys_a_cell_as_the_letter_class_does(text):
    # given any cell of letters from both scripts, look-alikes and separators
    # when it is keyed (the usual cell takes one translate, the rest the class)
    # then the key is the one the letter class alone gives
    assert _key(text) == _key_by_class(text.upper())
