"""REST API of accounts: who am I, my API token, the organisations."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from homecoming.apps.accounts import selectors, services
from homecoming.apps.accounts.idempotency import idempotent


class MeApi(APIView):
    """The caller's user name, organisation and role."""

    class MeOutputSerializer(serializers.Serializer[Any]):
        username = serializers.CharField()
        organisation = serializers.CharField(allow_null=True)
        organisation_kind = serializers.CharField(allow_null=True)
        role = serializers.CharField(allow_null=True)

    @extend_schema(responses=MeOutputSerializer)
    def get(self, request: Request) -> Response:
        viewer = selectors.viewer_for(request.user)
        body = {
            "username": request.user.get_username(),
            "organisation": viewer.organisation_code,
            "organisation_kind": viewer.organisation_kind,
            "role": viewer.role,
        }
        return Response(self.MeOutputSerializer(body).data)


class ApiTokenApi(APIView):
    """Issue a new API token for the caller (the previous one stops working)."""

    class ApiTokenOutputSerializer(serializers.Serializer[Any]):
        token = serializers.CharField(source="key")

    @extend_schema(
        request=None,
        responses={201: ApiTokenOutputSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER
            )
        ],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        token = services.api_token_issue(user=request.user)
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
        organisations = selectors.organisations_visible_to(user=request.user)
        return Response(
            self.OrganisationsOutputSerializer(organisations, many=True).data
        )
