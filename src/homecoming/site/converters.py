"""The ``id`` path converter: an object id that a database column can hold.

Django's ``int`` converter takes any run of digits, so ``/persons/1000000000000000000000/``
reached the database and crashed there (SQLite: "Python int too large", PostgreSQL:
"bigint out of range"). ``<id:person_id>`` matches only 1 to 2**63 - 1; anything else
does not match, so it is the missing page (404) that it is. ``site/urls.py`` registers it.
"""

from __future__ import annotations

#: The largest value of a bigint column (PostgreSQL, SQLite), the type of every id.
LARGEST_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= LARGEST_ID:
            raise ValueError(value)  # the URL does not match: 404
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))
