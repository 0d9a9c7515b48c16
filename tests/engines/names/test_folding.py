"""Surname keys: one primary key for a surname in both Cyrillic languages and every scheme."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homecoming.engines.names import (
    Scheme,
    fold_surname,
    fold_word,
    russian_renderings,
    surname_keys,
    transliterate,
)
from tests.engines.names.strategies import capitalised, russian_words, ukrainian_words

RUSSIAN_SCHEMES = [
    Scheme.ICAO_9303,
    Scheme.MVD_1997,
    Scheme.MVD_2010,
    Scheme.BGN_PCGN,
    Scheme.GOST_7_79,
    Scheme.GOST_7_79_B,
]


@pytest.mark.parametrize(
    "spellings",
    [
        # FIELD-NOTES: the same person in both official forms
        (
            "Хмельницький",
            "Khmelnytskyi",
            "Хмельницкий",
            "Khmelnitskii",
            "Khmel'nitskiy",
        ),
        ("Олександр", "Oleksandr"),
        ("Александр", "Aleksandr"),
        ("Сергей", "Sergei", "Sergey"),
        ("Юрий", "Iurii", "Yuriy", "Jurij"),
        ("Сергій", "Serhii"),
        ("Юрій", "Yurii"),
    ],
)
def test_official_spellings_of_one_name_fold_to_one_key(spellings):
    assert len({fold_surname(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize(
    ("ukrainian", "russian", "rule"),
    [
        ("Поліщук", "Полищук", "і -> и"),
        ("Лисенко", "Лысенко", "и -> ы"),
        ("Мартинюк", "Мартынюк", "и -> ы"),
        ("Ісаєнко", "Исаенко", "є -> е"),
        ("Їжакевич", "Ижакевич", "ї -> и"),
        ("Їжакевич", "Йижакевич", "ї -> йи"),
        ("Ґудзь", "Гудзь", "ґ -> г"),
        ("Мар'яненко", "Марьяненко", "apostrophe -> ь"),
        ("П'ятаченко", "Пятаченко", "apostrophe dropped"),
        ("Вишневський", "Вишневский", "-ський -> -ский"),
        ("Білецький", "Белецкий", "-цький -> -цкий, vowel"),
        ("Бабій", "Бабий", "-ій -> -ий"),
        ("Задорожний", "Задорожный", "-ий -> -ый"),
        ("Хмельницька", "Хмельницкая", "-ська -> -ская"),
        ("Білий", "Белый", "undone vowel change"),
        ("Чорний", "Черный", "undone vowel change"),
        ("Сокіл", "Сокол", "undone vowel change"),
        ("Вовк", "Волк", "translated"),
        ("Соловйов", "Соловьёв", "йо -> ьё"),
        ("Ковальов", "Ковалёв", "ьо -> ё"),
        ("Ковальов", "Ковалев", "ьо -> е"),
        ("Сергієнко", "Сергиенко", "іє -> ие"),
        ("Бондар", "Бондарь", "soft sign"),
        ("Згурський", "Згурский", "зг"),
    ],
)
def test_russian_rendering_of_a_ukrainian_surname_has_its_key(ukrainian, russian, rule):
    assert fold_surname(ukrainian) == fold_surname(russian), rule
    assert fold_surname(transliterate(ukrainian, Scheme.KMU_2010)) == fold_surname(
        russian
    ), rule


@pytest.mark.parametrize(
    ("ukrainian", "expected"),
    [
        ("Хмельницький", "Хмельницкий"),
        ("Поліщук", "Полищук"),
        ("Ґудзь", "Гудзь"),
        ("Ісаєнко", "Исаенко"),
        ("Бабій", "Бабий"),
        ("Білий", "Белый"),
        ("ВИШНЕВСЬКИЙ", "ВИШНЕВСКИЙ"),
    ],
)
def test_russian_renderings_start_with_the_usual_form(ukrainian, expected):
    assert russian_renderings(ukrainian)[0] == expected


def test_russian_renderings_offer_the_apostrophe_both_ways_and_ii_as_iy():
    assert {"Марьяненко", "Маряненко"} <= set(russian_renderings("Мар'яненко"))
    assert {"Ижак", "Йижак"} <= set(russian_renderings("Їжак"))
    assert "Лысенко" in russian_renderings("Лисенко")


@pytest.mark.parametrize(
    ("surname", "alternative"),
    [
        ("Ковальчук", None),
        ("Malov", "malev"),  # Мальов: -ов for -ёв written -ев
        ("Новосіл", "novosel"),  # і of a closed last syllable: Новосел
        ("Kovalov", None),  # in the table: the Russian key is already primary
        ("Пасічник", None),
        ("Підлісний", "podlisni"),  # під- as под-
        ("Петров-Водкін", "vodkin"),  # each part of a double surname
        ("Білоконь", "belokon"),  # root біл- as бел-
        ("Chornomorets", "chernomorec"),  # root чорн- as черн-
    ],
)
def test_alternative_keys_follow_the_primary_key(surname, alternative):
    keys = surname_keys(surname)
    assert keys[0] == fold_surname(surname)
    if alternative is not None:
        assert alternative in keys[1:]


def test_russian_text_gets_no_ukrainian_alternatives():
    assert surname_keys("Подольский") == ("podolski",)
    assert surname_keys("Григорьев") == ("hrihorev",)


def test_a_different_short_surname_is_not_taken_for_a_vowel_change():
    # Ліс/Лес would fold Лис (a different surname) onto Лес; the table leaves it out.
    assert fold_surname("Лис") == fold_surname("Лысь") == "lis"


def test_letterless_text_has_no_key():
    assert fold_surname(" - ") == ""
    assert surname_keys("") == ()


@given(st.text(max_size=30))
def test_folding_is_idempotent_on_any_text(text):
    key = fold_surname(text)
    assert fold_surname(key) == key
    assert fold_word(fold_word(text)) == fold_word(text)
    assert key.isascii()


@given(capitalised(ukrainian_words))
def test_a_ukrainian_surname_and_its_kmu_spelling_have_one_key(word):
    assert fold_surname(word) == fold_surname(transliterate(word, Scheme.KMU_2010))


@given(capitalised(russian_words), st.sampled_from(RUSSIAN_SCHEMES))
def test_a_russian_surname_and_its_passport_spellings_have_one_key(word, scheme):
    assert fold_surname(word) == fold_surname(transliterate(word, scheme))
