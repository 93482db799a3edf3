# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Round 9 of attacks: protected names and mentions, retention at its edges, and parental control at its edges.

Protected names and mentions: a name is screened in the prompt's skeleton (sora_social.content_policy.normalize.
text_skeleton, searched with screening.name_regex), a mention is read in the fold (generation.mentions). Spellings
rounds 2-8 did not try: mathematical, circled, small capital and parenthesized letters, letters joined by dots,
underscores and hyphens, a name cut by a line break, symbols for letters at the end of a word, a variation selector
inside a word, a middle initial, a name run into a hashtag or a year, a trademark sign after it, 8 for B and ¡ for
i, a name in a dialogue line, a remix prompt or a caption, and mentions of a private cameo written with a full-width
at sign and look-alike letters, a trailing dot or a variation selector.

Retention: the grace period's boundary to the second, a grace period changed while videos are hidden, a takedown
restored a second before the purge and taken down again, a revocation under a takedown that is restored, and an
account deactivated while its cameo waits for a review.

Parental control: the 18th birthday, a link code redeemed twice or after it expired, a former parent who turns out
to be a teen contesting the real parent's link, cooling-off across a DST change, the daily cap across UTC midnight,
and the invite codes of a teen (none at signup, none on turning 18) and of an account whose birth date was
corrected to a teen's.

Each test is one attack, named as the product rule it must not break, and asserts the safe outcome. An attack that
gets through is kept, marked ``xfail(strict=True)`` with what got through and the code path responsible. The door,
the screening and the classifier are real, never mocked; only the clock is set where the attack is about time.

When written, 14 of these 30 got through: nine spellings of a protected name, a caption naming one (captions are
screened without the names, by design), a variation selector turning a private cameo's mention into an unknown one,
a former parent found to be a teen contesting the real parent's link, the daily cap renewed at UTC midnight, and
the adult-days invite codes of an account corrected to a teen's. 13 are fixed: the skeleton reads small capitals,
parenthesized letters, 8 for b, ¡ for i and a word-final @, drops variation selectors and trademark signs, joins a
word hyphenated across a line break and leaves a year run into a name a number; a name may have a middle initial and
is looked for in hashtags' words; a former parent who is a teen now has no say; a teen's cap counts the last 24
hours; and a code whose maker is a teen now is refused at redemption. The caption is left open on purpose (its
reason says why). "Obama2008" was one of the prompts; a surname alone does not match a two-word name, by design, so
the prompt is "BarackObama2008".
"""

import datetime

import numpy as np
import pytest
from django.test import Client
from django.utils import timezone

from cameos.models import Appearance, Cameo, Grant, ProtectedPerson
from cameos.policy import Purpose, check_use
from cameos.registry import likeness_registry
from cameos.services import CameoError, biometrics_purge_for_inactive_accounts, cameo_review_decide
from cameos.verification.faces import face_encodings_from_image
from feed.models import Post
from feed.services.posts import post_publish, post_restore, post_take_down
from feed.services.retention import hidden_media_purge
from generation.models import GenerationJob
from generation.services import generation_submit
from sora_social.accounts.models import ParentalLink, ParentalLinkCode, User
from sora_social.accounts.validators import age_day
from sora_social.content_policy.models import ContentRule
from sora_social.errors import ServiceError
from tests.cameos.parental import grant
from tests.cameos.test_attacks_round2 import SIGNUP, first_invite_of, years_ago
from tests.cameos.test_attacks_round6 import (  # noqa: F401 - _defaults is a fixture
    DAY,
    _defaults,
    files_of,
    linked,
    set_controls,
    unlink,
)
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)
FAMOUS = ("Taylor Swift", "Barack Obama", "Martin Luther King", "Rose Leslie")


# ---- helpers -----------------------------------------------------------------------------------------------


@pytest.fixture
def famous(db):
    """The protected persons; category rules off, as they are not what these attacks are about (names are)."""
    ContentRule.objects.filter(kind="category").update(enabled=False)
    for name in FAMOUS:
        ProtectedPerson.objects.create(name=name)


def submit(client, prompt: str):
    return client.post("/api/v1/generations/", {"prompt": prompt, "duration_s": 2, "resolution": "360p"}, format="json")


def refused_as_a_public_figure(response) -> bool:
    return response.status_code == 422 and "public_figure" in response.json().get("reasons", [])


def name_refused(client_for, make_user, prompt: str) -> bool:
    """Whether a creator's generation request with this prompt is refused for naming a protected person."""
    creator = make_user("creator")
    response = submit(client_for(creator), prompt)
    refused = refused_as_a_public_figure(response)
    assert refused or response.status_code == 202, response.content
    return refused and not GenerationJob.objects.filter(owner=creator).exists()


