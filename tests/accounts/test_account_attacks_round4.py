"""Round 4 of attacks on the account-level checks: invites, sign-up, sessions, self-edits, follows and blocks, and the
error contract. Each attack is a test: one the code refuses asserts the refusal; one that gets through asserts the
secure behaviour and is marked ``xfail(strict=True)`` until it is mended.

GOT THROUGH, MENDED the same day (2026-12-07; the tests below were strict xfails until then):
- A banned member's unspent invite codes still signed people up (ban evasion: the banned person makes a new account
  with their own code): ``_invite_spendable`` asked only whether the maker is an adult. Now a banned or deactivated
  maker's codes are refused (400 ``invite_invalid``).
- A deactivated (closed) account's unspent invite codes still signed people up, for the same reason.
- A follow racing a block on PostgreSQL: the follow checked for a block, the block committed and deleted the follows
  it saw, then the follow was written: a follow stood past a block. Follows, unfollows, blocks and unblocks of one
  pair now take turns (``_relationship_lock``, an advisory lock on the pair).
- Two sign-ups with one e-mail address at the same moment on PostgreSQL: both passed allauth's "e-mail taken" check,
  the second then met the unique index ``user_email_ci_unique``: a 500. The address is now claimed under a lock
  and checked again (``email_claim``): 400 ``email_taken``.
- An ``X-Session-Token`` holding a NUL character was a 500 (PostgreSQL refuses NUL in the session lookup); now 401.
- An event socket opened before the session ended kept receiving the person's events after a logout, after a
  password change on another device, after the account was deactivated and after it was banned: the consumer
  checked the token only at the handshake. It now asks again before each event and closes (4401) instead.

GOT THROUGH, LEFT as strict xfails at first, MENDED 2026-12-07 (later session):
- "adm1n" was not reserved: the handle skeleton read 1 only as "l", so "adm1n" (read "admin") passed the reserved
  screen, and so did "b1ll" beside a member "bill". Each 1 may now be read as an l or an i, one by one
  (``handles_look_alike``; candidates are found by a generated column ``handle_skeleton_collapsed`` on users and
  cameos, with every 1, l and i one letter, then compared). An i is still not an l: "ali" and "all" stay two people.
- Age was read on the server's UTC date: west of UTC a teen was an adult (invites, no parental rules) up to 12 hours
  before their 18th birthday began where they live, and a 12-year-old was let in before their 13th. Ages are now read
  on the day at UTC-12 (``validators.age_day``), the last time zone to begin it.

HELD (plain tests):
- invite codes: one code redeemed by ten threads with differently cased and padded spellings makes one account; a
  zero-width or full-width spelling of a code is refused and leaves it unspent; a code whose maker support
  corrected to a teen, or whose maker was deleted, is refused; twenty failed sign-ups from one address are
  then rate limited (429) before a 21st guess is even read.
- sign-up: future dates, 30 February, five-digit years, datetimes, over 120 and under 13 are refused with nothing
  kept; born 29 February, a person is still a teen on 28 February of their 18th year (no invites), an adult once
  1 March has begun everywhere; zero-width and full-width handles are invalid; an e-mail spelled with the Kelvin sign (K) is taken
  when its plain twin is; NUL in a handle, e-mail or code is a 400, also at login.
- sessions: a logged-out token is 401; a password changed on one device ends the other devices' tokens (401) (it
  ends the changing device's own token too: inconvenient, not unsafe, so not asserted); a password support sets
  ends every token; a deactivated or deleted account's token is 401, a banned one's 403
  ``account_inactive``; a birth date support corrected to a teen's applies to the same token at once (teen limits,
  no unspent invites shown).
- self-edits: PATCH /me/ with birth_date, is_teen, is_staff, is_superuser, banned_at, suspended_until,
  date_joined, handle, email or id changes none of them; a signed-in teen who calls allauth's sign-up again gets
  no new birth date on their own account.
- follows and blocks: following someone who blocked you (or whom you blocked) is a 404, nothing written; a blocked
  person cannot unblock themselves by deleting the blocker's block; following yourself is 422 ``follow_self``; a
  block ends a mutual both ways, and refollowing after it is refused.
- error contract: an over-long or non-ASCII session token is 401 ``session_invalid``; list, object and number invite
  codes are a 400 ``invite_invalid``.
"""

