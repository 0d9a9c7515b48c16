"""Accounts for the access matrix: an API token of each side's officer (only its
owner may revoke it; anyone else gets the answer of a missing one)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.utils import timezone

from homecoming.apps.accounts.api_tokens import (
    credential_stamp,
    new_token,
    token_digest,
)
from homecoming.apps.accounts.models import ApiToken
from tests.apps.access import Side, register


def _objects(side: Side) -> Mapping[str, Any]:
    token = new_token()
    record = ApiToken.objects.create(
        user=side.officer,
        name=side.canaries[2],
        prefix=token[:7],
        digest=token_digest(token),
        credential_stamp=credential_stamp(side.officer),
        expires_at=timezone.now() + timedelta(days=1),
    )
    return {"token_id": record.pk}


def OWNER_ONLY(role: str, side: str) -> bool:
    """A user's own credential: only that user (the side's officer) sees it."""
    return role == f"{side}_officer"


register(make=_objects, parameters={"token_id": OWNER_ONLY})
