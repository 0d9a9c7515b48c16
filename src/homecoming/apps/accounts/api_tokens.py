"""API tokens: how one is made, recognised and refused (DRF authentication and scope).

A token looks like ``hc_`` + 43 URL-safe characters (256 random bits) and is sent as
``Authorization: Bearer <token>`` (``Token <token>`` is accepted too). Only its SHA-256
digest is stored: the token has full entropy, so a plain hash cannot be reversed and
needs no salt or slow hashing (a slow hash would only slow every API request).

Why not ``rest_framework.authtoken``, django-rest-knox or djangorestframework-api-key:
the first stores the key in plain text and knows one token per user; knox hashes and
expires but has no scopes and does not end tokens on a password change; api-key's keys
belong to no user. What is needed here (scope, expiry, list and revoke, death on a
password change or a second-factor reset, no minting with a token) is this module, a
model and a few lines in the services.

A token is refused (401) when it is unknown, revoked, expired, its user inactive, or
the user's password changed since it was made (``credential_stamp`` is the session
hash Django derives from the password hash, so every way of changing a password counts).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from homecoming.apps.accounts.models import ApiToken, TokenScope
from homecoming.site.throttling import throttle_address_first

TOKEN_PREFIX = "hc_"  # noqa: S105 (the tokens' visible prefix, no secret)
KEYWORDS = (b"bearer", b"token")
#: How often ``last_used_at`` is written: not on every request.
LAST_USED_PRECISION = timedelta(minutes=5)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def credential_stamp(user: AbstractBaseUser) -> str:
    """What the user's password is now, as Django's session hash: a new password
    changes it."""
    return user.get_session_auth_hash()


class ApiTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer hc_...``: the token's user, with the token as ``auth``."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        # First of the authentication classes: count the address before anything else,
        # so that guessed tokens and anonymous floods are throttled too.
        throttle_address_first(request)
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Send one token after the keyword.")
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("That token is not valid.") from exc
        return self.authenticate_token(token)

    def authenticate_token(self, token: str) -> tuple[Any, ApiToken]:
        record = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(token))
            .first()
        )
        if record is None or not record.user.is_active:
            raise exceptions.AuthenticationFailed("That token is not valid.")
        if record.revoked_at is not None:
            raise exceptions.AuthenticationFailed("That token has been revoked.")
        now = timezone.now()
        if record.expires_at <= now:
            raise exceptions.AuthenticationFailed("That token has expired.")
        if not constant_time_compare(
            record.credential_stamp, credential_stamp(record.user)
        ):
            raise exceptions.AuthenticationFailed(
                "That token ended when the password changed."
            )
        if record.last_used_at is None or now - record.last_used_at > (
            LAST_USED_PRECISION
        ):
            ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        return record.user, record

    def authenticate_header(self, request: Request) -> str:
        # Makes a missing or bad credential a 401 with a challenge, not a 403.
        return 'Bearer realm="api"'


class TokenScopeAllows(BasePermission):
    """A read-only token may read (GET, HEAD, OPTIONS) and nothing else."""

    message = "This token may only read."

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if isinstance(token, ApiToken) and token.scope != TokenScope.WRITE:
            return request.method in SAFE_METHODS
        return True


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """Describes :class:`ApiTokenAuthentication` in the OpenAPI document."""

    target_class = "homecoming.apps.accounts.api_tokens.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token made on the account page (hc_...).",
        }
