"""The extra signup fields: an invite code and a birth date."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from sora_social.accounts.validators import validate_birth_date


class JsonDateField(forms.DateField):
    """A date from a JSON body: numbers, lists and objects are invalid input, not a server error."""

    def to_python(self, value):
        if value is not None and not isinstance(value, str | datetime.date):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class InviteSignupForm(forms.Form):
    """allauth builds its signup form (and the headless signup input) on top of this one."""

    invite_code = forms.CharField(max_length=32)
    birth_date = JsonDateField(validators=[validate_birth_date])

    def clean_invite_code(self) -> str:
        # Checked here for a clear error; spent for real, under a row lock, when the user is saved.
        # lazy: allauth imports this form class while the apps load, before the services' models are ready.
        from sora_social.accounts.services import invite_find_available

        code = self.cleaned_data["invite_code"].strip()
        if invite_find_available(code) is None:
            raise ValidationError("This invite code is invalid, spent or expired.", code="invite_invalid")
        return code

    def clean(self):
        cleaned = super().clean()
        # Without a valid invite nothing else is said: "email_taken" beside "invite_invalid" told anyone, with no
        # invite at all, whether an address has an account (tests/accounts/test_account_lifecycle_attacks.py).
        if "invite_code" in self.errors:
            for field in ("email", "username", "password1", "birth_date"):
                self.errors.pop(field, None)
        return cleaned

    def signup(self, request, user) -> None:
        """allauth calls this after saving the user; the adapter already did the work."""
