"""The ledger's own actions (keys, signatures, checkpoints) and how entries name keys."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.audit.catalogue import LedgerAction, SubjectKind

KEY_REGISTER = LedgerAction(
    "key.register", _("{actor} registered the signing key {subject} ({label}).")
)
KEY_ROTATE = LedgerAction(
    "key.rotate",
    _("{actor} registered the signing key {subject}, replacing key {replaces}."),
)
KEY_REVOKE = LedgerAction(
    "key.revoke",
    _("{actor} revoked the signing key {subject} of {owner}: {reason}"),
)
DOCUMENT_SIGN = LedgerAction(
    "document.sign",
    _("{actor} signed a {document_type} document (SHA-256 {document_sha256})."),
)


def _keys(by: Actor, ids: list[str]) -> Mapping[str, tuple[str, str]]:
    from homecoming.apps.audit.selectors import party_keys_for

    url = reverse("audit:keys")
    return {
        str(key.pk): (f"{key.organisation}:{key.key_id[:16]}", url)
        for key in party_keys_for(by=by).filter(pk__in=ids)
    }


SubjectKind("audit.partykey", resolve=_keys, generic=_("a signing key"))
SubjectKind(
    "audit.documentsignature", resolve=lambda by, ids: {}, generic=_("a signature")
)
