"""Writes to the ledger: appending entries (and, below, checkpoints and keys).

Every other app's service calls :func:`ledger_append` inside its own
``transaction.atomic()``, after it has changed its data, so that the change and its
entry commit or roll back together.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import connections, models, transaction
from django.utils import timezone

from homecoming.apps.accounts.models import Organisation, OrganisationKind
from homecoming.apps.accounts.selectors import Viewer, viewer_for
from homecoming.apps.audit.models import (
    Checkpoint,
    DocumentSignature,
    KeyStatus,
    LedgerEntry,
    LedgerHead,
    PartyKey,
)
from homecoming.apps.audit.signing import checkpoint_private_key, ledger_origin
from homecoming.engines.ledger import (
    Frontier,
    KeyFormatError,
    KeyRing,
    LedgerError,
    LedgerRecord,
    SignatureEnvelope,
    TrustedKey,
    checkpoint_at,
    document_sha256,
    key_id,
    load_public_key,
    public_key_text,
    sign_checkpoint,
    verify_document,
)

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


def _lock_head_sql(connection: Any) -> str:
    """Read the head row, locking it until the end of the transaction.

    PostgreSQL locks the row; SQLite has no row locks, and Homecoming opens every
    transaction IMMEDIATE (settings), which takes the database's write lock at BEGIN.
    """
    sql = "SELECT size, frontier FROM audit_ledgerhead WHERE id = 1"
    return sql + " FOR UPDATE" if connection.features.has_select_for_update else sql


@functools.cache
def _insert_entry_sql() -> str:
    columns = [str(f.column) for f in LedgerEntry._meta.concrete_fields]
    return "INSERT INTO audit_ledgerentry ({}) VALUES ({})".format(  # noqa: S608 (column names are ours)
        ", ".join(columns), ", ".join(["%s"] * len(columns))
    )


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
    connection = connections[LedgerEntry.objects.db]
    # No savepoint: inside the caller's transaction a failure here fails it, as it must.
    # Plain SQL for the three statements: the ORM's overhead was most of an append.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(_lock_head_sql(connection))
        row = cursor.fetchone()
        if row is None:
            raise LedgerHead.DoesNotExist(
                "the ledger head row is missing (migrate audit)"
            )
        size, stored_frontier = int(row[0]), row[1]
        if isinstance(stored_frontier, str):
            stored_frontier = json.loads(stored_frontier)
        record = LedgerRecord(
            seq=size + 1,
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
        frontier = Frontier.from_hex(size, stored_frontier).append(leaf)
        root = frontier.root().hex()
        entry = LedgerEntry(
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
        fields = LedgerEntry._meta.concrete_fields
        cursor.execute(
            _insert_entry_sql(),
            [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields],
        )
        frontier_field = LedgerHead._meta.get_field("frontier")
        cursor.execute(
            "UPDATE audit_ledgerhead SET size = %s, frontier = %s, root = %s WHERE id = 1",
            [
                frontier.size,
                frontier_field.get_db_prep_save(frontier.to_hex(), connection),
                root,
            ],
        )
    entry._state.adding = False
    entry._state.db = connection.alias
    return entry


# Keys ---------------------------------------------------------------------------------


class AuditError(Exception):
    """A request about keys, checkpoints or signatures that cannot be honoured."""


class AuditPermissionDenied(AuditError):
    """The caller's role does not allow this."""


def _viewer_or_deny(user: Any, *, admin: bool = False) -> Viewer:
    viewer = viewer_for(user)
    if viewer.organisation_code is None or viewer.is_observer:
        raise AuditPermissionDenied(
            "only members of a party or the mediator may do this"
        )
    if admin and not viewer.is_admin:
        raise AuditPermissionDenied(
            "only an administrator of the organisation may do this"
        )
    return viewer


