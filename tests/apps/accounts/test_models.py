"""Database constraints on organisations and memberships."""

import pytest
from django.db import IntegrityError, transaction

from homecoming.apps.accounts.models import Membership, Role
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.django_db
def test_party_role_cannot_belong_to_a_mediator_organisation() -> None:
    # given a mediator organisation
    mediator = OrganisationFactory(kind="mediator")
    # when a membership with a party role is written straight to the database
    # then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=UserFactory(),
            organisation=mediator,
            organisation_kind=mediator.kind,
            role=Role.PARTY_OFFICER,
        )


@pytest.mark.django_db
def test_observer_role_fits_only_an_observer_organisation() -> None:
    party = OrganisationFactory(kind="party")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=UserFactory(),
            organisation=party,
            organisation_kind=party.kind,
            role=Role.OBSERVER,
        )


@pytest.mark.django_db
def test_a_user_has_at_most_one_membership() -> None:
    party = OrganisationFactory(kind="party")
    user = UserFactory()
    Membership.objects.create(
        user=user, organisation=party, organisation_kind="party", role=Role.PARTY_ADMIN
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=user,
            organisation=party,
            organisation_kind="party",
            role=Role.PARTY_OFFICER,
        )


@pytest.mark.django_db
def test_organisation_kind_must_be_known() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind="spy")
