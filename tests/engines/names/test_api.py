"""The public names of the names engine, as the linkage engine codes against them."""

from homecoming.engines import names
from homecoming.engines.names import NameKeys, PersonName, name_keys, parse_full_name


def test_every_public_name_is_importable_from_the_package():
    for public in names.__all__:
        assert hasattr(names, public), public


def test_the_same_man_in_four_spellings_has_the_same_keys():
    # Given the example of issue 3
    spellings = [
        "Ковальчук Олександр Іванович",
        "КОВАЛЬЧУК Александр Иванович",
        "Kovalchuk Oleksandr Ivanovych",
        "Aleksandr Ivanovich Kovalchuk",
    ]
    # When each is parsed and keyed
    keys = {name_keys(parse_full_name(text)) for text in spellings}
    # Then the keys are one
    assert keys == {
        NameKeys(
            surname=("kovalchuk",),
            given=("aleksandr",),
            patronymic=("ivan",),
            sex="m",
            given_initials=("a", "o"),
            patronymic_initials=("i",),
        )
    }


def test_an_empty_name_has_empty_keys():
    assert name_keys(PersonName()) == NameKeys(
        surname=(), given=(), patronymic=(), sex=None
    )
