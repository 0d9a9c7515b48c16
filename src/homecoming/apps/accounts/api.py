"""REST API of accounts: who am I, my API token, the organisations."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from homecoming.apps.accounts import selectors, services
from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.accounts.idempotency import idempotent
from homecoming.site.api import IDEMPOTENCY_PARAMETER


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


class ApiTokenApi(APIView):
    """Issue a new API token for the caller (the previous one stops working)."""

    class ApiTokenOutputSerializer(serializers.Serializer[Any]):
        token = serializers.CharField(source="key")

    @extend_schema(
        request=None,
        responses={201: ApiTokenOutputSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        token = services.api_token_issue(by=actor_of(request))
        return Response(
            self.ApiTokenOutputSerializer(token).data, status=status.HTTP_201_CREATED
        )


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