import datetime
import threading

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from cameos.selectors import handle_is_taken
from sora_social.accounts import services
from sora_social.accounts.models import Block, Follow, InviteCode, User
from sora_social.accounts.services import invites_mint
from sora_social.accounts.validators import age_day, handles_look_alike

SIGNUP = "/_allauth/app/v1/auth/signup"
LOGIN = "/_allauth/app/v1/auth/login"
SESSION = "/_allauth/app/v1/auth/session"
PASSWORD_CHANGE = "/_allauth/app/v1/account/password/change"
PASSWORD = "a-long-enough-pass-123"
ERROR_SHAPE = {"code", "message", "fields"}


# ---- helpers ----------------------------------------------------------------------------------------------------


def signup_body(handle: str, code, *, birth_date="1990-05-05", email=None) -> dict:
    return {
        "username": handle,
        "email": email if email is not None else f"{handle}@example.org",
        "password": PASSWORD,
        "invite_code": code,
        "birth_date": birth_date,
    }


def sign_up(handle: str, code, **kwargs):
    return Client().post(SIGNUP, signup_body(handle, code, **kwargs), content_type="application/json")


def sign_in(handle: str, password: str = PASSWORD) -> str:
    response = Client().post(LOGIN, {"username": handle, "password": password}, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


def allauth_codes(response) -> list[str]:
    return [error.get("code") for error in response.json().get("errors", [])]


def assert_api_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert ERROR_SHAPE <= body.keys(), body
    assert body["code"] == code, body
    return body


def assert_refused_sign_up(response, code: str, *, handle: str) -> None:
    assert response.status_code == 400, response.content
    assert code in allauth_codes(response), response.content
    assert not User.objects.filter(handle=handle).exists()


def token_client(token: str) -> APIClient:
    return APIClient(HTTP_X_SESSION_TOKEN=token)


# ---- invite codes -----------------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_code_typed_ten_ways_by_ten_parallel_sign_ups_makes_one_account(require_postgres):
    invite = invites_mint(count=1)[0]
    spellings = [invite.code, invite.code.lower(), f"  {invite.code}", f"{invite.code}\t", invite.code.title()] * 2
    barrier = threading.Barrier(len(spellings))
    statuses: list[int] = []
    lock = threading.Lock()

    def attempt(index: int, spelling: str) -> None:
        try:
            barrier.wait(timeout=30)
            response = Client(raise_request_exception=False).post(
                SIGNUP, signup_body(f"spell{index}", spelling), content_type="application/json"
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=pair) for pair in enumerate(spellings)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(statuses) == [200] + [400] * (len(spellings) - 1)
    assert User.objects.filter(handle__startswith="spell").count() == 1
    invite.refresh_from_db()
    assert invite.redeemed_by.handle.startswith("spell")


@pytest.mark.django_db
@pytest.mark.parametrize("disguise", ["\u200b{code}", "{code}\u200d", "{fullwidth}", "{code}\u0000"])
def test_a_zero_width_or_full_width_spelling_of_a_code_is_refused_and_leaves_it_unspent(disguise):
    invite = invites_mint(count=1)[0]
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in invite.code)

    response = sign_up("sneaky", disguise.format(code=invite.code, fullwidth=fullwidth))

    assert response.status_code == 400, response.content
    assert allauth_codes(response) in (["invite_invalid"], ["null_characters_not_allowed"])
    assert not User.objects.filter(handle="sneaky").exists()
    invite.refresh_from_db()
    assert invite.state == InviteCode.State.AVAILABLE


