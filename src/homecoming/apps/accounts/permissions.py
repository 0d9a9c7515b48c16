"""May this actor do X to this object? The one place that answers (DESIGN.md section 4).

Every service calls :func:`require` before it writes, every page and API view that offers
an action asks :func:`may` (to show a button, never to decide), and every selector scopes
its reads with :func:`owner_scope` or :func:`organisation_scope`. Nothing else (no
template, view, serializer or command) decides who may do what.

A rule takes the actor and, for actions on one object, the object: anything with an
``owner_id`` (persons, lists, versions), an ``organisation`` code (keys) or a ``pk`` (an
organisation). Apps add their permissions to :class:`Permission` and their rules to
``_RULES``, beside the others, so that the whole access policy reads in one file::

    require(by, Permission.LIST_WRITE, person_list)      # raises Refused
    if may(by, Permission.KEY_REVOKE, key): ...          # a button on a page
    Person.objects.filter(owner_scope(by, "owner_id"))   # what a selector may return
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.db.models import Q

from homecoming.apps.accounts.actors import Actor
from homecoming.refusals import Refused


class Permission(StrEnum):
    # accounts
    ORGANISATION_CREATE = "accounts.organisation.create"
    MEMBERS_MANAGE = "accounts.members.manage"  # target: the Organisation
    API_TOKEN_ISSUE = "accounts.api_token.issue"  # noqa: S105 (a permission name)
    SECOND_FACTOR_MANAGE = "accounts.second_factor.manage"
    # registry
    REGISTRY_READ = "registry.read"
    REGISTRY_READ_ALL_PARTIES = "registry.read_all_parties"
    LIST_OPEN = "registry.list.open"
    LIST_WRITE = "registry.list.write"  # target: anything owned (owner_id)
    CUSTODY_EVENT_RECORD = "registry.custody_event.record"  # target: the Person
    NAME_KEYS_REFRESH = "registry.name_keys.refresh"
    # audit
    LEDGER_ENTRIES_READ = "audit.entries.read"
    CHECKPOINTS_READ = "audit.checkpoints.read"
    CHECKPOINT_SIGN = "audit.checkpoint.sign"
    LEDGER_REPORT_READ = "audit.report.read"
    KEYS_READ = "audit.keys.read"
    KEY_REGISTER = "audit.key.register"
    KEY_REVOKE = "audit.key.revoke"  # target: the key (organisation code)
    SIGNATURE_ADD = "audit.signature.add"
    # jobs
    JOB_CANCEL = "jobs.job.cancel"  # target: the Job


Rule = Callable[[Actor, Any], bool]


def _member(actor: Actor, target: Any) -> bool:
    return actor.is_member


def _member_in_a_session(actor: Actor, target: Any) -> bool:
    """A member signed in on the site: an API token never makes API tokens."""
    return actor.is_member and not actor.via_token


def _party(actor: Actor, target: Any) -> bool:
    return actor.is_party


def _party_or_mediator(actor: Actor, target: Any) -> bool:
    return actor.is_party or actor.is_mediator


def _mediator(actor: Actor, target: Any) -> bool:
    return actor.is_mediator


def _system_or_mediator(actor: Actor, target: Any) -> bool:
    return actor.is_system or actor.is_mediator


def _system_or_mediator_admin(actor: Actor, target: Any) -> bool:
    return actor.is_system or actor.is_mediator_admin


def _party_member_of_owner(actor: Actor, target: Any) -> bool:
    """Members of the party that owns ``target`` (a list, a person, a version)."""
    return actor.is_party and actor.speaks_for(getattr(target, "owner_id", None))


def _admin_of_organisation(actor: Actor, organisation: Any) -> bool:
    """The system, a mediator administrator, or an administrator of ``organisation``."""
    if actor.is_system or actor.is_mediator_admin:
        return True
    return actor.is_admin and actor.speaks_for(getattr(organisation, "pk", None))


def _key_admin(actor: Actor, target: Any) -> bool:
    return actor.is_admin and (actor.is_party or actor.is_mediator)


def _key_owner_admin_or_mediator_admin(actor: Actor, key: Any) -> bool:
    if actor.is_mediator_admin:
        return True
    return (
        actor.is_admin
        and actor.is_party
        and actor.organisation_code == getattr(key, "organisation", None)
    )


def _mediator_or_observer(actor: Actor, target: Any) -> bool:
    return actor.is_mediator or actor.is_observer


def _job_submitter_or_mediator(actor: Actor, job: Any) -> bool:
    if actor.is_mediator:
        return True
    return actor.is_member and actor.user_id == getattr(job, "submitted_by_id", None)


_RULES: dict[Permission, Rule] = {
    Permission.ORGANISATION_CREATE: _system_or_mediator_admin,
    Permission.MEMBERS_MANAGE: _admin_of_organisation,
    Permission.API_TOKEN_ISSUE: _member_in_a_session,
    Permission.SECOND_FACTOR_MANAGE: lambda actor, _: actor.is_authenticated,
    Permission.REGISTRY_READ: _party_or_mediator,
    Permission.REGISTRY_READ_ALL_PARTIES: _mediator,
    Permission.LIST_OPEN: _party,
    Permission.LIST_WRITE: _party_member_of_owner,
    Permission.CUSTODY_EVENT_RECORD: _party_member_of_owner,
    Permission.NAME_KEYS_REFRESH: _system_or_mediator_admin,
    Permission.LEDGER_ENTRIES_READ: _party_or_mediator,
    Permission.CHECKPOINTS_READ: _member,
    Permission.CHECKPOINT_SIGN: _system_or_mediator,
    Permission.LEDGER_REPORT_READ: _mediator_or_observer,
    Permission.KEYS_READ: _member,
    Permission.KEY_REGISTER: _key_admin,
    Permission.KEY_REVOKE: _key_owner_admin_or_mediator_admin,
    Permission.SIGNATURE_ADD: _party_or_mediator,
    Permission.JOB_CANCEL: _job_submitter_or_mediator,
}

#: Why a refusal happened, in words for the person refused.
_REFUSALS: dict[Permission, str] = {
    Permission.ORGANISATION_CREATE: "Only a mediator administrator may add organisations.",
    Permission.MEMBERS_MANAGE: "Only an administrator of this organisation may do that.",
    Permission.API_TOKEN_ISSUE: (
        "Only a member signed in on the site makes API tokens (a token cannot)."
    ),
    Permission.LIST_OPEN: "Only a party opens lists.",
    Permission.LIST_WRITE: "Only the party that owns a list may change it.",
    Permission.CUSTODY_EVENT_RECORD: (
        "Only the party that registered a person may record its custody events."
    ),
    Permission.NAME_KEYS_REFRESH: "Only a mediator administrator may refresh name keys.",
    Permission.CHECKPOINT_SIGN: "Only the mediator signs checkpoints.",
    Permission.KEY_REGISTER: (
        "Only an administrator of a party or of the mediator may register keys."
    ),
    Permission.KEY_REVOKE: (
        "Only an administrator of the key's organisation, or a mediator "
        "administrator, may revoke it."
    ),
    Permission.SIGNATURE_ADD: "Only members of a party or the mediator may sign.",
    Permission.JOB_CANCEL: "Only whoever started a job, or the mediator, may cancel it.",
}


def may(actor: Actor, permission: Permission, target: Any = None) -> bool:
    """True when ``actor`` may do ``permission`` (to ``target``, for object rules)."""
    return _RULES[permission](actor, target)


def require(actor: Actor, permission: Permission, target: Any = None) -> None:
    """Raise :class:`~homecoming.refusals.Refused` unless ``actor`` may do it."""
    if not may(actor, permission, target):
        raise Refused(_REFUSALS.get(permission, "You may not do this."))


# Read scopes -----------------------------------------------------------------------

NOTHING = Q(pk__in=[])


def owner_scope(actor: Actor, owner_field: str) -> Q:
    """Rows of party-owned data the actor may read, as a filter on ``owner_field``.

    The mediator reads every party's; a party member its own party's; anyone else
    (observers included: they see counts, never rows) nothing.
    """
    if actor.is_mediator:
        return Q()
    if actor.is_party:
        return Q(**{owner_field: actor.organisation_id})
    return NOTHING


def counted_owner_scope(actor: Actor, owner_field: str) -> Q:
    """Rows the actor may *count* (dashboards): parties their own, the mediator and
    observers every party's, anyone else nothing."""
    if actor.is_mediator or actor.is_observer:
        return Q()
    if actor.is_party:
        return Q(**{owner_field: actor.organisation_id})
    return NOTHING
