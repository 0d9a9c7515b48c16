"""REST API of accounts: who am I, my API tokens, the organisations."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from homecoming.apps.accounts import selectors, services
from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.accounts.models import TokenScope
from homecoming.site.api import page_of, paginated


class MeApi(APIView):
    """The caller's user name, organisation and role."""

    class MeOutputSerializer(serializers.Serializer[Any]):
        username = serializers.CharField()
        organisation = serializers.CharField(allow_null=True)
        organisation_kind = serializers.CharField(allow_null=True)
        role = serializers.CharField(allow_null=True)

    @extend_schema(responses=MeOutputSerializer)
    def get(self, request: Request) -> Response:
        actor = actor_of(request)
        body = {
            "username": request.user.get_username(),
            "organisation": actor.organisation_code or None,
            "organisation_kind": actor.organisation_kind or None,
            "role": actor.role or None,
        }
        return Response(self.MeOutputSerializer(body).data)


class ApiTokenOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    scope = serializers.ChoiceField(choices=TokenScope.choices)
    prefix = serializers.CharField(help_text="The token's first characters.")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class ApiTokensApi(APIView):
    """The caller's API tokens (GET), or a new one (POST: from a session that gave its
    second factor, never with a token). The token's text is in this answer only: it is
    stored as a digest, and this POST takes no Idempotency-Key (a stored answer would
    keep the token)."""

    class ApiTokenInputSerializer(serializers.Serializer[Any]):
        name = serializers.CharField(max_length=80)
        scope = serializers.ChoiceField(
            choices=TokenScope.choices, default=TokenScope.READ
        )
        days = serializers.IntegerField(min_value=1, required=False)

    class ApiTokenCreatedSerializer(ApiTokenOutputSerializer):
        token = serializers.CharField(help_text="Shown once; send as Bearer.")

    @extend_schema(responses=page_of(ApiTokenOutputSerializer))
    def get(self, request: Request) -> Response:
        tokens = selectors.api_tokens_of(by=actor_of(request))
        return paginated(request, self, tokens, ApiTokenOutputSerializer)

    @extend_schema(
        request=ApiTokenInputSerializer, responses={201: ApiTokenCreatedSerializer}
    )
    def post(self, request: Request) -> Response:
        payload = self.ApiTokenInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        issued = services.api_token_issue(
            by=actor_of(request), **payload.validated_data
        )
        body = {**ApiTokenOutputSerializer(issued.record).data, "token": issued.token}
        return Response(body, status=status.HTTP_201_CREATED)


class ApiTokenRevokeApi(APIView):
    """Revoke one of the caller's tokens (a read-only token may not)."""

    @extend_schema(request=None, responses=ApiTokenOutputSerializer)
    def post(self, request: Request, token_id: int) -> Response:
        record = services.api_token_revoke(by=actor_of(request), token_id=token_id)
        return Response(ApiTokenOutputSerializer(record).data)


class OrganisationsApi(APIView):
    """The organisations taking part (codes, kinds and names; no personal data)."""

    class OrganisationsOutputSerializer(serializers.Serializer[Any]):
        code = serializers.CharField()
        kind = serializers.CharField()
        name_en = serializers.CharField()
        name_uk = serializers.CharField()
        name_ru = serializers.CharField()

    @extend_schema(responses=OrganisationsOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        organisations = selectors.organisations_visible_to(by=actor_of(request))
        return Response(
            self.OrganisationsOutputSerializer(organisations, many=True).data
        )