@pytest.mark.django_db
def test_a_code_whose_maker_support_corrected_to_a_teen_is_refused(make_user):
    maker = make_user("grownup")
    code = InviteCode.objects.filter(created_by=maker).first()
    User.objects.filter(pk=maker.pk).update(birth_date=datetime.date(age_day().year - 15, 1, 1))

    assert_refused_sign_up(sign_up("puppet", code.code), "invite_invalid", handle="puppet")
    code.refresh_from_db()
    assert code.state == InviteCode.State.AVAILABLE


@pytest.mark.django_db
def test_a_code_whose_maker_was_deleted_is_refused(make_user):
    maker = make_user("gone")
    code = InviteCode.objects.filter(created_by=maker).first().code
    maker.delete()

    assert_refused_sign_up(sign_up("heir", code), "invite_invalid", handle="heir")
    assert InviteCode.objects.get(code=code).redeemed_at is None


@pytest.mark.django_db
def test_a_banned_members_codes_cannot_sign_anyone_up(make_user):
    maker = make_user("spammer")
    code = InviteCode.objects.filter(created_by=maker).first().code
    User.objects.filter(pk=maker.pk).update(banned_at=timezone.now())

    assert_refused_sign_up(sign_up("spammer_again", code, email="fresh@example.org"), "invite_invalid",
                           handle="spammer_again")
    assert InviteCode.objects.get(code=code).redeemed_at is None


@pytest.mark.django_db
def test_a_deactivated_accounts_codes_cannot_sign_anyone_up(make_user):
    maker = make_user("closed")
    code = InviteCode.objects.filter(created_by=maker).first().code
    User.objects.filter(pk=maker.pk).update(is_active=False)

    assert_refused_sign_up(sign_up("closed_again", code), "invite_invalid", handle="closed_again")
    assert InviteCode.objects.get(code=code).redeemed_at is None


@pytest.mark.django_db
def test_guessing_codes_is_rate_limited_per_address():
    invite = invites_mint(count=1)[0]
    statuses = [sign_up(f"guess{n}", f"GUESS{n:05d}").status_code for n in range(20)]
    assert statuses == [400] * 20

    # The 21st try, with the right code, is not even read.
    response = sign_up("lucky", invite.code)

    assert response.status_code == 429, response.content
    assert not User.objects.filter(handle="lucky").exists()
    invite.refresh_from_db()
    assert invite.state == InviteCode.State.AVAILABLE


# ---- sign-up: birth dates ----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "birth_date, code",
    [
        ("2999-01-01", "birth_date_invalid"),
        ("tomorrow", "invalid"),
        ("2000-02-30", "invalid"),
        ("99999-01-01", "invalid"),
        ("2000-01-01T00:00:00Z", "invalid"),
        ("0001-01-01", "birth_date_invalid"),
        ("", "required"),
    ],
)
def test_a_birth_date_that_is_not_a_real_past_date_is_refused_and_the_code_kept(birth_date, code):
    invite = invites_mint(count=1)[0]

    response = sign_up("dated", invite.code, birth_date=birth_date)

    assert_refused_sign_up(response, code, handle="dated")
    invite.refresh_from_db()
    assert invite.state == InviteCode.State.AVAILABLE


@pytest.mark.django_db
def test_a_future_date_today_is_refused(clock):
    clock(datetime.datetime(2026, 6, 1, 23, 59, tzinfo=datetime.UTC))
    response = sign_up("unborn", invites_mint(count=1)[0].code, birth_date="2026-06-02")
    assert_refused_sign_up(response, "birth_date_invalid", handle="unborn")


