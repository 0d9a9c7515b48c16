"""Finding a person in the registry: by id, by service number, by name in any script.

Each person carries ``search_text``, worked out when its particulars are written::

    " шевченко олександр іванович ua-h-000001 12345 shevchenko aleksandr ivan "

the written names, record id and service number folded (lower case, ё as е, apostrophes
and dashes as the names engine reads them), then the names engine's keys of the names
(``aleksandr`` for Олександр, Александр and Oleksandr). A query is read as words:

- a query that *is* a record id or a service number finds that person first;
- every word must match (``Davydov Oleksandr`` finds Давидов Олександр, not every
  Oleksandr), either as the start of a written word, or through its keys read as a
  surname, a given name or a patronymic (so "Александр" finds "Олександр");
- results are ranked: an exact id, then words matched whole, then words matched by
  their start, then by their keys; then by surname.

All of it is ``LIKE`` on one column, which PostgreSQL and SQLite both run as one scan:
a page of results on 100,000 persons in well under the 300 ms the issue asks
(bench/search).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from homecoming.apps.registry.models import Person
from homecoming.engines.names import PersonName, name_keys

#: The longest query read (longer text is cut), and the most words a query may have.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 6

_SEPARATORS = re.compile(r"[\s\-‐‑–—,;/]+")
_DROPPED = str.maketrans({"'": "", "’": "", "ʼ": "", "`": "", "ʹ": "", ".": " "})


def fold(text: str) -> str:
    """Text as the search compares it: NFKC, lower case, ё as е, apostrophes dropped,
    dashes and punctuation as spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(_SEPARATORS.split(folded.translate(_DROPPED))).strip()


def _identifier_words(text: str) -> list[str]:
    """An id or number as one word ("ua-h-000001") and as its parts ("000001")."""
    whole = unicodedata.normalize("NFKC", text).casefold().strip()
    if not whole:
        return []
    return list(dict.fromkeys([whole.replace(" ", ""), *fold(whole).split()]))


def _name_words(*texts: str) -> list[str]:
    return [word for text in texts for word in fold(text).split() if word]


def query_words(query: str) -> list[str]:
    """The words of a query: an id-like word (with a digit) is kept whole, a name with
    dashes ("Петренко-Коваль") is its parts."""
    words: list[str] = []
    for raw in query.split():
        if any(ch.isdigit() for ch in raw):
            words.append(unicodedata.normalize("NFKC", raw).casefold())
        else:
            words.extend(fold(raw).split())
    return list(dict.fromkeys(words))[:MAX_WORDS]


def search_text_of(values: Mapping[str, Any]) -> str:
    """The ``search_text`` of a person from its particulars (a Person's field values:
    names as written, ``record_id``, ``service_number``, and the ``*_key`` columns)."""
    words = _name_words(
        values.get("surname") or "",
        values.get("given_name") or "",
        values.get("patronymic") or "",
        values.get("full_name_as_written") or "",
    )
    words.extend(_identifier_words(values.get("record_id") or ""))
    words.extend(_identifier_words(values.get("service_number") or ""))
    for key_field in ("surname_key", "given_key", "patronymic_key"):
        words.extend((values.get(key_field) or "").split())
    unique = list(dict.fromkeys(words))
    return (" " + " ".join(unique) + " ")[:1000] if unique else ""


def _word_keys(word: str) -> tuple[str, ...]:
    """The names engine's keys of ``word`` read as a surname, a given name and a
    patronymic (a word of one or two letters, or one with a digit, has none: it would
    match too much)."""
    if len(word) < 3 or any(ch.isdigit() for ch in word):
        return ()
    keys = (
        *name_keys(PersonName(word, "", "")).surname,
        *name_keys(PersonName("", word, "")).given,
        *name_keys(PersonName("", "", word)).patronymic,
    )
    return tuple(dict.fromkeys(k for k in keys if k and k != word))


def _exact_identifier(query: str) -> Q:
    return Q(record_id__iexact=query) | Q(service_number__iexact=query)


def person_search_filter(persons: QuerySet[Person], query: str) -> QuerySet[Person]:
    """``persons`` that answer ``query`` (module doc), annotated with ``search_rank``
    and ordered by it (best first), then by surname."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    words = query_words(query)
    if not words:
        return persons
    exact = _exact_identifier(query)
    matches = Q()
    rank: list[When] = [When(exact, then=Value(1000))]
    for word in words:
        keys = _word_keys(word)
        word_match = Q(search_text__contains=f" {word}")
        for key in keys:
            word_match |= Q(search_text__contains=f" {key} ")
        matches &= word_match
    score: Any = Value(0)
    for word in words:
        keys = _word_keys(word)
        by_key = Q()
        for key in keys:
            by_key |= Q(search_text__contains=f" {key} ")
        score = score + Case(
            When(Q(search_text__contains=f" {word} "), then=Value(30)),
            When(Q(search_text__contains=f" {word}"), then=Value(20)),
            *([When(by_key, then=Value(10))] if keys else []),
            default=Value(0),
            output_field=IntegerField(),
        )
    found = persons.filter(exact | matches).annotate(
        search_rank=Case(*rank, default=score, output_field=IntegerField())
    )
    return found.order_by("-search_rank", Lower("surname"), "surname", "pk")