def party_key_register(
    *, user: Any, public_key: str, label: str = "", replaces: PartyKey | None = None
) -> PartyKey:
    """Register an Ed25519 public key for the caller's organisation (administrators only).

    With ``replaces`` this is a rotation: the old key (of the same organisation) is
    retired in the same transaction; what it signed before still verifies.
    """
    viewer = _viewer_or_deny(user, admin=True)
    organisation = str(viewer.organisation_code)
    try:
        public = load_public_key(public_key)
    except KeyFormatError as exc:
        raise AuditError(f"public key: {exc}") from exc
    identifier = key_id(public)
    with transaction.atomic():
        if PartyKey.objects.filter(key_id=identifier).exists():
            raise AuditError(f"key {identifier[:16]}… is already registered")
        key = PartyKey.objects.create(
            organisation=organisation,
            key_id=identifier,
            public_key=public_key_text(public),
            label=label,
            registered_by_id=user.pk,
        )
        data: dict[str, Any] = {"key_id": identifier, "label": label}
        if replaces is not None:
            old = PartyKey.objects.select_for_update().get(pk=replaces.pk)
            if old.organisation != organisation or old.status != KeyStatus.ACTIVE:
                raise AuditError(
                    "only an active key of your organisation can be rotated"
                )
            old.status = KeyStatus.RETIRED
            old.retired_at = timezone.now()
            old.replaced_by_key_id = identifier
            old.save(update_fields=["status", "retired_at", "replaced_by_key_id"])
            data["replaces"] = old.key_id
        ledger_append(
            actor=user,
            action="key.rotate" if replaces is not None else "key.register",
            organisation=organisation,
            subject=key,
            data=data,
            audience=_all_organisation_codes(),
        )
    return key


def party_key_revoke(*, user: Any, key: PartyKey, reason: str) -> PartyKey:
    """Revoke a key of the caller's organisation (administrators; the mediator for any).

    A revoked key is no longer trusted for anything, including what it signed before:
    use it when a private key is lost or compromised. The reason is mandatory.
    """
    viewer = _viewer_or_deny(user, admin=True)
    if not reason.strip():
        raise AuditError("a reason for the revocation is required")
    with transaction.atomic():
        key = PartyKey.objects.select_for_update().get(pk=key.pk)
        if key.organisation != viewer.organisation_code and not viewer.is_mediator:
            raise AuditPermissionDenied("a party may revoke only its own keys")
        if key.status == KeyStatus.REVOKED:
            raise AuditError("the key is already revoked")
        key.status = KeyStatus.REVOKED
        key.revoked_at = timezone.now()
        key.revocation_reason = reason.strip()
        key.save(update_fields=["status", "revoked_at", "revocation_reason"])
        ledger_append(
            actor=user,
            action="key.revoke",
            organisation=str(viewer.organisation_code),
            subject=key,
            data={"key_id": key.key_id, "owner": key.organisation, "reason": reason},
            audience=_all_organisation_codes(),
        )
    return key


def _all_organisation_codes() -> list[str]:
    """Key changes concern everyone who verifies signatures: every organisation sees them."""
    return list(Organisation.objects.values_list("code", flat=True))


def _mediator_code() -> str:
    code = (
        Organisation.objects.filter(kind=OrganisationKind.MEDIATOR)
        .order_by("pk")
        .values_list("code", flat=True)
        .first()
    )
    return code or "mediator"


def _checkpoint_key_registered() -> PartyKey:
    """The PartyKey of the server's checkpoint key, registered (with an entry) if new."""
    private_key = checkpoint_private_key()
    public = private_key.public_key()
    identifier = key_id(public)
    existing = PartyKey.objects.filter(key_id=identifier).first()
    if existing is not None:
        return existing
    organisation = _mediator_code()
    key = PartyKey.objects.create(
        organisation=organisation,
        key_id=identifier,
        public_key=public_key_text(public),
        label="server checkpoint key",
        is_checkpoint_key=True,
    )
    ledger_append(
        actor=None,
        action="key.register",
        organisation=organisation,
        subject=key,
        data={"key_id": identifier, "label": key.label, "checkpoint_key": True},
        audience=_all_organisation_codes(),
    )
    return key


