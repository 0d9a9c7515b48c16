"""The API's OpenAPI schema class (``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]``).

Kept apart from ``homecoming.site.api``: drf-spectacular's AutoSchema imports DRF's
generic views, which read the settings that name ``homecoming.site.api``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema


def _error_serializer() -> Any:
    """A refusal, as ``homecoming.site.api.exception_handler`` answers every one."""
    from drf_spectacular.utils import inline_serializer
    from rest_framework import serializers

    return inline_serializer(
        name="Error",
        fields={
            "detail": serializers.CharField(),
            "code": serializers.CharField(),
            "field": serializers.CharField(allow_null=True),
            # a form's field errors, an import's row problems
            "errors": serializers.JSONField(required=False),
            "problems": serializers.ListField(
                child=serializers.DictField(), required=False
            ),
        },
    )


#: The refusals every operation can give: bad input, no or a bad credential, not
#: allowed (or a read-only token), a missing object or one the caller may not see,
#: too many requests (homecoming.site.throttling).
ERROR_STATUSES = ("400", "401", "403", "404", "429")
#: And those of a change: it clashes with the current state (``refusals.Conflict``,
#: an Idempotency-Key still running), or an Idempotency-Key reused for another request.
CHANGE_ERROR_STATUSES = ("409", "422")


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the error answers (:data:`ERROR_STATUSES`, in the
    shape of ``components.schemas.Error``) documented on every operation."""

    error_serializer: Any = None

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        responses = super()._get_response_bodies(direction)
        if AutoSchema.error_serializer is None:
            AutoSchema.error_serializer = _error_serializer()
        codes: tuple[str, ...] = ERROR_STATUSES
        if self.method not in {"GET", "HEAD", "OPTIONS"}:
            codes += CHANGE_ERROR_STATUSES
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(  # type: ignore[no-untyped-call]
                    AutoSchema.error_serializer, code, direction=direction
                )
        return responses
