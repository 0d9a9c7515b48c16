"""Writes to the ledger: appending entries (and, below, checkpoints and keys).

Every other app's service calls :func:`ledger_append` inside its own
``transaction.atomic()``, after it has changed its data, so that the change and its
entry commit or roll back together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from homecoming.apps.audit.models import LedgerEntry, LedgerHead
from homecoming.engines.ledger import Frontier, LedgerRecord

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def subject_key(subject: models.Model) -> tuple[str, str]:
    """``("app_label.model", "pk")``: how entries name the object they are about."""
    meta = subject._meta
    return f"{meta.app_label}.{meta.model_name}", str(subject.pk)


def visible_to_key(organisation: str, audience: Iterable[str]) -> str:
    """``"|ua|ru|"``: the organisations that may read an entry, for one LIKE lookup."""
    codes = sorted({code for code in (organisation, *audience) if code})
    return "|" + "|".join(codes) + "|" if codes else ""


def ledger_append(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    organisation: str | None,
    subject: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
    audience: Iterable[str] = (),
) -> LedgerEntry:
    """Append one entry to the ledger. Call inside the caller's ``transaction.atomic()``.

    ``actor``: the user acting (None for the system); ``organisation``: the code of the
    actor's organisation (a party code or the mediator's); ``action``: a dotted verb like
    ``"person.register"``; ``subject``: the object changed (stored as app_label.model and
    pk, never as a foreign key); ``data``: a JSON-serialisable dict of what changed (dates as
    ISO strings; CanonicalJSONError otherwise); ``audience``: further organisation codes
    allowed to see the entry (both parties for a shared proposal).

    The head row is locked for the rest of the caller's transaction, which is what makes
    ``seq`` gapless under concurrency; keep the transaction short after appending.
    """
    subject_type, subject_id = subject_key(subject) if subject is not None else ("", "")
    audience_codes = sorted(
        {code for code in audience if code and code != organisation}
    )
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    actor_label = actor.get_username() if actor is not None and actor_id else ""
    with transaction.atomic():
        head = LedgerHead.objects.select_for_update().get(pk=1)
        record = LedgerRecord(
            seq=head.size + 1,
            time=timezone.now(),
            actor_id=actor_id,
            actor=actor_label,
            organisation=organisation or "",
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            data=dict(data or {}),
            audience=tuple(audience_codes),
        )
        leaf = record.leaf_hash()
        frontier = Frontier.from_hex(head.size, head.frontier).append(leaf)
        root = frontier.root().hex()
        entry = LedgerEntry.objects.create(
            seq=record.seq,
            time=record.time,
            actor_id=record.actor_id,
            actor=record.actor,
            organisation=record.organisation,
            action=record.action,
            subject_type=record.subject_type,
            subject_id=record.subject_id,
            data=record.payload()["data"],
            audience=list(record.audience),
            visible_to=visible_to_key(record.organisation, record.audience),
            leaf_hash=leaf.hex(),
            tree_root=root,
        )
        head.size = frontier.size
        head.frontier = frontier.to_hex()
        head.root = root
        head.save(update_fields=["size", "frontier", "root"])
    return entry
