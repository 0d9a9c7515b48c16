"""Forms of the sign-in and account pages: codes, security keys, API tokens."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from homecoming.apps.accounts import two_factor
from homecoming.apps.accounts.models import TokenScope


class OTPTokenForm(forms.Form):
    """Six digits from an authenticator app, or (when ``recovery``) a recovery code.

    Spaces and dashes are ignored."""

    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args: object, recovery: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.recovery = recovery
        if recovery:
            self.fields["token"].label = _(
                "Code from your authenticator app, or a recovery code"
            )
        else:
            self.fields["token"].widget.attrs["inputmode"] = "numeric"

    def clean_token(self) -> str:
        token = two_factor.normalised_code(str(self.cleaned_data["token"]))
        if self.recovery and two_factor.code_is_well_formed(token):
            return token
        if not self.recovery and token.isdigit() and len(token) == 6:
            return token
        if self.recovery:
            raise forms.ValidationError(
                _(
                    "Enter the six digits, or a recovery code of eight letters and digits."
                )
            )
        raise forms.ValidationError(_("Enter the six digits."))


class SecurityKeyAnswerForm(forms.Form):
    """The browser's answer to a security-key challenge (filled by security-key.js)."""

    credential = forms.CharField(widget=forms.HiddenInput, max_length=65536)


class SecurityKeyAddForm(SecurityKeyAnswerForm):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=64,
        required=False,
        help_text=_("So that you can tell your keys apart, for example “blue key”."),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=80,
        help_text=_("For example “nightly export script”."),
    )
    scope = forms.ChoiceField(
        label=_("It may"), choices=TokenScope.choices, initial=TokenScope.READ
    )
    days = forms.IntegerField(
        label=_("Days until it expires"),
        min_value=1,
        initial=30,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["days"].initial = settings.HOMECOMING_API_TOKEN_DAYS
        self.fields["days"].widget.attrs["max"] = settings.HOMECOMING_API_TOKEN_MAX_DAYS

    def clean_days(self) -> int:
        days = int(self.cleaned_data["days"])
        longest = int(settings.HOMECOMING_API_TOKEN_MAX_DAYS)
        if days > longest:
            raise forms.ValidationError(
                _("A token lasts at most %(days)d days.") % {"days": longest}
            )
        return days
