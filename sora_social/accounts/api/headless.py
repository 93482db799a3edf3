"""allauth's headless views where the app asks more of them than allauth does."""

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.headless.account.inputs import ChangePasswordInput
from allauth.headless.account.views import ChangePasswordView
from allauth.headless.constants import Client
from django.http import Http404


class CountedChangePasswordInput(ChangePasswordInput):
    """The current password is checked as a sign-in checks it, spending the account's allowance of wrong passwords:
    allauth compared it alone, so whoever held a session token had 5 guesses a minute here beside the sign-in's 5
    in 5 minutes (tests/accounts/test_signin_and_invite_attacks_round5.py)."""

    def clean_current_password(self):
        current_password = self.cleaned_data["current_password"]
        adapter = get_account_adapter()
        # reauthenticate raises too_many_login_attempts once the allowance is spent, before any hash is checked.
        if current_password and not adapter.reauthenticate(self.user, current_password):
            raise adapter.validation_error("enter_current_password")
        return current_password


class PasswordChangeView(ChangePasswordView):
    input_class = CountedChangePasswordInput


# The app's route for it, served before allauth's own (sora_social.urls).
password_change_view = PasswordChangeView.as_api_view(client=Client.APP)


def no_phone_view(request, *args, **kwargs):
    """allauth serves its phone routes whatever the sign-in methods are, and its adapter has no phone to give: a 500
    for any signed-in member (tests/accounts/test_account_mends_attacks_round6.py). Accounts here have no phone."""
    raise Http404("Accounts have no phone number.")