# ==== 1. protected names and mentions =========================================================================


@pytest.mark.parametrize(
    "prompt",
    [
        "𝓣𝓪𝔂𝓵𝓸𝓻 𝓢𝔀𝓲𝓯𝓽 sings on a stage",  # mathematical script
        "𝔅𝔞𝔯𝔞𝔠𝔨 𝔒𝔟𝔞𝔪𝔞 gives a speech",  # mathematical fraktur
        "𝕋𝕒𝕪𝕝𝕠𝕣 𝕊𝕨𝕚𝕗𝕥 sings on a stage",  # double-struck
        "Ⓡⓞⓢⓔ Ⓛⓔⓢⓛⓘⓔ waves from a boat",  # circled letters
        "T.a.y.l.o.r S.w.i.f.t sings on a stage",
        "T_a_y_l_o_r S_w_i_f_t sings on a stage",
        "T-a-y-l-o-r S-w-i-f-t sings on a stage",
        "Taylor\nSwift sings on a stage",  # a line break between the words
        "Taylor\r\n\r\nSwift sings on a stage",
        "Taylor $wift sings on a stage",
        "Rose Les|ie waves from a boat",
        "Rose Les!ie waves from a boat",
        "B@rack Obama gives a speech",
        "Taylor Svvift sings on a stage",  # vv for w
        "Obama, Barack H. gives a speech",  # surname first, with a middle initial after
    ],
)
def test_a_protected_name_in_disguised_letters_is_refused(famous, make_user, client_for, no_dispatch, prompt):
    assert name_refused(client_for, make_user, prompt), prompt


def test_a_protected_name_in_small_capital_letters_is_refused(famous, make_user, client_for, no_dispatch):
    assert name_refused(client_for, make_user, "ʀᴏsᴇ ʟᴇsʟɪᴇ waves from a boat")


def test_a_protected_name_in_parenthesized_letters_is_refused(famous, make_user, client_for, no_dispatch):
    assert name_refused(client_for, make_user, "⒯⒜⒴⒧⒪⒭ ⒮⒲⒤⒡⒯ sings on a stage")


def test_a_variation_selector_inside_a_protected_name_does_not_hide_it(famous, make_user, client_for, no_dispatch):
    assert name_refused(client_for, make_user, "Tay\ufe0flor Sw\ufe0eift sings on a stage")


def test_an_at_sign_for_the_last_letter_of_a_protected_name_does_not_hide_it(
    famous, make_user, client_for, no_dispatch
):
    assert name_refused(client_for, make_user, "Barack Obam@ gives a speech")


@pytest.mark.parametrize("prompt", ["Barack H. Obama gives a speech", "King, Martin L. gives a speech"])
def test_a_protected_name_with_a_middle_initial_is_refused(famous, make_user, client_for, no_dispatch, prompt):
    assert name_refused(client_for, make_user, prompt), prompt


def test_a_protected_name_hyphenated_across_a_line_break_is_refused(famous, make_user, client_for, no_dispatch):
    assert name_refused(client_for, make_user, "a poster reads Tay-\nlor Swift, who sings on a stage")


@pytest.mark.parametrize(
    "prompt", ["#TaylorSwift2024 on a stage", "#TaylorSwiftEras on a stage", "BarackObama2008 rally"]
)
def test_a_protected_name_run_into_a_hashtag_with_a_year_or_more_words_is_refused(
    famous, make_user, client_for, no_dispatch, prompt
):
    assert name_refused(client_for, make_user, prompt), prompt


def test_a_trademark_sign_after_a_protected_name_does_not_hide_it(famous, make_user, client_for, no_dispatch):
    assert name_refused(client_for, make_user, "Taylor Swift\u2122 sings on a stage")


@pytest.mark.parametrize("prompt", ["8arack Obama gives a speech", "Taylor Sw\u00a1ft sings on a stage"])
def test_a_digit_or_a_mark_drawn_like_a_letter_does_not_hide_a_protected_name(
    famous, make_user, client_for, no_dispatch, prompt
):
    assert name_refused(client_for, make_user, prompt), prompt