@pytest.mark.django_db
def test_born_on_29_february_one_is_still_a_teen_on_28_february_of_the_18th_year(clock):
    clock(datetime.datetime(2026, 2, 28, 23, 59, tzinfo=datetime.UTC))

    response = sign_up("leapling", invites_mint(count=1)[0].code, birth_date="2008-02-29")

    assert response.status_code == 200, response.content
    assert response.json()["data"]["user"]["is_teen"] is True
    leapling = User.objects.get(handle="leapling")
    assert leapling.is_teen
    assert not InviteCode.objects.filter(created_by=leapling).exists()


@pytest.mark.django_db
def test_born_on_29_february_one_is_an_adult_once_1_march_of_the_18th_year_has_begun_everywhere(clock):
    # 1 March begins last at UTC-12, at 12:00 UTC.
    clock(datetime.datetime(2026, 3, 1, 11, 59, tzinfo=datetime.UTC))
    assert sign_up("leapteen", invites_mint(count=1)[0].code, birth_date="2008-02-29").json()["data"]["user"]["is_teen"]
    clock(datetime.datetime(2026, 3, 1, 12, 0, 1, tzinfo=datetime.UTC))

    response = sign_up("leapling", invites_mint(count=1)[0].code, birth_date="2008-02-29", email="leap@example.org")

    assert response.status_code == 200, response.content
    assert response.json()["data"]["user"]["is_teen"] is False
    assert User.objects.get(handle="leapteen").is_teen is False  # the same day has begun everywhere for both


@pytest.mark.django_db
def test_a_teen_is_not_an_adult_anywhere_before_their_18th_birthday_begins(clock):
    # 1 June 2026, 05:00 UTC is still 31 May (17:00) at UTC-12 and 19:00 in Hawaii; the person turns 18 on 1 June.
    clock(datetime.datetime(2026, 6, 1, 5, 0, tzinfo=datetime.UTC))

    response = sign_up("almost", invites_mint(count=1)[0].code, birth_date="2008-06-01")

    assert response.status_code == 200, response.content
    assert response.json()["data"]["user"]["is_teen"] is True
    assert not InviteCode.objects.filter(created_by__handle="almost").exists()


@pytest.mark.django_db
def test_a_12_year_old_is_refused_anywhere_before_their_13th_birthday_begins(clock):
    clock(datetime.datetime(2026, 6, 1, 5, 0, tzinfo=datetime.UTC))

    response = sign_up("tooyoung", invites_mint(count=1)[0].code, birth_date="2013-06-01")

    assert_refused_sign_up(response, "age_restricted", handle="tooyoung")


# ---- sign-up: handles and e-mails --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("handle", ["ali\u200bce", "\uff41\uff4c\uff49\uff43\uff45", "alice\u00a0", "al\u0456ce"])
def test_a_handle_with_invisible_wide_or_foreign_letters_is_invalid(make_user, handle):
    make_user("alice")
    invite = invites_mint(count=1)[0]

    response = sign_up(handle, invite.code, email="other@example.org")

    assert response.status_code == 400, response.content
    assert set(allauth_codes(response)) & {"handle_invalid", "username_taken", "invalid"}, response.content
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_a_handle_that_reads_as_admin_with_a_one_for_the_i_is_reserved():
    assert_refused_sign_up(sign_up("adm1n", invites_mint(count=1)[0].code), "handle_reserved", handle="adm1n")


@pytest.mark.django_db
def test_a_handle_with_a_one_for_an_i_looks_taken(make_user):
    make_user("bill")
    assert_refused_sign_up(sign_up("b1ll", invites_mint(count=1)[0].code), "username_taken", handle="b1ll")


