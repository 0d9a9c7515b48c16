"""Writes to the ledger: appending entries (and, below, checkpoints and keys).

Every other app's service calls :func:`ledger_append` inside its own
``transaction.atomic()``, after it has changed its data, so that the change and its
entry commit or roll back together.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connections, models, transaction
from django.utils import timezone

from homecoming.apps.accounts.actors import Actor, system_for
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.accounts.permissions import Permission, require
from homecoming.apps.accounts.selectors import mediator_organisation
from homecoming.apps.audit import actions
from homecoming.apps.audit.catalogue import ROLE_PREFIX, LedgerAction
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
    document_sha256,
    json_checkpoint_at,
    key_id,
    load_public_key,
    public_key_text,
    sign_json_checkpoint,
    verify_document,
)
from homecoming.refusals import Conflict, Rejected


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
    by: Actor,
    action: LedgerAction,
    subject: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
    audience: Iterable[str] = (),
) -> LedgerEntry:
    """Append one entry to the ledger. Call inside the caller's ``transaction.atomic()``.

    ``by``: who acted (``SYSTEM`` for the system); the entry names the actor's user and
    organisation. ``action``: a constant from an app's ``actions.py`` (its sentence is
    what people read). ``subject``: the object changed (stored as app_label.model and
    pk, never as a foreign key); ``data``: a JSON-serialisable dict of what changed
    (ids, counts, codes: never a person's name, which could then never be erased; dates
    as ISO strings; CanonicalJSONError otherwise); ``audience``: further organisation
    codes allowed to see the entry (both parties for a shared proposal).

    The head row is locked for the rest of the caller's transaction, which is what makes
    ``seq`` gapless under concurrency; keep the transaction short after appending.
    """
    organisation = by.organisation_code
    subject_type, subject_id = subject_key(subject) if subject is not None else ("", "")
    audience_codes = sorted(
        {code for code in audience if code and code != organisation}
    )
    actor_id = by.user_id
    # An entry other organisations read names its actor by role, never by user name:
    # the hashed record is what an inclusion proof hands them (issue 20). User names
    # cannot hold ":", so "role:" cannot be mistaken for one.
    if actor_id is None:
        actor_label = ""
    elif audience_codes:
        actor_label = f"{ROLE_PREFIX}{by.role}"
    else:
        actor_label = by.username
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
        # Time never runs backwards in the ledger (verify_log refuses an entry dated
        # before its predecessor): a server clock set back, or an NTP step, gives the
        # entry its predecessor's time instead.
        moment = timezone.now()
        if size:
            previous = (
                LedgerEntry.objects.using(connection.alias)
                .filter(seq=size)
                .values_list("time", flat=True)
                .first()
            )
            if previous is not None and previous > moment:
                moment = previous
        record = LedgerRecord(
            seq=size + 1,
            time=moment,
            actor_id=actor_id,
            actor=actor_label,
            organisation=organisation,
            action=action.code,
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


def party_key_register(
    *, by: Actor, public_key: str, label: str = "", replaces: PartyKey | None = None
) -> PartyKey:
    """Register an Ed25519 public key for the caller's organisation (administrators only).

    With ``replaces`` this is a rotation: the old key (of the same organisation) is
    retired in the same transaction; what it signed before still verifies.
    """
    require(by, Permission.KEY_REGISTER)
    organisation = by.organisation_code
    try:
        public = load_public_key(public_key)
    except KeyFormatError as exc:
        raise Rejected(f"public key: {exc}", field="public_key") from exc
    identifier = key_id(public)
    with transaction.atomic():
        if PartyKey.objects.filter(key_id=identifier).exists():
            raise Conflict(
                f"key {identifier[:16]}… is already registered", field="public_key"
            )
        key = PartyKey.objects.create(
            organisation=organisation,
            key_id=identifier,
            public_key=public_key_text(public),
            label=label,
            registered_by_id=by.user_id,
        )
        # The public key itself goes into the entry: the ledger alone says whose key
        # is what, whatever the key table later holds (engines.ledger.keylog).
        data: dict[str, Any] = {
            "key_id": identifier,
            "label": label,
            "public_key": key.public_key,
        }
        if replaces is not None:
            old = PartyKey.objects.select_for_update().get(pk=replaces.pk)
            if old.organisation != organisation or old.status != KeyStatus.ACTIVE:
                raise Rejected(
                    "only an active key of your organisation can be rotated",
                    field="replaces",
                )
            old.status = KeyStatus.RETIRED
            old.retired_at = timezone.now()
            old.replaced_by_key_id = identifier
            old.save(update_fields=["status", "retired_at", "replaced_by_key_id"])
            data["replaces"] = old.key_id
        ledger_append(
            by=by,
            action=actions.KEY_ROTATE if replaces is not None else actions.KEY_REGISTER,
            subject=key,
            data=data,
            audience=_all_organisation_codes(),
        )
    return key


def party_key_revoke(*, by: Actor, key: PartyKey, reason: str) -> PartyKey:
    """Revoke a key (an administrator of its organisation, or a mediator administrator).

    A revoked key is no longer trusted for anything, including what it signed before:
    use it when a private key is lost or compromised. The reason is mandatory.
    """
    require(by, Permission.KEY_REVOKE, key)
    if not reason.strip():
        raise Rejected("a reason for the revocation is required", field="reason")
    with transaction.atomic():
        key = PartyKey.objects.select_for_update().get(pk=key.pk)
        if key.status == KeyStatus.REVOKED:
            raise Conflict("the key is already revoked")
        key.status = KeyStatus.REVOKED
        key.revoked_at = timezone.now()
        key.revocation_reason = reason.strip()
        key.save(update_fields=["status", "revoked_at", "revocation_reason"])
        ledger_append(
            by=by,
            action=actions.KEY_REVOKE,
            subject=key,
            data={"key_id": key.key_id, "owner": key.organisation, "reason": reason},
            audience=_all_organisation_codes(),
        )
    return key


def _all_organisation_codes() -> list[str]:
    """Key changes concern everyone who verifies signatures: every organisation sees them."""
    return list(Organisation.objects.values_list("code", flat=True))


def _checkpoint_key_registered() -> PartyKey:
    """The PartyKey of the server's checkpoint key, registered (with an entry) if new."""
    private_key = checkpoint_private_key()
    public = private_key.public_key()
    identifier = key_id(public)
    existing = PartyKey.objects.filter(key_id=identifier).first()
    if existing is not None:
        return existing
    mediator = mediator_organisation()
    organisation = mediator.code if mediator is not None else "mediator"
    key = PartyKey.objects.create(
        organisation=organisation,
        key_id=identifier,
        public_key=public_key_text(public),
        label="server checkpoint key",
        is_checkpoint_key=True,
    )
    ledger_append(
        by=system_for(mediator) if mediator is not None else SYSTEM_MEDIATOR,
        action=actions.KEY_REGISTER,
        subject=key,
        data={
            "key_id": identifier,
            "label": key.label,
            "public_key": key.public_key,
            "checkpoint_key": True,
        },
        audience=_all_organisation_codes(),
    )
    return key


