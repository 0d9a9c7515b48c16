"""Registered keys (rotation, revocation, all in the ledger) and uploaded signatures."""

import pytest

from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.audit.models import DocumentSignature, KeyStatus, LedgerEntry
from homecoming.apps.audit.selectors import document_verification, key_ring
from homecoming.apps.audit.services import (
    document_signature_add,
    party_key_register,
    party_key_revoke,
)
from homecoming.engines.ledger import (
    generate_private_key,
    key_id,
    public_key_text,
    sign_document,
)
from homecoming.refusals import Refused, Rejected
from tests.engines.ledger.samples import sample_manifest

pytestmark = pytest.mark.django_db


def _public(private_key):
    return public_key_text(private_key.public_key())


def test_a_party_admin_registers_a_key_and_the_ledger_records_it(a_admin, b_officer):
    private_key = generate_private_key()
    key = party_key_register(
        by=actor_for(a_admin), public_key=_public(private_key), label="2026"
    )
    assert key.organisation == "ua"
    assert key.key_id == key_id(private_key.public_key())
    entry = LedgerEntry.objects.get(action="key.register", subject_id=str(key.pk))
    assert entry.organisation == "ua" and entry.data["key_id"] == key.key_id
    assert "ru" in entry.audience  # everyone who verifies signatures sees key changes


def test_an_officer_or_observer_cannot_register_keys(a_officer, observer):
    for user in (a_officer, observer):
        with pytest.raises(Refused):
            party_key_register(
                by=actor_for(user), public_key=_public(generate_private_key())
            )


def test_a_malformed_or_repeated_public_key_is_refused(a_admin):
    with pytest.raises(Rejected, match="public key"):
        party_key_register(by=actor_for(a_admin), public_key="not base64!")
    public = _public(generate_private_key())
    party_key_register(by=actor_for(a_admin), public_key=public)
    with pytest.raises(Rejected, match="already registered"):
        party_key_register(by=actor_for(a_admin), public_key=public)


def test_rotation_retires_the_old_key_which_still_verifies_what_it_signed(
    a_admin, b_officer
):
    old_private, new_private = generate_private_key(), generate_private_key()
    old = party_key_register(by=actor_for(a_admin), public_key=_public(old_private))
    new = party_key_register(
        by=actor_for(a_admin), public_key=_public(new_private), replaces=old
    )
    old.refresh_from_db()
    assert old.status == KeyStatus.RETIRED and old.replaced_by_key_id == new.key_id
    assert LedgerEntry.objects.filter(action="key.rotate").count() == 1
    assert key_ring().get(old.key_id).status == "retired"


def test_revocation_needs_a_reason_and_only_the_owner_or_the_mediator(
    a_admin, b_officer, mediator_admin, party_b
):
    key = party_key_register(
        by=actor_for(a_admin), public_key=_public(generate_private_key())
    )
    from tests.factories import member

    b_admin = member(party_b, "party_admin", username="b_admin")
    with pytest.raises(Refused):
        party_key_revoke(by=actor_for(b_admin), key=key, reason="not mine")
    with pytest.raises(Rejected, match="reason"):
        party_key_revoke(by=actor_for(a_admin), key=key, reason="  ")
    party_key_revoke(by=actor_for(mediator_admin), key=key, reason="reported lost")
    key.refresh_from_db()
    assert key.status == KeyStatus.REVOKED and key.revoked_at is not None
    assert LedgerEntry.objects.filter(action="key.revoke").exists()


def test_a_manifest_becomes_final_with_verified_uploads_from_both_parties_and_the_mediator(
    a_admin, b_officer, party_b, mediator_admin
):
    from tests.factories import member

    b_admin = member(party_b, "party_admin", username="b_admin2")
    manifest = sample_manifest()
    manifest["signatories"] = ["ua", "ru", "icrc"]
    uploads = []
    for admin in (a_admin, b_admin, mediator_admin):
        private_key = generate_private_key()
        party_key_register(by=actor_for(admin), public_key=_public(private_key))
        uploads.append((admin, sign_document(manifest, private_key).to_json()))
    # when only two have uploaded, it is not final
    for admin, envelope in uploads[:2]:
        document_signature_add(
            by=actor_for(admin), document=manifest, envelope=envelope
        )
    verdict = document_verification(document=manifest)
    assert not verdict.intact and verdict.missing == ("icrc",)
    # when the mediator's arrives, it is
    document_signature_add(
        by=actor_for(uploads[2][0]), document=manifest, envelope=uploads[2][1]
    )
    verdict = document_verification(document=manifest)
    assert verdict.intact and set(verdict.signed_by) == {"ua", "ru", "icrc"}
    assert LedgerEntry.objects.filter(action="document.sign").count() == 3


