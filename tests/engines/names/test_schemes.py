"""Romanisation with the schemes official documents use."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homecoming.engines.names import NamesError, Scheme, transliterate
from homecoming.engines.names.errors import UnknownSchemeError
from tests.engines.names.strategies import capitalised, russian_words, ukrainian_words


@pytest.mark.parametrize(
    ("cyrillic", "scheme", "latin"),
    [
        # Ukrainian passports (KMU 2010), examples of the resolution itself
        ("Олександр", Scheme.KMU_2010, "Oleksandr"),
        ("Хмельницький", Scheme.KMU_2010, "Khmelnytskyi"),
        ("Згурський", Scheme.KMU_2010, "Zghurskyi"),
        ("Юрій", Scheme.KMU_2010, "Yurii"),
        ("Сергій", Scheme.KMU_2010, "Serhii"),
        ("Єременко", Scheme.KMU_2010, "Yeremenko"),
        ("Ґудзь", Scheme.KMU_2010, "Gudz"),
        ("Мар'яна", Scheme.KMU_2010, "Mariana"),
        ("Їжакевич", Scheme.KMU_2010, "Yizhakevych"),
        ("ШЕВЧЕНКО", Scheme.KMU_2010, "SHEVCHENKO"),
        # Russian passports since 2013-14 (ICAO 9303)
        ("Дмитрий", Scheme.ICAO_9303, "Dmitrii"),
        ("Юрий", Scheme.ICAO_9303, "Iurii"),
        ("Александр", Scheme.ICAO_9303, "Aleksandr"),
        ("Сергей", Scheme.ICAO_9303, "Sergei"),
        ("Хмельницкий", Scheme.ICAO_9303, "Khmelnitskii"),
        ("Подъячев", Scheme.ICAO_9303, "Podieiachev"),
        # Older Russian passports (MVD 1997 and 2010)
        ("Юрий", Scheme.MVD_1997, "Yuriy"),
        ("Хмельницкий", Scheme.MVD_1997, "Khmel'nitskiy"),
        ("Игорь", Scheme.MVD_1997, "Igor'"),
        ("Алексеевич", Scheme.MVD_2010, "Alekseyevich"),
        ("Ёлкин", Scheme.MVD_2010, "Yolkin"),
        # BGN/PCGN and GOST 7.79
        ("Евгений", Scheme.BGN_PCGN, "Yevgeniy"),
        ("Ёлкин", Scheme.BGN_PCGN, "Yëlkin"),
        ("Щукин", Scheme.GOST_7_79, "Ŝukin"),
        ("Жуков", Scheme.GOST_7_79, "Žukov"),
        ("Хмельницкий", Scheme.GOST_7_79_B, "Xmel`niczkij"),
        ("Щукин", Scheme.GOST_7_79_B, "Shhukin"),
        ("Щукин", Scheme.ANYASCII, "Shchukin"),
    ],
)
def test_official_schemes_give_the_spelling_documents_use(cyrillic, scheme, latin):
    assert transliterate(cyrillic, scheme) == latin


def test_spaces_hyphens_and_punctuation_are_kept():
    text = "Петров-Водкін, Іван (Іванович)"
    assert transliterate(text, Scheme.KMU_2010) == "Petrov-Vodkin, Ivan (Ivanovych)"


def test_latin_text_is_left_as_it_is():
    assert transliterate("Oleksandr Shevchenko", Scheme.ICAO_9303) == (
        "Oleksandr Shevchenko"
    )


def test_scheme_may_be_given_by_its_name():
    assert transliterate("Юрий", "icao_9303") == "Iurii"


def test_an_unknown_scheme_is_an_error_of_the_engine():
    with pytest.raises(UnknownSchemeError) as raised:
        transliterate("Юрий", "klingon")
    assert isinstance(raised.value, NamesError)
    assert "icao_9303" in str(raised.value)


@given(
    st.one_of(capitalised(ukrainian_words), capitalised(russian_words)),
    st.sampled_from(list(Scheme)),
)
def test_no_cyrillic_letter_is_left_in_any_scheme(word, scheme):
    romanised = transliterate(word, scheme)
    assert not any("\u0400" <= char <= "\u04ff" for char in romanised)
    assert romanised[:1].isupper()


@given(
    st.one_of(ukrainian_words, russian_words),
    st.sampled_from(
        [
            Scheme.KMU_2010,
            Scheme.ICAO_9303,
            Scheme.MVD_1997,
            Scheme.MVD_2010,
            Scheme.GOST_7_79_B,
            Scheme.ANYASCII,
        ]
    ),
)
def test_passport_schemes_write_ascii(word, scheme):
    # BGN/PCGN (’ ” ·) and GOST 7.79 A (diacritics) are not ASCII by design.
    assert transliterate(word, scheme).isascii()
