"""The Django admin's site: Django's own, except that
- a banned account is let in nowhere, the admin included, nor a suspended one while the suspension runs. A ban sets
  `banned_at` and leaves `is_active` as it was (the account, its decisions and its appeal stay readable to its owner
  through the API), so Django's own check (active and staff) let a banned moderator go on working the queue;
- a session the phone app signed in (its token is the session key) does not open the admin as a `sessionid` cookie:
  a staff member's token, which may sit in a socket URL in a server's log, was an admin login;
- wrong passwords at the admin's login are limited as allauth limits the app's (`ACCOUNT_RATE_LIMITS["login_failed"]`,
  per address and per account, the app's and the admin's one allowance): the admin's form took unlimited guesses;
- a banned or suspended account is refused at the login form, so no session is made for it (every page refused it,
  but the sign-in was accepted and a session stored);
- the old password of the admin's password change spends the same allowance as a sign-in.
"""

import secrets
from functools import cache

from allauth.core import ratelimit
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpResponse

# Set in a session the phone app signed in (sora_social.accounts.adapter.AppSessionTokenStrategy).
APP_SESSION_KEY = "sora_app_session"


@cache
def _login_form():
    # Made when first asked: the admin's forms import the auth models, which are not loaded when this site is made.
    from django.contrib.admin.forms import AdminAuthenticationForm
    from django.core.exceptions import ValidationError

    class SoraAdminAuthenticationForm(AdminAuthenticationForm):
        def confirm_login_allowed(self, user) -> None:
            super().confirm_login_allowed(user)
            if getattr(user, "is_restricted", False):
                raise ValidationError(
                    "This account may not use the admin while it is banned or suspended.", code="restricted"
                )

    return SoraAdminAuthenticationForm


@cache
def _password_change_form():
    from allauth.account.adapter import get_adapter as get_account_adapter
    from django.contrib.admin.forms import AdminPasswordChangeForm
    from django.core.exceptions import ValidationError

    class CountedAdminPasswordChangeForm(AdminPasswordChangeForm):
        """The old password is checked as a sign-in checks it, spending the account's allowance of wrong passwords:
        whoever held a moderator's admin cookie guessed it here without end
        (tests/accounts/test_account_mends_attacks_round6.py)."""

        def clean_old_password(self):
            old_password = self.cleaned_data["old_password"]
            # reauthenticate raises too_many_login_attempts once the allowance is spent, before any hash is checked.
            if not get_account_adapter().reauthenticate(self.user, old_password):
                raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
            return old_password

    return CountedAdminPasswordChangeForm


class SoraAdminSite(AdminSite):
    @property
    def login_form(self):
        return _login_form()

    def has_permission(self, request) -> bool:
        return (
            super().has_permission(request)
            and not getattr(request.user, "is_restricted", False)
            and not request.session.get(APP_SESSION_KEY)
        )

    def password_change(self, request, extra_context=None):
        # Django's, with the form that counts the old password (`_password_change_form`).
        from django.contrib.auth.views import PasswordChangeView
        from django.urls import reverse

        request.current_app = self.name
        return PasswordChangeView.as_view(
            form_class=_password_change_form(),
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
            **({"template_name": self.password_change_template} if self.password_change_template else {}),
        )(request)

    def login(self, request, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        # Imported here: allauth's adapter imports the auth models, not loaded when this site is made.
        from allauth.account.adapter import get_adapter as get_account_adapter

        # The account's own allowance, the one the app's sign-in spends (the account adapter's key): a key of the
        # admin's gave 5 more guesses here, and the right password signed in at one door while the other was locked.
        login = str(request.POST.get("username", "")).strip()[:254]
        credentials = {"email": login} if "@" in login else {"username": login}
        adapter = get_account_adapter(request)
        key = adapter._get_login_attempts_cache_key(request, **credentials)
        checked = True
        if not ratelimit.consume(request, action="login_failed", key=key):
            if not adapter.answered_as_wrong_password(request, **credentials):
                return HttpResponse(
                    "Too many failed sign-ins. Try again in a few minutes.", status=429, content_type="text/plain"
                )
            # Spent under another spelling of the account (its address, say): answered as a wrong password, which
            # checks a password that cannot match, or the lock told whose the address is (as the app's sign-in does).
            request.POST = request.POST.copy()
            request.POST["password"] = secrets.token_urlsafe(24)
            checked = False
        response = super().login(request, extra_context)
        if request.user.is_authenticated and response.status_code == 302:
            ratelimit.clear(request, action="login_failed", key=key)
        elif checked:
            adapter.record_failed_spelling(request, **credentials)
        return response


class SoraAdminConfig(AdminConfig):
    default_site = "sora_social.admin_site.SoraAdminSite"


class ViewOnlyModelAdmin(ModelAdmin):
    """Rows the admin shows and changes nothing of: consent, relationships and their audit change only through the
    services, which re-check the videos that rest on them (a follow deleted here ended mutuals and left up the videos
    that rested on it)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
