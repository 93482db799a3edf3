"""The extra signup fields: an invite code and a birth date."""

from django import forms
from django.core.exceptions import ValidationError

from sora_social.accounts.validators import validate_birth_date


class InviteSignupForm(forms.Form):
    """allauth builds its signup form (and the headless signup input) on top of this one."""

    invite_code = forms.CharField(max_length=32)
    birth_date = forms.DateField(validators=[validate_birth_date])

    def clean_invite_code(self) -> str:
        # Checked here for a clear error; spent for real, under a row lock, when the user is saved.
        from sora_social.accounts.services import invite_find_available

        code = self.cleaned_data["invite_code"].strip()
        if invite_find_available(code) is None:
            raise ValidationError("This invite code is invalid, spent or expired.", code="invite_invalid")
        return code

    def signup(self, request, user) -> None:
        """allauth calls this after saving the user; the adapter already did the work."""
