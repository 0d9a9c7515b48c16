"""Organisations (the two parties, the mediator, observers), memberships and roles.

Shape::

    Organisation(code="ua", kind="party", name_en=..., name_uk=..., name_ru=...)
    Membership(user=<User>, organisation=<Organisation ua>, role="party_officer",
               organisation_kind="party")

A user has at most one membership. The role must fit the kind of organisation: party roles
for parties, mediator roles for the mediator, the observer role for observers. A check
constraint enforces it on ``organisation_kind``, a copy of the organisation's kind written
by the service (an organisation's kind never changes after creation).

``IdempotentRequest`` stores the response to an API POST under the caller's
``Idempotency-Key`` for a day (see ``homecoming.apps.accounts.idempotency``).

``ApiToken`` is one API credential of one user, kept as a SHA-256 digest only::

    ApiToken(user=<User>, name="nightly export", scope="read", prefix="hc_Zx3k",
             digest="9f2c...", expires_at=..., revoked_at=None)

``SecurityKey`` is a WebAuthn credential (a security key or a passkey), a django-otp
device like the TOTP and recovery-code devices, so ``django_otp.login`` and
``is_verified()`` treat all three alike.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class OrganisationKind(models.TextChoices):
    PARTY = "party", _("Party")
    MEDIATOR = "mediator", _("Mediator")
    OBSERVER = "observer", _("Observer")


class Role(models.TextChoices):
    PARTY_OFFICER = "party_officer", _("Party officer")
    PARTY_ADMIN = "party_admin", _("Party administrator")
    MEDIATOR_OFFICER = "mediator_officer", _("Mediator officer")
    MEDIATOR_ADMIN = "mediator_admin", _("Mediator administrator")
    OBSERVER = "observer", _("Observer")


#: Which roles fit which kind of organisation.
ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrganisationKind.PARTY: (Role.PARTY_OFFICER, Role.PARTY_ADMIN),
    OrganisationKind.MEDIATOR: (Role.MEDIATOR_OFFICER, Role.MEDIATOR_ADMIN),
    OrganisationKind.OBSERVER: (Role.OBSERVER,),
}


class Organisation(models.Model):
    """A party (a state or its coordination body), the mediator, or an observer."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_uk = models.CharField(_("name in Ukrainian"), max_length=200, blank=True)
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values),
                name="organisation_kind_known",
            ),
            models.CheckConstraint(
                condition=~Q(code=""), name="organisation_code_not_empty"
            ),
        )

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        """The name in the active language, falling back to English."""
        language = (get_language() or "en")[:2]
        localised = {"uk": self.name_uk, "ru": self.name_ru}.get(language, "")
        return localised or self.name_en

    @property
    def is_party(self) -> bool:
        return self.kind == OrganisationKind.PARTY


class Membership(models.Model):
    """A user's place in one organisation, and the role that says what they may do."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    organisation_kind = models.CharField(
        _("kind of organisation"),
        max_length=16,
        choices=OrganisationKind.choices,
        editable=False,
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = (
            models.CheckConstraint(
                condition=(
                    Q(
                        organisation_kind=OrganisationKind.PARTY,
                        role__in=ROLES_BY_KIND[OrganisationKind.PARTY],
                    )
                    | Q(
                        organisation_kind=OrganisationKind.MEDIATOR,
                        role__in=ROLES_BY_KIND[OrganisationKind.MEDIATOR],
                    )
                    | Q(
                        organisation_kind=OrganisationKind.OBSERVER,
                        role__in=ROLES_BY_KIND[OrganisationKind.OBSERVER],
                    )
                ),
                name="membership_role_fits_organisation_kind",
            ),
        )

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organisation_id}:{self.role}"


class IdempotentRequest(models.Model):
    """The stored outcome of one API POST made with an ``Idempotency-Key`` header.

    A repeat of the same request with the same key gets the stored response; the same key
    with a different request is refused. Rows older than a day are ignored and purged.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    completed = models.BooleanField(default=False)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["user", "key"], name="idempotent_request_key_unique_per_user"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    """One API token of one user: scoped, expiring, revocable, stored as a digest.

    The token itself is shown once, when it is made; only its SHA-256 digest and its
    first characters (to recognise it in a list) are kept. ``credential_stamp`` is the
    user's session hash when it was made: a password change alters it, which ends the
    token (``homecoming.apps.accounts.api_tokens``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=80)
    scope = models.CharField(
        _("scope"), max_length=8, choices=TokenScope.choices, default=TokenScope.READ
    )
    prefix = models.CharField(_("starts with"), max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    credential_stamp = models.CharField(max_length=128, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = (
            models.CheckConstraint(
                condition=Q(scope__in=TokenScope.values), name="api_token_scope_known"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
        )

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"

    @property
    def is_live(self) -> bool:
        """Neither revoked nor expired (the password check is the authenticator's)."""
        return self.revoked_at is None and self.expires_at > timezone.now()


class SecurityKey(Device):  # type: ignore[misc]  # django-otp is untyped
    """A WebAuthn credential registered by its user (a security key or a passkey).

    ``credential_id`` and ``public_key`` come from the authenticator at registration;
    ``sign_count`` is the authenticator's counter, checked at every sign-in so that a
    cloned key shows itself (py_webauthn refuses a counter that goes back).
    """

    credential_id = models.BinaryField(max_length=1023)
    credential_id_digest = models.CharField(max_length=64, unique=True, editable=False)
    public_key = models.BinaryField(max_length=2048)
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("security key")
        verbose_name_plural = _("security keys")

    def verify_token(self, token: object) -> bool:
        """A security key answers a challenge, never a typed code."""
        return False
