"""A member whose sign-in a stranger locked (5 wrong passwords at their public handle) is not shut out for good: a
password reset by their own address clears the count, and they sign in with the new password at once, by handle or
by address. The stranger's lock is the known price of counting guesses per account (README, Accounts)."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from sora_social.accounts.models import User
from tests.accounts.test_signin_and_invite_attacks_round5 import (
    LOGIN,
    PASSWORD,
    PASSWORD_REQUEST,
    PASSWORD_RESET,
    allauth_codes,
    app_login,
    keys_mailed,
    spend_handle_allowance,
)

NEW_PASSWORD = "a-brand-new-pass-77"


@pytest.mark.django_db
def test_a_member_locked_out_by_a_strangers_guesses_gets_back_in_by_resetting_their_password(make_user):
    # Given a member whose handle a stranger spent the allowance of wrong passwords on
    member = make_user("locked_lu")
    EmailAddress.objects.create(user=member, email="locked_lu@example.org", primary=True, verified=True)
    spend_handle_allowance("locked_lu", first_address=40)
    # (by address, a spelling the stranger did not use, the right password hears "wrong" and is not checked: a
    # lock must not tell whose the address is)
    by_address = app_login({"email": "locked_lu@example.org"}, PASSWORD, address=60)
    assert allauth_codes(by_address) == ["email_password_mismatch"], by_address.content

    # When the member asks for a reset at their own address and sets a new password with the key mailed there
    mail.outbox.clear()
    Client().post(PASSWORD_REQUEST, {"email": "locked_lu@example.org"}, content_type="application/json")
    [key] = keys_mailed(r"reset/key/(\S+)", "locked_lu@example.org")
    reset = Client().post(PASSWORD_RESET, {"key": key, "password": NEW_PASSWORD}, content_type="application/json")
    assert reset.status_code in (200, 401), reset.content  # 401: reset, not signed in (ACCOUNT_LOGIN_ON_PASSWORD_RESET off)
    assert User.objects.get(pk=member.pk).check_password(NEW_PASSWORD)

    # Then they sign in at once, by handle and by address, and the old password no longer works
    for credentials in ({"username": "locked_lu"}, {"email": "locked_lu@example.org"}):
        response = Client().post(LOGIN, {**credentials, "password": NEW_PASSWORD}, content_type="application/json")
        assert response.status_code == 200, response.content
    old = app_login({"username": "locked_lu"}, PASSWORD, address=61)
    assert allauth_codes(old) == ["username_password_mismatch"], old.content


@pytest.mark.django_db
def test_a_reset_key_asked_for_by_the_stranger_goes_only_to_the_members_address(make_user):
    # Given the stranger who locked the handle asks for a reset themselves
    member = make_user("locked_mo")
    EmailAddress.objects.create(user=member, email="locked_mo@example.org", primary=True, verified=True)
    spend_handle_allowance("locked_mo", first_address=80)
    mail.outbox.clear()
    Client().post(PASSWORD_REQUEST, {"email": "locked_mo@example.org"}, content_type="application/json")

    # Then the key is mailed to the member's address only, and the lock stays until a reset is made with it
    assert [message.to for message in mail.outbox] == [["locked_mo@example.org"]]
    still = app_login({"username": "locked_mo"}, PASSWORD, address=100)
    assert allauth_codes(still) == ["too_many_login_attempts"], still.content
