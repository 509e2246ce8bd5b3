from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK wording and autocomplete hints."""

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your administrator to reactivate it.",
    }

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class TokenForm(forms.Form):
    """The six-digit code from an authentication app, checked against the account's device."""

    token = forms.CharField(
        label="Code from your authentication app",
        help_text="The 6 digits your app shows now, for example 123456",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, device: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                "Enter the code your authentication app shows now. Codes change every 30 seconds.", code="wrong_code"
            )
        return token


class ResetForm(auth_forms.PasswordResetForm):
    """Ask for a reset link: the same answer whether or not the address has an account."""

    email = forms.EmailField(
        label="Email address", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class SetPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    """Choose a new password (the password rules in settings apply)."""
