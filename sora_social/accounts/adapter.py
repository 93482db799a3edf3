"""allauth adapters: signup needs an invite and a birth date, and the user API shows our fields."""

import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core.internal import ratelimit as ratelimit_impl
from allauth.headless.adapter import DefaultHeadlessAdapter
from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from sora_social.accounts.models import User
from sora_social.accounts.services import (
    email_address_release_unproven,
    email_claim,
    handle_claim,
    handle_looks_taken,
    user_signup_complete,
)
from sora_social.admin_site import APP_SESSION_KEY

# The window of `ACCOUNT_RATE_LIMITS["login_failed"]`'s per-account rate (5 in 5 minutes), for which the spellings that
# spent an allowance are remembered, and how many of them.
LOGIN_FAILED_WINDOW_S = 5 * 60
LOGIN_FAILED_SPELLINGS_KEPT = 20


class AccountAdapter(DefaultAccountAdapter):
    def clean_username(self, username: str, shallow: bool = False) -> str:
        username = super().clean_username(username, shallow=shallow)
        # Taken also when it only looks like another person's handle or a live cameo's ("rnara_cam", "MARA_CAM").
        if not shallow and handle_looks_taken(username):
            raise self.validation_error("username_taken")
        return username

    def clean_email(self, email: str) -> str:
        """An address is held by an account once it is the account's own or verified. Another account's unverified,
        added address is a claim nobody proved: it is let go here, before allauth's check that the address is free,
        so that its owner can sign up with it, or add it (a member who added a stranger's address locked its owner
        out of sign-up with email_taken: tests/accounts/test_account_lifecycle_attacks.py)."""
        email = super().clean_email(email)
        if email:
            email_address_release_unproven(email)
        return email

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as refused:
            if refused.code == "too_many_login_attempts" and self.answered_as_wrong_password(request, **credentials):
                raise _SpentUnderOtherSpellings from refused
            raise

    def authenticate(self, request, **credentials):
        """As allauth's, except for an account whose allowance was spent under other spellings than this one: that is
        answered as a wrong password (after the cost of a check), not as "too many attempts", or 5 guesses at a
        private address and one at a public handle told whose the address is
        (tests/accounts/test_account_mends_attacks_round6.py). The password is not checked, and the spelling is not
        recorded (no password was found wrong under it)."""
        try:
            return super().authenticate(request, **credentials)
        except _SpentUnderOtherSpellings:
            make_password(str(credentials.get("password") or ""))
            super().authentication_failed(request, **credentials)
            return None

    def answered_as_wrong_password(self, request, **credentials) -> bool:
        """Whether a refused sign-in is said as a wrong password: the account's own allowance spent, under other
        spellings only, by someone not signed in. Not when the address's allowance (`10/m/ip`) is what is spent (its
        answer said which handle was the address's, tests/test_final_mends_attacks.py), nor to a signed-in person typing
        the password again: the session names the account already."""
        if getattr(getattr(request, "user", None), "is_authenticated", False):
            return False
        if not self.spent_by_other_spellings(request, **credentials):
            return False
        per_account = ",".join(
            rate for rate in str(settings.ACCOUNT_RATE_LIMITS.get("login_failed", "")).split(",") if rate.endswith("/key")
        )
        still_open = ratelimit_impl.consume(
            request,
            app="allauth.account",
            action="login_failed",
            config={"login_failed": per_account},
            key=self._get_login_attempts_cache_key(request, **credentials),
            dry_run=True,
        )
        return not still_open

    def authentication_failed(self, request, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        self.record_failed_spelling(request, **credentials)

    @staticmethod
    def _spelling(**credentials) -> str:
        return str(credentials.get("email") or credentials.get("username") or "").lower()

    def _spellings_key(self, request, **credentials) -> str:
        # Hashed: a login is whatever was typed (a NUL, spaces), not a cache key.
        key = self._get_login_attempts_cache_key(request, **credentials)
        return f"login_failed_spellings:{hashlib.sha256(key.encode()).hexdigest()}"

    def record_failed_spelling(self, request, **credentials) -> None:
        """Which spellings of the account spent its allowance (the admin's form records its own failures here)."""
        key = self._spellings_key(request, **credentials)
        spellings = cache.get(key) or []
        spelling = self._spelling(**credentials)
        if spelling not in spellings:
            cache.set(key, [*spellings, spelling][-LOGIN_FAILED_SPELLINGS_KEPT:], LOGIN_FAILED_WINDOW_S)

    def spent_by_other_spellings(self, request, **credentials) -> bool:
        """Whether the account's wrong passwords came under other spellings only (none: the refusal is the address's
        own allowance, `10/m/ip`, which says nothing of the account)."""
        spellings = cache.get(self._spellings_key(request, **credentials)) or []
        return bool(spellings) and self._spelling(**credentials) not in spellings

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """The allowance of wrong passwords (`ACCOUNT_RATE_LIMITS["login_failed"]`) is the account's, whatever names
        it: allauth keyed it by the login as typed, so the account's address, and spellings the database folds to its
        handle ("alıce_smith": PostgreSQL's UPPER() makes ı an I), each had 5 more guesses; the admin's form and a
        password typed while signed in (a reauthentication, a password change) spend the same one
        (tests/accounts/test_signin_and_invite_attacks_round5.py). A login that names nobody keeps a key of its own."""
        site = get_current_site(request).domain
        username, email = str(credentials.get("username") or ""), str(credentials.get("email") or "")
        login = email or username
        if "\x00" in login:
            # Names nobody (and PostgreSQL refuses a NUL in a query: the admin's form was a 500).
            return f"{site}:login:{login.lower()}"
        # Found as the backends find it: a handle by the database's case folding (`UserManager.get_by_natural_key`),
        # an address typed as the username too (allauth's backend tries it as one), then the address.
        account = User.objects.filter(handle__iexact=username).only("pk").first() if username else None
        if account is None and "@" in login:
            account = next(iter(filter_users_by_email(login, prefer_verified=True)), None)
        if account is not None:
            return f"{site}:account:{account.pk}"
        # Normalised as the lookup normalises: a casefolded key let "ſ" in an address tell a registered address
        # from an unknown one (tests/accounts/test_account_mends_attacks_round6.py).
        return f"{site}:login:{login.lower()}"

    def save_user(self, request, user, form, commit=True):
        user.birth_date = form.cleaned_data["birth_date"]
        # The user row, the spent invite, the profile and the new invites are one transaction;
        # a lost race on the invite raises InviteUnavailable, one on the handle HandleUnavailable, one on the address
        # EmailUnavailable, and nothing is kept.
        with transaction.atomic():
            # clean_username checked the handle before this transaction; checked again under the claim's lock before
            # the row is written, so that two sign-ups of one handle or of look-alikes at the same moment cannot both
            # be kept, nor the second meet the unique index (HandleUnavailable, a 400), nor wait on a row an
            # operator's edit holds while the edit waits on the lock.
            handle_claim(form.cleaned_data.get("username") or "")
            email_claim(form.cleaned_data.get("email") or "")
            user = super().save_user(request, user, form, commit=True)
            user_signup_complete(user=user, invite_code=form.cleaned_data["invite_code"])
        return user


class _SpentUnderOtherSpellings(Exception):
    pass


class HeadlessAdapter(DefaultHeadlessAdapter):
    def serialize_user(self, user) -> dict:
        data = super().serialize_user(user)
        data["handle"] = user.handle
        data["is_teen"] = user.is_teen
        return data


class AppSessionTokenStrategy(SessionTokenStrategy):
    """allauth's token (the session key), with the session marked as the phone app's before the token is handed out,
    so that the admin, which reads the same sessions by cookie, refuses it (sora_social.admin_site)."""

    def create_session_token(self, request) -> str:
        if not request.session.get(APP_SESSION_KEY):
            request.session[APP_SESSION_KEY] = True
            request.session.save()
        return super().create_session_token(request)