@pytest.mark.django_db
def test_a_one_reads_as_an_i_both_ways_and_an_i_is_still_not_an_l(make_user, make_cameo):
    # A member "b1ll" came first: "bill" now looks like them.
    make_user("b1ll")
    assert_refused_sign_up(sign_up("bill", invites_mint(count=1)[0].code), "username_taken", handle="bill")
    # A live cameo "k1m_cam": a person's handle "kim_cam" looks like it, and so does a new cameo's.
    make_cameo(make_user("kim"), handle="k1m_cam")
    assert_refused_sign_up(sign_up("kim_cam", invites_mint(count=1)[0].code), "username_taken", handle="kim_cam")
    assert handle_is_taken("kim_cam", owner=make_user("other")) == "looks_taken"
    # Only a 1 reads two ways: an i and an l are told apart, so "lisa" and "iisa", "ali" and "all" are two people.
    make_user("lisa"), make_user("ali")
    for handle in ("iisa", "all"):
        assert sign_up(handle, invites_mint(count=1)[0].code).status_code == 200, handle
    assert handles_look_alike("b11l", "bill") and handles_look_alike("l1l1ian", "lillian")
    assert not handles_look_alike("ali", "all") and not handles_look_alike("b1ll", "bell")


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["KATE@EXAMPLE.ORG", "\u212aate@example.org", " kate@example.org "])
def test_an_email_that_only_differs_by_case_or_a_kelvin_sign_is_taken(make_user, email):
    make_user("kate")

    response = sign_up("kate_two", invites_mint(count=1)[0].code, email=email)

    assert response.status_code == 400, response.content
    assert "email_taken" in allauth_codes(response)
    assert User.objects.filter(email__iexact="kate@example.org").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_with_one_email_at_the_same_moment_keep_one_and_answer_the_other_400(require_postgres,
                                                                                         monkeypatch):
    from sora_social.accounts import adapter

    codes = [invite.code for invite in invites_mint(count=2)]
    first_row_written, second_past_its_checks = threading.Event(), threading.Event()
    real_complete, real_claim = adapter.user_signup_complete, adapter.handle_claim

    def complete(*, user, invite_code):
        if threading.current_thread().name == "first":
            first_row_written.set()
            second_past_its_checks.wait(timeout=10)
        return real_complete(user=user, invite_code=invite_code)

    def claim(handle):
        if threading.current_thread().name == "second":
            second_past_its_checks.set()
        return real_claim(handle)

    monkeypatch.setattr(adapter, "user_signup_complete", complete)
    monkeypatch.setattr(adapter, "handle_claim", claim)
    results: dict[str, object] = {}

    def attempt(name: str, handle: str, code: str) -> None:
        try:
            if name == "second":
                first_row_written.wait(timeout=10)
            response = Client(raise_request_exception=False).post(
                SIGNUP, signup_body(handle, code, email="same@example.org"), content_type="application/json"
            )
            results[name] = response
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=("first", "first_one", codes[0]), name="first"),
        threading.Thread(target=attempt, args=("second", "second_one", codes[1]), name="second"),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert results["first"].status_code == 200, results["first"].content
    assert results["second"].status_code == 400, results["second"].content
    assert "email_taken" in allauth_codes(results["second"])
    assert User.objects.filter(email__iexact="same@example.org").count() == 1
    assert InviteCode.objects.get(code=codes[1]).redeemed_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value",
    [("username", "bob\u0000by"), ("email", "bo\u0000b@example.org"), ("invite_code", "ABC\u0000DEF")],
)
def test_a_nul_in_any_sign_up_field_is_a_400(field, value):
    body = signup_body("bobby", invites_mint(count=1)[0].code)
    body[field] = value

    response = Client(raise_request_exception=False).post(SIGNUP, body, content_type="application/json")

    assert response.status_code == 400, response.content
    assert "null_characters_not_allowed" in allauth_codes(response)
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("credentials", [{"username": "ali\u0000ce", "password": "x"}, {"email": "a\u0000@example.org", "password": "x"}])
def test_a_nul_at_login_is_a_400(make_user, credentials):
    make_user("alice")
    response = Client(raise_request_exception=False).post(LOGIN, credentials, content_type="application/json")
    assert response.status_code == 400, response.content


