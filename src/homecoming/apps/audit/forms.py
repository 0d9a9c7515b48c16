"""Forms of the ledger pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from homecoming.apps.audit.models import PartyKey
from homecoming.engines.ledger import LedgerError, parse_json

MAX_JSON_UPLOAD = 5 * 1024 * 1024


class CheckpointSignForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200, initial="on demand")


class ConsistencyForm(forms.Form):
    old_size = forms.IntegerField(
        label=_("Size of the checkpoint you kept"), min_value=0, max_value=2**62
    )
    kept_root = forms.RegexField(
        label=_("Root hash you kept (optional)"),
        regex=r"^\s*[0-9a-fA-F]{64}\s*$",
        required=False,
    )


class KeyRegisterForm(forms.Form):
    public_key = forms.CharField(
        label=_("Public key (base64, from homecoming keygen)"), max_length=64
    )
    label = forms.CharField(label=_("Label"), max_length=200, required=False)
    replaces = forms.ModelChoiceField(
        label=_("Replaces (rotation)"), queryset=PartyKey.objects.none(), required=False
    )

    def __init__(self, *args: Any, organisation: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["replaces"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = PartyKey.objects.filter(
            organisation=organisation, status="active"
        )


class KeyRevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


def _json_file(upload: Any, what: str) -> dict[str, Any]:
    if upload.size > MAX_JSON_UPLOAD:
        raise forms.ValidationError(_("The %(what)s is too large.") % {"what": what})
    # Strictly, as the signer's and the offline verifier's readers do: a duplicate
    # member, a non-finite or oversized number or deep nesting is refused, never read
    # one way here and another way there.
    try:
        value = parse_json(upload.read(), max_bytes=MAX_JSON_UPLOAD)
    except LedgerError as exc:
        raise forms.ValidationError(
            _("The %(what)s is not strict JSON: %(error)s")
            % {"what": what, "error": exc}
        ) from exc
    if not isinstance(value, dict):
        raise forms.ValidationError(
            _("The %(what)s is not a JSON object.") % {"what": what}
        )
    return value


class SignatureUploadForm(forms.Form):
    document = forms.FileField(label=_("Document (JSON)"))
    signature = forms.FileField(label=_("Signature (SIG.json)"))

    def clean_document(self) -> dict[str, Any]:
        return _json_file(self.cleaned_data["document"], "document")

    def clean_signature(self) -> dict[str, Any]:
        return _json_file(self.cleaned_data["signature"], "signature")
