"""Reads of the ledger, always scoped to the caller (DESIGN.md section 4).

| caller | ledger entries | checkpoints |
|---|---|---|
| a party | its own entries and those whose audience names it | all |
| the mediator | all | all |
| an observer | none | all |
| anyone else (no membership, anonymous) | none | none |
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.accounts.permissions import Permission, may
from homecoming.apps.audit.models import (
    Checkpoint,
    DocumentSignature,
    LedgerEntry,
    LedgerHead,
    PartyKey,
)
from homecoming.engines.ledger import (
    KEY_ACTIONS,
    DocumentVerification,
    JSONCheckpoint,
    KeyHistory,
    KeyRing,
    LedgerRecord,
    LogReport,
    SignatureEnvelope,
    SignedJSONCheckpoint,
    StoredEntry,
    TreeHead,
    TrustedKey,
    checkpoints_consistent,
    consistency_proof,
    document_sha256,
    inclusion_proof,
    required_signers_of,
    sign_key_list,
    subtree_root,
    verify_document,
    verify_log,
)
from homecoming.engines.ledger import (
    Checkpoint as CheckpointValue,
)
from homecoming.refusals import Hidden, Rejected

# An import appends one entry about the list version, none per person: the history of a
# person (or a list) also shows the entries about the list versions that hold it.
# subject type -> (model holding the link, its field naming the subject, version field)
_VERSION_LINKS = {
    "registry.person": ("registry.ListRow", "person_id", "version_id"),
    "registry.personlist": ("registry.ListVersion", "person_list_id", "pk"),
}


def _about(subject: models.Model) -> models.Q:
    """Entries about ``subject``, and about the list versions that list it."""
    meta = subject._meta
    subject_type = f"{meta.app_label}.{meta.model_name}"
    about = models.Q(subject_type=subject_type, subject_id=str(subject.pk))
    link = _VERSION_LINKS.get(subject_type)
    if link is not None:
        model_name, subject_field, version_field = link
        versions = (
            apps.get_model(model_name)
            .objects.filter(**{subject_field: subject.pk})
            .values_list(version_field, flat=True)
            .distinct()
        )
        about |= models.Q(
            subject_type="registry.listversion",
            subject_id__in=[str(pk) for pk in versions],
        )
    return about


def ledger_entries_for(
    *, by: Actor, subject: models.Model | None = None
) -> models.QuerySet[LedgerEntry]:
    """Entries the actor may read, oldest first: a party its own organisation's and those
    shared with it, the mediator all, anyone else none; optionally only those about
    ``subject`` (for a person or a list, also those about the list versions that list
    it)."""
    entries = LedgerEntry.objects.order_by("seq")
    if subject is not None:
        entries = entries.filter(_about(subject))
    if not may(by, Permission.LEDGER_ENTRIES_READ):
        return entries.none()
    if by.is_mediator:
        return entries
    return entries.filter(visible_to__contains=f"|{by.organisation_code}|")


# Checkpoints, consistency and verification ---------------------------------------------


def checkpoints_for(*, by: Actor) -> models.QuerySet[Checkpoint]:
    """Every checkpoint, newest first, for any member (parties, mediator, observers)."""
    if not may(by, Permission.CHECKPOINTS_READ):
        return Checkpoint.objects.none()
    return Checkpoint.objects.order_by("-size", "-time")


def access_checkpoint(*, by: Actor, checkpoint_id: int) -> Checkpoint:
    """One checkpoint by id; Hidden when missing or not visible."""
    checkpoint = checkpoints_for(by=by).filter(pk=checkpoint_id).first()
    if checkpoint is None:
        raise Hidden("No such checkpoint.")
    return checkpoint


def signed_checkpoint_of(checkpoint: Checkpoint) -> SignedJSONCheckpoint:
    """The engine's view of a stored checkpoint: the signed document and its envelope."""
    return SignedJSONCheckpoint(
        JSONCheckpoint.from_document(checkpoint.document),
        SignatureEnvelope.from_json(checkpoint.signature),
    )


@dataclass(frozen=True, slots=True)
class ConsistencyAnswer:
    """A consistency proof between two sizes, with the signed checkpoint of the newer one.

    ``proof`` is the RFC 9162 PROOF(old_size, D[new_size]) as hex. ``old_root`` is the
    root the server has for the old size now: a party compares it, and checks the proof,
    against the root it kept.
    """

    old_size: int
    new_size: int
    old_root: str
    new_root: str
    proof: tuple[str, ...]
    new_checkpoint: Checkpoint | None

    def consistent_with(self, kept_root: str) -> bool:
        """Does the proof tie the root a party kept for ``old_size`` to the new root?"""
        return checkpoints_consistent(
            CheckpointValue("", self.old_size, kept_root.strip().lower()),
            CheckpointValue("", self.new_size, self.new_root),
            [bytes.fromhex(p) for p in self.proof],
        )


