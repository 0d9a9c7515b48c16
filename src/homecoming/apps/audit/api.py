"""REST API of the ledger under /api/v1/: entries, checkpoints, consistency, keys, signatures.

One class per operation; each parses, calls one selector or service, and answers. Who may
see what is decided by the selectors (DESIGN.md section 4): a missing object and one the
caller may not see both answer 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from homecoming.apps.accounts.idempotency import idempotent
from homecoming.apps.audit import selectors, services
from homecoming.apps.audit.documents import (
    checkpoint_as_json,
    consistency_as_json,
    entry_as_json,
    inclusion_as_json,
)

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER
)


def _refuse(exc: services.AuditError) -> Exception:
    if isinstance(exc, services.AuditPermissionDenied):
        return PermissionDenied(str(exc))
    return ValidationError({"detail": [str(exc)]})


class LedgerEntriesApi(APIView):
    """Ledger entries the caller may see, oldest first, optionally about one object."""

    class LedgerEntriesFilterSerializer(serializers.Serializer[Any]):
        subject_type = serializers.CharField(required=False)
        subject_id = serializers.CharField(required=False)
        after = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        parameters=[LedgerEntriesFilterSerializer], responses=OpenApiTypes.OBJECT
    )
    def get(self, request: Request) -> Response:
        filters = self.LedgerEntriesFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        entries = selectors.ledger_entries_for(user=request.user)
        if subject_type := filters.validated_data.get("subject_type"):
            entries = entries.filter(subject_type=subject_type)
        if subject_id := filters.validated_data.get("subject_id"):
            entries = entries.filter(subject_id=subject_id)
        if (after := filters.validated_data.get("after")) is not None:
            entries = entries.filter(seq__gt=after)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(entries, request, view=self) or []
        return paginator.get_paginated_response([entry_as_json(e) for e in page])


class LedgerEntryProofApi(APIView):
    """Proof that one entry the caller may see is in a signed checkpoint (RFC 9162)."""

    class LedgerEntryProofFilterSerializer(serializers.Serializer[Any]):
        size = serializers.IntegerField(min_value=1, required=False)

    @extend_schema(
        parameters=[LedgerEntryProofFilterSerializer], responses=OpenApiTypes.OBJECT
    )
    def get(self, request: Request, seq: int) -> Response:
        filters = self.LedgerEntryProofFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        try:
            answer = selectors.ledger_inclusion_for(
                user=request.user, seq=seq, tree_size=filters.validated_data.get("size")
            )
        except selectors.LedgerNotFound as exc:
            raise NotFound(str(exc)) from exc
        return Response(inclusion_as_json(answer))


class CheckpointsApi(APIView):
    """Every signed checkpoint (GET, any member); sign one now (POST, the mediator)."""

    class CheckpointSignInputSerializer(serializers.Serializer[Any]):
        reason = serializers.CharField(
            required=False, max_length=200, default="on demand"
        )

    @extend_schema(
        responses=OpenApiTypes.OBJECT, operation_id="ledger_checkpoints_list"
    )
    def get(self, request: Request) -> Response:
        paginator = LimitOffsetPagination()
        page = (
            paginator.paginate_queryset(
                selectors.checkpoints_for(user=request.user), request, view=self
            )
            or []
        )
        return paginator.get_paginated_response([checkpoint_as_json(c) for c in page])

    @extend_schema(
        request=CheckpointSignInputSerializer,
        responses={201: OpenApiTypes.OBJECT},
        parameters=[IDEMPOTENCY],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        payload = self.CheckpointSignInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            checkpoint = services.checkpoint_sign(
                user=request.user, reason=payload.validated_data["reason"]
            )
        except services.AuditError as exc:
            raise _refuse(exc) from exc
        return Response(checkpoint_as_json(checkpoint), status=status.HTTP_201_CREATED)


class CheckpointLatestApi(APIView):
    """The newest signed checkpoint: what a party fetches and keeps."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        checkpoint = selectors.checkpoints_for(user=request.user).first()
        if checkpoint is None:
            raise NotFound("No checkpoint has been signed yet.")
        return Response(checkpoint_as_json(checkpoint))