def test_an_upload_that_does_not_verify_is_refused_and_not_kept(
    a_admin, b_officer, party_b
):
    from tests.factories import member

    b_admin = member(party_b, "party_admin", username="b_admin3")
    manifest = sample_manifest()
    a_key, b_key, stranger = (generate_private_key() for _ in range(3))
    party_key_register(by=actor_for(a_admin), public_key=_public(a_key))
    party_key_register(by=actor_for(b_admin), public_key=_public(b_key))
    changed = sample_manifest()
    changed["persons"][0]["record_ids"]["ua"] = "UA-999"
    cases = [
        (sign_document(manifest, stranger).to_json(), "not made with a key registered"),
        (sign_document(manifest, b_key).to_json(), "not made with a key registered"),
        (sign_document(changed, a_key).to_json(), "different document"),
    ]
    for envelope, message in cases:
        with pytest.raises(Rejected, match=message):
            document_signature_add(
                by=actor_for(a_admin), document=manifest, envelope=envelope
            )
    assert not DocumentSignature.objects.exists()


def test_a_revoked_key_cannot_sign_new_uploads(a_admin):
    private_key = generate_private_key()
    key = party_key_register(by=actor_for(a_admin), public_key=_public(private_key))
    party_key_revoke(by=actor_for(a_admin), key=key, reason="lost laptop")
    with pytest.raises(Rejected, match="revoked"):
        document_signature_add(
            by=actor_for(a_admin),
            document=sample_manifest(),
            envelope=sign_document(sample_manifest(), private_key).to_json(),
        )


def test_the_ledger_alone_holds_each_registered_public_key(
    a_admin, mediator, mediator_officer
):
    from homecoming.apps.accounts.actors import actor_for
    from homecoming.apps.audit.models import LedgerEntry
    from homecoming.apps.audit.selectors import record_of
    from homecoming.apps.audit.services import checkpoint_sign, party_key_register
    from homecoming.engines.ledger import (
        KeyHistory,
        generate_private_key,
        public_key_text,
    )

    private_key = generate_private_key()
    key = party_key_register(
        by=actor_for(a_admin), public_key=public_key_text(private_key.public_key())
    )
    checkpoint_sign(by=actor_for(mediator_officer))
    entries = LedgerEntry.objects.filter(action="key.register").order_by("seq")
    ring = KeyHistory.of(record_of(entry) for entry in entries).ring()
    assert ring.get(key.key_id).public_key == key.public_key
    assert ring.get(key.key_id).owner == "ua"
    assert any(k.owner == mediator.code for k in ring.keys.values())


def test_the_served_key_list_follows_the_ledger_not_an_edited_key_table(a_admin):
    from homecoming.apps.accounts.actors import actor_for
    from homecoming.apps.audit.models import PartyKey
    from homecoming.apps.audit.selectors import ledger_key_ring, signed_key_list
    from homecoming.apps.audit.services import party_key_register, party_key_revoke
    from homecoming.engines.ledger import generate_private_key, public_key_text

    private_key = generate_private_key()
    key = party_key_register(
        by=actor_for(a_admin), public_key=public_key_text(private_key.public_key())
    )
    party_key_revoke(by=actor_for(a_admin), key=key, reason="laptop lost")
    PartyKey.objects.filter(pk=key.pk).update(status="active", revoked_at=None)
    assert ledger_key_ring().get(key.key_id).status == "revoked"
    served = {k["key_id"]: k for k in signed_key_list()["document"]["keys"]}
    assert served[key.key_id]["status"] == "revoked"
