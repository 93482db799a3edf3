"""Review attacks on the fixes of 2026-12-07 (004a7a7..92fbf77): both ways, false refusals of ordinary text and
disguises that still get past.

Each test is a product rule. When written, 23 cases got through or were refused wrongly; all are mended since (the
name readings, the look-alike reading of model names, handles banned beside other words), and every case passes.

Tried: the name screen's new reading (screening._name_words_apart) on brand names in camel case, times, "+",
possessives and emoji between ordinary words, and on separators and apostrophes it does not list; the dropping of
Default_Ignorable and enclosing marks (normalize) on Mongolian, Khmer and keycap emoji; the look-alike reading of
restrictions (restriction_spelling.look_alike_words, restrictions._keyword_conflict) on car models and handles
banned in other wordings; a real adult parent (just 18) deleted; the verification-clip sweep with a running attempt
and run twice.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from cameos.models import Cameo, Grant, VerificationAttempt
from cameos.policy import Purpose, check_use
from cameos.restrictions import find_restriction_conflicts
from cameos.services import challenge_create
from cameos.services import verification as verification_service
from generation.models import GenerationJob
from sora_social.accounts.models import User
from sora_social.accounts.validators import adult_birth_cutoff, age_day
from sora_social.content_policy.screening import screen_prompt
from tests.cameos.parental import grant, linked

PROTECTED = (
    "Taylor Swift",
    "Rose Leslie",
    "Barack Obama",
    "Conan O'Brien",
    "Jack Black",
    "Chris Rock",
    "Will Smith",
)


def names_found(prompt: str) -> list[str]:
    result = screen_prompt(prompt, rules=[], protected_names=PROTECTED)
    return [violation.matched for violation in result.violations if violation.code == "public_figure"]


# ==== 1. the name screen's new reading (screening._name_words_apart) ===============================================


@pytest.mark.parametrize(
    "prompt",
    [
        "@ann_cam teaches Taylor SwiftUI at a desk",  # a coworker named Taylor, Apple's UI framework
        "@ann_cam shows Taylor SwiftKey on her phone",  # the keyboard app
        "@ann_cam teaches Jack BlackJack at a casino table",  # the card game
    ],
    ids=["swiftui", "swiftkey", "blackjack"],
)
def test_a_first_name_before_a_camel_case_brand_is_not_a_protected_person(prompt):
    assert names_found(prompt) == []


@pytest.mark.parametrize(
    "prompt",
    [
        "@ann_cam meets Taylor at 10:30 by the river",
        "@ann_cam writes a+b=c on the board",
        "@ann_cam drives Taylor's swift car",
        "@ann_cam reads C++ and Rust books",
        "a rose 🌹 for @ann_cam, and a swift 🐦 flies by",
        "Rose🌹garden tour with @ann_cam",
        "@ann_cam's iPhone and MacBook on a desk",
    ],
)
def test_ordinary_prompts_with_times_plus_signs_possessives_and_emoji_name_nobody(prompt):
    assert names_found(prompt) == []


@pytest.mark.parametrize(
    "prompt",
    ["Taylor＋Swift sings", "Taylor﹢Swift sings", "Taylor：Swift sings", "Taylor∶Swift sings"],
    ids=["fullwidth-plus", "small-plus", "fullwidth-colon", "ratio"],
)
def test_a_protected_name_joined_by_a_wide_plus_or_colon_is_refused(prompt):
    assert names_found(prompt), prompt


@pytest.mark.parametrize(
    "prompt",
    [
        "Taylor●Swift sings",
        "Taylor★Swift sings",
        "Taylor♪Swift sings",
        "Taylor;Swift sings",
        "Taylor&Swift sings",
        "Taylor|Swift sings",
        "Taylor=Swift sings",
        "Taylor....Swift sings",
    ],
)
def test_a_protected_name_joined_by_other_everyday_symbols_is_refused(prompt):
    assert names_found(prompt), prompt


@pytest.mark.parametrize("prompt", ["Conan O`Brien hosts a show", "Conan O‛Brien hosts a show", "Conan Oʻbrien hosts a show"])
def test_a_protected_name_with_any_apostrophe_is_refused(prompt):
    assert names_found(prompt), prompt


@pytest.mark.parametrize("prompt", ["dressed as a T-a-y-l-o-r S-w-i-f-t", "dressed as a T_a_y_l_o_r S_w_i_f_t"])
def test_a_name_spelled_out_with_hyphens_after_an_article_is_refused(prompt):
    assert names_found(prompt), prompt


# ==== 2. characters that draw nothing, enclosing marks (normalize) ================================================


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prompt",
    [
        "@ann_cam ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ᠋ ᠪᠢᠴᠢᠭ᠌ writes Mongolian script",  # with free variation selectors
        "@ann_cam says សួស្តី ពិភពលោក in Phnom Penh",
        "@ann_cam counts down 3️⃣ 2️⃣ 1️⃣ at the party",  # keycaps: digit, VS16, U+20E3
        "#️⃣1️⃣ hit song sung by @ann_cam",
    ],
    ids=["mongolian", "khmer", "keycaps", "keycap-hash"],
)
def test_scripts_and_keycaps_that_use_ignorable_or_enclosing_marks_still_render_with_their_mention(
    make_user, make_cameo, client_for, monkeypatch, prompt
):
    monkeypatch.setattr("generation.services._queue_render", lambda job: None)
    owner = make_user("ann")
    cameo = make_cameo(owner, handle="ann_cam", level="only_me")

    response = client_for(owner).post(
        "/api/v1/generations/", {"prompt": prompt, "duration_s": 2, "resolution": "360p"}, format="json"
    )

    assert response.status_code in (200, 201, 202), response.content
    job = GenerationJob.objects.get(owner=owner)
    assert list(job.cameos.all()) == [cameo]


# ==== 3. restrictions read with look-alike letters ================================================================


@pytest.mark.django_db
def test_a_car_model_is_not_read_as_the_body_part_a_restriction_bans():
    assert find_restriction_conflicts(["never show my abs"], "@ann_cam parks two Audi A6s outside") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "@ann_cam eats popcorn and corn on the cob",
        "@ann_cam takes a turn at the barn",
        "@ann_cam is savvy with B2B sales in the 90s",
        "@ann_cam runs a 5k on the 2nd",
    ],
)
def test_words_that_merely_hold_rn_vv_or_digits_break_no_restriction(text):
    restrictions = ["no porn", "never say moist", "never show me drinking wine", "never say bus", "no guns"]
    assert find_restriction_conflicts(restrictions, text) == []


@pytest.mark.django_db
def test_a_look_alike_of_a_handle_banned_as_a_topic_is_refused():
    conflicts = find_restriction_conflicts(["never show me with @mallory"], "@ann_cam hugs @rnallory at a party")
    assert [c.matched for c in conflicts] == ["@rnallory"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "restriction", ["never show me next to @mallory", "i don't want to appear alongside @mallory"]
)
def test_a_look_alike_of_a_handle_banned_in_other_words_is_refused(restriction):
    conflicts = find_restriction_conflicts([restriction], "@ann_cam hugs @rnallory at a party")
    assert conflicts, restriction


# ==== 4. a parent deleted ==========================================================================================


@pytest.mark.django_db
def test_a_parent_who_turned_18_today_keeps_approvals_and_controls_after_their_account_is_deleted(
    make_user, make_cameo, client_for
):
    # Given: a parent who is 18 today (born exactly 18 years ago), linked, who approved a grant and capped generations
    teen, parent, friend = make_user("teen_t", age=15), make_user("young_mom", age=30), make_user("friend")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    link_id = linked(client_for, teen, parent)
    grant_id = grant(client_for, teen, cameo, friend)
    assert client_for(parent).post(f"/api/v1/parental/grants/{grant_id}/approve/").status_code == 200
    assert client_for(parent).patch(
        f"/api/v1/parental/links/{link_id}/", {"daily_generation_cap": 1, "continuous_scroll": False}, format="json"
    ).status_code == 200
    User.objects.filter(pk=parent.pk).update(birth_date=adult_birth_cutoff(age_day()))

    # When: the parent's account is deleted
    User.objects.filter(pk=parent.pk).delete()

    # Then: an adult's approval and choices stand
    assert check_use(cameo, friend, Purpose.GENERATE)
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.ACTIVE
    limits = client_for(teen).get("/api/v1/me/").json()["limits"]
    assert (limits["daily_generations"], limits["continuous_scroll"]) == (1, False), limits


# ==== 6. the verification-clip sweep ==============================================================================


def _running_attempt(owner, *, handle: str, age: datetime.timedelta) -> VerificationAttempt:
    cameo = Cameo.objects.create(owner=owner, handle=handle, display_name=handle, status=Cameo.Status.VERIFYING)
    attempt = VerificationAttempt(cameo=cameo, challenge=challenge_create(user=owner))
    attempt.upload.save("clip.bin", ContentFile(b"raw clip"), save=True)
    now = timezone.now()
    VerificationAttempt.objects.filter(pk=attempt.pk).update(
        status=VerificationAttempt.Status.RUNNING, created_at=now - age, started_at=now - age
    )
    attempt.refresh_from_db()
    return attempt


@pytest.mark.django_db
def test_the_sweep_leaves_the_clip_of_an_attempt_a_worker_is_still_reading(
    make_user, django_capture_on_commit_callbacks
):
    attempt = _running_attempt(make_user("alice"), handle="alice_cam", age=datetime.timedelta(hours=1, minutes=59))
    path = attempt.upload.path

    with django_capture_on_commit_callbacks(execute=True):
        assert verification_service.verification_uploads_sweep() == 0

    attempt.refresh_from_db()
    assert attempt.status == VerificationAttempt.Status.RUNNING and attempt.upload
    assert Cameo.objects.get(pk=attempt.cameo_id).status == Cameo.Status.VERIFYING
    import os

    assert os.path.exists(path)


@pytest.mark.django_db
def test_the_sweep_run_twice_deletes_a_stuck_clip_once_and_tells_the_owner_once(
    make_user, django_capture_on_commit_callbacks
):
    from sora_social.notifications.models import Notification

    owner = make_user("bob")
    attempt = _running_attempt(owner, handle="bob_cam", age=datetime.timedelta(hours=2, minutes=1))

    with django_capture_on_commit_callbacks(execute=True):
        first = verification_service.verification_uploads_sweep()
    with django_capture_on_commit_callbacks(execute=True):
        second = verification_service.verification_uploads_sweep()

    attempt.refresh_from_db()
    assert (first, second) == (1, 0)
    assert attempt.status == VerificationAttempt.Status.FAILED and not attempt.upload
    told = Notification.objects.filter(recipient=owner, kind=Notification.Kind.CAMEO_VERIFICATION).count()
    assert told == 1
