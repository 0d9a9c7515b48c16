"""Who the caller is (the Actor) and the members an administrator may reach."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from homecoming.apps.accounts.actors import NOBODY, SYSTEM, actor_for
from homecoming.apps.accounts.models import Membership
from homecoming.apps.accounts.permissions import Permission, may
from homecoming.apps.accounts.selectors import access_membership, memberships_visible_to
from homecoming.refusals import Hidden


def test_anonymous_is_nobody() -> None:
    actor = actor_for(AnonymousUser())
    assert actor == NOBODY
    assert not actor.is_member
    assert not (actor.is_party or actor.is_mediator or actor.is_observer)


def test_party_officer_speaks_for_own_party(a_officer: Any) -> None:
    actor = actor_for(a_officer)
    assert actor.organisation_code == "ua"
    assert actor.is_party and may(actor, Permission.LIST_OPEN)
    assert not may(actor, Permission.REGISTRY_READ_ALL_PARTIES)
    assert not actor.is_admin


def test_inactive_user_is_nobody(a_officer: Any) -> None:
    a_officer.is_active = False
    a_officer.save()
    a_officer.refresh_from_db()
    assert not actor_for(a_officer).is_member


def test_the_system_is_no_member_and_names_no_user() -> None:
    assert SYSTEM.is_system and not SYSTEM.is_member and SYSTEM.user_id is None
    assert may(SYSTEM, Permission.ORGANISATION_CREATE)
    assert not may(SYSTEM, Permission.LIST_OPEN)


def test_party_admin_sees_only_own_members(
    a_admin: Any, a_officer: Any, b_officer: Any
) -> None:
    by = actor_for(a_admin)
    users = {m.user.username for m in memberships_visible_to(by=by)}
    assert users == {"a_admin", "a_officer"}


def test_officer_sees_no_members(a_officer: Any, a_admin: Any) -> None:
    assert not memberships_visible_to(by=actor_for(a_officer)).exists()


def test_admin_reaches_own_members_only(
    a_admin: Any, a_officer: Any, b_officer: Any, mediator_admin: Any
) -> None:
    own = Membership.objects.get(user=a_officer)
    other = Membership.objects.get(user=b_officer)
    admin = actor_for(a_admin)
    assert access_membership(by=admin, membership_id=own.pk) == own
    with pytest.raises(Hidden):
        access_membership(by=admin, membership_id=other.pk)
    with pytest.raises(Hidden):
        access_membership(by=actor_for(a_officer), membership_id=own.pk)
    mediator = actor_for(mediator_admin)
    assert access_membership(by=mediator, membership_id=other.pk) == other
