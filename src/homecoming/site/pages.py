"""The conventions every page view follows for the service's refusals.

Views call one service and render; they hold no ``try`` blocks for service errors:

- :func:`submit` runs a service call for a form and, when the service rejects the
  request, puts its sentence on the form (on the field at fault when the form has it)
  and returns None, so the view renders the form again::

      if form.is_valid() and (key := submit(form, lambda: services.party_key_register(...))):
          return redirect(...)

- :class:`RejectedMiddleware` answers a :class:`~homecoming.refusals.Rejected` raised
  anywhere else in a page (a button's POST) with a page that says why, in the status
  the rejection carries (400, or 409 for a conflict). Refusals and hidden objects are
  Django's own 403 and 404.

This module imports no app: apps import it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from homecoming.refusals import Rejected

T = TypeVar("T")


def submit(form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """``call()``, or None with the rejection's sentence added to ``form``.

    The rejection itself is kept as ``form.rejection`` so that a template can list its
    ``problems`` (an import's rows) in full.
    """
    try:
        return call()
    except Rejected as rejected:
        field = rejected.field if rejected.field in form.fields else None
        form.add_error(field, rejected.detail)
        form.rejection = rejected  # type: ignore[attr-defined]
        return None


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every answer that may carry personal data: all
    of /api/ (signed in by token or session, refusals included) and every page for a
    signed-in user, so that neither a shared computer's browser cache nor a proxy keeps
    a person's record. Static files (served before this, by WhiteNoise) and the pages
    of a caller not signed in keep their own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = request.path.startswith("/api/") or bool(
            user and user.is_authenticated
        )
        if personal and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        return response


class RejectedMiddleware:
    """Answer a page's uncaught :class:`Rejected` with ``rejected.html`` (module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not isinstance(exception, Rejected):
            return None
        context: dict[str, Any] = {"rejection": exception}
        return render(request, "rejected.html", context, status=exception.status)
