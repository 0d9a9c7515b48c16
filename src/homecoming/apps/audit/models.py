"""Ledger entries, the ledger head, checkpoints, registered keys and document signatures.

Shape::

    LedgerEntry(seq=42, time=..., actor_id=7, actor="officer.ua", organisation="ua",
                action="person.register", subject_type="registry.person", subject_id="118",
                data={...}, audience=["ru"], visible_to="|ua|ru|",
                leaf_hash="<hex>", tree_root="<hex root of entries 1..42>")
    LedgerHead(id=1, size=42, frontier=["<hex>", ...], root="<hex>")

``LedgerEntry`` has no foreign key: nothing cascades into it and it depends on no other
app. It is append-only: database triggers refuse UPDATE and DELETE (migration 0002), and
it is unmanaged after its creation so that ``manage.py flush`` (and the test runner's
flush) leaves it alone rather than tripping over the triggers. ``LedgerHead`` is the single
row locked by every append; it keeps the Merkle frontier so that an append costs O(log n)
hashes.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LedgerEntry(models.Model):
    """One decision or change, hashed into the RFC 9162 log as leaf ``seq - 1``."""

    seq = models.BigIntegerField(_("sequence number"), primary_key=True)
    time = models.DateTimeField(_("time"))
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor = models.CharField(_("actor"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=32, blank=True)
    action = models.CharField(_("action"), max_length=64)
    subject_type = models.CharField(_("subject type"), max_length=100, blank=True)
    subject_id = models.CharField(_("subject id"), max_length=64, blank=True)
    data = models.JSONField(_("data"), default=dict)
    audience = models.JSONField(_("audience"), default=list)
    # "|ua|ru|": the organisation and the audience, for scoping with one LIKE on SQLite
    # and PostgreSQL alike (JSON "contains" is not available on SQLite).
    visible_to = models.CharField(max_length=400, editable=False)
    leaf_hash = models.CharField(_("leaf hash"), max_length=64)
    tree_root = models.CharField(_("tree root after this entry"), max_length=64)

    class Meta:
        managed = False
        db_table = "audit_ledgerentry"
        ordering = ("seq",)
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = (
            models.Index(
                fields=["subject_type", "subject_id"], name="audit_entry_subject"
            ),
            models.Index(fields=["organisation", "seq"], name="audit_entry_org"),
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(seq__gte=1), name="audit_entry_seq_positive"
            ),
        )

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class LedgerHead(models.Model):
    """The single row (id 1) that every append locks: size, Merkle frontier and root."""

    size = models.BigIntegerField(default=0)
    frontier = models.JSONField(default=list)
    root = models.CharField(max_length=64)

    class Meta:
        managed = False
        db_table = "audit_ledgerhead"
        constraints = (
            models.CheckConstraint(condition=Q(pk=1), name="audit_head_single_row"),
        )

    def __str__(self) -> str:
        return f"ledger head at {self.size}"


class KeyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired (rotated out; still checks what it signed)")
    REVOKED = "revoked", _("Revoked (no longer trusted)")


class PartyKey(models.Model):
    """An Ed25519 public key registered by a party or the mediator.

    Rotation registers a new key and retires the old one; revocation stops trusting a key
    at all. Every change is a ledger entry. Private keys never reach the server, except
    the mediator's own checkpoint key (see ``homecoming.apps.audit.signing``).
    """

    organisation = models.CharField(_("organisation"), max_length=32, db_index=True)
    key_id = models.CharField(_("key id"), max_length=64, unique=True)
    public_key = models.CharField(_("public key"), max_length=64)
    label = models.CharField(_("label"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=KeyStatus.choices, default=KeyStatus.ACTIVE
    )
    is_checkpoint_key = models.BooleanField(_("server checkpoint key"), default=False)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    registered_by_id = models.BigIntegerField(null=True, blank=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(max_length=500, blank=True)
    replaced_by_key_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("organisation", "registered_at")
        verbose_name = _("registered key")
        verbose_name_plural = _("registered keys")
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=KeyStatus.values), name="audit_key_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status=KeyStatus.REVOKED) | Q(revoked_at__isnull=False),
                name="audit_key_revoked_has_time",
            ),
        )

    def __str__(self) -> str:
        return f"{self.organisation}:{self.key_id[:16]} ({self.status})"


class Checkpoint(models.Model):
    """A signed statement of the ledger's size and root at a moment.

    ``document`` is the exact signed JSON (``homecoming-checkpoint/1``) and ``signature``
    its envelope; the other columns copy them for querying. Rows are never changed or
    deleted (triggers refuse it).
    """

    size = models.BigIntegerField(_("size"), db_index=True)
    root_hash = models.CharField(_("root hash"), max_length=64)
    time = models.DateTimeField(_("time"))
    origin = models.CharField(_("origin"), max_length=200)
    key_id = models.CharField(_("key id"), max_length=64)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    document = models.JSONField(_("signed document"))
    signature = models.JSONField(_("signature envelope"))

    class Meta:
        # Append-only under database triggers (migration 0004), and therefore unmanaged.
        managed = False
        ordering = ("-size", "-time")
        get_latest_by = "size"
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        constraints = (
            models.CheckConstraint(
                condition=Q(size__gte=0), name="audit_checkpoint_size"
            ),
        )

    def __str__(self) -> str:
        return f"checkpoint {self.size} {self.root_hash[:12]}"


class DocumentSignature(models.Model):
    """An uploaded signature over a document (manifest, agreement, released result).

    Stored only after it verified against the uploader's organisation's registered key.
    """

    document_type = models.CharField(_("document type"), max_length=64)
    document_sha256 = models.CharField(
        _("document SHA-256"), max_length=64, db_index=True
    )
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    organisation = models.CharField(_("signed for"), max_length=32)
    key_id = models.CharField(_("key id"), max_length=64)
    envelope = models.JSONField(_("signature envelope"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("uploaded_at",)
        verbose_name = _("document signature")
        verbose_name_plural = _("document signatures")
        constraints = (
            models.UniqueConstraint(
                fields=["document_sha256", "key_id"],
                name="audit_signature_once_per_key",
            ),
        )

    def __str__(self) -> str:
        return f"{self.organisation} signed {self.document_sha256[:12]}"