# Checkpoints ---------------------------------------------------------------------------


def checkpoint_sign(*, user: Any | None, reason: str = "on demand") -> Checkpoint:
    """Sign a checkpoint of the ledger as it is now, with the mediator's server key.

    ``user`` None is the system (stage closure calls it so); otherwise only members of the
    mediator may ask. When nothing was appended since the latest checkpoint, that one is
    returned instead of signing a duplicate.
    """
    if user is not None:
        viewer = viewer_for(user)
        if not viewer.is_mediator:
            raise AuditPermissionDenied("only the mediator signs checkpoints")
    with transaction.atomic():
        key = _checkpoint_key_registered()
        head = LedgerHead.objects.select_for_update().get(pk=1)
        latest = Checkpoint.objects.order_by("-size", "-time").first()
        if (
            latest is not None
            and latest.size == head.size
            and latest.key_id == key.key_id
        ):
            return latest
        moment = timezone.now()
        checkpoint = checkpoint_at(
            origin=ledger_origin(),
            size=head.size,
            root=bytes.fromhex(head.root),
            moment=moment,
        )
        signed = sign_checkpoint(
            checkpoint, checkpoint_private_key(), signer=key.organisation
        )
        return Checkpoint.objects.create(
            size=checkpoint.size,
            root_hash=checkpoint.root_hash,
            time=moment,
            origin=checkpoint.origin,
            key_id=signed.envelope.key_id,
            reason=reason,
            document=checkpoint.document(),
            signature=signed.envelope.to_json(),
        )


# Document signatures --------------------------------------------------------------------


def document_signature_add(
    *,
    user: Any,
    document: Mapping[str, Any],
    envelope: Mapping[str, Any],
    subject: models.Model | None = None,
    audience: Iterable[str] = (),
) -> DocumentSignature:
    """Accept an uploaded signature over ``document`` for the caller's organisation.

    The signature must be made with an active key registered by the caller's organisation
    and must match the document's canonical bytes; otherwise AuditError says why. The
    entry in the ledger records the document's hash and the key, never the document.
    """
    viewer = _viewer_or_deny(user)
    organisation = str(viewer.organisation_code)
    try:
        parsed = SignatureEnvelope.from_json(dict(envelope))
        digest = document_sha256(dict(document))
    except LedgerError as exc:
        raise AuditError(str(exc)) from exc
    key = PartyKey.objects.filter(key_id=parsed.key_id).first()
    if key is None or key.organisation != organisation:
        raise AuditError(
            "the signature is not made with a key registered by your organisation"
        )
    if key.status != KeyStatus.ACTIVE:
        raise AuditError(f"the signing key is {key.status}; sign with your active key")
    ring = KeyRing.of(
        [TrustedKey(key.key_id, key.organisation, key.public_key, key.status)]
    )
    verdict = verify_document(
        dict(document), [parsed], ring, required_signers=[organisation]
    )
    if not verdict.intact:
        problem = verdict.checks[0].problem
        raise AuditError(
            f"the signature does not verify: {problem}"
            if problem
            else "the signature does not verify"
        )
    subject_type, subject_id = subject_key(subject) if subject is not None else ("", "")
    document_type = str(document.get("type", ""))
    with transaction.atomic():
        if DocumentSignature.objects.filter(
            document_sha256=digest, key_id=key.key_id
        ).exists():
            raise AuditError("this signature was already uploaded")
        signature = DocumentSignature.objects.create(
            document_type=document_type,
            document_sha256=digest,
            subject_type=subject_type,
            subject_id=subject_id,
            organisation=organisation,
            key_id=key.key_id,
            envelope=parsed.to_json(),
            uploaded_by_id=user.pk,
        )
        ledger_append(
            actor=user,
            action="document.sign",
            organisation=organisation,
            subject=subject if subject is not None else signature,
            data={
                "document_type": document_type,
                "document_sha256": digest,
                "key_id": key.key_id,
            },
            audience=audience,
        )
    return signature