def _leaf_hashes(size: int) -> list[bytes]:
    rows = (
        LedgerEntry.objects.filter(seq__lte=size)
        .order_by("seq")
        .values_list("leaf_hash", flat=True)
    )
    return [bytes.fromhex(h) for h in rows.iterator(chunk_size=5000)]


def ledger_consistency_for(
    *, by: Actor, old_size: int, new_size: int | None = None
) -> ConsistencyAnswer:
    """The consistency proof from ``old_size`` to ``new_size`` (default: the latest checkpoint).

    Any member may ask: the proof carries hashes only. :class:`Rejected` (field
    ``old_size``) for sizes the log does not have.
    """
    if not may(by, Permission.CHECKPOINTS_READ):
        raise Hidden("No such ledger.")
    new_checkpoint: Checkpoint | None
    if new_size is None:
        new_checkpoint = Checkpoint.objects.order_by("-size", "-time").first()
        if new_checkpoint is None:
            raise Hidden("No checkpoint has been signed yet.")
        new_size = new_checkpoint.size
    else:
        new_checkpoint = (
            Checkpoint.objects.filter(size=new_size).order_by("-time").first()
        )
    if not 0 <= old_size <= new_size:
        raise Rejected(f"size {old_size} is not within 0..{new_size}", field="old_size")
    leaves = _leaf_hashes(new_size)
    if len(leaves) != new_size:
        raise Rejected(f"the ledger has no size {new_size}", field="new_size")
    return ConsistencyAnswer(
        old_size=old_size,
        new_size=new_size,
        old_root=subtree_root(leaves, 0, old_size).hex(),
        new_root=subtree_root(leaves, 0, new_size).hex(),
        proof=tuple(p.hex() for p in consistency_proof(leaves, old_size)),
        new_checkpoint=new_checkpoint,
    )


def key_ring_of(keys: Iterable[PartyKey]) -> KeyRing:
    """Registered keys as the engine's key list (KEYS.json)."""
    return KeyRing.of(
        TrustedKey(k.key_id, k.organisation, k.public_key, k.status, k.label)
        for k in keys
    )


def key_ring() -> KeyRing:
    """Every registered key with its owner and status (unscoped: keys are public)."""
    return key_ring_of(PartyKey.objects.order_by("pk"))


def ledger_key_ring() -> KeyRing:
    """Every key as the ledger's own key entries have it: owner and status replayed from
    ``key.register``/``key.rotate``/``key.revoke``, never read from the key table (which
    supplies a public key only for an entry written before entries carried one, and
    only if it hashes to that entry's key id)."""
    records = (
        record_of(entry)
        for entry in LedgerEntry.objects.filter(action__in=KEY_ACTIONS).order_by("seq")
    )
    table = dict(PartyKey.objects.values_list("key_id", "public_key"))
    return KeyHistory.of(records).ring(table)


def signed_key_list() -> dict[str, Any]:
    """``KEYS.json`` as served: the ledger's key list, signed now by the mediator's key.

    A party checks it offline against the fingerprints it wrote down in person
    (``homecoming ledger keys --keys keys.json --trust TRUSTED.txt``).
    """
    from django.utils import timezone

    from homecoming.apps.accounts.selectors import mediator_organisation
    from homecoming.apps.audit.signing import checkpoint_private_key

    mediator = mediator_organisation()
    return sign_key_list(
        ledger_key_ring(),
        checkpoint_private_key(),
        issuer=mediator.code if mediator is not None else "mediator",
        moment=timezone.now(),
    )


def party_keys_for(*, by: Actor) -> models.QuerySet[PartyKey]:
    """Registered public keys: public within the system, so every member sees them all."""
    if not may(by, Permission.KEYS_READ):
        return PartyKey.objects.none()
    return PartyKey.objects.order_by("organisation", "registered_at")


def access_party_key(*, by: Actor, key_pk: int) -> PartyKey:
    """A registered key by its row id; Hidden when missing or not visible."""
    key = party_keys_for(by=by).filter(pk=key_pk).first()
    if key is None:
        raise Hidden("No such key.")
    return key