def test_a_protected_name_in_a_dialogue_line_is_refused(famous, make_user, make_cameo, client_for, no_dispatch):
    creator = make_user("creator")
    make_cameo(creator, handle="creator_cam")

    response = submit(client_for(creator), '@creator_cam waves and says "hi, I am T.a.y.l.o.r S.w.i.f.t!"')

    assert refused_as_a_public_figure(response), response.content
    assert not GenerationJob.objects.filter(owner=creator).exists()


def test_a_protected_name_in_a_remix_prompt_is_refused(famous, make_user, client_for, publish, no_dispatch):
    alice, bob = make_user("alice"), make_user("bob")
    parent = publish(alice, prompt="a cat surfs a wave")

    response = client_for(bob).post(
        f"/api/v1/posts/{parent.pk}/remix/", {"prompt": "the same, with 𝐁𝐚𝐫𝐚𝐜𝐤 Ob@ma on the board"}, format="json"
    )

    assert refused_as_a_public_figure(response), response.content
    assert not GenerationJob.objects.filter(owner=bob).exists()


@pytest.mark.xfail(
    strict=True,
    reason="GOT THROUGH: a caption 'me and T4ylor Sw1ft backstage' on a generated video is published: captions and "
    "comments are screened without the protected names, by design (feed/services/posts.py:screen_text, 'naming "
    "someone in a caption does not use their likeness'), yet the caption tells viewers the video shows that person. "
    "Left open on purpose: output screening already blocks a protected person's face in the video, and refusing their "
    "names in captions would refuse 'me as Taylor Swift for Halloween' and every caption about a concert; a caption "
    "that passes someone off as a celebrity is for reports and moderators.",
)
def test_a_caption_naming_a_protected_person_in_disguise_is_refused(famous, make_user, make_draft):
    author = make_user("author")
    draft = make_draft(author, prompt="a woman with a guitar sings on a stage")

    with pytest.raises(ServiceError) as refused:
        post_publish(author=author, generation_id=draft.pk, caption="me and T4ylor Sw1ft backstage")

    assert refused.value.code == "content_policy"


@pytest.fixture
def shy(make_user, make_cameo):
    """A cameo only its owner may use, and a stranger who wants it."""
    cameo = make_cameo(make_user("shy"), handle="shy_cam", level="only_me")
    return cameo, make_user("stranger")


def asked_the_door_and_refused(response, stranger) -> bool:
    return (
        response.status_code == 403
        and response.json()["code"] == "cameo_not_permitted"
        and not GenerationJob.objects.filter(owner=stranger).exists()
    )


def test_a_full_width_at_sign_with_look_alike_letters_naming_a_private_cameo_asks_the_door(
    shy, client_for, no_dispatch
):
    _, stranger = shy

    # full-width at sign, Cyrillic ѕ and һ, mathematical bold y, full-width c a m
    response = submit(client_for(stranger), "＠ѕһ𝐲_ｃａｍ rides a horse")

    assert asked_the_door_and_refused(response, stranger), response.content


def test_a_mention_differing_only_by_case_and_a_trailing_dot_asks_the_door(shy, client_for, no_dispatch):
    _, stranger = shy

    response = submit(client_for(stranger), "a horse ride with @SHY_Cam.")

    assert asked_the_door_and_refused(response, stranger), response.content


def test_a_variation_selector_inside_a_mention_of_a_private_cameo_still_asks_the_door(shy, client_for, no_dispatch):
    _, stranger = shy

    response = submit(client_for(stranger), "@shy\ufe0f_cam rides a horse")

    assert asked_the_door_and_refused(response, stranger), response.content


# ==== 2. retention ================================================================================================


def test_a_hidden_video_keeps_its_files_one_second_before_the_grace_period_and_loses_them_at_it(
    make_user, publish, django_capture_on_commit_callbacks
):
    post = publish(make_user("author"))
    paths = files_of(post.job)
    post_take_down(post=post, moderator=make_user("mod", is_staff=True), reason="spam")
    due = post.taken_down_at + 30 * DAY

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=due - SECOND) == 0
        assert all(path.exists() for path in paths)
        assert hidden_media_purge(now=due) == 1
    assert not any(path.exists() for path in paths)
    job = GenerationJob.objects.get(pk=post.job_id)
    assert job.state_reason == "purged:takedown" and job.media_purged_at == due


