"""The home page: a dashboard for the caller's role (counts only, never names)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from homecoming.apps.accounts.actors import actor_of
from homecoming.apps.registry.selectors import registry_counts


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Counts of lists and persons per party and register, as the role may see them."""
    by = actor_of(request)
    return render(
        request,
        "web/home.html",
        {"actor": by, "counts": registry_counts(by=by)},
    )