def record_of(entry: LedgerEntry) -> LedgerRecord:
    """The engine's view of a stored entry: exactly what was hashed."""
    return LedgerRecord(
        seq=entry.seq,
        time=entry.time,
        actor_id=entry.actor_id,
        actor=entry.actor,
        organisation=entry.organisation,
        action=entry.action,
        subject_type=entry.subject_type,
        subject_id=entry.subject_id,
        data=entry.data,
        audience=tuple(entry.audience),
    )


def _stored_entries() -> Iterator[StoredEntry]:
    for entry in LedgerEntry.objects.order_by("seq").iterator(chunk_size=2000):
        yield StoredEntry(
            record_of(entry), entry.leaf_hash, entry.tree_root, entry.visible_to
        )


@dataclass(frozen=True, slots=True)
class InclusionAnswer:
    """An entry's hashed content and the RFC 9162 proof that it is in a signed checkpoint."""

    entry: LedgerEntry
    payload: dict[str, Any]
    tree_size: int
    root: str
    proof: tuple[str, ...]
    checkpoint: Checkpoint | None


def ledger_inclusion_for(
    *, by: Actor, seq: int, tree_size: int | None = None
) -> InclusionAnswer:
    """Proof that entry ``seq`` (one the caller may see) is in the tree of ``tree_size``
    entries (default: the latest checkpoint); Hidden or Rejected otherwise."""
    entry = ledger_entries_for(by=by).filter(seq=seq).first()
    if entry is None:
        raise Hidden("No such entry.")
    checkpoint: Checkpoint | None
    if tree_size is None:
        checkpoint = Checkpoint.objects.order_by("-size", "-time").first()
        if checkpoint is None:
            raise Hidden("No checkpoint has been signed yet.")
        tree_size = checkpoint.size
    else:
        checkpoint = Checkpoint.objects.filter(size=tree_size).order_by("-time").first()
    if not seq <= tree_size:
        raise Rejected(
            f"entry {seq} is not within the first {tree_size} entries", field="size"
        )
    leaves = _leaf_hashes(tree_size)
    if len(leaves) != tree_size:
        raise Rejected(f"the ledger has no size {tree_size}", field="size")
    return InclusionAnswer(
        entry=entry,
        payload=record_of(entry).payload(),
        tree_size=tree_size,
        root=subtree_root(leaves, 0, tree_size).hex(),
        proof=tuple(p.hex() for p in inclusion_proof(leaves, seq - 1)),
        checkpoint=checkpoint,
    )


def ledger_size() -> int:
    """How many entries the ledger holds (unscoped: a count, for a progress bar)."""
    return LedgerHead.objects.get(pk=1).size


def ledger_verification(*, progress: Callable[[int], None] | None = None) -> LogReport:
    """Re-compute the whole ledger and check every stored checkpoint (unscoped: callers
    are the ``homecoming ledger verify`` command and :func:`ledger_verification_for`)."""
    checkpoints = [
        signed_checkpoint_of(c) for c in Checkpoint.objects.order_by("size", "time")
    ]
    operators = {c.envelope.key_id for c in checkpoints}
    ring = key_ring()
    owners = {key.owner for k in operators if (key := ring.get(k)) is not None}
    operator = owners.pop() if len(owners) == 1 else ""
    stored_head = LedgerHead.objects.get(pk=1)
    head = TreeHead(stored_head.size, stored_head.root, tuple(stored_head.frontier))
    return verify_log(
        _stored_entries(),
        checkpoints,
        ring,
        operator=operator,
        head=head,
        progress=progress,
    )


def ledger_verification_for(*, by: Actor) -> LogReport:
    """The verification report, for the mediator and for auditors (observers)."""
    if not may(by, Permission.LEDGER_REPORT_READ):
        raise Hidden("No such report.")
    return ledger_verification()


def document_verification(
    *, document: Mapping[str, Any], required_signers: tuple[str, ...] | None = None
) -> DocumentVerification:
    """Is ``document`` intact and signed by all its signatories, per uploaded signatures?

    ``required_signers`` defaults to the document's ``"signatories"``. For the exchanges
    app: a manifest is final when this is ``intact``.
    """
    digest = document_sha256(dict(document))
    envelopes = [
        SignatureEnvelope.from_json(s.envelope)
        for s in DocumentSignature.objects.filter(document_sha256=digest)
    ]
    signers = (
        required_signers
        if required_signers is not None
        else required_signers_of(document)
    )
    return verify_document(
        dict(document), envelopes, key_ring(), required_signers=signers
    )