class CheckpointDetailApi(APIView):
    """One signed checkpoint."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, checkpoint_id: int) -> Response:
        try:
            checkpoint = selectors.checkpoint_for(
                user=request.user, checkpoint_id=checkpoint_id
            )
        except selectors.LedgerNotFound as exc:
            raise NotFound() from exc
        return Response(checkpoint_as_json(checkpoint))


class ConsistencyApi(APIView):
    """RFC 9162 consistency proof from the size of a kept checkpoint to a newer one."""

    class ConsistencyFilterSerializer(serializers.Serializer[Any]):
        # "from" is a keyword in Python, hence the explicit source.
        old_size = serializers.IntegerField(min_value=0)
        new_size = serializers.IntegerField(min_value=0, required=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.INT, required=True),
            OpenApiParameter(
                "to", OpenApiTypes.INT, description="default: latest checkpoint"
            ),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        filters = self.ConsistencyFilterSerializer(
            data={
                k: v
                for k, v in (
                    ("old_size", request.query_params.get("from")),
                    ("new_size", request.query_params.get("to")),
                )
                if v not in (None, "")
            }
        )
        filters.is_valid(raise_exception=True)
        try:
            answer = selectors.ledger_consistency_for(
                user=request.user,
                old_size=filters.validated_data["old_size"],
                new_size=filters.validated_data.get("new_size"),
            )
        except selectors.LedgerNotFound as exc:
            raise NotFound(str(exc)) from exc
        return Response(consistency_as_json(answer))


class KeysApi(APIView):
    """The key list (KEYS.json, GET, any member); register a key (POST, administrators).

    ``name`` is a label for people; with ``replaces`` (the id of an active key of your
    organisation) the registration is a rotation.
    """

    class KeyRegisterInputSerializer(serializers.Serializer[Any]):
        public_key = serializers.CharField(max_length=64)
        name = serializers.CharField(max_length=200, required=False, default="")
        replaces = serializers.IntegerField(required=False)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        keys = selectors.party_keys_for(user=request.user)
        body = selectors.key_ring_of(keys).to_json()
        body["ids"] = {k.key_id: k.pk for k in keys}
        return Response(body)

    @extend_schema(
        request=KeyRegisterInputSerializer,
        responses={201: OpenApiTypes.OBJECT},
        parameters=[IDEMPOTENCY],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        payload = self.KeyRegisterInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        replaces = None
        if (old := payload.validated_data.get("replaces")) is not None:
            try:
                replaces = selectors.party_key_for(user=request.user, key_pk=old)
            except selectors.LedgerNotFound as exc:
                raise ValidationError({"replaces": ["No such key."]}) from exc
        try:
            key = services.party_key_register(
                user=request.user,
                public_key=payload.validated_data["public_key"],
                label=payload.validated_data["name"],
                replaces=replaces,
            )
        except services.AuditError as exc:
            raise _refuse(exc) from exc
        return Response(
            {
                "id": key.pk,
                "key_id": key.key_id,
                "owner": key.organisation,
                "status": key.status,
            },
            status=status.HTTP_201_CREATED,
        )


class KeyRevokeApi(APIView):
    """Revoke a key (administrators of its organisation, or the mediator)."""

    class KeyRevokeInputSerializer(serializers.Serializer[Any]):
        reason = serializers.CharField(max_length=500)

    @extend_schema(request=KeyRevokeInputSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request, key_pk: int) -> Response:
        payload = self.KeyRevokeInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            key = selectors.party_key_for(user=request.user, key_pk=key_pk)
        except selectors.LedgerNotFound as exc:
            raise NotFound() from exc
        try:
            key = services.party_key_revoke(
                user=request.user, key=key, reason=payload.validated_data["reason"]
            )
        except services.AuditError as exc:
            raise _refuse(exc) from exc
        return Response({"id": key.pk, "key_id": key.key_id, "status": key.status})


class SignaturesApi(APIView):
    """Upload a signature (SIG.json) over a document; kept only if it verifies."""

    class SignatureUploadInputSerializer(serializers.Serializer[Any]):
        document = serializers.JSONField()
        signature = serializers.JSONField()

    @extend_schema(
        request=SignatureUploadInputSerializer,
        responses={201: OpenApiTypes.OBJECT},
        parameters=[IDEMPOTENCY],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        payload = self.SignatureUploadInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = payload.validated_data["document"]
        envelope = payload.validated_data["signature"]
        if not isinstance(document, dict) or not isinstance(envelope, dict):
            raise ValidationError({"document": ["Expected JSON objects."]})
        try:
            signature = services.document_signature_add(
                user=request.user, document=document, envelope=envelope
            )
        except services.AuditError as exc:
            raise _refuse(exc) from exc
        return Response(
            {
                "id": signature.pk,
                "document_sha256": signature.document_sha256,
                "organisation": signature.organisation,
                "key_id": signature.key_id,
            },
            status=status.HTTP_201_CREATED,
        )