@pytest.mark.django_db
@pytest.mark.parametrize("code", [["CODE"], {"code": "X"}, 1234567890])
def test_an_invite_code_that_is_not_text_is_invite_invalid(code):
    invite = invites_mint(count=1)[0]
    assert_refused_sign_up(sign_up("typed", code), "invite_invalid", handle="typed")
    invite.refresh_from_db()
    assert invite.state == InviteCode.State.AVAILABLE


# ---- sessions -----------------------------------------------------------------------------------------------------


@pytest.fixture
def member(make_user):
    return make_user("holder", password=PASSWORD)


@pytest.mark.django_db
def test_a_logged_out_token_is_session_invalid(member):
    token = sign_in("holder")
    assert token_client(token).get("/api/v1/me/").status_code == 200

    assert Client().delete(SESSION, HTTP_X_SESSION_TOKEN=token).status_code == 401

    assert_api_error(token_client(token).get("/api/v1/me/"), 401, "session_invalid")


@pytest.mark.django_db
def test_a_password_change_on_one_device_ends_the_other_devices_sessions(member):
    phone, stolen = sign_in("holder"), sign_in("holder")

    changed = Client().post(
        PASSWORD_CHANGE,
        {"current_password": PASSWORD, "new_password": "another-long-pass-456"},
        content_type="application/json",
        HTTP_X_SESSION_TOKEN=phone,
    )

    assert changed.status_code == 200, changed.content
    assert_api_error(token_client(stolen).get("/api/v1/me/"), 401, "session_invalid")


@pytest.mark.django_db
def test_a_password_support_sets_ends_every_session(member):
    token = sign_in("holder")
    member.set_password("support-reset-pass-789")
    member.save(update_fields=["password"])

    assert_api_error(token_client(token).get("/api/v1/me/"), 401, "session_invalid")


@pytest.mark.django_db
def test_a_deactivated_accounts_token_is_session_invalid(member):
    token = sign_in("holder")
    User.objects.filter(pk=member.pk).update(is_active=False)

    assert_api_error(token_client(token).get("/api/v1/me/"), 401, "session_invalid")
    assert_api_error(token_client(token).post("/api/v1/users/holder/follow/"), 401, "session_invalid")


@pytest.mark.django_db
def test_a_banned_accounts_token_is_refused_as_inactive(member, make_user):
    make_user("target")
    token = sign_in("holder")
    User.objects.filter(pk=member.pk).update(banned_at=timezone.now())

    assert_api_error(token_client(token).get("/api/v1/me/"), 403, "account_inactive")
    assert_api_error(token_client(token).post("/api/v1/users/target/follow/"), 403, "account_inactive")
    assert_api_error(token_client(token).get("/api/v1/invites/"), 403, "account_inactive")
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_a_deleted_accounts_token_is_session_invalid(member):
    token = sign_in("holder")
    member.delete()

    assert_api_error(token_client(token).get("/api/v1/me/"), 401, "session_invalid")


@pytest.mark.django_db
def test_a_birth_date_corrected_to_a_teens_applies_to_the_same_token_at_once(member):
    token = sign_in("holder")
    assert token_client(token).get("/api/v1/me/").json()["is_teen"] is False
    assert len(token_client(token).get("/api/v1/invites/").json()["items"]) == 4

    User.objects.filter(pk=member.pk).update(birth_date=datetime.date(age_day().year - 15, 1, 1))
    services.user_birth_date_corrected(user_id=member.pk)

    me = token_client(token).get("/api/v1/me/").json()
    assert me["is_teen"] is True
    assert me["limits"]["grants_need_parent_approval"] is True
    assert token_client(token).get("/api/v1/invites/").json()["items"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["x" * 5000, "\u00e9" * 40, "' OR 1=1 --"])
def test_a_malformed_session_token_is_session_invalid(token):
    assert_api_error(APIClient().get("/api/v1/me/", HTTP_X_SESSION_TOKEN=token), 401, "session_invalid")


