"""The other party's staff are named by role only, wherever a user name could appear.

Found (issue 20): the other party's staff user names appeared in shared ledger
entries (``key.register``'s actor). The pages and the entries API already said "a
member of ua"; the entry's inclusion proof still handed out the hashed record with the
user name in it.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.audit.services import party_key_register
from homecoming.engines.ledger import public_key_text
from tests.conftest import api_as


def _key_registered_by(admin: Any) -> int:
    text = public_key_text(Ed25519PrivateKey.generate().public_key())
    party_key_register(by=actor_for(admin), public_key=text, label="signing")
    from homecoming.apps.audit.models import LedgerEntry

    return LedgerEntry.objects.filter(action="key.register").latest("seq").seq


def test_the_other_party_reads_a_shared_entry_without_the_actors_name(
    a_admin: Any, b_officer: Any, party_b: Any
) -> None:
    seq = _key_registered_by(a_admin)
    reader = api_as(b_officer)
    entries = reader.get("/api/v1/ledger/entries/").json()["results"]
    shared = next(e for e in entries if e["seq"] == seq)
    assert shared["actor"] == "Party administrator of ua"
    proof = reader.get(f"/api/v1/ledger/entries/{seq}/proof/?size={seq}")
    assert proof.status_code == 200
    assert "a_admin" not in json.dumps(proof.json())


def test_an_entry_for_ones_own_organisation_keeps_the_name(
    a_officer: Any, a_admin: Any
) -> None:
    from homecoming.apps.registry.services import person_list_get_or_create

    person_list_get_or_create(kind="held", title="Held", by=actor_for(a_officer))
    entries = api_as(a_admin).get("/api/v1/ledger/entries/").json()["results"]
    assert "a_officer" in {e["actor"] for e in entries}
