"""REST API of the ledger under /api/v1/: entries, checkpoints, consistency, keys, signatures.

One class per operation, each with its own serializers; each parses, calls one selector or
service, and answers. Who may see what is decided by the selectors (DESIGN.md section 4):
a missing object and one the caller may not see both answer 404. The JSON documents a
party keeps (checkpoints, proofs, the key list) keep the exact shapes of
``homecoming.apps.audit.documents``, which ``homecoming ledger check`` reads offline.
"""

from __future__ import annotations

from typing import IO, Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.accounts.idempotency import idempotent
from homecoming.apps.audit import selectors, services
from homecoming.apps.audit.catalogue import (
    actor_label,
    plain_sentence_of,
    subject_links,
)
from homecoming.apps.audit.documents import (
    checkpoint_as_json,
    consistency_as_json,
    inclusion_as_json,
)
from homecoming.engines.ledger import LedgerError, parse_json
from homecoming.refusals import Hidden
from homecoming.site.api import (
    IDEMPOTENCY_PARAMETER,
    count_field,
    page_of,
    paginated,
)


class LedgerEntryOutputSerializer(serializers.Serializer[Any]):
    """An entry as the caller may read it: its sentence, and what was hashed."""

    seq = serializers.IntegerField()
    time = serializers.DateTimeField()
    actor = serializers.SerializerMethodField()
    organisation = serializers.CharField()
    action = serializers.CharField()
    sentence = serializers.SerializerMethodField()
    subject_type = serializers.CharField()
    subject_id = serializers.CharField()
    audience = serializers.ListField(child=serializers.CharField())
    leaf_hash = serializers.CharField()
    tree_root = serializers.CharField()

    def get_fields(self) -> dict[str, Any]:
        # "data" names a property of Serializer itself: declared here instead.
        fields = super().get_fields()
        fields["data"] = serializers.JSONField()
        return dict(fields)

    def get_actor(self, entry: Any) -> str:
        """The actor's user name within one's organisation, otherwise a description."""
        return actor_label(entry, self.context["by"])

    def get_sentence(self, entry: Any) -> str:
        return plain_sentence_of(entry, self.context["by"], self.context["links"])


class CheckpointOutputSerializer(serializers.Serializer[Any]):
    """A signed checkpoint as a party keeps it (``checkpoint_as_json``)."""

    id = serializers.IntegerField()
    reason = serializers.CharField()
    document = serializers.JSONField()
    signature = serializers.JSONField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return checkpoint_as_json(instance)


class InclusionOutputSerializer(serializers.Serializer[Any]):
    seq = serializers.IntegerField()
    hashed = serializers.JSONField()
    leaf_index = serializers.IntegerField()
    tree_size = serializers.IntegerField()
    proof = serializers.ListField(child=serializers.CharField())
    checkpoint = CheckpointOutputSerializer(allow_null=True)

    def get_fields(self) -> dict[str, Any]:
        # "root" names a property of Field itself: declared here instead.
        fields = super().get_fields()
        fields["root"] = serializers.CharField()
        return dict(fields)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return inclusion_as_json(instance)


class ConsistencyOutputSerializer(serializers.Serializer[Any]):
    old_size = serializers.IntegerField()
    new_size = serializers.IntegerField()
    old_root = serializers.CharField()
    new_root = serializers.CharField()
    proof = serializers.ListField(child=serializers.CharField())
    new_checkpoint = CheckpointOutputSerializer(allow_null=True)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return consistency_as_json(instance)


class LedgerEntriesApi(APIView):
    """Ledger entries the caller may see, oldest first, optionally about one object."""

    class LedgerEntriesFilterSerializer(serializers.Serializer[Any]):
        subject_type = serializers.CharField(required=False)
        subject_id = serializers.CharField(required=False)
        after = count_field(required=False)

    @extend_schema(
        parameters=[LedgerEntriesFilterSerializer],
        responses=page_of(LedgerEntryOutputSerializer),
    )
    def get(self, request: Request) -> Response:
        by = actor_of(request)
        filters = self.LedgerEntriesFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        entries = selectors.ledger_entries_for(by=by)
        if subject_type := filters.validated_data.get("subject_type"):
            entries = entries.filter(subject_type=subject_type)
        if subject_id := filters.validated_data.get("subject_id"):
            entries = entries.filter(subject_id=subject_id)
        if (after := filters.validated_data.get("after")) is not None:
            entries = entries.filter(seq__gt=after)
        return paginated(
            request,
            self,
            entries,
            LedgerEntryOutputSerializer,
            context={"by": by},
            page_context=lambda page: {"links": subject_links(page, by)},
        )


