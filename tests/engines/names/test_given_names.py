"""The given-name table both ways, and patronymics back to the father's name."""

import pytest

from homecoming.engines.names import (
    Scheme,
    father_name_id,
    given_name_id,
    given_name_initials,
    given_name_sex,
    russian_patronymics,
    table,
    transliterate,
    ukrainian_patronymics,
)
from homecoming.engines.names.table import build_name_table, name_table

ROWS = name_table().rows
MALE_ROWS = [row for row in ROWS if row.sex == "m"]
RUSSIAN_SCHEMES = [
    Scheme.ICAO_9303,
    Scheme.MVD_1997,
    Scheme.MVD_2010,
    Scheme.BGN_PCGN,
    Scheme.GOST_7_79,
    Scheme.GOST_7_79_B,
]


def test_the_table_holds_a_few_hundred_names_of_both_sexes():
    assert len(ROWS) >= 240
    assert {row.sex for row in ROWS} == {"m", "f"}
    assert len({row.id for row in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_ukrainian_form_keys_as_the_russian_form(row):
    # uk -> ru: every Ukrainian form and its KMU 2010 spelling has the row's id
    for form in row.uk:
        assert given_name_id(form) == (row.id,), form
        assert given_name_id(transliterate(form, Scheme.KMU_2010)) == (row.id,), form


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_russian_form_keys_as_the_ukrainian_form(row):
    # ru -> uk: every Russian form and its spelling in every Russian scheme
    for form in row.ru:
        assert given_name_id(form) == given_name_id(row.uk[0]), form
        for scheme in RUSSIAN_SCHEMES:
            assert given_name_id(transliterate(form, scheme)) == (row.id,), (
                form,
                scheme,
            )


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_a_row_id_keys_as_itself_and_carries_its_sex(row):
    assert given_name_id(row.id) == (row.id,)
    assert given_name_sex(row.uk[0]) == row.sex
    for form in row.latin:
        assert given_name_id(form) == (row.id,), form


@pytest.mark.parametrize(
    ("ukrainian", "russian", "row_id"),
    [
        ("Олександр", "Александр", "aleksandr"),
        ("Микола", "Николай", "nikolai"),
        ("Пилип", "Филипп", "filipp"),
        ("Юхим", "Ефим", "efim"),
        ("Опанас", "Афанасий", "afanasii"),
        ("Сергій", "Сергей", "sergei"),
        ("Юрій", "Юрий", "iurii"),
        ("Олексій", "Алексей", "aleksei"),
        ("Олена", "Елена", "elena"),
        ("Ганна", "Анна", "anna"),
        ("Наталія", "Наталья", "natalia"),
        ("Наталя", "Наталия", "natalia"),
        ("Хома", "Фома", "foma"),
        ("Гліб", "Глеб", "gleb"),
    ],
)
def test_clerks_translate_given_names_and_the_keys_follow(ukrainian, russian, row_id):
    assert given_name_id(ukrainian) == given_name_id(russian) == (row_id,)


def test_english_spellings_of_a_name_find_its_row():
    assert given_name_id("Alexander") == given_name_id("Oleksandr") == ("aleksandr",)
    assert given_name_id("Alexey") == ("aleksei",)


def test_an_unknown_given_name_keys_as_its_folded_spelling():
    assert given_name_id("Богуміл") == given_name_id("Bohumil") == ("bohumil",)
    assert given_name_id("bohumil") == ("bohumil",)
    assert given_name_sex("Богуміл") is None


def test_a_double_given_name_keys_each_part():
    assert given_name_id("Анна-Марія") == ("anna", "mariia")


def test_initials_cover_both_languages():
    assert given_name_initials("Олександр") == ("a", "o")
    assert given_name_initials("Юхим") == ("e", "i")
    assert given_name_initials("О.") == ("o",)


@pytest.mark.parametrize(
    ("father", "masculine", "feminine"),
    [
        ("Олексій", "Олексійович", "Олексіївна"),
        ("Микола", "Миколайович", "Миколаївна"),
        ("Григорій", "Григорович", "Григорівна"),
        ("Ілля", "Ілліч", "Іллівна"),
        ("Кузьма", "Кузьмич", "Кузьмівна"),
        ("Петро", "Петрович", "Петрівна"),
        ("Василь", "Васильович", "Василівна"),
        ("Федір", "Федорович", "Федорівна"),
        ("Яків", "Якович", "Яківна"),
        ("Лев", "Львович", "Львівна"),
        ("Іван", "Іванович", "Іванівна"),
        ("Юрій", "Юрійович", "Юріївна"),
    ],
)
def test_ukrainian_patronymics_are_formed_by_the_rules(father, masculine, feminine):
    forms_m, forms_f = ukrainian_patronymics(father)
    assert forms_m[0] == masculine
    assert forms_f[0] == feminine


@pytest.mark.parametrize(
    ("father", "masculine", "feminine"),
    [
        ("Алексей", "Алексеевич", "Алексеевна"),
        ("Николай", "Николаевич", "Николаевна"),
        ("Григорий", "Григорьевич", "Григорьевна"),
        ("Юрий", "Юрьевич", "Юрьевна"),
        ("Дмитрий", "Дмитриевич", "Дмитриевна"),
        ("Илья", "Ильич", "Ильинична"),
        ("Кузьма", "Кузьмич", "Кузьминична"),
        ("Никита", "Никитич", "Никитична"),
        ("Игорь", "Игоревич", "Игоревна"),
        ("Павел", "Павлович", "Павловна"),
        ("Михаил", "Михайлович", "Михайловна"),
        ("Яков", "Яковлевич", "Яковлевна"),
        ("Иван", "Иванович", "Ивановна"),
    ],
)
def test_russian_patronymics_are_formed_by_the_rules(father, masculine, feminine):
    forms_m, forms_f = russian_patronymics(father)
    assert forms_m[0] == masculine
    assert forms_f[0] == feminine


@pytest.mark.parametrize(
    ("patronymic", "father"),
    [
        ("Олексійович", "aleksei"),
        ("Алексеевич", "aleksei"),
        ("Oleksiiovych", "aleksei"),
        ("Alekseevich", "aleksei"),
        ("Alekseyevich", "aleksei"),
        ("Олексіївна", "aleksei"),
        ("Миколайович", "nikolai"),
        ("Николаевич", "nikolai"),
        ("Mykolaiovych", "nikolai"),
        ("Григорович", "grigorii"),
        ("Григорьевич", "grigorii"),
        ("Ілліч", "ilia"),
        ("Ильич", "ilia"),
        ("Ilyich", "ilia"),
        ("Кузьмич", "kuzma"),
        ("Пилипович", "filipp"),
        ("Филиппович", "filipp"),
        ("Юхимович", "efim"),
        ("Ефимович", "efim"),
        ("Опанасович", "afanasii"),
        ("Афанасьевич", "afanasii"),
        ("Yur'yevich", "iurii"),
    ],
)
def test_a_patronymic_maps_back_to_the_fathers_name_across_languages(
    patronymic, father
):
    assert father_name_id(patronymic) == (father,)


def test_a_patronymic_of_an_unknown_name_is_cut_back_by_its_ending():
    # Тарас is tabled; the stem rule also finds names whose patronymic is unusual
    assert father_name_id("Тарасович") == ("taras",)
    assert father_name_id("Тарасовыч") == ("taras",)


def test_a_patronymic_of_a_name_the_table_lacks_keys_as_its_stem():
    assert father_name_id("Вонович") == father_name_id("Vonovych") == ("von",)
    assert father_name_id("Вонівна") == father_name_id("Воновна") == ("von",)


def test_a_word_that_is_no_patronymic_has_no_father():
    assert father_name_id("Шевченко") == ()
    assert father_name_id("") == ()


@pytest.mark.parametrize("row", MALE_ROWS, ids=[row.id for row in MALE_ROWS])
def test_every_patronymic_of_a_tabled_name_maps_back_to_it(row):
    uk_m, uk_f = row.uk_patronymics()
    ru_m, ru_f = row.ru_patronymics()
    for patronymic in uk_m + uk_f:
        assert row.id in father_name_id(patronymic), patronymic
        latin = transliterate(patronymic, Scheme.KMU_2010)
        assert row.id in father_name_id(latin), latin
    for patronymic in ru_m + ru_f:
        assert row.id in father_name_id(patronymic), patronymic
        for scheme in (Scheme.ICAO_9303, Scheme.MVD_1997, Scheme.MVD_2010):
            latin = transliterate(patronymic, scheme)
            assert row.id in father_name_id(latin), latin


def test_the_shipped_index_is_the_table_built_from_the_tsv():
    # given the TSV as shipped
    text = table._data("given_names.tsv")
    # when the table is built from it row by row, and read from the shipped index
    built, shipped = build_name_table(text), table._shipped_table(text)
    # then the index was made from this TSV and holds exactly what building gives
    # (if this fails after editing the TSV or upgrading a romanisation library,
    # run `make name-index`)
    assert shipped is not None, "given_names_index.json was built from another TSV"
    assert shipped == built


def test_an_edited_tsv_is_not_read_through_a_stale_index():
    # given a TSV with one more row than the shipped index was built from
    text = table._data("given_names.tsv") + "m\tТестомир\tТестомир\n"
    # then the shipped index is not used for it, and building finds the new name
    assert table._shipped_table(text) is None
    assert "testomir" in build_name_table(text).given_index
