"""Whose key is what, from the ledger's own entries (never from a table one can edit).

Key entries, as the audit service appends them (``organisation`` is the key's owner for
a registration, the revoker for a revocation)::

    key.register  {"key_id": "<hex>", "label": "...", "public_key": "<base64>"?}
    key.rotate    {"key_id": "<new hex>", "replaces": "<old hex>", "label": "..."}
    key.revoke    {"key_id": "<hex>", "owner": "ua", "reason": "..."}

and entries that record a signature made with a key (``document.sign``, and
``checkpoint.cosign`` for a party's cosignature) carry ``{"key_id": "<hex>", ...}``.
Replaying them in order gives each key's owner, the entry that registered it and the ones
that retired or revoked it; :meth:`KeyHistory.ring` turns that into the key list a
verifier uses, and :meth:`KeyHistory.differences` names every way a stored key table
departs from it (a revoked key set active again, a key handed to another owner).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from homecoming.engines.ledger.entries import LedgerRecord
from homecoming.engines.ledger.errors import KeyFormatError
from homecoming.engines.ledger.keys import (
    ACTIVE,
    RETIRED,
    REVOKED,
    KeyRing,
    TrustedKey,
    key_id,
    load_public_key,
)

KEY_REGISTER, KEY_ROTATE, KEY_REVOKE = "key.register", "key.rotate", "key.revoke"
KEY_ACTIONS = frozenset({KEY_REGISTER, KEY_ROTATE, KEY_REVOKE})
SIGNATURE_ACTIONS = frozenset({"document.sign", "checkpoint.cosign"})
_HEX_ID = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class KeyState:
    """One key as the ledger has it: owner, and the entries that changed it."""

    key_id: str
    owner: str
    registered: int
    public_key: str = ""
    label: str = ""
    retired: int | None = None
    revoked: int | None = None

    @property
    def status(self) -> str:
        if self.revoked is not None:
            return REVOKED
        return RETIRED if self.retired is not None else ACTIVE


class KeyHistory:
    """Key states replayed from entries in order; :meth:`apply` says what is wrong."""

    def __init__(self) -> None:
        self.states: dict[str, KeyState] = {}

    @classmethod
    def of(cls, records: Iterable[LedgerRecord]) -> KeyHistory:
        history = cls()
        for record in records:
            history.apply(record)
        return history

    def apply(self, record: LedgerRecord, *, operator: str = "") -> str | None:
        """Take one entry into account; the problem with it, or None."""
        if record.action not in KEY_ACTIONS and record.action not in SIGNATURE_ACTIONS:
            return None
        data: Mapping[str, Any] = record.data
        identifier = data.get("key_id")
        if not isinstance(identifier, str) or not _HEX_ID.fullmatch(identifier):
            return f"a {record.action} entry without a key_id of 64 hex digits"
        known = self.states.get(identifier)
        if record.action in SIGNATURE_ACTIONS:
            return _signature_problem(record, identifier, known)
        if record.action == KEY_REVOKE:
            return self._revoke(record, identifier, known, operator)
        if known is not None:
            return f"registers key {identifier[:16]}… again (first at entry {known.registered})"
        public = data.get("public_key", "")
        if public:
            try:
                matches = key_id(load_public_key(str(public))) == identifier
            except KeyFormatError:
                matches = False
            if not matches:
                return (
                    f"registers key {identifier[:16]}… with a public key of another id"
                )
        if record.action == KEY_ROTATE:
            problem = self._retire(record, data.get("replaces"))
            if problem is not None:
                return problem
        self.states[identifier] = KeyState(
            identifier,
            record.organisation,
            record.seq,
            public_key=str(public),
            label=str(data.get("label", "")),
        )
        return None

    def _retire(self, record: LedgerRecord, replaces: Any) -> str | None:
        old = self.states.get(replaces) if isinstance(replaces, str) else None
        if old is None:
            return "rotates a key the ledger never registered"
        if old.owner != record.organisation or old.status != ACTIVE:
            return f"rotates key {old.key_id[:16]}…, not an active key of {record.organisation}"
        self.states[old.key_id] = replace(old, retired=record.seq)
        return None

    def _revoke(
        self,
        record: LedgerRecord,
        identifier: str,
        known: KeyState | None,
        operator: str,
    ) -> str | None:
        if known is None:
            return f"revokes key {identifier[:16]}…, which the ledger never registered"
        if known.revoked is not None:
            return (
                f"revokes key {identifier[:16]}… again (first at entry {known.revoked})"
            )
        if record.organisation not in {known.owner, operator} and operator:
            return (
                f"{record.organisation} revokes a key of {known.owner}"
                " (only its owner or the mediator may)"
            )
        self.states[identifier] = replace(known, revoked=record.seq)
        return None

    def ring(self, public_keys: Mapping[str, str] | None = None) -> KeyRing:
        """The key list the ledger implies; public keys from the entries or, for entries
        that carry only the id, from ``public_keys`` if they hash to that id."""
        trusted = []
        known = public_keys or {}
        for state in self.states.values():
            public = state.public_key or known.get(state.key_id, "")
            try:
                if not public or key_id(load_public_key(public)) != state.key_id:
                    continue
            except KeyFormatError:
                continue
            trusted.append(
                TrustedKey(state.key_id, state.owner, public, state.status, state.label)
            )
        return KeyRing.of(trusted)

    def differences(self, table: KeyRing) -> list[str]:
        """Every way the key table ``table`` departs from the ledger's key entries."""
        problems = []
        for stored in sorted(table.keys.values(), key=lambda k: k.key_id):
            state = self.states.get(stored.key_id)
            name = f"key {stored.key_id[:16]}…"
            if state is None:
                problems.append(f"the key table holds {name}, which no entry registers")
            elif stored.owner != state.owner:
                problems.append(
                    f"the key table gives {name} to {stored.owner}; the ledger registered"
                    f" it for {state.owner} at entry {state.registered}"
                )
            elif stored.status != state.status:
                changed = state.revoked or state.retired or state.registered
                problems.append(
                    f"the key table says {name} is {stored.status}; the ledger has it"
                    f" {state.status} (entry {changed})"
                )
        return problems


def _signature_problem(
    record: LedgerRecord, identifier: str, known: KeyState | None
) -> str | None:
    name = f"key {identifier[:16]}…"
    if known is None:
        return f"records a signature by {name}, which no earlier entry registers"
    if known.owner != record.organisation:
        return f"records a signature by {name} for {record.organisation}; it is {known.owner}'s"
    if known.revoked is not None:
        return f"records a signature by {name}, revoked at entry {known.revoked}"
    if known.retired is not None:
        return f"records a signature by {name}, retired at entry {known.retired}"
    return None