@pytest.mark.django_db
def test_a_session_token_holding_a_nul_is_session_invalid_not_a_500():
    response = APIClient(raise_request_exception=False).get("/api/v1/me/", HTTP_X_SESSION_TOKEN="abcdefgh\u0000ijkl")
    assert_api_error(response, 401, "session_invalid")


def _end_by_logout(token: str, user: User) -> None:
    assert Client().delete(SESSION, HTTP_X_SESSION_TOKEN=token).status_code == 401


def _end_by_password_change_elsewhere(token: str, user: User) -> None:
    other = sign_in(user.handle)
    changed = Client().post(
        PASSWORD_CHANGE,
        {"current_password": PASSWORD, "new_password": "another-long-pass-456"},
        content_type="application/json",
        HTTP_X_SESSION_TOKEN=other,
    )
    assert changed.status_code == 200, changed.content


def _end_by_deactivation(token: str, user: User) -> None:
    User.objects.filter(pk=user.pk).update(is_active=False)


def _end_by_ban(token: str, user: User) -> None:
    User.objects.filter(pk=user.pk).update(banned_at=timezone.now())


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("end_session", [_end_by_logout, _end_by_password_change_elsewhere, _end_by_deactivation, _end_by_ban])
def test_an_open_event_socket_stops_delivering_once_its_session_has_ended(make_user, end_session):
    from channels.layers import get_channel_layer
    from channels.testing import WebsocketCommunicator

    from sora_social.asgi import application
    from sora_social.notifications.realtime import user_group_name

    user = make_user("listener", password=PASSWORD)
    token = sign_in("listener")

    async def scenario():
        communicator = WebsocketCommunicator(application, "/ws/events/", headers=[(b"x-session-token", token.encode())])
        connected, _ = await communicator.connect()
        assert connected
        assert (await communicator.receive_json_from(timeout=5))["event"] == "hello"
        await sync_to_async(end_session)(token, user)
        await get_channel_layer().group_send(
            user_group_name(user.pk),
            {"type": "user.event", "event": "notification", "payload": {"secret": "for the owner only"}},
        )
        try:
            output = await communicator.receive_output(timeout=3)
        except TimeoutError:
            output = None  # nothing delivered
        finally:
            await communicator.disconnect()
        return output

    output = async_to_sync(scenario)()

    assert output is None or output.get("type") == "websocket.close", output