def test_a_grace_period_changed_in_settings_applies_to_videos_already_hidden(
    make_user, publish, settings, django_capture_on_commit_callbacks
):
    moderator = make_user("mod", is_staff=True)
    older, newer = publish(make_user("author")), publish(make_user("author2"))
    for post in (older, newer):
        post_take_down(post=post, moderator=moderator, reason="spam")
    now = timezone.now()
    Post.objects.filter(pk=older.pk).update(taken_down_at=now - 10 * DAY)
    older_paths, newer_paths = files_of(older.job), files_of(newer.job)

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=now) == 0
        settings.HIDDEN_MEDIA_RETENTION_DAYS = 7  # shortened: the older one is past it, the newer one is not
        assert hidden_media_purge(now=now) == 1
    assert not any(path.exists() for path in older_paths)
    assert all(path.exists() for path in newer_paths)

    settings.HIDDEN_MEDIA_RETENTION_DAYS = 60  # lengthened: what was due under 7 days waits for 60
    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=now + 30 * DAY) == 0
    assert all(path.exists() for path in newer_paths)


def test_a_video_restored_a_second_before_the_purge_and_taken_down_again_gets_a_full_grace_period(
    make_user, publish, django_capture_on_commit_callbacks
):
    moderator = make_user("mod", is_staff=True)
    post = publish(make_user("author"))
    paths = files_of(post.job)
    post_take_down(post=post, moderator=moderator, reason="spam")
    Post.objects.filter(pk=post.pk).update(taken_down_at=timezone.now() - 30 * DAY + SECOND)
    post_restore(post=post, moderator=moderator, reason="appeal granted")
    post_take_down(post=post, moderator=moderator, reason="spam again")
    second_takedown = post.taken_down_at

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=second_takedown + SECOND) == 0
        assert hidden_media_purge(now=second_takedown + 30 * DAY - SECOND) == 0
        assert all(path.exists() for path in paths)
        assert hidden_media_purge(now=second_takedown + 30 * DAY) == 1
    assert not any(path.exists() for path in paths)


def test_restoring_a_takedown_does_not_stop_the_revocations_clock(
    make_user, make_cameo, publish, django_capture_on_commit_callbacks
):
    moderator, creator = make_user("mod", is_staff=True), make_user("creator")
    cameo = make_cameo(make_user("owner"), handle="star_cam")
    post = publish(creator, prompt="@star_cam dances", cameos=[cameo])
    paths = files_of(post.job)
    revoked_at = timezone.now() - 30 * DAY
    Appearance.objects.filter(job=post.job).update(revoked_at=revoked_at)
    post_take_down(post=post, moderator=moderator, reason="spam")

    post_restore(post=post, moderator=moderator, reason="appeal granted")
    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=revoked_at + 30 * DAY) == 1

    assert not any(path.exists() for path in paths)
    assert GenerationJob.objects.get(pk=post.job_id).state_reason == "purged:revocation"