#: The system speaking for a mediator that has no organisation row yet (a bare test).
SYSTEM_MEDIATOR = Actor(is_system=True, organisation_code="mediator")


# Checkpoints ---------------------------------------------------------------------------


def checkpoint_sign(*, by: Actor, reason: str = "on demand") -> Checkpoint:
    """Sign a checkpoint of the ledger as it is now, with the mediator's server key.

    The system (stage closure, the schedule in ``tasks.checkpoint_task``) and members of
    the mediator may ask. A checkpoint is signed even when nothing was appended since
    the latest: the fresh signed time on the same size and root is what tells a party
    that the server is not frozen on an old view (``homecoming ledger check --max-age``).
    Its time is never before the latest checkpoint's, whatever the server clock says.
    """
    require(by, Permission.CHECKPOINT_SIGN)
    with transaction.atomic():
        key = _checkpoint_key_registered()
        head = LedgerHead.objects.select_for_update().get(pk=1)
        latest = Checkpoint.objects.order_by("-time").first()
        moment = timezone.now()
        if latest is not None and latest.time > moment:
            moment = latest.time
        checkpoint = json_checkpoint_at(
            origin=ledger_origin(),
            size=head.size,
            root=bytes.fromhex(head.root),
            moment=moment,
        )
        signed = sign_json_checkpoint(
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
    by: Actor,
    document: Mapping[str, Any],
    envelope: Mapping[str, Any],
    subject: models.Model | None = None,
    audience: Iterable[str] = (),
) -> DocumentSignature:
    """Accept an uploaded signature over ``document`` for the caller's organisation.

    The signature must be made with an active key registered by the caller's organisation
    and must match the document's canonical bytes; otherwise :class:`Rejected` says why.
    The entry in the ledger records the document's hash and the key, never the document.
    """
    require(by, Permission.SIGNATURE_ADD)
    organisation = by.organisation_code
    try:
        parsed = SignatureEnvelope.from_json(dict(envelope))
        digest = document_sha256(dict(document))
    except LedgerError as exc:
        raise Rejected(str(exc), field="signature") from exc
    key = PartyKey.objects.filter(key_id=parsed.key_id).first()
    if key is None or key.organisation != organisation:
        raise Rejected(
            "the signature is not made with a key registered by your organisation",
            field="signature",
        )
    if key.status != KeyStatus.ACTIVE:
        raise Rejected(
            f"the signing key is {key.status}; sign with your active key",
            field="signature",
        )
    ring = KeyRing.of(
        [TrustedKey(key.key_id, key.organisation, key.public_key, key.status)]
    )
    verdict = verify_document(
        dict(document), [parsed], ring, required_signers=[organisation]
    )
    if not verdict.intact:
        problem = verdict.checks[0].problem
        raise Rejected(
            f"the signature does not verify: {problem}"
            if problem
            else "the signature does not verify",
            field="signature",
        )
    subject_type, subject_id = subject_key(subject) if subject is not None else ("", "")
    document_type = str(document.get("type", ""))
    with transaction.atomic():
        if DocumentSignature.objects.filter(
            document_sha256=digest, key_id=key.key_id
        ).exists():
            raise Conflict("this signature was already uploaded")
        signature = DocumentSignature.objects.create(
            document_type=document_type,
            document_sha256=digest,
            subject_type=subject_type,
            subject_id=subject_id,
            organisation=organisation,
            key_id=key.key_id,
            envelope=parsed.to_json(),
            uploaded_by_id=by.user_id,
        )
        ledger_append(
            by=by,
            action=actions.DOCUMENT_SIGN,
            subject=subject if subject is not None else signature,
            data={
                "document_type": document_type,
                "document_sha256": digest,
                "key_id": key.key_id,
            },
            audience=audience,
        )
    return signature