# ---- self-edits -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_teen_cannot_make_themselves_an_adult_or_staff_through_patch_me(make_user, client_for):
    teen = make_user("young", age=15)
    before = User.objects.values().get(pk=teen.pk)

    response = client_for(teen).patch(
        "/api/v1/me/",
        {
            "birth_date": "1980-01-01",
            "is_teen": False,
            "is_staff": True,
            "is_superuser": True,
            "banned_at": None,
            "suspended_until": None,
            "date_joined": "2000-01-01T00:00:00Z",
            "handle": "grownup",
            "email": "grownup@example.org",
            "id": 1,
            "limits": {"is_teen": False, "daily_generations": 1000},
            "bio": "just a bio",
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["is_teen"] is True
    assert response.json()["birth_date"] == before["birth_date"].isoformat()
    after = User.objects.values().get(pk=teen.pk)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert not InviteCode.objects.filter(created_by=teen).exists()


@pytest.mark.django_db
def test_a_signed_in_teen_signing_up_again_does_not_change_their_own_birth_date(make_user):
    teen = make_user("young", age=15, password=PASSWORD)
    token = sign_in("young")
    invite = invites_mint(count=1)[0]

    response = Client().post(
        SIGNUP,
        signup_body("young", invite.code, birth_date="1980-01-01", email="young@example.org"),
        content_type="application/json",
        HTTP_X_SESSION_TOKEN=token,
    )

    assert response.status_code in (400, 409), response.content
    teen.refresh_from_db()
    assert teen.is_teen
    invite.refresh_from_db()
    assert invite.state == InviteCode.State.AVAILABLE


# ---- follows and blocks -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_following_someone_who_blocked_you_is_a_404_and_writes_nothing(make_user, client_for):
    stalker, target = make_user("stalker"), make_user("target")
    assert client_for(target).post("/api/v1/users/stalker/block/").status_code == 204

    for handle in ("target", "TARGET", " target"):
        response = client_for(stalker).post(f"/api/v1/users/{handle}/follow/")
        assert response.status_code == 404, response.content
        assert response.json()["code"] == "not_found"
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_following_someone_you_blocked_is_a_404_and_writes_nothing(make_user, client_for):
    blocker = make_user("blocker")
    make_user("other")
    client_for(blocker).post("/api/v1/users/other/block/")

    assert_api_error(client_for(blocker).post("/api/v1/users/other/follow/"), 404, "not_found")
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_the_follow_service_itself_refuses_a_blocked_pair(make_user):
    from django.core.exceptions import ValidationError

    stalker, target = make_user("stalker"), make_user("target")
    services.user_block(blocker=target, blocked=stalker)

    with pytest.raises(ValidationError) as refused:
        services.user_follow(follower=stalker, followee=target)
    assert refused.value.code == "blocked"
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_a_blocked_person_cannot_lift_the_block_by_unblocking(make_user, client_for):
    stalker, target = make_user("stalker"), make_user("target")
    client_for(target).post("/api/v1/users/stalker/block/")

    assert client_for(stalker).delete("/api/v1/users/target/block/").status_code == 204

    assert Block.objects.filter(blocker=target, blocked=stalker).exists()
    assert client_for(stalker).post("/api/v1/users/target/follow/").status_code == 404


@pytest.mark.django_db
def test_following_yourself_is_follow_self_in_any_case(make_user, client_for):
    me = make_user("narcissus")
    assert_api_error(client_for(me).post("/api/v1/users/NARCISSUS/follow/"), 422, "follow_self")
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_a_block_ends_a_mutual_both_ways_and_it_cannot_be_rebuilt(make_user, client_for):
    a, b = make_user("anna"), make_user("bert")
    client_for(a).post("/api/v1/users/bert/follow/")
    client_for(b).post("/api/v1/users/anna/follow/")
    assert Follow.objects.count() == 2

    client_for(b).post("/api/v1/users/anna/block/")

    assert not Follow.objects.exists()
    assert client_for(a).post("/api/v1/users/bert/follow/").status_code == 404
    assert client_for(b).post("/api/v1/users/anna/follow/").status_code == 404
    assert not Follow.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_follow_racing_a_block_leaves_no_follow_past_the_block(require_postgres, make_user, monkeypatch):
    stalker, target = make_user("stalker"), make_user("target")
    checked, blocked = threading.Event(), threading.Event()
    real_get_or_create = Follow.objects.get_or_create

    def get_or_create(*args, **kwargs):
        if threading.current_thread().name == "follower":
            checked.set()
            blocked.wait(timeout=5)
        return real_get_or_create(*args, **kwargs)

    monkeypatch.setattr(Follow.objects, "get_or_create", get_or_create)
    statuses: dict[str, int] = {}

    def follow() -> None:
        try:
            client = APIClient(raise_request_exception=False)
            client.force_authenticate(user=stalker)
            statuses["follow"] = client.post("/api/v1/users/target/follow/").status_code
        finally:
            connection.close()

    def block() -> None:
        try:
            checked.wait(timeout=10)
            client = APIClient(raise_request_exception=False)
            client.force_authenticate(user=target)
            statuses["block"] = client.post("/api/v1/users/stalker/block/").status_code
            blocked.set()
        finally:
            connection.close()

    threads = [threading.Thread(target=follow, name="follower"), threading.Thread(target=block, name="blocker")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses["block"] == 204
    assert Block.objects.filter(blocker=target, blocked=stalker).exists()
    assert not Follow.objects.filter(follower=stalker, followee=target).exists()