def test_an_account_deactivated_while_its_cameo_awaits_review_loses_its_face_and_cannot_be_verified(
    make_user, make_face_cameo, faces_dir, django_capture_on_commit_callbacks
):
    probe = np.asarray(face_encodings_from_image(faces_dir / "obama.jpg")).mean(axis=0)
    owner, moderator = make_user("barack"), make_user("mod", is_staff=True)
    cameo = make_face_cameo(owner, photo="obama.jpg", handle="barack_cam", status="pending_review")
    assert ("cameo", str(cameo.pk)) in likeness_registry().within(probe, radius=0.4)

    User.objects.filter(pk=owner.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert biometrics_purge_for_inactive_accounts() == 1
    with pytest.raises(CameoError):
        cameo_review_decide(cameo=cameo, moderator=moderator, decision="verified", reason="the face is his own")

    cameo.refresh_from_db()
    assert cameo.status != Cameo.Status.VERIFIED
    assert (cameo.encodings_encrypted, cameo.reference_image_encrypted, cameo.voice_profile_encrypted) == (None,) * 3
    assert likeness_registry().within(probe, radius=0.4) == {}


def test_a_review_rejection_drops_the_face_from_the_likeness_registry(
    make_user, make_face_cameo, faces_dir, django_capture_on_commit_callbacks
):
    probe = np.asarray(face_encodings_from_image(faces_dir / "obama.jpg")).mean(axis=0)
    cameo = make_face_cameo(make_user("barack"), photo="obama.jpg", handle="barack_cam", status="pending_review")
    assert ("cameo", str(cameo.pk)) in likeness_registry().within(probe, radius=0.4)

    with django_capture_on_commit_callbacks(execute=True):
        cameo_review_decide(
            cameo=cameo, moderator=make_user("mod", is_staff=True), decision="rejected", reason="not the same face"
        )

    cameo.refresh_from_db()
    assert (cameo.encodings_encrypted, cameo.reference_image_encrypted, cameo.voice_profile_encrypted) == (None,) * 3
    assert likeness_registry().within(probe, radius=0.4) == {}


# ==== 3. parental control ==========================================================================================


def test_parental_control_ends_on_the_18th_birthday_and_not_a_day_before(make_user, make_cameo, client_for):
    today = age_day()
    if (today.month, today.day) == (2, 29):
        pytest.skip("no 18th birthday falls on 29 February 18 years on")
    eighteenth_birthday_today = today.replace(year=today.year - 18)
    almost, mom = make_user("almost", age=17), make_user("mom", age=45)
    friend, other = make_user("friend"), make_user("other")
    User.objects.filter(pk=almost.pk).update(birth_date=eighteenth_birthday_today + DAY)
    almost.refresh_from_db()
    linked(client_for, almost, mom)
    cameo = make_cameo(almost, handle="almost_cam", level="approved")

    # The day before: still a teen, the grant waits for mom
    assert almost.is_teen
    waiting = grant(client_for, almost, cameo, friend)
    assert Grant.objects.get(pk=waiting).status == Grant.Status.PENDING_PARENT
    assert not check_use(cameo, friend, Purpose.GENERATE)

    # On the birthday: an adult, whose own grant counts at once
    User.objects.filter(pk=almost.pk).update(birth_date=eighteenth_birthday_today)
    almost.refresh_from_db()
    assert not almost.is_teen
    own = grant(client_for, almost, cameo, other)
    assert Grant.objects.get(pk=own).status == Grant.Status.ACTIVE
    assert check_use(cameo, other, Purpose.GENERATE)


def test_a_link_code_is_spent_by_its_first_redemption(make_user, client_for):
    teen, mom, puppet = make_user("teen_t", age=15), make_user("mom", age=45), make_user("puppet", age=40)
    code = client_for(teen).post("/api/v1/parental/link-codes/").json()["code"]
    first = client_for(mom).post("/api/v1/parental/links/", {"code": code}, format="json")
    assert first.status_code == 201, first.content
    unlink(client_for, teen, first.json()["id"])

    again = client_for(puppet).post("/api/v1/parental/links/", {"code": code.lower()}, format="json")
    mom_again = client_for(mom).post("/api/v1/parental/links/", {"code": code}, format="json")

    assert again.status_code in (400, 422) and again.json()["code"] == "link_code_invalid", again.content
    assert mom_again.status_code in (400, 422) and mom_again.json()["code"] == "link_code_invalid"
    assert not ParentalLink.objects.filter(teen=teen, ended_at__isnull=True).exists()
    assert ParentalLinkCode.objects.get(code=code).used_at is not None


def test_an_expired_link_code_links_nobody(make_user, client_for):
    teen, mom = make_user("teen_t", age=15), make_user("mom", age=45)
    code = client_for(teen).post("/api/v1/parental/link-codes/").json()["code"]
    ParentalLinkCode.objects.filter(code=code).update(expires_at=timezone.now())

    response = client_for(mom).post("/api/v1/parental/links/", {"code": code}, format="json")

    assert response.status_code in (400, 422) and response.json()["code"] == "link_code_invalid", response.content
    assert not ParentalLink.objects.filter(teen=teen).exists()


def test_a_teen_receives_no_invite_codes_at_signup_nor_on_turning_18(make_user, client_for):
    code = first_invite_of(make_user("inviter", age=40))
    response = Client().post(
        SIGNUP,
        {
            "username": "young_one",
            "email": "young_one@example.org",
            "password": "a-long-enough-pass-123",
            "invite_code": code,
            "birth_date": years_ago(15).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    young = User.objects.get(handle="young_one")
    assert young.is_teen
    assert client_for(young).get("/api/v1/invites/").json()["items"] == []

    User.objects.filter(pk=young.pk).update(birth_date=years_ago(18))
    young.refresh_from_db()

    assert not young.is_teen
    assert client_for(young).get("/api/v1/invites/").json()["items"] == []
    assert not young.invites_created.exists()


def test_a_former_parent_found_to_be_a_teen_cannot_contest_the_real_parents_link(make_user, client_for):
    teen, puppet, mom = make_user("teen_t", age=15), make_user("puppet", age=40), make_user("mom", age=45)
    unlink(client_for, teen, linked(client_for, teen, puppet))
    User.objects.filter(pk=puppet.pk).update(birth_date=years_ago(16))  # support corrects the puppet's birth date
    mom_link = linked(client_for, teen, mom)

    contest = client_for(puppet).post(f"/api/v1/parental/links/{mom_link}/contest/")

    assert contest.status_code in (403, 404), contest.content
    link_row = ParentalLink.objects.get(pk=mom_link)
    assert link_row.ended_at is None and link_row.contested_at is None


def test_during_cooling_off_across_a_dst_change_the_new_parent_waits_seven_full_days(
    make_user, make_cameo, client_for, settings, clock
):
    settings.TIME_ZONE = "Europe/Berlin"
    # 24 October 2026, 12:00 in Berlin (summer time); the clocks go back an hour in the night of the 25th
    start = datetime.datetime(2026, 10, 24, 10, 0, tzinfo=datetime.UTC)
    clock(start)
    teen, mom, dad, friend = make_user("teen_t", age=15), make_user("mom", age=45), make_user("dad"), make_user("f")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    unlink(client_for, teen, linked(client_for, teen, mom))
    dad_link = linked(client_for, teen, dad)
    waiting = grant(client_for, teen, cameo, friend)
    until = ParentalLink.objects.get(pk=dad_link).cooling_off_until
    assert until - start >= 7 * DAY

    clock(start + 7 * DAY - SECOND)
    early = client_for(dad).post(f"/api/v1/parental/grants/{waiting}/approve/")
    assert early.status_code == 403 and early.json()["code"] == "link_cooling_off", early.content

    clock(start + 7 * DAY)
    contest = client_for(mom).post(f"/api/v1/parental/links/{dad_link}/contest/")
    on_time = client_for(dad).post(f"/api/v1/parental/grants/{waiting}/approve/")
    # The window closes for the contest at the same instant the new parent may approve: never both, never neither
    assert contest.status_code == 403 and contest.json()["code"] == "contest_window_closed", contest.content
    assert on_time.status_code == 200, on_time.content


def test_a_teens_daily_cap_is_not_renewed_by_utc_midnight_in_the_middle_of_the_teens_afternoon(
    make_user, client_for, settings, clock, no_dispatch
):
    settings.MAX_JOBS_IN_FLIGHT = 100
    ContentRule.objects.filter(kind="category").update(enabled=False)
    evening_utc = datetime.datetime(2026, 12, 5, 23, 55, tzinfo=datetime.UTC)
    clock(evening_utc)
    teen, mom = make_user("teen_t", age=15), make_user("mom", age=45)
    assert set_controls(client_for, mom, linked(client_for, teen, mom), daily_generation_cap=2).status_code == 200
    for _ in range(2):
        generation_submit(owner=teen, prompt="a cat rides a skateboard", duration_s=2, resolution="360p")

    clock(evening_utc + datetime.timedelta(minutes=10))
    with pytest.raises(ServiceError) as refused:
        generation_submit(owner=teen, prompt="a cat rides a skateboard", duration_s=2, resolution="360p")

    assert refused.value.code == "daily_cap_reached"
    assert GenerationJob.objects.filter(owner=teen).count() == 2


def test_an_account_corrected_to_a_teen_cannot_sign_strangers_up_with_codes_from_its_adult_days(make_user):
    was_adult = make_user("was_adult", age=30)
    code = first_invite_of(was_adult)
    User.objects.filter(pk=was_adult.pk).update(birth_date=years_ago(15))

    response = Client().post(
        SIGNUP,
        {
            "username": "stranger_x",
            "email": "stranger_x@example.org",
            "password": "a-long-enough-pass-123",
            "invite_code": code,
            "birth_date": "1980-03-03",
        },
        content_type="application/json",
    )

    assert response.status_code != 200
    assert not User.objects.filter(handle="stranger_x").exists()
