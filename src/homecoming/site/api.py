"""The conventions every API view follows: errors, pagination, idempotency, throttling.

- **Errors**: :func:`exception_handler` (``REST_FRAMEWORK["EXCEPTION_HANDLER"]``) answers
  every refusal as ``{"detail": ..., "code": ..., "field": ...}`` (plus ``"errors"`` for
  a form's field errors and ``"problems"`` for an import's row problems) with its status:
  :class:`~homecoming.refusals.Rejected` 400 (or its subclass's), ``Refused`` 403,
  ``Hidden`` 404, Django's ``ValidationError`` 400, and DRF's own exceptions as DRF
  decides (401 for a missing or bad token). API views therefore carry no ``try`` blocks.
- **Pagination**: one :class:`Pagination` (limit/offset, at most 500 a page) through
  :func:`paginated`, so every list answers ``{"count", "next", "previous", "results"}``
  as the schema says; a ``limit`` or ``offset`` that is not a whole number a database
  column holds is a 400, like every number a filter reads (:func:`id_field`,
  :func:`count_field`), and an id in the path is ``<id:...>`` (``site/converters.py``).
- **Idempotency**: every POST that creates something is decorated with
  ``homecoming.apps.accounts.idempotency.idempotent`` and documents the header with
  :data:`IDEMPOTENCY_PARAMETER`.
- **Throttling**: per user (authenticated), per anonymous address, and per address for
  everyone, counted before any credential is checked (``homecoming.site.throttling``),
  with the rates in settings; a refusal is 429 with ``Retry-After``.

This module imports no app: apps import it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from homecoming.refusals import Hidden, Refused, Rejected
from homecoming.site.converters import LARGEST_ID

if TYPE_CHECKING:
    from rest_framework.views import APIView

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "Any unique text: a retry with the same key and request gets the first "
        "answer again instead of doing the work twice."
    ),
)


def id_field(**kwargs: Any) -> Any:
    """A filter's object id: 1 to the largest id, else a 400 naming the parameter."""
    from rest_framework import serializers

    return serializers.IntegerField(min_value=1, max_value=LARGEST_ID, **kwargs)


def count_field(*, min_value: int = 0, **kwargs: Any) -> Any:
    """A filter's count or position (a sequence number, a tree size): at most what a
    bigint holds, else a 400 naming the parameter."""
    from rest_framework import serializers

    return serializers.IntegerField(min_value=min_value, max_value=LARGEST_ID, **kwargs)


class JsonOnly(DefaultContentNegotiation):
    """Every answer is JSON, whatever the client's ``Accept`` asks (a browser's
    ``text/html`` included): no 406, and no HTML page under /api/. Request bodies are
    parsed by their content type as usual."""

    def select_renderer(
        self, request: Request, renderers: Any, format_suffix: str | None = None
    ) -> Any:
        return (renderers[0], renderers[0].media_type)


class Pagination(LimitOffsetPagination):
    """Limit and offset; a value that is not a whole number from 0 (1 for the limit) to
    the largest bigint is refused (400) rather than silently replaced by the default,
    a limit above ``max_limit`` gives ``max_limit`` rows."""

    default_limit = 50
    max_limit = 500

    def _number(self, request: Request, name: str, smallest: int) -> int | None:
        text = request.query_params.get(name)
        if text is None or text == "":
            return None
        text = text.strip()
        # at most 19 digits before int(): Python refuses to read 4,300 or more
        if not (text.isascii() and text.isdigit() and len(text) <= 19) or not (
            smallest <= int(text) <= LARGEST_ID
        ):
            raise exceptions.ValidationError(
                {name: [f"Expected a whole number from {smallest} to {LARGEST_ID}."]}
            )
        return int(text)

    def get_limit(self, request: Request) -> int | None:
        limit = self._number(request, self.limit_query_param, 1)
        if limit is None:
            return self.default_limit
        return min(limit, self.max_limit) if self.max_limit else limit

    def get_offset(self, request: Request) -> int:
        return self._number(request, self.offset_query_param, 0) or 0


def page_of(serializer: type[BaseSerializer[Any]]) -> Any:
    """The schema of one page of ``serializer``, as :func:`paginated` answers it."""
    from drf_spectacular.utils import inline_serializer
    from rest_framework import serializers

    return inline_serializer(
        name=serializer.__name__.removesuffix("Serializer") + "Page",
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer(many=True),
        },
    )


def paginated(
    request: Request,
    view: APIView,
    queryset: QuerySet[Any] | list[Any],
    serializer: type[BaseSerializer[Any]],
    *,
    context: Mapping[str, Any] | None = None,
    page_context: Callable[[list[Any]], Mapping[str, Any]] | None = None,
) -> Response:
    """One page of ``queryset`` as ``{"count", "next", "previous", "results"}``.

    ``page_context(page)`` adds serializer context worked out once for the page (the
    subjects of a page of ledger entries, say).
    """
    paginator = Pagination()
    page = list(paginator.paginate_queryset(queryset, request, view=view) or [])
    full_context = {**(context or {}), **(page_context(page) if page_context else {})}
    data = serializer(page, many=True, context=full_context).data
    return paginator.get_paginated_response(data)


def _body(detail: str, code: str, field: str | None, **more: Any) -> dict[str, Any]:
    return {"detail": detail, "code": code, "field": field, **more}


def _first_error(detail: Any) -> tuple[str, str | None]:
    """The first message of a serializer's error structure, and its field."""
    if isinstance(detail, dict):
        for name, value in detail.items():
            message, _ = _first_error(value)
            return message, None if name == "non_field_errors" else str(name)
    if isinstance(detail, list) and detail:
        return _first_error(detail[0])
    return str(detail), None


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's ``handler404`` (``site/urls.py``): under /api/ a URL that matches no
    operation (or an id no column holds) answers in the API's error shape, elsewhere
    the site's 404 page."""
    if request.path.startswith("/api/"):
        return JsonResponse(_body("Not found.", "not_found", None), status=404)
    return defaults.page_not_found(request, exception or Http404())


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's ``handler500``: the API's error shape under /api/, else the 500 page."""
    if request.path.startswith("/api/"):
        return JsonResponse(_body("Server error.", "error", None), status=500)
    return defaults.server_error(request)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every error as ``{"detail", "code", "field"}`` with its status (module doc)."""
    if isinstance(exc, Rejected):
        more: dict[str, Any] = {"problems": list(exc.problems)} if exc.problems else {}
        return Response(
            _body(exc.detail, exc.code, exc.field, **more), status=exc.status
        )
    if isinstance(exc, DjangoValidationError):
        messages = exc.messages
        field = None
        if hasattr(exc, "error_dict"):
            field = next(iter(exc.error_dict), None)
        return Response(
            _body(messages[0] if messages else "Invalid input.", "invalid", field),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Hidden | Http404):
        exc = exceptions.NotFound(getattr(exc, "detail", None) or "Not found.")
    elif isinstance(exc, Refused | PermissionDenied):
        exc = exceptions.PermissionDenied(
            getattr(exc, "detail", None) or "You may not do this."
        )
    # Imported here: DRF reads its settings (this handler among them) while
    # rest_framework.views is still being imported.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        message, field = _first_error(exc.detail)
        response.data = _body(message, "invalid", field, errors=exc.detail)
    else:
        codes = exc.get_codes()
        response.data = _body(
            str(exc.detail), codes if isinstance(codes, str) else "error", None
        )
    return response
