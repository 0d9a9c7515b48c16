"""The caller's scope as every selector reads it."""

from typing import Any

from django.contrib.auth.models import AnonymousUser

from homecoming.apps.accounts.selectors import memberships_visible_to, viewer_for


def test_anonymous_is_nobody() -> None:
    viewer = viewer_for(AnonymousUser())
    assert not viewer.is_member
    assert not (viewer.is_party or viewer.is_mediator or viewer.is_observer)


def test_party_officer_speaks_for_own_party(a_officer: Any) -> None:
    viewer = viewer_for(a_officer)
    assert viewer.organisation_code == "ua"
    assert viewer.is_party and viewer.may_write_own_registry
    assert not viewer.may_read_all_registries and not viewer.is_admin


def test_inactive_user_sees_nothing(a_officer: Any) -> None:
    a_officer.is_active = False
    a_officer.save()
    a_officer.refresh_from_db()
    assert not viewer_for(a_officer).is_member


def test_party_admin_sees_only_own_members(
    a_admin: Any, a_officer: Any, b_officer: Any
) -> None:
    users = {m.user.username for m in memberships_visible_to(user=a_admin)}
    assert users == {"a_admin", "a_officer"}


def test_officer_sees_no_members(a_officer: Any, a_admin: Any) -> None:
    assert not memberships_visible_to(user=a_officer).exists()


def test_admin_reaches_own_members_only(
    a_admin: Any, a_officer: Any, b_officer: Any, mediator_admin: Any
) -> None:
    import pytest
    from django.http import Http404

    from homecoming.apps.accounts.models import Membership
    from homecoming.apps.accounts.selectors import access_membership

    own = Membership.objects.get(user=a_officer)
    other = Membership.objects.get(user=b_officer)
    assert access_membership(user=a_admin, membership_id=own.pk) == own
    with pytest.raises(Http404):
        access_membership(user=a_admin, membership_id=other.pk)
    with pytest.raises(Http404):
        access_membership(user=a_officer, membership_id=own.pk)
    assert access_membership(user=mediator_admin, membership_id=other.pk) == other
