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
