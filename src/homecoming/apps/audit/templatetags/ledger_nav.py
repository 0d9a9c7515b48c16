"""``{% ledger_nav %}``: the ledger's sub-navigation, with the pages the caller may open."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts.actors import NOBODY, actor_of
from homecoming.apps.accounts.permissions import Permission, may

register = template.Library()

_PAGES = (
    ("audit:ledger", _("Entries"), Permission.CHECKPOINTS_READ),
    ("audit:checkpoints", _("Checkpoints"), Permission.CHECKPOINTS_READ),
    ("audit:consistency", _("Consistency"), Permission.CHECKPOINTS_READ),
    ("audit:verify", _("Verification"), Permission.LEDGER_REPORT_READ),
    ("audit:keys", _("Keys"), Permission.KEYS_READ),
    ("audit:signature-upload", _("Upload a signature"), Permission.SIGNATURE_ADD),
)


@register.inclusion_tag("audit/_nav.html", takes_context=True)
def ledger_nav(context: Any) -> dict[str, Any]:
    request = context.get("request")
    by = actor_of(request) if request is not None else NOBODY
    path = request.path if request is not None else ""
    links = [
        (reverse(name), label, path == reverse(name))
        for name, label, permission in _PAGES
        if may(by, permission)
    ]
    return {"links": links}
