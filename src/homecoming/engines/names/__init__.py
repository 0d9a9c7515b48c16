"""Names across scripts: detect, transliterate, parse, and key names for comparison.

Pure Python (no Django). Names are kept exactly as written; the keys are added beside
them, so that "Ковальчук Олександр Іванович", "КОВАЛЬЧУК Александр Иванович",
"Kovalchuk Oleksandr" and "Aleksandr Kovalchuk" compare equal. Public names:

- :class:`Script`, :func:`detect_script`: Ukrainian, Russian or undetermined Cyrillic,
  Latin, mixed;
- :class:`Scheme`, :func:`transliterate`: KMU 2010, ICAO 9303, MVD 1997 and 2010,
  BGN/PCGN, GOST 7.79 (A and B), anyascii;
- :class:`PersonName`, :func:`parse_full_name`: one full-name field, in any order,
  with initials or inflected, split into surname, given name and patronymic;
- :class:`NameKeys`, :func:`name_keys`, :func:`fold_surname`, :func:`surname_keys`,
  :func:`given_name_id`, :func:`father_name_id`: the comparison keys;
- :func:`russian_renderings`, :func:`ukrainian_patronymics`,
  :func:`russian_patronymics`: the rules, for reasons shown to people;
- :class:`NamesError` (base), :class:`UnknownSchemeError`, :class:`NameTableError`.

See docs/names.md.
"""

from homecoming.engines.names.errors import (
    NamesError,
    NameTableError,
    UnknownSchemeError,
)
from homecoming.engines.names.folding import fold_word
from homecoming.engines.names.given import (
    father_name_id,
    given_name_id,
    given_name_initials,
    given_name_sex,
    is_known_given_name,
    looks_like_patronymic,
)
from homecoming.engines.names.keys import NameKeys, name_keys
from homecoming.engines.names.parsing import PersonName, parse_full_name
from homecoming.engines.names.patronymics import (
    russian_patronymics,
    ukrainian_patronymics,
)
from homecoming.engines.names.schemes import Scheme, transliterate
from homecoming.engines.names.scripts import Script, detect_script
from homecoming.engines.names.surnames import (
    fold_surname,
    russian_renderings,
    surname_keys,
)

__all__ = [
    "NameKeys",
    "NameTableError",
    "NamesError",
    "PersonName",
    "Scheme",
    "Script",
    "UnknownSchemeError",
    "detect_script",
    "father_name_id",
    "fold_surname",
    "fold_word",
    "given_name_id",
    "given_name_initials",
    "given_name_sex",
    "is_known_given_name",
    "looks_like_patronymic",
    "name_keys",
    "parse_full_name",
    "russian_patronymics",
    "russian_renderings",
    "surname_keys",
    "transliterate",
    "ukrainian_patronymics",
]
