"""The ledger's objects for the access matrix: an entry, a checkpoint, a key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homecoming.apps.accounts.actors import SYSTEM, actor_for
from homecoming.apps.audit.services import (
    checkpoint_sign,
    ledger_append,
    party_key_register,
)
from homecoming.engines.ledger import generate_private_key, public_key_text
from tests.apps.access import MEMBERS, PARTY_SCOPED, Side, register
from tests.ledger_notes import NOTE, acting_for


def _objects(side: Side) -> Mapping[str, Any]:
    entry = ledger_append(
        by=acting_for(side.owner.code), action=NOTE, data={"s": side.canaries[0]}
    )
    key = party_key_register(
        by=actor_for(side.admin),
        public_key=public_key_text(generate_private_key().public_key()),
        label=f"key of {side.owner.code}",
    )
    checkpoint = checkpoint_sign(by=SYSTEM)  # covers the entry: its proof can be asked
    return {"seq": entry.seq, "key_pk": key.pk, "checkpoint_id": checkpoint.pk}


register(
    make=_objects,
    parameters={"seq": PARTY_SCOPED, "key_pk": MEMBERS, "checkpoint_id": MEMBERS},
)
