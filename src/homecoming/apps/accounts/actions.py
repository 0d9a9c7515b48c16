"""Ledger actions of accounts: organisations, members, API tokens, second factors."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.accounts.models import OrganisationKind, Role
from homecoming.apps.audit.catalogue import LedgerAction, SubjectKind

ROLES = dict(Role.choices)

ORGANISATION_CREATE = LedgerAction(
    "organisation.create",
    _("{actor} added the organisation {code} ({kind})."),
    labels={"kind": dict(OrganisationKind.choices)},
)
USER_INVITE = LedgerAction(
    "user.invite",
    _("{actor} added a member to {joined} as {role}."),
    labels={"role": ROLES},
)
MEMBERSHIP_SET_ROLE = LedgerAction(
    "membership.set_role",
    _("{actor} changed a member's role from {from} to {to}."),
    labels={"from": ROLES, "to": ROLES},
)
API_TOKEN_ISSUE = LedgerAction("api_token.issue", _("{actor} issued an API token."))
API_TOKEN_REVOKE = LedgerAction("api_token.revoke", _("{actor} revoked an API token."))
OTP_DEVICE_CONFIRM = LedgerAction(
    "otp_device.confirm", _("{actor} turned on two-factor login.")
)
SECURITY_KEY_ADD = LedgerAction(
    "security_key.add", _("{actor} added a security key for signing in.")
)
RECOVERY_CODES_ISSUE = LedgerAction(
    "recovery_codes.issue", _("{actor} made a new set of recovery codes.")
)
SECOND_FACTOR_REMOVE = LedgerAction(
    "second_factor.remove", _("{actor} removed one of their second factors.")
)
SECOND_FACTOR_RESET = LedgerAction(
    "second_factor.reset",
    _("{actor} reset a member's second factors; the member sets one up again."),
)


def _organisations(by: Actor, ids: list[str]) -> Mapping[str, tuple[str, str]]:
    from homecoming.apps.accounts.selectors import organisations_visible_to

    return {
        str(org.pk): (org.code, "")
        for org in organisations_visible_to(by=by).filter(pk__in=ids)
    }


SubjectKind(
    "accounts.organisation", resolve=_organisations, generic=_("an organisation")
)
SubjectKind("auth.user", resolve=lambda by, ids: {}, generic=_("a user account"))
SubjectKind(
    "accounts.membership", resolve=lambda by, ids: {}, generic=_("a membership")
)
