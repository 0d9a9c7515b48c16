"""Security keys (WebAuthn) as a second factor, through py_webauthn (Duo Labs).

Two ceremonies, each a challenge from the server and an answer signed by the key:

- registration: ``registration_options`` (JSON for ``navigator.credentials.create``),
  then ``security_key_register`` checks the answer and keeps the public key;
- sign-in: ``sign_in_options`` (JSON for ``navigator.credentials.get``, listing the
  user's keys), then ``security_key_check`` checks the signature and the counter.

The browser side is ``web/static/homecoming/security-key.js`` (the CSP allows no inline
script); the views keep each challenge in the session, for one use. The relying party
is the site's domain (``HOMECOMING_WEBAUTHN_RP_ID``, else the request's host name) and
the expected origin the request's own scheme and host: a key registered on one domain
answers no other. User verification (a PIN) is not asked for: the key is the second
factor beside the password.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils import timezone
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import (
    parse_authentication_credential_json,
    parse_registration_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from homecoming.apps.accounts import actions
from homecoming.apps.accounts.actors import actor_for
from homecoming.apps.accounts.models import SecurityKey
from homecoming.apps.audit.services import ledger_append
from homecoming.refusals import Rejected

#: The longest answer a browser sends for one ceremony (a few KB in practice).
MAX_ANSWER_LENGTH = 64 * 1024


@dataclass(frozen=True, slots=True)
class RelyingParty:
    """Who asks: the domain a key is bound to and the origin the browser reports."""

    rp_id: str
    origin: str


def relying_party(request: HttpRequest) -> RelyingParty:
    host = request.get_host()  # checked against ALLOWED_HOSTS
    domain, _port = split_domain_port(host)
    rp_id = settings.HOMECOMING_WEBAUTHN_RP_ID or domain
    return RelyingParty(rp_id=rp_id, origin=f"{request.scheme}://{host}")


def credential_digest(credential_id: bytes) -> str:
    return hashlib.sha256(credential_id).hexdigest()


def _descriptors(user: AbstractBaseUser) -> list[PublicKeyCredentialDescriptor]:
    known = {t.value for t in AuthenticatorTransport}
    return [
        PublicKeyCredentialDescriptor(
            id=bytes(key.credential_id),
            transports=[
                AuthenticatorTransport(t) for t in key.transports if t in known
            ],
        )
        for key in SecurityKey.objects.filter(user=user, confirmed=True)
    ]


def registration_options(
    *, user: AbstractBaseUser, party: RelyingParty
) -> tuple[str, bytes]:
    """The options for ``navigator.credentials.create`` as JSON, and the challenge
    to keep for :func:`security_key_register`."""
    options = generate_registration_options(
        rp_id=party.rp_id,
        rp_name=settings.HOMECOMING_WEBAUTHN_RP_NAME,
        user_name=user.get_username(),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.DISCOURAGED,
        ),
        exclude_credentials=_descriptors(user),
    )
    return options_to_json(options), options.challenge


def security_key_register(
    *,
    user: AbstractBaseUser,
    answer: str,
    challenge: bytes,
    party: RelyingParty,
    name: str,
) -> SecurityKey:
    """Check the browser's answer to the registration challenge and keep the key.

    Rejected (with a sentence for the user) when the answer does not verify: another
    domain, another challenge, a key already registered, or a malformed answer.
    """
    if len(answer) > MAX_ANSWER_LENGTH:
        raise Rejected("The security key's answer is too long.", field="credential")
    try:
        credential = parse_registration_credential_json(answer)
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=party.rp_id,
            expected_origin=party.origin,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
        raise Rejected(
            "The security key's answer did not check out. Try again.",
            field="credential",
        ) from exc
    digest = credential_digest(verified.credential_id)
    with transaction.atomic():
        if SecurityKey.objects.filter(credential_id_digest=digest).exists():
            raise Rejected(
                "This security key is registered already.", field="credential"
            )
        key: SecurityKey = SecurityKey.objects.create(
            user=user,
            name=(name.strip() or "Security key")[:64],
            confirmed=True,
            credential_id=verified.credential_id,
            credential_id_digest=digest,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            transports=[t.value for t in (credential.response.transports or [])],
        )
        ledger_append(
            by=actor_for(user),
            action=actions.SECURITY_KEY_ADD,
            subject=user,
            data={"user_id": user.pk},
        )
    return key


def sign_in_options(
    *, user: AbstractBaseUser, party: RelyingParty
) -> tuple[str, bytes]:
    """The options for ``navigator.credentials.get`` (the user's keys) as JSON, and
    the challenge to keep for :func:`security_key_check`."""
    options = generate_authentication_options(
        rp_id=party.rp_id,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.DISCOURAGED,
    )
    return options_to_json(options), options.challenge


def security_key_check(
    *, user: AbstractBaseUser, answer: str, challenge: bytes, party: RelyingParty
) -> SecurityKey | None:
    """The user's key that signed this challenge, with its counter moved on; None
    when the answer does not verify (another user's key, a replayed or cloned key's
    answer, another domain)."""
    if len(answer) > MAX_ANSWER_LENGTH:
        return None
    try:
        credential = parse_authentication_credential_json(answer)
    except (WebAuthnException, ValueError, KeyError, TypeError):
        return None
    digest = credential_digest(bytes(credential.raw_id))
    with transaction.atomic():
        key: SecurityKey | None = (
            SecurityKey.objects.select_for_update()
            .filter(user=user, confirmed=True, credential_id_digest=digest)
            .first()
        )
        if key is None:
            return None
        try:
            verified = verify_authentication_response(
                credential=credential,
                expected_challenge=challenge,
                expected_rp_id=party.rp_id,
                expected_origin=party.origin,
                credential_public_key=bytes(key.public_key),
                credential_current_sign_count=key.sign_count,
            )
        except (WebAuthnException, ValueError, KeyError, TypeError):
            return None
        key.sign_count = verified.new_sign_count
        key.last_used_at = timezone.now()
        key.save(update_fields=["sign_count", "last_used_at"])
    return key


def has_security_key(user: AbstractBaseUser) -> bool:
    return bool(SecurityKey.objects.filter(user=user, confirmed=True).exists())
