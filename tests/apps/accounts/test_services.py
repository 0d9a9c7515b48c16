"""Organisations, invitations and roles: permissions, role fit and ledger entries."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from homecoming.apps.accounts import services
from homecoming.apps.accounts.actors import SYSTEM, actor_for
from homecoming.apps.accounts.models import Membership, Organisation, Role
from homecoming.refusals import Rejected


@pytest.mark.django_db
def test_system_creates_an_organisation_with_a_ledger_entry(
    new_ledger_entries: Any,
) -> None:
    organisation = services.organisation_create(
        code="ua",
        kind="party",
        name_en="Ukraine",
        name_uk="Україна",
        name_ru="Украина",
        by=SYSTEM,
    )
    assert Organisation.objects.get(code="ua") == organisation
    entry = new_ledger_entries().get(action="organisation.create")
    assert entry.subject_id == str(organisation.pk)


def test_party_officer_cannot_create_organisations(a_officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            code="x", kind="party", name_en="X", by=actor_for(a_officer)
        )
    assert not Organisation.objects.filter(code="x").exists()


def test_party_admin_invites_an_officer_into_own_party(
    a_admin: Any,
    party_a: Organisation,
    new_ledger_entries: Any,
) -> None:
    user = services.user_invite(
        organisation=party_a,
        username="new_officer",
        role=Role.PARTY_OFFICER,
        by=actor_for(a_admin),
    )
    assert actor_for(user).organisation_code == "ua"
    assert not user.has_usable_password()
    assert (
        new_ledger_entries().filter(action="user.invite", organisation="ua").count()
        == 1
    )


def test_party_admin_cannot_invite_into_the_other_party(
    a_admin: Any, party_b: Organisation
) -> None:
    with pytest.raises(PermissionDenied):
        services.user_invite(
            organisation=party_b,
            username="mole",
            role=Role.PARTY_OFFICER,
            by=actor_for(a_admin),
        )


def test_party_officer_cannot_invite(a_officer: Any, party_a: Organisation) -> None:
    with pytest.raises(PermissionDenied):
        services.user_invite(
            organisation=party_a,
            username="x",
            role=Role.PARTY_OFFICER,
            by=actor_for(a_officer),
        )


def test_invited_role_must_fit_the_organisation(party_a: Organisation) -> None:
    with pytest.raises(Rejected):
        services.user_invite(
            organisation=party_a, username="x", role=Role.MEDIATOR_ADMIN, by=SYSTEM
        )


def test_mediator_admin_changes_a_party_member_role(
    mediator_admin: Any,
    a_officer: Any,
    new_ledger_entries: Any,
) -> None:
    membership = Membership.objects.get(user=a_officer)
    services.membership_set_role(
        membership=membership, role=Role.PARTY_ADMIN, by=actor_for(mediator_admin)
    )
    assert Membership.objects.get(user=a_officer).role == Role.PARTY_ADMIN
    entry = new_ledger_entries().get(action="membership.set_role")
    assert entry.data["from"] == Role.PARTY_OFFICER
