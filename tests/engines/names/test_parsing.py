"""One full-name field, in any order, with initials or inflected, split into its parts."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from homecoming.engines.names import PersonName, parse_full_name
from homecoming.engines.names.inflection import patronymic_case
from homecoming.engines.names.table import name_table
from tests.engines.names.strategies import LATIN_LETTERS, capitalised, ukrainian_words

KOVALCHUK = PersonName("Ковальчук", "Олександр", "Петрович")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ШЕВЧЕНКО Олександр Іванович",
            PersonName("ШЕВЧЕНКО", "Олександр", "Іванович"),
        ),
        (
            "Олександр Іванович Шевченко",
            PersonName("Шевченко", "Олександр", "Іванович"),
        ),
        (
            "Шевченко Олександр Іванович",
            PersonName("Шевченко", "Олександр", "Іванович"),
        ),
        ("Shevchenko Oleksandr", PersonName("Shevchenko", "Oleksandr")),
        ("Oleksandr Shevchenko", PersonName("Shevchenko", "Oleksandr")),
        ("SHEVCHENKO Oleksandr", PersonName("SHEVCHENKO", "Oleksandr")),
        ("Oleksandr SHEVCHENKO", PersonName("SHEVCHENKO", "Oleksandr")),
        (
            "Kovalchuk Aleksandr Ivanovich",
            PersonName("Kovalchuk", "Aleksandr", "Ivanovich"),
        ),
        (
            "Aleksandr Ivanovich Kovalchuk",
            PersonName("Kovalchuk", "Aleksandr", "Ivanovich"),
        ),
        (
            "SHEVCHENKO OLEKSANDR IVANOVYCH",
            PersonName("SHEVCHENKO", "OLEKSANDR", "IVANOVYCH"),
        ),
        ("Шевченко, Олександр", PersonName("Шевченко", "Олександр")),
        ("  Шевченко   Олександр  ", PersonName("Шевченко", "Олександр")),
        ("Олександр", PersonName(given_name="Олександр")),
        ("Шевченко", PersonName(surname="Шевченко")),
        (
            "Олександр Іванович",
            PersonName(given_name="Олександр", patronymic="Іванович"),
        ),
        ("", PersonName()),
        (" , ", PersonName()),
    ],
)
def test_full_name_is_split_in_any_order(text, expected):
    assert parse_full_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Шевченко О.І.", PersonName("Шевченко", "О.", "І.")),
        ("Шевченко О. І.", PersonName("Шевченко", "О.", "І.")),
        ("О.І. Шевченко", PersonName("Шевченко", "О.", "І.")),
        ("О. І. Шевченко", PersonName("Шевченко", "О.", "І.")),
        ("Шевченко О.", PersonName("Шевченко", "О.")),
        ("Shevchenko O.I.", PersonName("Shevchenko", "O.", "I.")),
        ("Шевченко Олександр І.", PersonName("Шевченко", "Олександр", "І.")),
    ],
)
def test_initials_are_given_name_and_patronymic(text, expected):
    assert parse_full_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Роман Олександр Іванович", PersonName("Роман", "Олександр", "Іванович")),
        ("Олександр Іванович Роман", PersonName("Роман", "Олександр", "Іванович")),
        ("Петрович Іван Петрович", PersonName("Петрович", "Іван", "Петрович")),
        ("Петрович Іван", PersonName("Петрович", "Іван")),
        ("Давид Максим", PersonName("Давид", "Максим")),
        ("Ivan Matsiukych", PersonName("Matsiukych", "Ivan")),
        ("Іван Бабич", PersonName("Бабич", "Іван")),
    ],
)
def test_a_surname_that_is_also_a_name_or_a_patronymic_is_told_by_position(
    text, expected
):
    assert parse_full_name(text) == expected


def test_a_turkic_patronymic_keeps_its_particle():
    assert parse_full_name("Мамедов Али Гусейн оглы") == PersonName(
        "Мамедов", "Али", "Гусейн оглы"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ковальчука Олександра Петровича", KOVALCHUK),  # genitive
        ("Ковальчуку Олександру Петровичу", KOVALCHUK),  # dative
        ("Ковальчуком Олександром Петровичем", KOVALCHUK),  # instrumental
        ("Ковальчукові Олександрові Петровичу", KOVALCHUK),  # Ukrainian dative
        ("Олександра Петровича Ковальчука", KOVALCHUK),
        (
            "Иванова Алексея Николаевича",
            PersonName("Иванов", "Алексей", "Николаевич"),
        ),
        ("Иванову Ивану Ивановичу", PersonName("Иванов", "Иван", "Иванович")),
        (
            "Подольским Павлом Сергеевичем",
            PersonName("Подольский", "Павел", "Сергеевич"),
        ),
        ("Белого Петра Ильича", PersonName("Белый", "Пётр", "Ильич")),
        (
            "Хмельницького Андрія Миколайовича",
            PersonName("Хмельницький", "Андрій", "Миколайович"),
        ),
        ("Коваля Игоря Юрьевича", PersonName("Коваль", "Игорь", "Юрьевич")),
        ("Шевченко Миколи Ілліча", PersonName("Шевченко", "Микола", "Ілліч")),
        ("Шевченка Миколи Ілліча", PersonName("Шевченко", "Микола", "Ілліч")),
        (
            "Ивановой Марии Петровны",
            PersonName("Иванова", "Мария", "Петровна"),
        ),
        (
            "Подольской Елене Сергеевне",
            PersonName("Подольская", "Елена", "Сергеевна"),
        ),
        (
            "Хмельницькою Оленою Миколаївною",
            PersonName("Хмельницька", "Олена", "Миколаївна"),
        ),
        (
            "Ковальчук Натальи Ивановны",
            PersonName("Ковальчук", "Наталья", "Ивановна"),
        ),
        (
            "КОВАЛЬЧУКА ОЛЕКСАНДРА ПЕТРОВИЧА",
            PersonName("КОВАЛЬЧУК", "ОЛЕКСАНДР", "ПЕТРОВИЧ"),
        ),
    ],
)
def test_inflected_names_in_documents_are_brought_back_to_the_nominative(
    text, expected
):
    assert parse_full_name(text) == expected


def test_a_womans_nominative_name_is_not_taken_for_a_genitive():
    assert parse_full_name("Ковальчук Олександра Петрівна") == PersonName(
        "Ковальчук", "Олександра", "Петрівна"
    )
    assert parse_full_name("Ковальчук Олександра") == PersonName(
        "Ковальчук", "Олександра"
    )


_MALE = [row for row in name_table().rows if row.sex == "m"]
_given_and_patronymic = st.tuples(
    st.sampled_from(_MALE), st.sampled_from(_MALE), st.booleans()
).map(
    lambda drawn: (
        (drawn[0].uk[0], drawn[0].uk_patronymics()[0][0])
        if drawn[2]
        else (drawn[0].ru[0], drawn[0].ru_patronymics()[0][0])
    )
)
_surname = capitalised(ukrainian_words).map(lambda stem: stem + "енко")


@given(_surname, _given_and_patronymic, st.sampled_from(["SGP", "GPS", "sGP"]))
def test_generated_full_names_are_split_back_into_their_parts(surname, names, order):
    given_name, patronymic = names
    if order == "sGP":
        surname = surname.upper()
    parts = {"S": surname, "s": surname, "G": given_name, "P": patronymic}
    text = " ".join(parts[role] for role in order)
    assert parse_full_name(text) == PersonName(surname, given_name, patronymic)


@given(
    st.lists(
        st.text(alphabet=LATIN_LETTERS + LATIN_LETTERS.upper() + ".-'", min_size=1),
        min_size=1,
        max_size=5,
    )
)
def test_every_word_of_a_latin_field_is_kept_as_written(words):
    assume(all(any(char.isalpha() for char in word) for word in words))
    parsed = parse_full_name(" ".join(words))
    kept = " ".join((parsed.surname, parsed.given_name, parsed.patronymic)).split()
    assert sorted(kept) == sorted(words)


@given(st.lists(capitalised(ukrainian_words), min_size=1, max_size=4))
def test_every_word_of_a_cyrillic_field_is_kept_unless_it_is_inflected(words):
    assume(all(patronymic_case(word) is None for word in words))
    parsed = parse_full_name(" ".join(words))
    kept = " ".join((parsed.surname, parsed.given_name, parsed.patronymic)).split()
    assert sorted(kept) == sorted(words)
