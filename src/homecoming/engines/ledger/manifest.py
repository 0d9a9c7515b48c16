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

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from homecoming.engines.ledger.canonical import document_sha256
from homecoming.engines.ledger.errors import ManifestFormatError

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
    return Draft202012Validator(manifest_schema())


def validate_manifest(document: Any) -> None:
    """ManifestFormatError naming the first field at fault, unless ``document`` fits."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        raise ManifestFormatError(f"manifest field {where}: {error.message}")


def manifest_fingerprint(document: Any) -> str:
    """Validate, then the hex SHA-256 of the manifest's canonical JSON."""
    validate_manifest(document)
    return document_sha256(document)
