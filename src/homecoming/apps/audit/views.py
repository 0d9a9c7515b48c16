"""Ledger pages: entries, checkpoints, consistency, verification, keys, signature upload.

Each view parses, calls one selector or service, and renders; who may see what is decided
by the selectors and ``homecoming.apps.accounts.permissions`` (DESIGN.md section 4): what
the caller may not see answers 404.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homecoming.apps.accounts.actors import Actor, actor_of
from homecoming.apps.accounts.permissions import Permission, may, require
from homecoming.apps.audit import selectors, services
from homecoming.apps.audit.documents import checkpoint_as_json, consistency_as_json
from homecoming.apps.audit.forms import (
    CheckpointSignForm,
    ConsistencyForm,
    KeyRegisterForm,
    KeyRevokeForm,
    SignatureUploadForm,
)
from homecoming.apps.audit.presentation import entry_rows
from homecoming.refusals import Hidden
from homecoming.site.pages import submit

ENTRIES_PER_PAGE = 50


def _json_download(value: object, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(value, ensure_ascii=False, indent=2) + "\n",
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _member(request: HttpRequest) -> Actor:
    """The caller, who must be a member of an organisation to see ledger pages."""
    by = actor_of(request)
    if not may(by, Permission.CHECKPOINTS_READ):
        raise Hidden
    return by


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    """The entries the caller may see, newest first, and the latest checkpoint."""
    by = _member(request)
    entries = selectors.ledger_entries_for(by=by).order_by("-seq")
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/ledger.html",
        {
            "page": page,
            "rows": entry_rows(page.object_list, by),
            "reads_entries": may(by, Permission.LEDGER_ENTRIES_READ),
            "latest": selectors.checkpoints_for(by=by).first(),
        },
    )


@login_required
def checkpoints(request: HttpRequest) -> HttpResponse:
    """Every signed checkpoint; the mediator can sign one now."""
    by = _member(request)
    signs = may(by, Permission.CHECKPOINT_SIGN)
    form = CheckpointSignForm(request.POST or None) if signs else None
    if request.method == "POST":
        require(by, Permission.CHECKPOINT_SIGN)
    if form is not None and form.is_valid():
        checkpoint = services.checkpoint_sign(by=by, reason=form.cleaned_data["reason"])
        messages.success(request, _("Checkpoint of size %d signed.") % checkpoint.size)
        return redirect("audit:checkpoint", checkpoint_id=checkpoint.pk)
    return render(
        request,
        "audit/checkpoints.html",
        {"checkpoints": selectors.checkpoints_for(by=by)[:200], "form": form},
    )


@login_required
def checkpoint(request: HttpRequest, checkpoint_id: int) -> HttpResponse:
    """One checkpoint, and its JSON to download and keep (``?download=1``)."""
    found = selectors.access_checkpoint(
        by=actor_of(request), checkpoint_id=checkpoint_id
    )
    if request.GET.get("download"):
        return _json_download(
            checkpoint_as_json(found), f"checkpoint-{found.size}.json"
        )
    return render(request, "audit/checkpoint.html", {"checkpoint": found})


@login_required
def consistency(request: HttpRequest) -> HttpResponse:
    """Is the ledger now an extension of the one a party kept a checkpoint of?"""
    by = _member(request)
    form = ConsistencyForm(request.GET or None)
    answer = verdict = None
    if form.is_valid():
        answer = submit(
            form,
            lambda: selectors.ledger_consistency_for(
                by=by, old_size=form.cleaned_data["old_size"]
            ),
        )
        if answer is not None:
            kept_root = (form.cleaned_data.get("kept_root") or "").strip().lower()
            if kept_root:
                verdict = answer.consistent_with(kept_root)
            if request.GET.get("download"):
                return _json_download(
                    consistency_as_json(answer),
                    f"consistency-{answer.old_size}-{answer.new_size}.json",
                )
    return render(
        request,
        "audit/consistency.html",
        {"form": form, "answer": answer, "verdict": verdict},
    )


@login_required
def verification(request: HttpRequest) -> HttpResponse:
    """The whole ledger re-computed: for the mediator and for auditors (observers)."""
    report = selectors.ledger_verification_for(by=actor_of(request))
    return render(request, "audit/verification.html", {"report": report})


@login_required
def keys(request: HttpRequest) -> HttpResponse:
    """Registered public keys; administrators register (or rotate) their own."""
    by = _member(request)
    if request.GET.get("download"):
        return _json_download(selectors.signed_key_list(), "keys.json")
    registers = may(by, Permission.KEY_REGISTER)
    form = (
        KeyRegisterForm(request.POST or None, organisation=by.organisation_code)
        if registers
        else None
    )
    if request.method == "POST":
        require(by, Permission.KEY_REGISTER)
        assert form is not None
        if form.is_valid() and (
            key := submit(
                form,
                lambda: services.party_key_register(
                    by=by,
                    public_key=form.cleaned_data["public_key"],
                    label=form.cleaned_data["label"],
                    replaces=form.cleaned_data["replaces"],
                ),
            )
        ):
            messages.success(request, _("Key %s registered.") % key.key_id[:16])
            return redirect("audit:keys")
    return render(
        request,
        "audit/keys.html",
        {
            "keys": [
                (key, may(by, Permission.KEY_REVOKE, key))
                for key in selectors.party_keys_for(by=by)
            ],
            "form": form,
            "revoke_form": KeyRevokeForm(),
        },
    )


@login_required
@require_POST
def key_revoke(request: HttpRequest, key_pk: int) -> HttpResponse:
    by = actor_of(request)
    key = selectors.access_party_key(by=by, key_pk=key_pk)
    form = KeyRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A reason for the revocation is required."))
        return redirect("audit:keys")
    services.party_key_revoke(by=by, key=key, reason=form.cleaned_data["reason"])
    messages.success(request, _("Key %s revoked.") % key.key_id[:16])
    return redirect("audit:keys")


@login_required
def signature_upload(request: HttpRequest) -> HttpResponse:
    """Upload a signature made offline with ``homecoming sign``; kept if it verifies."""
    by = _member(request)
    form = SignatureUploadForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            signature := submit(
                form,
                lambda: services.document_signature_add(
                    by=by,
                    document=form.cleaned_data["document"],
                    envelope=form.cleaned_data["signature"],
                ),
            )
        )
    ):
        messages.success(
            request,
            _("Signature of %(org)s over document %(hash)s accepted.")
            % {"org": signature.organisation, "hash": signature.document_sha256[:16]},
        )
        return redirect("audit:signature-upload")
    return render(request, "audit/signature_upload.html", {"form": form})
