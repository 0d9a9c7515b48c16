"""Forms of the account pages: the one-time code of the second login step."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class OTPTokenForm(forms.Form):
    """A six-digit code from an authenticator app (spaces are ignored)."""

    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        validators=[
            RegexValidator(r"^\s*\d{3}\s?\d{3}\s*$", _("Enter the six digits."))
        ],
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).replace(" ", "")
