"""``{% ledger_history object %}``: an object's history from the ledger, scoped to the viewer.

Usage on any object's page::

    {% load ledger_history %}
    {% ledger_history person %}

It renders ``audit/_history.html`` with the entries about ``object`` that the logged-in
user may see (DESIGN.md section 4), as sentences (``homecoming.apps.audit.presentation``):
nothing for observers, own and shared entries for a party, all for the mediator.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from homecoming.apps.accounts.actors import NOBODY, actor_of
from homecoming.apps.audit.presentation import entry_rows
from homecoming.apps.audit.selectors import ledger_entries_for

register = template.Library()

HISTORY_LIMIT = 200


@register.inclusion_tag("audit/_history.html", takes_context=True)
def ledger_history(context: Any, subject: models.Model) -> dict[str, Any]:
    request = context.get("request")
    by = actor_of(request) if request is not None else NOBODY
    entries = ledger_entries_for(by=by, subject=subject)[:HISTORY_LIMIT]
    rows = entry_rows(entries, by)
    return {"history": rows, "history_limit": HISTORY_LIMIT}
