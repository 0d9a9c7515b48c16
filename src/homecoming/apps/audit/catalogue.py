"""What ledger entries say: the catalogue of actions and the sentence people read for each.

Each app declares its actions in its own ``actions.py`` and passes the constant to
``ledger_append``; the stored entry keeps the action's ``code``. Shape::

    # apps/registry/actions.py
    LIST_OPEN = LedgerAction(
        "person_list.create", _("{actor} opened the list {subject}.")
    )
    SubjectKind("registry.personlist", resolve=_lists_by_id)

A sentence is a translatable template: ``{actor}`` is who acted (named only to their own
organisation and the mediator; a member of another party reads "a member of ua"),
``{subject}`` the object the entry is about (a link, labelled by the subject's app for a
caller who may see it), and any other ``{name}`` a value of the entry's data. Values are
escaped; a value an old entry lacks shows as "…". Declaring an action registers it, so an
entry of any app renders wherever ledger entries are shown (the ledger page, every
object's History, the API's ``sentence`` field).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from homecoming.apps.accounts.actors import Actor

if TYPE_CHECKING:
    from homecoming.apps.audit.models import LedgerEntry

_ACTIONS: dict[str, LedgerAction] = {}
_SUBJECTS: dict[str, SubjectKind] = {}

#: (actor, ids) -> {id: (label, url or "")} for the subjects the actor may see.
SubjectResolver = Callable[[Actor, list[str]], Mapping[str, tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class LedgerAction:
    """One kind of ledger entry: its stable code and the sentence that tells it.

    ``labels`` translates data values that are codes (a list's kind, a role) for the
    sentence: ``{"kind": {"held": _("held"), "sought": _("sought")}}``.
    """

    code: str
    sentence: str | Promise
    labels: Mapping[str, Mapping[str, str | Promise]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = _ACTIONS.get(self.code)
        if known is not None and known != self:
            raise ValueError(f"ledger action {self.code!r} is declared twice")
        _ACTIONS[self.code] = self


@dataclass(frozen=True, slots=True)
class SubjectKind:
    """How entries about one model (``"app_label.model"``) name and link their subject."""

    subject_type: str
    resolve: SubjectResolver
    generic: str | Promise = ""

    def __post_init__(self) -> None:
        _SUBJECTS[self.subject_type] = self


def declared_actions() -> tuple[LedgerAction, ...]:
    """Every declared action (for tests: each must read as a sentence in every language)."""
    return tuple(_ACTIONS.values())


class _Values(dict[str, str]):
    """Entry values for a sentence: escaped on the way in, "…" for a missing name."""

    def __missing__(self, key: str) -> str:
        return "…"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def _label(labels: Mapping[str, str | Promise] | None, value: Any) -> str:
    if labels is not None and isinstance(value, str) and value in labels:
        return str(labels[value])
    return _text(value)


#: How an entry shared with other organisations names its actor: by role.
ROLE_PREFIX = "role:"


def actor_label(entry: LedgerEntry, by: Actor) -> str:
    """Who acted, as ``by`` may know it: a name within one's own organisation (and for
    the mediator), otherwise only the organisation; an entry shared with other
    organisations holds the actor's role instead of a name, for everyone."""
    if not entry.actor and entry.actor_id is None:
        return gettext("the system")
    if entry.actor.startswith(ROLE_PREFIX):
        from homecoming.apps.accounts.models import Role

        code = entry.actor.removeprefix(ROLE_PREFIX)
        role = str(dict(Role.choices).get(code, gettext("a user")))
        if not entry.organisation:
            return role
        return gettext("%(role)s of %(organisation)s") % {
            "role": role,
            "organisation": entry.organisation,
        }
    if by.is_mediator or (
        entry.organisation and entry.organisation == by.organisation_code
    ):
        return entry.actor or gettext("a user")
    if entry.organisation:
        return gettext("a member of %(organisation)s") % {
            "organisation": entry.organisation
        }
    return gettext("a user")


def subject_links(
    entries: Iterable[LedgerEntry], by: Actor
) -> dict[tuple[str, str], tuple[str, str]]:
    """(subject type, id) -> (label, url) for every subject of ``entries`` that ``by``
    may see, one query per kind of subject."""
    wanted: dict[str, list[str]] = {}
    for entry in entries:
        if entry.subject_type and entry.subject_id:
            wanted.setdefault(entry.subject_type, []).append(entry.subject_id)
    links: dict[tuple[str, str], tuple[str, str]] = {}
    for subject_type, ids in wanted.items():
        kind = _SUBJECTS.get(subject_type)
        if kind is None:
            continue
        for subject_id, link in kind.resolve(by, sorted(set(ids))).items():
            links[(subject_type, subject_id)] = link
    return links


def _subject_html(
    entry: LedgerEntry, links: Mapping[tuple[str, str], tuple[str, str]]
) -> SafeString:
    if not entry.subject_type:
        return mark_safe("")
    link = links.get((entry.subject_type, entry.subject_id))
    if link is None:
        kind = _SUBJECTS.get(entry.subject_type)
        generic = kind.generic if kind and kind.generic else gettext("an object")
        return format_html("{}", generic)
    label, url = link
    if not url:
        return format_html("{}", label)
    return format_html('<a href="{}">{}</a>', url, label)


def sentence_of(
    entry: LedgerEntry,
    by: Actor,
    links: Mapping[tuple[str, str], tuple[str, str]] | None = None,
) -> SafeString:
    """The entry as one sentence in the active language, safe to put in a page."""
    action = _ACTIONS.get(entry.action)
    labels = action.labels if action else {}
    values = _Values(
        {
            str(key): str(conditional_escape(_label(labels.get(str(key)), value)))
            for key, value in (entry.data or {}).items()
        }
    )
    values["actor"] = str(conditional_escape(actor_label(entry, by)))
    values["organisation"] = str(conditional_escape(entry.organisation or "—"))
    values["subject"] = _subject_html(entry, links or {})
    template = str(action.sentence) if action else gettext("{actor}: {action_code}.")
    values.setdefault("action_code", str(conditional_escape(entry.action)))
    # The template is ours (or a translator's); every value put into it was escaped.
    return mark_safe(template.format_map(values))  # noqa: S308


def plain_sentence_of(
    entry: LedgerEntry,
    by: Actor,
    links: Mapping[tuple[str, str], tuple[str, str]] | None = None,
) -> str:
    """The same sentence as plain text (for the API and exports)."""
    from html import unescape

    from django.utils.html import strip_tags

    return unescape(strip_tags(sentence_of(entry, by, links)))
