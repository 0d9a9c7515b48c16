"""How the service says no: one small hierarchy, shared by every app, page, API and command.

DESIGN.md section 1: refusals are Django's own. A caller who may not do something gets a
:class:`Refused` (a ``PermissionDenied``); an object the caller may not see answers exactly
as a missing one, :class:`Hidden` (an ``Http404``); a request that cannot be honoured as
asked (a bad file, a key registered twice, a transition the state table forbids) is a
:class:`Rejected` with a machine-readable ``code`` and, when one field is at fault, its
``field``. Django's middleware turns the first two into 403 and 404 pages by itself; the
API's exception handler (``homecoming.site.api``) turns all three, and Django's
``ValidationError``, into ``{"detail", "code", "field"}`` with the right status. Views
therefore carry no ``try`` blocks for service errors: a page that wants to show a
rejection beside its form catches :class:`Rejected` in one place (its form handling).

Messages are written for people and must never name another party's data.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.http import Http404


class Refused(PermissionDenied):
    """The caller may see the object but may not do this to it (403)."""

    code = "refused"

    def __init__(self, detail: str = "You may not do this.") -> None:
        super().__init__(detail)
        self.detail = detail


class Hidden(Http404):
    """No such object, or one the caller may not see: the two answer alike (404)."""

    code = "not_found"

    def __init__(self, detail: str = "Not found.") -> None:
        super().__init__(detail)
        self.detail = detail


class Rejected(Exception):
    """A request the service cannot honour as asked (400 unless a subclass says other).

    ``detail`` is one sentence for people; ``code`` a stable token for programs;
    ``field`` the input field at fault, when there is one; ``problems`` a list of
    further sentences (an import's row problems), possibly empty.
    """

    status = 400
    default_code = "rejected"

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        field: str | None = None,
        problems: Sequence[str] = (),
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code or self.default_code
        self.field = field
        self.problems = tuple(problems)


class Conflict(Rejected):
    """The request clashes with the current state (409): already done, decided by
    someone else meanwhile, or not allowed in this state."""

    status = 409
    default_code = "conflict"
