"""The signed manifest: one side's persons for one stage of an exchange.

Shape (the JSON Schema is ``schemas/manifest.schema.json``, packaged with the engine)::

    {"type": "homecoming-manifest/1",
     "exchange": {"id": "ex-1", "title": "..."},
     "stage": {"id": "st-1", "number": 1, "date": "2026-12-01", "place": "...",
               "transport": "bus"},
     "side": {"releasing_party": "ru", "receiving_party": "ua"},
     "signatories": ["ua", "ru", "mediator"],
     "issued_at": "2026-11-25T13:00:00.000000Z",
     "persons": [{"record_ids": {"ua": "UA-17", "ru": "4411"},
                  "names_as_written": {"surname": "ШЕВЧЕНКО", "given_name": "Олександр",
                                       "patronymic": "Іванович", "script": "Cyrl"},
                  "names_transliterated": {"surname": "SHEVCHENKO", "given_name":
                                           "Oleksandr", "patronymic": "Ivanovych",
                                           "script": "Latn", "scheme": "KMU 2010"},
                  "gates": ["identity_verified", "consent_given", "medically_fit"]}]}

A manifest is final only with a valid signature from every signatory over its canonical
JSON; the SHA-256 of those bytes (:func:`manifest_fingerprint`) is what a printed copy
carries.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from homecoming.engines.ledger.canonical import document_sha256
from homecoming.engines.ledger.errors import ManifestFormatError
from homecoming.engines.ledger.manifest_persons import person_problem

MANIFEST_TYPE = "homecoming-manifest/1"


@cache
def manifest_schema() -> dict[str, Any]:
    """The manifest's JSON Schema (draft 2020-12)."""
    text = (
        resources.files("homecoming.engines.ledger")
        .joinpath("schemas/manifest.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    """The schema without the per-person definition, which :func:`person_problem`
    checks (jsonschema is too slow for it on 100,000 persons)."""
    schema = copy.deepcopy(manifest_schema())
    del schema["properties"]["persons"]["items"]
    return Draft202012Validator(schema)


def validate_manifest(document: Any) -> None:
    """ManifestFormatError naming the first field at fault, unless ``document`` fits."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        raise ManifestFormatError(f"manifest field {where}: {error.message}")
    for number, person in enumerate(document["persons"]):
        found = person_problem(person)
        if found is not None:
            where = "/".join(
                part for part in ("persons", str(number), found[0]) if part
            )
            raise ManifestFormatError(f"manifest field {where}: {found[1]}")


def manifest_fingerprint(document: Any) -> str:
    """Validate, then the hex SHA-256 of the manifest's canonical JSON."""
    validate_manifest(document)
    return document_sha256(document)


def manifest_shape(value: Any) -> bool:
    """For :func:`~homecoming.engines.ledger.canonical.read_document`: validate a manifest
    (ManifestFormatError if it does not fit) and vouch for its shape; False for any other
    kind of document, which then gets the generic checks."""
    if not isinstance(value, dict) or value.get("type") != MANIFEST_TYPE:
        return False
    validate_manifest(value)
    return True