class LedgerEntryProofApi(APIView):
    """Proof that one entry the caller may see is in a signed checkpoint (RFC 9162)."""

    class LedgerEntryProofFilterSerializer(serializers.Serializer[Any]):
        size = count_field(min_value=1, required=False)

    @extend_schema(
        parameters=[LedgerEntryProofFilterSerializer],
        responses=InclusionOutputSerializer,
    )
    def get(self, request: Request, seq: int) -> Response:
        filters = self.LedgerEntryProofFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        answer = selectors.ledger_inclusion_for(
            by=actor_of(request), seq=seq, tree_size=filters.validated_data.get("size")
        )
        return Response(InclusionOutputSerializer(answer).data)


class CheckpointsApi(APIView):
    """Every signed checkpoint (GET, any member); sign one now (POST, the mediator)."""

    class CheckpointSignInputSerializer(serializers.Serializer[Any]):
        reason = serializers.CharField(
            required=False, max_length=200, default="on demand"
        )

    @extend_schema(
        responses=page_of(CheckpointOutputSerializer),
        operation_id="ledger_checkpoints_list",
    )
    def get(self, request: Request) -> Response:
        checkpoints = selectors.checkpoints_for(by=actor_of(request))
        return paginated(request, self, checkpoints, CheckpointOutputSerializer)

    @extend_schema(
        request=CheckpointSignInputSerializer,
        responses={201: CheckpointOutputSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        payload = self.CheckpointSignInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        checkpoint = services.checkpoint_sign(
            by=actor_of(request), reason=payload.validated_data["reason"]
        )
        return Response(
            CheckpointOutputSerializer(checkpoint).data, status=status.HTTP_201_CREATED
        )


class CheckpointLatestApi(APIView):
    """The newest signed checkpoint: what a party fetches and keeps."""

    @extend_schema(responses=CheckpointOutputSerializer)
    def get(self, request: Request) -> Response:
        checkpoint = selectors.checkpoints_for(by=actor_of(request)).first()
        if checkpoint is None:
            raise Hidden("No checkpoint has been signed yet.")
        return Response(CheckpointOutputSerializer(checkpoint).data)


class CheckpointDetailApi(APIView):
    """One signed checkpoint."""

    @extend_schema(responses=CheckpointOutputSerializer)
    def get(self, request: Request, checkpoint_id: int) -> Response:
        checkpoint = selectors.access_checkpoint(
            by=actor_of(request), checkpoint_id=checkpoint_id
        )
        return Response(CheckpointOutputSerializer(checkpoint).data)


class ConsistencyApi(APIView):
    """RFC 9162 consistency proof from the size of a kept checkpoint to a newer one.

    Query parameters ``from`` (the kept size) and ``to`` (default: the latest checkpoint).
    """

    class ConsistencyFilterSerializer(serializers.Serializer[Any]):
        # "from" is a keyword in Python: the fields are declared under other names.
        old_size = serializers.IntegerField(min_value=0, max_value=2**62)
        new_size = serializers.IntegerField(
            min_value=0, max_value=2**62, required=False
        )

        def get_fields(self) -> dict[str, Any]:
            fields = super().get_fields()
            fields["from"] = fields.pop("old_size")
            fields["to"] = fields.pop("new_size")
            fields["from"].source = "old_size"
            fields["to"].source = "new_size"
            return fields

    @extend_schema(
        parameters=[ConsistencyFilterSerializer], responses=ConsistencyOutputSerializer
    )
    def get(self, request: Request) -> Response:
        filters = self.ConsistencyFilterSerializer(
            data={k: v for k, v in request.query_params.items() if v != ""}
        )
        filters.is_valid(raise_exception=True)
        answer = selectors.ledger_consistency_for(
            by=actor_of(request),
            old_size=filters.validated_data["old_size"],
            new_size=filters.validated_data.get("new_size"),
        )
        return Response(ConsistencyOutputSerializer(answer).data)


class KeyOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    key_id = serializers.CharField()
    owner = serializers.CharField(source="organisation")
    status = serializers.CharField()


class KeyListOutputSerializer(serializers.Serializer[Any]):
    """The key list (KEYS.json: the document the mediator signed, and its signatures)
    and, outside the signed document, each key id's row id for revocation."""

    document = serializers.JSONField()
    signatures = serializers.ListField(child=serializers.JSONField())
    ids = serializers.DictField(child=serializers.IntegerField())

    def to_representation(self, instance: Any) -> dict[str, Any]:
        body = selectors.signed_key_list()
        body["ids"] = {k.key_id: k.pk for k in instance}
        return dict(body)


class KeysApi(APIView):
    """The key list (KEYS.json, GET, any member); register a key (POST, administrators).

    ``name`` is a label for people; with ``replaces`` (the id of an active key of your
    organisation) the registration is a rotation.
    """

    class KeyRegisterInputSerializer(serializers.Serializer[Any]):
        public_key = serializers.CharField(max_length=64)
        name = serializers.CharField(max_length=200, required=False, default="")
        replaces = serializers.IntegerField(
            required=False, min_value=1, max_value=2**62
        )

    @extend_schema(responses=KeyListOutputSerializer)
    def get(self, request: Request) -> Response:
        keys = list(selectors.party_keys_for(by=actor_of(request)))
        return Response(KeyListOutputSerializer(keys).data)

    @extend_schema(
        request=KeyRegisterInputSerializer,
        responses={201: KeyOutputSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        by = actor_of(request)
        payload = self.KeyRegisterInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        replaces = None
        if (old := payload.validated_data.get("replaces")) is not None:
            replaces = selectors.access_party_key(by=by, key_pk=old)
        key = services.party_key_register(
            by=by,
            public_key=payload.validated_data["public_key"],
            label=payload.validated_data["name"],
            replaces=replaces,
        )
        return Response(KeyOutputSerializer(key).data, status=status.HTTP_201_CREATED)


class KeyRevokeApi(APIView):
    """Revoke a key (administrators of its organisation, or a mediator administrator)."""

    class KeyRevokeInputSerializer(serializers.Serializer[Any]):
        reason = serializers.CharField(max_length=500)

    @extend_schema(request=KeyRevokeInputSerializer, responses=KeyOutputSerializer)
    def post(self, request: Request, key_pk: int) -> Response:
        by = actor_of(request)
        key = selectors.access_party_key(by=by, key_pk=key_pk)
        payload = self.KeyRevokeInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        key = services.party_key_revoke(
            by=by, key=key, reason=payload.validated_data["reason"]
        )
        return Response(KeyOutputSerializer(key).data)


class SignatureOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    document_sha256 = serializers.CharField()
    organisation = serializers.CharField()
    key_id = serializers.CharField()


class StrictJSONParser(JSONParser):
    """JSON read as the ledger reads documents: duplicate members, non-finite or oversized
    numbers and deep nesting refused (400), so the server cannot see another document
    than the one its signers and offline verifiers see."""

    def parse(
        self,
        stream: IO[bytes],
        media_type: str | None = None,
        parser_context: Any = None,
    ) -> Any:
        try:
            return parse_json(stream.read())
        except LedgerError as exc:
            raise ParseError(f"not strict JSON: {exc}") from exc


class SignaturesApi(APIView):
    """Upload a signature (SIG.json) over a document; kept only if it verifies."""

    parser_classes = (StrictJSONParser,)

    class SignatureUploadInputSerializer(serializers.Serializer[Any]):
        document = serializers.DictField()
        signature = serializers.DictField()

    @extend_schema(
        request=SignatureUploadInputSerializer,
        responses={201: SignatureOutputSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        payload = self.SignatureUploadInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        signature = services.document_signature_add(
            by=actor_of(request),
            document=payload.validated_data["document"],
            envelope=payload.validated_data["signature"],
        )
        return Response(
            SignatureOutputSerializer(signature).data, status=status.HTTP_201_CREATED
        )
