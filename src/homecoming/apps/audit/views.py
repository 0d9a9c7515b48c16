"""Ledger pages: entries, checkpoints, consistency, verification, keys, signature upload.

Each view parses, calls one selector or service, and renders; who may see what is decided
by the selectors (DESIGN.md section 4): what the caller may not see answers 404.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homecoming.apps.audit import selectors, services
from homecoming.apps.audit.documents import checkpoint_as_json, consistency_as_json
from homecoming.apps.audit.forms import (
    CheckpointSignForm,
    ConsistencyForm,
    KeyRegisterForm,
    KeyRevokeForm,
    SignatureUploadForm,
)

ENTRIES_PER_PAGE = 50


def _json_download(value: object, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(value, ensure_ascii=False, indent=2) + "\n",
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    """The entries the caller may see, newest first, and the latest checkpoint."""
    viewer = selectors.ledger_viewer_of(request.user)
    if viewer is None:
        raise Http404
    entries = selectors.ledger_entries_for(user=request.user).order_by("-seq")
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/ledger.html",
        {
            "page": page,
            "viewer": viewer,
            "latest": selectors.checkpoints_for(user=request.user).first(),
        },
    )


@login_required
def checkpoints(request: HttpRequest) -> HttpResponse:
    """Every signed checkpoint; the mediator can sign one now."""
    viewer = selectors.ledger_viewer_of(request.user)
    if viewer is None:
        raise Http404
    form = CheckpointSignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            checkpoint = services.checkpoint_sign(
                user=request.user, reason=form.cleaned_data["reason"]
            )
        except services.AuditPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        messages.success(request, _("Checkpoint of size %d signed.") % checkpoint.size)
        return redirect("audit:checkpoint", checkpoint_id=checkpoint.pk)
    return render(
        request,
        "audit/checkpoints.html",
        {
            "checkpoints": selectors.checkpoints_for(user=request.user)[:200],
            "form": form if viewer.kind == selectors.MEDIATOR else None,
        },
    )


@login_required
def checkpoint(request: HttpRequest, checkpoint_id: int) -> HttpResponse:
    """One checkpoint, and its JSON to download and keep (``?download=1``)."""
    try:
        found = selectors.checkpoint_for(user=request.user, checkpoint_id=checkpoint_id)
    except selectors.LedgerNotFound as exc:
        raise Http404 from exc
    if request.GET.get("download"):
        return _json_download(
            checkpoint_as_json(found), f"checkpoint-{found.size}.json"
        )
    return render(request, "audit/checkpoint.html", {"checkpoint": found})


@login_required
def consistency(request: HttpRequest) -> HttpResponse:
    """Is the ledger now an extension of the one a party kept a checkpoint of?"""
    if selectors.ledger_viewer_of(request.user) is None:
        raise Http404
    form = ConsistencyForm(request.GET or None)
    answer = verdict = None
    if form.is_valid():
        try:
            answer = selectors.ledger_consistency_for(
                user=request.user, old_size=form.cleaned_data["old_size"]
            )
        except selectors.LedgerNotFound as exc:
            form.add_error("old_size", str(exc))
        else:
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
    try:
        report = selectors.ledger_verification_for(user=request.user)
    except selectors.LedgerNotFound as exc:
        raise Http404 from exc
    return render(request, "audit/verification.html", {"report": report})


@login_required
def keys(request: HttpRequest) -> HttpResponse:
    """Registered public keys; administrators register (or rotate) their own."""
    viewer = selectors.ledger_viewer_of(request.user)
    if viewer is None:
        raise Http404
    if request.GET.get("download"):
        return _json_download(selectors.key_ring().to_json(), "keys.json")
    form = KeyRegisterForm(request.POST or None, organisation=viewer.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            key = services.party_key_register(
                user=request.user,
                public_key=form.cleaned_data["public_key"],
                label=form.cleaned_data["label"],
                replaces=form.cleaned_data["replaces"],
            )
        except services.AuditPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except services.AuditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Key %s registered.") % key.key_id[:16])
            return redirect("audit:keys")
    return render(
        request,
        "audit/keys.html",
        {
            "keys": selectors.party_keys_for(user=request.user),
            "form": form,
            "revoke_form": KeyRevokeForm(),
            "viewer": viewer,
        },
    )


@login_required
@require_POST
def key_revoke(request: HttpRequest, key_pk: int) -> HttpResponse:
    try:
        key = selectors.party_key_for(user=request.user, key_pk=key_pk)
    except selectors.LedgerNotFound as exc:
        raise Http404 from exc
    form = KeyRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A reason for the revocation is required."))
        return redirect("audit:keys")
    try:
        services.party_key_revoke(
            user=request.user, key=key, reason=form.cleaned_data["reason"]
        )
    except services.AuditPermissionDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    except services.AuditError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Key %s revoked.") % key.key_id[:16])
    return redirect("audit:keys")


@login_required
def signature_upload(request: HttpRequest) -> HttpResponse:
    """Upload a signature made offline with ``homecoming sign``; kept if it verifies."""
    if selectors.ledger_viewer_of(request.user) is None:
        raise Http404
    form = SignatureUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            signature = services.document_signature_add(
                user=request.user,
                document=form.cleaned_data["document"],
                envelope=form.cleaned_data["signature"],
            )
        except services.AuditPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except services.AuditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Signature of %(org)s over document %(hash)s accepted.")
                % {
                    "org": signature.organisation,
                    "hash": signature.document_sha256[:16],
                },
            )
            return redirect("audit:signature-upload")
    return render(request, "audit/signature_upload.html", {"form": form})
