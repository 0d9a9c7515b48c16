"""Idempotency keys for API POSTs that create something.

A client that sends ``Idempotency-Key: <any unique text>`` with a POST may safely retry it:
the first request runs and its response (status and JSON body) is stored with the key for
a day; a repeat with the same key and the same request gets the stored response again with
the header ``Idempotent-Replayed: true``; the same key with a different request gets 422.
Keys are per user. Without the header the POST simply runs.

Use it on an APIView's ``post``::

    class PersonListsApi(APIView):
        @idempotent
        def post(self, request: Request) -> Response: ...

The stored record is written in the same transaction as the work, so a failed request
leaves no key behind and a concurrent duplicate waits for the first, then replays it.
Responses with status 500 and above are never stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from homecoming.apps.accounts.models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
TTL = timedelta(days=1)
MAX_KEY_LENGTH = 200

ViewMethod = TypeVar("ViewMethod", bound=Callable[..., Response])


def request_fingerprint(request: Request) -> str:
    """SHA-256 over the method, path and parsed content (uploaded files by their hash)."""
    digest = hashlib.sha256()
    digest.update(request.method.encode() if request.method else b"")
    digest.update(b"\0" + request.path.encode() + b"\0")
    data = request.data
    items: list[tuple[str, Any]]
    if hasattr(data, "lists"):
        items = sorted((k, sorted(map(str, v))) for k, v in data.lists())
    elif isinstance(data, dict):
        items = sorted(
            (str(k), json.dumps(v, sort_keys=True, default=str))
            for k, v in data.items()
        )
    else:
        items = [("", json.dumps(data, sort_keys=True, default=str))]
    digest.update(json.dumps(items, default=str).encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            file_digest = hashlib.sha256()
            for chunk in upload.chunks():
                file_digest.update(chunk)
            upload.seek(0)
            digest.update(f"\0{name}\0{upload.name}\0".encode())
            digest.update(file_digest.digest())
    return digest.hexdigest()


def idempotent_requests_purge(*, now: Any = None) -> int:
    """Delete stored responses older than a day; returns how many were deleted."""
    cutoff = (now or timezone.now()) - TTL
    deleted, _ = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _replay(record: IdempotentRequest) -> Response:
    response = Response(record.response_body, status=record.response_status)
    response[REPLAYED_HEADER] = "true"
    return response


def idempotent(view_method: ViewMethod) -> ViewMethod:
    """Make an APIView ``post`` honour the ``Idempotency-Key`` header (see module doc)."""

    @wraps(view_method)
    def wrapper(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(HEADER, "").strip()
        if not key or not request.user.is_authenticated:
            return view_method(self, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            return Response(
                {
                    "detail": f"{HEADER} is longer than {MAX_KEY_LENGTH} characters.",
                    "code": "invalid",
                    "field": HEADER,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        fingerprint = request_fingerprint(request)
        cutoff = timezone.now() - TTL
        IdempotentRequest.objects.filter(
            user=request.user, key=key, created_at__lt=cutoff
        ).delete()
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotentRequest.objects.create(
                        user=request.user, key=key, fingerprint=fingerprint
                    )
            except IntegrityError:
                record = IdempotentRequest.objects.get(user=request.user, key=key)
                if record.fingerprint != fingerprint:
                    return Response(
                        {
                            "detail": f"This {HEADER} was used for a different request.",
                            "code": "idempotency_key_reused",
                            "field": HEADER,
                        },
                        status=status.HTTP_422_UNPROCESSABLE_ENTITY,
                    )
                if not record.completed:
                    return Response(
                        {
                            "detail": "A request with this key is still running.",
                            "code": "idempotency_key_running",
                            "field": HEADER,
                        },
                        status=status.HTTP_409_CONFLICT,
                    )
                return _replay(record)
            response = view_method(self, request, *args, **kwargs)
            if response.status_code >= 500:
                transaction.set_rollback(True)
                return response
            record.completed = True
            record.response_status = response.status_code
            record.response_body = json.loads(json.dumps(response.data, default=str))
            record.save(update_fields=["completed", "response_status", "response_body"])
            return response

    return cast(ViewMethod, wrapper)
