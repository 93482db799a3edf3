"""A handle that looks like another's is never given out, even to two claims at the same moment.

A sign-up's form checks that the handle neither is nor looks like a person's or a live cameo's ("a1ice_vv" for
"alice_w"). Checked alone, two sign-ups of look-alike handles at the same moment both found nothing and were both
kept: the unique index knows only the same spelling. Every claim (a sign-up, a new cameo, an operator's edit in
the admin) now takes a lock on the handle's collapsed form (every 1, l and i one letter) inside its transaction and checks again under it
(accounts.services.handle_claim). The races run on PostgreSQL, where they are real.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import Client

from cameos.models import Cameo
from cameos.services.verification import _check_handle
from sora_social.accounts.models import InviteCode, User
from sora_social.accounts.services import HandleUnavailable, handle_claim, invites_mint
from sora_social.accounts.validators import handle_format_validator, validate_handle_not_reserved
from tests.accounts.admin_forms import user_change_form
from tests.accounts.test_signup import signup

# Each reads as "alice_w": 1 for l, 4 for a, 3 for e, "vv" for w.
LOOK_ALIKES = ["alice_w", "a1ice_w", "alice_vv", "a1ice_vv", "4lice_w", "alic3_w", "4lic3_vv", "a1ic3_w"]


def _parallel_sign_ups(handles: list[str]) -> list[tuple[str, int, list[str]]]:
    """Each handle signed up at the same moment, with an invite of its own: (handle, status, error codes)."""
    invites = invites_mint(count=len(handles))
    barrier = threading.Barrier(len(handles))
    answers: list[tuple[str, int, list[str]]] = []
    lock = threading.Lock()

    def attempt(handle: str, code: str) -> None:
        try:
            barrier.wait(timeout=30)
            response = signup(Client(), handle=handle, invite_code=code)
            codes = (
                [error.get("code") for error in response.json().get("errors", [])] if response.status_code < 500 else []
            )
            with lock:
                answers.append((handle, response.status_code, codes))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(handle, invite.code))
        for handle, invite in zip(handles, invites, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == len(handles)
    return answers


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_parallel_sign_ups_of_look_alike_handles_keep_exactly_one(require_postgres):
    answers = _parallel_sign_ups(LOOK_ALIKES)

    kept = [handle for handle, status, _ in answers if status == 200]
    assert len(kept) == 1, answers
    assert all(codes == ["username_taken"] for handle, status, codes in answers if status != 200), answers
    assert list(User.objects.filter(handle_skeleton="alice_w").values_list("handle", flat=True)) == kept
    # The refused sign-ups kept nothing: their invites are unspent.
    assert InviteCode.objects.filter(redeemed_at__isnull=False).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_that_read_alike_only_with_a_one_as_an_i_keep_exactly_one(require_postgres):
    # Each 1 reads as an l or an i: all four look alike, share one collapsed form ("blll_k"), and so one lock.
    answers = _parallel_sign_ups(["bill_k", "b1ll_k", "bi1l_k", "b11l_k"])

    kept = [handle for handle, status, _ in answers if status == 200]
    assert len(kept) == 1, answers
    assert all(codes == ["username_taken"] for handle, status, codes in answers if status != 200), answers


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_of_one_handle_keep_one_and_answer_the_rest_400_not_500(require_postgres):
    # Found by the review of 2026-12-06: with the row written before the claim, the second insert met the unique
    # index and answered 500.
    answers = _parallel_sign_ups(["samespell_x", "SAMESPELL_X", "SameSpell_X", "samespell_X"])

    assert sorted(status for _, status, _ in answers) == [200, 400, 400, 400], answers
    assert all(codes == ["username_taken"] for _, status, codes in answers if status == 400), answers
    assert User.objects.filter(handle="samespell_x").count() == 1


def _claim_and_hold(claim, holding: threading.Event, release: threading.Event, done: list) -> None:
    try:
        with transaction.atomic():
            claim()
            holding.set()
            release.wait(timeout=30)
            done.append(time.monotonic())
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_sign_up_waits_for_a_cameo_claiming_a_look_alike_handle_and_then_is_refused(require_postgres, make_user):
    # The namespaces are shared: a new cameo "alice_cam" and a new person "a1ice_cam" at the same moment.
    owner = make_user("owner")
    holding, release, committed = threading.Event(), threading.Event(), []

    def cameo_claim() -> None:
        handle = _check_handle("alice_cam", owner)
        Cameo.objects.create(owner=owner, handle=handle, display_name="Alice")

    holder = threading.Thread(target=_claim_and_hold, args=(cameo_claim, holding, release, committed))
    holder.start()
    assert holding.wait(timeout=30)
    outcome: list = []

    def sign_up_claim() -> None:
        try:
            with transaction.atomic():
                handle_claim("a1ice_cam")
                outcome.append(("kept", time.monotonic()))
        except HandleUnavailable as exc:
            outcome.append((exc.code, time.monotonic()))
        finally:
            connection.close()

    claimant = threading.Thread(target=sign_up_claim)
    claimant.start()
    time.sleep(0.5)
    # Still waiting on the cameo's claim: it has not answered, though nothing it reads is locked by rows.
    assert outcome == []
    release.set()
    holder.join(timeout=30)
    claimant.join(timeout=30)

    assert outcome[0][0] == "username_taken"
    assert outcome[0][1] >= committed[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_sign_up_racing_an_operators_rename_to_its_handle_is_refused_not_deadlocked(require_postgres, make_user):
    # Found by the review of 2026-12-06: the rename held the claim and waited to write, the sign-up had written its
    # row and waited for the claim; PostgreSQL broke the deadlock and the sign-up answered 503.
    mallory = make_user("mallory")
    holding, release = threading.Event(), threading.Event()
    outcomes: list = []

    def rename() -> None:
        # The admin's order: the form's clean takes the claim, the save writes the row after it.
        try:
            with transaction.atomic():
                handle_claim("alice_w", user=mallory)
                holding.set()
                release.wait(timeout=30)
                User.objects.filter(pk=mallory.pk).update(handle="alice_w")
            outcomes.append("renamed")
        except Exception as exc:  # noqa: BLE001 - the deadlock PostgreSQL breaks is what this test looks for
            outcomes.append(repr(exc))
        finally:
            connection.close()

    holder = threading.Thread(target=rename)
    holder.start()
    assert holding.wait(timeout=30)
    answer: list = []

    def sign_up() -> None:
        try:
            response = signup(Client(), handle="alice_w", invite_code=invites_mint(count=1)[0].code)
            answer.append(response.status_code)
        finally:
            connection.close()

    claimant = threading.Thread(target=sign_up)
    claimant.start()
    time.sleep(0.5)  # the sign-up is under way while the rename holds the claim
    release.set()
    holder.join(timeout=30)
    claimant.join(timeout=30)

    assert outcomes == ["renamed"]
    assert answer == [400]
    assert list(User.objects.filter(handle_skeleton="alice_w").values_list("handle", flat=True)) == ["alice_w"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_claims_of_unrelated_handles_do_not_wait_for_each_other(require_postgres):
    holding, release, done = threading.Event(), threading.Event(), []
    holder = threading.Thread(target=_claim_and_hold, args=(lambda: handle_claim("alice_w"), holding, release, done))
    holder.start()
    assert holding.wait(timeout=30)
    try:
        with transaction.atomic():
            handle_claim("bob_w")  # another skeleton: answers at once, while alice_w's claim is held
        answered_while_held = not release.is_set()
    finally:
        release.set()
        holder.join(timeout=30)

    assert answered_while_held


@pytest.mark.django_db
def test_a_sign_up_whose_look_alike_was_kept_after_its_form_check_is_refused_in_the_api_error_format(
    client, make_user, monkeypatch
):
    # What the race leaves: the form's check found nothing, and a look-alike is there when the row would be written.
    from sora_social.accounts import adapter

    monkeypatch.setattr(adapter, "handle_looks_taken", lambda handle: False)
    make_user("alice_w")
    invite = invites_mint(count=1)[0]

    response = signup(client, handle="a1ice_vv", invite_code=invite.code)

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"message": "This handle is taken, or looks like one that is.", "code": "username_taken", "param": "username"}
    ]
    assert not User.objects.filter(handle="a1ice_vv").exists()
    invite.refresh_from_db()
    assert invite.redeemed_at is None


@pytest.mark.parametrize("handle", ["supp0rt", "rnoderator", "adrnin", "s0ra", "every0ne", "s0ra_s0cial", "4dmin"])
def test_a_handle_that_looks_like_a_reserved_one_is_reserved(handle):
    # Nobody holds a reserved handle, so the look-alike check found none (the review of 2026-12-06).
    with pytest.raises(ValidationError):
        validate_handle_not_reserved(handle)


@pytest.mark.parametrize("handle", ["supporter", "moderators_fan", "sorabella", "everyone_else"])
def test_a_handle_that_only_contains_a_reserved_word_is_not_reserved(handle):
    validate_handle_not_reserved(handle)


# ---- the admin -------------------------------------------------------------------------------------------------


@pytest.fixture
def operator_client(client, make_user):
    client.force_login(make_user("operator", is_staff=True, is_superuser=True))
    return client


def change_handle(client, user: User, handle: str):
    return client.post(f"/admin/accounts/user/{user.pk}/change/", user_change_form(user, handle=handle))


def add_person(client, handle: str):
    return client.post(
        "/admin/accounts/user/add/",
        {
            "handle": handle,
            "email": f"{handle}@example.org",
            "birth_date": "1990-01-01",
            "password1": "a-long-enough-pass-123",
            "password2": "a-long-enough-pass-123",
            "usable_password": "true",
            "profile-TOTAL_FORMS": "0",
            "profile-INITIAL_FORMS": "0",
        },
    )


@pytest.mark.django_db
def test_an_operator_cannot_rename_a_person_to_a_handle_that_looks_like_another_persons(operator_client, make_user):
    make_user("alice_w")
    mallory = make_user("mallory")

    response = change_handle(operator_client, mallory, "a1ice_vv")

    assert response.status_code == 200  # the form again, with its error
    assert "looks like one that is" in response.content.decode()
    mallory.refresh_from_db()
    assert mallory.handle == "mallory"


@pytest.mark.django_db
def test_an_operator_cannot_rename_a_person_to_a_handle_that_looks_like_someone_elses_live_cameo(
    operator_client, make_user, make_cameo
):
    make_cameo(make_user("alice"), handle="alice_cam")
    mallory = make_user("mallory")

    response = change_handle(operator_client, mallory, "a1ice_cam")

    assert "looks like one that is" in response.content.decode()
    mallory.refresh_from_db()
    assert mallory.handle == "mallory"


@pytest.mark.django_db
def test_an_operator_may_rename_a_person_to_a_look_alike_of_their_own_cameo(operator_client, make_user, make_cameo):
    alice = make_user("alice")
    make_cameo(alice, handle="alice_cam")

    response = change_handle(operator_client, alice, "a1ice_cam")

    assert response.status_code == 302, response.content.decode()[:2000]
    alice.refresh_from_db()
    assert alice.handle == "a1ice_cam"


@pytest.mark.django_db
def test_an_operator_cannot_add_a_person_whose_handle_looks_like_another_persons(operator_client, make_user):
    make_user("alice_w")

    response = add_person(operator_client, "4lice_w")

    assert "looks like one that is" in response.content.decode()
    assert not User.objects.filter(handle="4lice_w").exists()


@pytest.mark.django_db
def test_an_operator_may_add_a_person_whose_handle_looks_like_nobodys(operator_client, make_user):
    make_user("alice_w")

    response = add_person(operator_client, "bob_w")

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(handle="bob_w").exists()


# ---- operators made on the command line ----------------------------------------------------------------------


def _createsuperuser(handle: str) -> None:
    call_command(
        "createsuperuser",
        interactive=False,
        handle=handle,
        email="op@example.org",
        birth_date="1980-02-03",
        verbosity=0,
    )


@pytest.mark.django_db
def test_createsuperuser_refuses_a_handle_that_looks_like_a_members(make_user):
    make_user("alice_w")

    with pytest.raises(CommandError, match="looks like one that is"):
        _createsuperuser("a1ice_vv")

    assert not User.objects.filter(handle="a1ice_vv").exists()


@pytest.mark.django_db
def test_createsuperuser_refuses_a_handle_that_looks_like_a_live_cameos(make_user, make_cameo):
    make_cameo(make_user("carol"), handle="mara_cam")

    with pytest.raises(CommandError, match="looks like one that is"):
        _createsuperuser("rnara_cam")

    assert not User.objects.filter(handle="rnara_cam").exists()


@pytest.mark.django_db
def test_createsuperuser_makes_an_operator_whose_handle_looks_like_nobodys(make_user):
    make_user("alice_w")

    _createsuperuser("night_ops")

    operator = User.objects.get(handle="night_ops")
    assert operator.is_staff and operator.is_superuser


@pytest.mark.django_db
def test_bootstrap_dev_refuses_to_make_its_operator_beside_a_look_alike(make_user):
    make_user("0perator")

    with pytest.raises(CommandError, match="No operator made: This handle is taken, or looks like one that is"):
        call_command("bootstrap_dev")

    assert not User.objects.filter(handle="operator").exists()


# ---- a handle ends where it seems to ---------------------------------------------------------------------------


@pytest.mark.parametrize("handle", ["alice\n", "alice_w\n", "\nalice", "ali\nce"])
def test_a_handle_with_a_newline_is_not_a_handle(handle):
    with pytest.raises(ValidationError):
        handle_format_validator(handle)


@pytest.mark.django_db
def test_createsuperuser_refuses_a_handle_with_a_final_newline():
    with pytest.raises(CommandError):
        _createsuperuser("night_ops\n")

    assert not User.objects.filter(handle__startswith="night_ops").exists()


# ---- leetspeak digits (2026-12-06) ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("taken", "look_alike"),
    [("bob_cam", "8ob_cam"), ("bob_cam", "6ob_cam"), ("greta_v", "9reta_v"), ("liza_m", "li2a_m"), ("bob_cam", "8o6_cam")],
)
def test_a_sign_up_whose_handle_draws_a_letter_as_a_digit_is_refused(make_user, taken, look_alike):
    # Given a member "bob_cam": "8ob_cam" reads as that member in a mention or a comment.
    make_user(handle=taken)
    invite = invites_mint(count=1)[0]

    response = signup(Client(), handle=look_alike, invite_code=invite.code)

    assert response.status_code == 400
    assert [error["code"] for error in response.json()["errors"]] == ["username_taken"]
    assert not User.objects.filter(handle=look_alike).exists()


def test_the_databases_skeleton_of_every_look_alike_digit_is_the_one_python_reads(make_user, make_cameo):
    # The look-alike check compares the generated column with handle_skeleton(): if they drew a digit differently, a
    # look-alike would pass unseen. Every digit, in a person's handle and in a cameo's.
    from sora_social.accounts.validators import handle_skeleton

    person = make_user(handle="d0123456789_rn_vv")
    cameo = make_cameo(owner=make_user(), handle="c9876543210_vv")
    person.refresh_from_db()
    cameo.refresh_from_db()

    assert person.handle_skeleton == handle_skeleton(person.handle) == "dolzeasbtbg_m_w"
    assert cameo.handle_skeleton == handle_skeleton(cameo.handle) == "cgbtbsaezlo_w"


@pytest.mark.parametrize(("handle", "other"), [("bob_cam", "bobcam"), ("greta", "grete"), ("user2024", "user2025")])
def test_handles_that_only_share_letters_are_not_look_alikes(make_user, handle, other):
    make_user(handle=handle)
    invite = invites_mint(count=1)[0]

    response = signup(Client(), handle=other, invite_code=invite.code)

    assert response.status_code == 200, response.content
