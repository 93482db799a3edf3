"""Signing up through allauth's headless API: an invite code and a birth date are required."""

import datetime

import pytest
from django.utils import timezone

from sora_social.accounts.models import InviteCode, User
from sora_social.accounts.services import invites_mint
from sora_social.accounts.validators import age_day

SIGNUP = "/_allauth/app/v1/auth/signup"
LOGIN = "/_allauth/app/v1/auth/login"

pytestmark = pytest.mark.django_db


def birth_date_for(age: int) -> str:
    today = age_day()
    return datetime.date(today.year - age, 1, 1).isoformat()


def signup(client, *, handle="alice", email=None, invite_code, age=25, password="a-long-enough-pass-123"):
    return client.post(
        SIGNUP,
        {
            "username": handle,
            "email": email or f"{handle}@example.org",
            "password": password,
            "invite_code": invite_code,
            "birth_date": birth_date_for(age),
        },
        content_type="application/json",
    )


def error_codes(response) -> list[str]:
    return [error.get("code") for error in response.json().get("errors", [])]


def test_signup_with_an_invite_returns_a_session_token_and_spends_the_code(client):
    invite = invites_mint(count=1)[0]

    response = signup(client, invite_code=invite.code.lower())

    assert response.status_code == 200, response.content
    token = response.json()["meta"]["session_token"]
    assert token
    invite.refresh_from_db()
    user = User.objects.get(handle="alice")
    assert invite.redeemed_by == user
    assert invite.state == InviteCode.State.REDEEMED
    # Every new member gets four codes of their own.
    assert InviteCode.objects.filter(created_by=user, redeemed_at=None).count() == 4
    assert user.profile.display_name == "alice"

    # The same token authenticates the REST API.
    me = client.get("/api/v1/me/", HTTP_X_SESSION_TOKEN=token)
    assert me.status_code == 200
    assert me.json()["handle"] == "alice"


def test_a_spent_code_is_refused_and_creates_nobody(client):
    invite = invites_mint(count=1)[0]
    assert signup(client, handle="first", invite_code=invite.code).status_code == 200
    client.logout()

    response = signup(client, handle="second", invite_code=invite.code)

    assert response.status_code == 400
    assert "invite_invalid" in error_codes(response)
    assert not User.objects.filter(handle="second").exists()


@pytest.mark.parametrize("code", ["NOPE-NOPE", ""])
def test_an_unknown_code_is_invite_invalid(client, code):
    response = signup(client, invite_code=code)
    assert response.status_code == 400
    assert not User.objects.exists()


def test_an_expired_code_is_invite_invalid(client):
    invite = invites_mint(count=1)[0]
    InviteCode.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = signup(client, invite_code=invite.code)

    assert response.status_code == 400
    assert "invite_invalid" in error_codes(response)


def test_under_13_is_age_restricted_and_the_code_stays_unspent(client):
    invite = invites_mint(count=1)[0]

    response = signup(client, invite_code=invite.code, age=12)

    assert response.status_code == 400
    assert "age_restricted" in error_codes(response)
    invite.refresh_from_db()
    assert invite.state == InviteCode.State.AVAILABLE
    assert not User.objects.exists()


@pytest.mark.parametrize("birth_date", [123, 20000101, ["2000-01-01"], {"y": 2000}, True, 1.5])
def test_a_birth_date_that_is_not_text_is_a_400_and_creates_nobody(client, birth_date):
    invite = invites_mint(count=1)[0]
    body = {"username": "alice", "email": "alice@example.org", "password": "a-long-enough-pass-123",
            "invite_code": invite.code, "birth_date": birth_date}

    response = client.post(SIGNUP, body, content_type="application/json")

    assert response.status_code == 400
    assert [error["param"] for error in response.json()["errors"]] == ["birth_date"]
    assert not User.objects.exists()


@pytest.mark.parametrize("age", [121, 2025])
def test_a_birth_date_older_than_anyone_alive_is_refused(client, age):
    response = signup(client, invite_code=invites_mint(count=1)[0].code, age=age)
    assert response.status_code == 400
    assert "birth_date_invalid" in error_codes(response)
    assert not User.objects.exists()


def test_a_failed_signup_for_another_reason_does_not_spend_the_code(client):
    invite = invites_mint(count=1)[0]

    response = signup(client, invite_code=invite.code, password="short")

    assert response.status_code == 400
    invite.refresh_from_db()
    assert invite.state == InviteCode.State.AVAILABLE


def test_a_taken_handle_in_any_case_is_refused(client, make_user):
    make_user("bob")
    invite = invites_mint(count=1)[0]

    response = signup(client, handle="BoB", invite_code=invite.code)

    assert response.status_code == 400
    assert User.objects.filter(handle__iexact="bob").count() == 1
    invite.refresh_from_db()
    assert invite.state == InviteCode.State.AVAILABLE


def test_a_13_year_old_signs_up_as_a_teen(client):
    invite = invites_mint(count=1)[0]
    response = signup(client, invite_code=invite.code, age=13)
    assert response.status_code == 200
    assert User.objects.get(handle="alice").is_teen


def test_login_with_handle_or_email_gives_a_token(client, make_user):
    make_user("carol", password="a-long-enough-pass-123")

    by_handle = client.post(LOGIN, {"username": "Carol", "password": "a-long-enough-pass-123"}, content_type="application/json")
    client.logout()
    by_email = client.post(
        LOGIN, {"email": "carol@example.org", "password": "a-long-enough-pass-123"}, content_type="application/json"
    )

    assert by_handle.status_code == 200, by_handle.content
    assert by_email.status_code == 200
    assert by_handle.json()["meta"]["session_token"]


def test_failed_logins_are_rate_limited_even_for_the_right_password(client, make_user):
    make_user("dave", password="a-long-enough-pass-123")
    failures = [
        client.post(LOGIN, {"username": "dave", "password": "wrong-password-0"}, content_type="application/json")
        for _ in range(6)
    ]
    assert all(response.status_code == 400 for response in failures)
    assert "too_many_login_attempts" in error_codes(failures[-1])

    right = client.post(LOGIN, {"username": "dave", "password": "a-long-enough-pass-123"}, content_type="application/json")
    assert right.status_code == 400
    assert "too_many_login_attempts" in error_codes(right)


def test_malformed_json_to_signup_is_a_4xx(client):
    response = client.post(SIGNUP, "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
