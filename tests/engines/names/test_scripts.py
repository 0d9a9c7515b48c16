"""Script detection: Ukrainian, Russian or undetermined Cyrillic, Latin, mixed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homecoming.engines.names import Script, detect_script
from tests.engines.names.strategies import (
    RU_ONLY,
    UK_ONLY,
    common_cyrillic_words,
    latin_words,
)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Олексій Хмельницький", Script.UK),
        ("Ґудзь", Script.UK),
        ("Дем'ян", Script.UK),
        ("Мар’яна", Script.UK),
        ("Ковальов", Script.UK),
        ("Хмельницький", Script.UK),
        ("Подъячев", Script.RU),
        ("Алёна", Script.RU),
        ("Эдуард", Script.RU),
        ("Григорьев", Script.RU),
        ("Марья", Script.RU),
        ("Иван Петров", Script.CYRILLIC),
        ("Шевченко", Script.CYRILLIC),
        ("Ivan Petrov", Script.LATIN),
        ("Hmelʹnickij", Script.LATIN),
        ("Ŝukin", Script.LATIN),
        ("Ivаn", Script.MIXED),  # Cyrillic а typed on the wrong keyboard
        ("", Script.UNKNOWN),
        ("12-34 №", Script.UNKNOWN),
    ],
)
def test_script_of_a_name_is_told_by_its_letters(text, script):
    assert detect_script(text) is script


@given(common_cyrillic_words, st.sampled_from(UK_ONLY), st.integers(0, 10))
def test_a_ukrainian_letter_makes_cyrillic_text_ukrainian(word, letter, position):
    text = word[:position] + letter + word[position:]
    assert detect_script(text) is Script.UK


@given(common_cyrillic_words, st.sampled_from(RU_ONLY), st.integers(0, 10))
def test_a_russian_letter_makes_cyrillic_text_russian(word, letter, position):
    text = word[:position] + letter + word[position:]
    assert detect_script(text) is Script.RU


@given(common_cyrillic_words)
def test_letters_both_languages_share_leave_the_language_undetermined(word):
    assert detect_script(word) is Script.CYRILLIC


@given(latin_words)
def test_latin_letters_are_latin(word):
    assert detect_script(word) is Script.LATIN


@given(common_cyrillic_words, latin_words)
def test_cyrillic_and_latin_together_are_mixed(cyrillic, latin):
    assert detect_script(cyrillic + " " + latin) is Script.MIXED


@given(st.text(alphabet="0123456789 .,-№()/", max_size=20))
def test_text_without_letters_is_unknown(text):
    assert detect_script(text) is Script.UNKNOWN
