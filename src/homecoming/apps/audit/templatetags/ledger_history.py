"""``{% ledger_history object %}``: an object's history from the ledger, scoped to the viewer.

Usage on any object's page::

    {% load ledger_history %}
    {% ledger_history person %}

It renders ``audit/_history.html`` with the entries about ``object`` that the logged-in
user may see (DESIGN.md section 4): nothing for observers, own and shared entries for a
party, all for the mediator.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from homecoming.apps.audit.selectors import ledger_entries_for

register = template.Library()

HISTORY_LIMIT = 200


@register.inclusion_tag("audit/_history.html", takes_context=True)
def ledger_history(context: Any, subject: models.Model) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    entries = list(ledger_entries_for(user=user, subject=subject)[:HISTORY_LIMIT])
    return {"history": entries, "history_limit": HISTORY_LIMIT}
