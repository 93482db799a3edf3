# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Round 2 of attacks on the consent rules: parental control, owners' restrictions, names and mentions.

Each test is an attack a determined user would try, written as the product rule it must not break. An attack
that gets through is kept, marked `xfail(strict=True)` with what got through, so the gap stays recorded.
The consent checks (the door, the restriction classifier and the sentence model) are real, never mocked.
"""

import datetime

import pytest
from django.test import Client

from cameos.models import Cameo, Grant
from cameos.policy import Purpose, check_use
from feed.models import Comment, Post
from generation.mentions import MENTION
from generation.models import GenerationJob
from sora_social.accounts.models import InviteCode, ParentalLink, User
from sora_social.accounts.services import parental_link_redeem
from sora_social.accounts.validators import age_day
from tests.cameos.parental import grant, link
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

SIGNUP = "/_allauth/app/v1/auth/signup"
RESTRICTIONS = ["no political content", "never show me with a cigarette", "never show me crying"]
LONG_WALK = ", ".join(["what a lovely walk in the warm summer park with the trees and the meadow"] * 13)


# ---- helpers -----------------------------------------------------------------------------------------------


def sign_up(*, handle: str, invite_code: str, birth_date: str = "1975-05-05") -> User:
    """A signup through allauth's headless API, in a browser of its own."""
    response = Client().post(
        SIGNUP,
        {
            "username": handle,
            "email": f"{handle}@example.org",
            "password": "a-long-enough-pass-123",
            "invite_code": invite_code,
            "birth_date": birth_date,
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return User.objects.get(handle=handle)


def first_invite_of(user: User) -> str:
    return InviteCode.objects.filter(created_by=user, redeemed_by__isnull=True).first().code


def submit(client, prompt: str):
    return client.post("/api/v1/generations/", {"prompt": prompt, "duration_s": 2, "resolution": "360p"}, format="json")


def years_ago(years: int) -> datetime.date:
    today = age_day()
    return datetime.date(today.year - years, 1, 1)


@pytest.fixture
def restricted(make_user, make_cameo):
    """Alice's cameo, open to everyone but with three restrictions; Bob is a creator who may use it."""
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=RESTRICTIONS)
    return alice, bob, cameo


# ==== 1. parental control =====================================================================================


@pytest.mark.usefixtures("teens_codes_were_spendable")
def test_a_teen_cannot_make_a_grandchild_invitee_their_parent(make_user, client_for):
    # Given: a teen with a leftover invite code; A joins with it, and B joins with one of A's codes
    teen = make_user("teen_t", age=15)
    leftover = InviteCode.objects.create(created_by=teen)
    a = sign_up(handle="launder_a", invite_code=leftover.code)
    b = sign_up(handle="launder_b", invite_code=first_invite_of(a))

    # When: B tries to become the teen's parent
    refused = link(client_for, teen, b)

    # Then: B is in the teen's invite lineage and can never be their parent
    assert refused.status_code == 403, refused.content
    assert refused.json()["code"] == "parent_invited_by_teen"
    assert not ParentalLink.objects.filter(teen=teen).exists()


@pytest.mark.usefixtures("teens_codes_were_spendable")
def test_a_teen_cannot_make_a_great_grandchild_invitee_their_parent_from_either_side(make_user, client_for):
    # Given: teen -> A -> B -> C down the invite lineage
    teen = make_user("teen_t", age=15)
    a = sign_up(handle="launder_a", invite_code=InviteCode.objects.create(created_by=teen).code)
    b = sign_up(handle="launder_b", invite_code=first_invite_of(a))
    c = sign_up(handle="launder_c", invite_code=first_invite_of(b))

    # When: C makes the link code and the teen redeems it (the other direction)
    code = client_for(c).post("/api/v1/parental/link-codes/").json()["code"]
    refused = client_for(teen).post("/api/v1/parental/links/", {"code": code}, format="json")

    # Then: refused all the same
    assert refused.status_code == 403 and refused.json()["code"] == "parent_invited_by_teen"
    assert not ParentalLink.objects.filter(teen=teen).exists()


@pytest.mark.usefixtures("teens_codes_were_spendable")
def test_an_invite_code_held_from_adult_days_does_not_launder_a_parent(make_user, client_for):
    # Given: an account that signed up as an adult (and got invites) whose birth date was then corrected to a teen's
    teen = make_user("was_adult", age=30)
    assert InviteCode.objects.filter(created_by=teen, redeemed_by__isnull=True).exists()
    User.objects.filter(pk=teen.pk).update(birth_date=years_ago(15))
    teen.refresh_from_db()
    assert teen.is_teen

    # When: a puppet joins with one of those codes and links as the teen's parent
    puppet = sign_up(handle="puppet_mom", invite_code=first_invite_of(teen))
    refused = link(client_for, teen, puppet)

    # Then: refused
    assert refused.status_code == 403 and refused.json()["code"] == "parent_invited_by_teen"


def test_a_teen_cannot_be_another_teens_parent(make_user, client_for):
    # Given: two teens
    teen, other_teen = make_user("teen", age=15), make_user("older_teen", age=17)

    # When: they try to link, in both directions
    one = link(client_for, teen, other_teen)
    two = link(client_for, other_teen, teen)

    # Then: a link joins one adult and one teen
    for response in (one, two):
        assert response.status_code in (400, 422), response.content
        assert response.json()["code"] == "link_roles_invalid"
    assert not ParentalLink.objects.exists()


def test_a_parent_who_turns_out_to_be_a_teen_cannot_approve_grants(make_user, make_cameo, client_for):
    # Given: a linked "parent" and a grant that waits for them
    teen, parent, friend = make_user("teen", age=15), make_user("parent_p", age=40), make_user("friend")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    assert link(client_for, teen, parent).status_code == 201
    grant_id = grant(client_for, teen, cameo, friend)

    # When: the parent's birth date is corrected: they are 16; they approve the grant
    User.objects.filter(pk=parent.pk).update(birth_date=years_ago(16))
    parent.refresh_from_db()
    assert parent.is_teen
    response = client_for(parent).post(f"/api/v1/parental/grants/{grant_id}/approve/")

    # Then: a teen approves nothing for another teen; the grant still waits
    assert response.status_code in (403, 404), response.content
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT
    assert not check_use(cameo, friend, Purpose.GENERATE)


def test_a_teen_cannot_have_two_parents_at_once(make_user, client_for):
    # Given: a teen linked to mom
    teen, mom, aunt = make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40)
    assert link(client_for, teen, mom).status_code == 201

    # When: aunt links too, with her code or the teen's
    by_aunt_code = client_for(teen).post(
        "/api/v1/parental/links/", {"code": client_for(aunt).post("/api/v1/parental/link-codes/").json()["code"]},
        format="json",
    )
    by_teen_code = link(client_for, teen, aunt)

    # Then: both are refused; mom is the only active parent
    for response in (by_aunt_code, by_teen_code):
        assert response.status_code in (400, 409, 422), response.content
        assert response.json()["code"] == "already_linked"
    assert list(ParentalLink.objects.filter(teen=teen, ended_at__isnull=True).values_list("parent__handle", flat=True)) == ["mom"]


@pytest.mark.django_db(transaction=True)
def test_two_parents_redeeming_at_the_same_moment_make_one_link(make_user, in_another_request):
    # Given: mom and aunt each made a link code; the teen redeems both at once
    from sora_social.accounts.services import parental_link_code_create

    teen, mom, aunt = make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40)
    codes = [parental_link_code_create(user=mom).code, parental_link_code_create(user=aunt).code]
    results: list[str] = []

    def redeem(code):
        def run():
            try:
                parental_link_redeem(user=User.objects.get(pk=teen.pk), code=code)
                results.append("linked")
            except Exception as exc:  # noqa: BLE001 - the refusal is the expected outcome for one of them
                results.append(type(exc).__name__)

        return run

    # When: both redemptions race
    threads = [in_another_request(redeem(code)) for code in codes]
    for thread in threads:
        thread.join(timeout=30)

    # Then: exactly one link is active
    assert results.count("linked") == 1, results
    assert ParentalLink.objects.filter(teen=teen, ended_at__isnull=True).count() == 1


def test_during_cooling_off_the_new_parent_cannot_loosen_any_control(make_user, client_for):
    # Given: mom set strict controls, then the teen unlinked her and linked a new adult
    teen, mom, newcomer = make_user("teen", age=15), make_user("mom", age=45), make_user("newcomer", age=40)
    mom_link = link(client_for, teen, mom).json()["id"]
    strict = {"personalized_feed": False, "continuous_scroll": False, "daily_generation_cap": 1, "daily_feed_videos_cap": 5}
    assert client_for(mom).patch(f"/api/v1/parental/links/{mom_link}/", strict, format="json").status_code == 200
    assert client_for(teen).delete(f"/api/v1/parental/links/{mom_link}/").status_code == 204
    limits = client_for(teen).get("/api/v1/me/").json()["limits"]
    assert (limits["personalized_feed"], limits["continuous_scroll"], limits["daily_generations"]) == (False, False, 1)
    new_link = link(client_for, teen, newcomer).json()["id"]

    # When: the newcomer tries each loosening, one at a time and together
    attempts = [
        {"personalized_feed": True},
        {"continuous_scroll": True},
        {"daily_generation_cap": None},
        {"daily_generation_cap": 3},
        {"daily_feed_videos_cap": None},
        {"daily_generation_cap": 0, "personalized_feed": True},
    ]
    responses = [client_for(newcomer).patch(f"/api/v1/parental/links/{new_link}/", body, format="json") for body in attempts]

    # Then: every one is refused and the teen keeps mom's last choices
    for body, response in zip(attempts, responses, strict=True):
        assert response.status_code == 403, (body, response.content)
        assert response.json()["code"] == "link_cooling_off"
    limits = client_for(teen).get("/api/v1/me/").json()["limits"]
    assert (limits["personalized_feed"], limits["continuous_scroll"], limits["daily_generations"]) == (False, False, 1)


def test_unlinking_and_relinking_the_new_parent_does_not_reset_controls_or_the_cooling_off(make_user, make_cameo, client_for):
    # Given: mom's strict controls, and the teen's new link with a newcomer in cooling-off
    teen, mom, newcomer, friend = (
        make_user("teen", age=15), make_user("mom", age=45), make_user("newcomer", age=40), make_user("friend"),
    )
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    mom_link = link(client_for, teen, mom).json()["id"]
    client_for(mom).patch(f"/api/v1/parental/links/{mom_link}/", {"personalized_feed": False}, format="json")
    client_for(teen).delete(f"/api/v1/parental/links/{mom_link}/")
    first = link(client_for, teen, newcomer).json()["id"]
    grant_id = grant(client_for, teen, cameo, friend)

    # When: the teen drops the newcomer and links them again, then the newcomer approves and loosens
    assert client_for(teen).delete(f"/api/v1/parental/links/{first}/").status_code == 204
    again = link(client_for, teen, newcomer)
    assert again.status_code == 201
    approve = client_for(newcomer).post(f"/api/v1/parental/grants/{grant_id}/approve/")
    loosen = client_for(newcomer).patch(f"/api/v1/parental/links/{again.json()['id']}/", {"personalized_feed": True}, format="json")

    # Then: still in cooling-off, mom is told again, and nothing loosened
    assert approve.status_code == 403 and approve.json()["code"] == "link_cooling_off"
    assert loosen.status_code == 403 and loosen.json()["code"] == "link_cooling_off"
    assert not check_use(cameo, friend, Purpose.GENERATE)
    assert client_for(teen).get("/api/v1/me/").json()["limits"]["personalized_feed"] is False
    from sora_social.notifications.models import Notification

    assert Notification.objects.filter(recipient=mom, data__change="new_parent_linked").count() == 2


def test_during_cooling_off_an_already_active_grant_route_approves_nothing(make_user, make_cameo, client_for):
    # Given: a new parent in cooling-off, and a waiting grant
    teen, mom, newcomer, friend = (
        make_user("teen", age=15), make_user("mom", age=45), make_user("newcomer", age=40), make_user("friend"),
    )
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    client_for(teen).delete(f"/api/v1/parental/links/{link(client_for, teen, mom).json()['id']}/")
    link(client_for, teen, newcomer)
    grant_id = grant(client_for, teen, cameo, friend)

    # When: the newcomer declines it, the teen grants again, and the newcomer approves the new one; and the
    # newcomer tries the grant's other endpoints (decline by handle on the cameo, the approve route twice)
    assert client_for(newcomer).delete(f"/api/v1/parental/grants/{grant_id}/").status_code == 204
    regrant = grant(client_for, teen, cameo, friend)
    tries = [
        client_for(newcomer).post(f"/api/v1/parental/grants/{regrant}/approve/"),
        client_for(newcomer).post(f"/api/v1/parental/grants/{regrant}/approve/"),
        client_for(newcomer).patch(f"/api/v1/cameos/{cameo.pk}/", {"level": "mutuals"}, format="json"),
    ]

    # Then: nothing approved, nothing widened
    assert [r.status_code for r in tries] == [403, 403, 404]
    assert Grant.objects.get(pk=regrant).status == Grant.Status.PENDING_PARENT
    assert Cameo.objects.get(pk=cameo.pk).level == "approved"
    assert not check_use(cameo, friend, Purpose.GENERATE)


def test_a_first_puppet_parent_cannot_contest_the_real_parent_away_and_return_with_full_powers(
    make_user, make_cameo, client_for
):
    # Given: a teen who linked a puppet adult first, then unlinked it; mom links afterwards (in cooling-off)
    teen, puppet, mom, friend = (
        make_user("teen", age=15), make_user("puppet", age=40), make_user("mom", age=45), make_user("friend"),
    )
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    client_for(teen).delete(f"/api/v1/parental/links/{link(client_for, teen, puppet).json()['id']}/")
    mom_link = link(client_for, teen, mom).json()["id"]
    grant_id = grant(client_for, teen, cameo, friend)

    # When: the puppet contests mom's link, and the teen links the puppet again
    client_for(puppet).post(f"/api/v1/parental/links/{mom_link}/contest/")
    relinked = link(client_for, teen, puppet)
    approve = client_for(puppet).post(f"/api/v1/parental/grants/{grant_id}/approve/")

    # Then: the puppet is not a parent with full powers at once: it cannot approve the waiting grant
    assert approve.status_code != 200, approve.content
    assert relinked.status_code != 201 or relinked.json()["cooling_off_until"] is not None
    assert not check_use(cameo, friend, Purpose.GENERATE)


def test_a_teens_unlink_keeps_grants_waiting_and_the_parent_informed(make_user, make_cameo, client_for):
    # Given: a teen linked to mom, with a grant that waits for her
    teen, mom, friend, other = make_user("teen", age=15), make_user("mom", age=45), make_user("friend"), make_user("other")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    link_id = link(client_for, teen, mom).json()["id"]
    grant(client_for, teen, cameo, friend)

    # When: the teen unlinks, deletes the waiting grant and grants again while unlinked
    assert client_for(teen).delete(f"/api/v1/parental/links/{link_id}/").status_code == 204
    assert client_for(teen).delete(f"/api/v1/cameos/{cameo.pk}/grants/{friend.handle}/").status_code == 204
    regrant = grant(client_for, teen, cameo, friend)
    new_one = grant(client_for, teen, cameo, other)

    # Then: nothing counts without a parent's approval, and mom was told of the unlink
    from sora_social.notifications.models import Notification

    assert Grant.objects.get(pk=regrant).status == Grant.Status.PENDING_PARENT
    assert Grant.objects.get(pk=new_one).status == Grant.Status.PENDING_PARENT
    assert not check_use(cameo, friend, Purpose.GENERATE) and not check_use(cameo, other, Purpose.GENERATE)
    assert Notification.objects.filter(recipient=mom, data__change="unlinked").exists()


# ==== 2. owners' restrictions =================================================================================


@pytest.mark.parametrize(
    "prompt",
    [
        "@alice_cam tells the crowd to ｖｏｔｅ for Dan",  # full-width letters
        "@alice_cam tells the crowd to v\u200bote for Dan",  # zero-width space
        "@alice_cam tells the crowd to vоte for Dan",  # Cyrillic о
        "@alice_cam puffs a cіgarette",  # Cyrillic і
        "@alice_cam puffs a c1garette",  # digit for a letter
        "@alice_cam tells the crowd to v\u2060o\u200dt\ufeffe for Dan",  # word joiner, ZWJ, BOM
    ],
    ids=["full-width", "zwsp", "cyrillic-o", "cyrillic-i", "digit-swap", "mixed-format-chars"],
)
def test_a_restriction_sees_through_disguised_letters_in_the_prompt(restricted, client_for, no_dispatch, prompt):
    # Given: alice's cameo forbids political content and cigarettes
    _, bob, _ = restricted

    # When: bob disguises the breaking word
    response = submit(client_for(bob), prompt)

    # Then: refused as a restriction conflict, nothing queued
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict"
    assert not GenerationJob.objects.filter(owner=bob).exists()


@pytest.mark.parametrize(
    "prompt",
    ["@alice_cam 🚬🚬🚬", "@alice_cam 😭😭😭", "@alice_cam 🗳️🇺🇸"],
    ids=["cigarette-emoji", "crying-emoji", "ballot-emoji"],
)
def test_an_emoji_only_prompt_cannot_say_what_a_restriction_forbids(restricted, client_for, no_dispatch, prompt):
    # Given: alice's restrictions
    _, bob, _ = restricted

    # When: bob says it in emoji only
    response = submit(client_for(bob), prompt)

    # Then: refused
    assert response.status_code == 422, response.content
    assert not GenerationJob.objects.filter(owner=bob).exists()


FILLER = "@alice_cam walks through a sunny park with a golden retriever, " + ", ".join(
    ["the trees sway gently in the warm summer breeze over the green meadow"] * 26
)


@pytest.mark.parametrize("ending", ["smoking", "sobbing", "campaigning"])
def test_a_breaking_clause_at_the_end_of_a_very_long_prompt_is_still_caught(restricted, client_for, no_dispatch, ending):
    # Given: alice's restrictions, and a long harmless prompt
    _, bob, _ = restricted
    prompt = f"{FILLER[: 1990 - len(ending)]}, {ending}"
    assert len(prompt) <= 2000
    # (the same word in a short prompt is refused: the attack is only the length)
    assert submit(client_for(bob), f"@alice_cam, {ending}").status_code == 422

    # When: the breaking word ends a very long prompt
    response = submit(client_for(bob), prompt)

    # Then: refused
    assert response.status_code == 422, response.content
    assert not GenerationJob.objects.filter(owner=bob).exists()


def test_a_restriction_applies_to_a_dialogue_line_split_from_the_prompt(restricted, client_for, no_dispatch):
    # Given: alice forbids political content
    _, bob, _ = restricted

    # When: the action is harmless and the politics is only in the quoted line
    response = submit(client_for(bob), '@alice_cam stands by the window. She says: "choose Dan in November"')

    # Then: refused
    assert response.status_code == 422 and response.json()["code"] == "cameo_restriction_conflict", response.content


def test_editing_a_caption_after_publishing_is_checked_against_the_restrictions(restricted, client_for, publish):
    # Given: bob published a video with alice's cameo under a harmless caption
    _, bob, cameo = restricted
    post = publish(bob, prompt="@alice_cam walks in the park", caption="sunny day", cameos=[cameo])

    # When: bob edits the caption into what alice forbids, disguised and plain
    disguised = client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"caption": "Ｖｏｔｅ for Dan!"}, format="json")
    plain = client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"caption": "she lights a cigarette"}, format="json")

    # Then: both refused; the caption is unchanged
    for response in (disguised, plain):
        assert response.status_code == 422, response.content
        assert response.json()["code"] == "cameo_restriction_conflict"
    assert Post.objects.get(pk=post.pk).caption == "sunny day"


def test_a_caption_edit_with_other_fields_cannot_slip_a_breaking_caption_through(restricted, client_for, publish):
    # Given: bob's post with alice's cameo
    _, bob, cameo = restricted
    post = publish(bob, prompt="@alice_cam walks in the park", caption="sunny day", cameos=[cameo])

    # When: the caption change rides along with a visibility and a remix change
    response = client_for(bob).patch(
        f"/api/v1/posts/{post.pk}/",
        {"caption": "v\u200bote Dan for senate", "visibility": "followers", "allow_remix": False},
        format="json",
    )

    # Then: the whole edit is refused: nothing changed
    assert response.status_code == 422, response.content
    post.refresh_from_db()
    assert (post.caption, post.visibility, post.allow_remix) == ("sunny day", "public", True)


def test_a_remix_of_a_remix_is_still_bound_by_the_grandparents_cameo(restricted, make_user, client_for, publish, no_dispatch):
    # Given: bob's post with alice's cameo, and carol's published remix of it
    _, bob, cameo = restricted
    carol, dave = make_user("carol"), make_user("dave")
    original = publish(bob, prompt="@alice_cam walks in the park", cameos=[cameo])
    remix = publish(carol, prompt="the same, in the rain", cameos=[cameo], parent=original)

    # When: dave remixes the remix with a prompt alice forbids (without mentioning her), plainly and disguised
    plain = client_for(dave).post(
        f"/api/v1/posts/{remix.pk}/remix/",
        {"prompt": "now she gives a speech at a campaign rally for the senate election", "duration_s": 3},
        format="json",
    )
    disguised = client_for(dave).post(
        f"/api/v1/posts/{remix.pk}/remix/", {"prompt": "now she tells everyone to ｖｏｔｅ for Dan", "duration_s": 3},
        format="json",
    )

    # Then: both refused for alice's restriction; nothing queued for dave
    for response in (plain, disguised):
        assert response.status_code == 422, response.content
        assert response.json()["code"] == "cameo_restriction_conflict"
    assert not GenerationJob.objects.filter(owner=dave).exists()


def comment_ids(client, post) -> list[int]:
    response = client.get(f"/api/v1/posts/{post.pk}/comments/")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "body",
    [
        "ｖｏｔｅ for Dan!", "v\u200bote for Dan in November", "she should light a cіgarette", "🚬🚬🚬",
        f"{LONG_WALK[:985]}, smoking",
    ],
    ids=["full-width", "zwsp", "cyrillic", "emoji-only", "long-with-one-word-ending"],
)
def test_a_disguised_breaking_comment_is_held_not_shown_and_the_owner_sees_it(
    restricted, make_user, client_for, publish, body
):
    # Given: bob's public post with alice's cameo
    alice, bob, cameo = restricted
    carol, viewer = make_user("carol"), make_user("viewer")
    post = publish(bob, prompt="@alice_cam walks in the park", cameos=[cameo])

    # When: carol comments what alice forbids, disguised
    response = client_for(carol).post(f"/api/v1/posts/{post.pk}/comments/", {"body": body}, format="json")

    # Then: the comment is stored, held, hidden from others, and alice can see it
    assert response.status_code == 201, response.content
    comment = Comment.objects.get(post=post, author=carol)
    assert comment.held_at is not None and comment.deleted_at is None
    assert comment.pk not in comment_ids(client_for(viewer), post)
    assert comment.pk in comment_ids(client_for(alice), post)


def test_the_post_author_cannot_comment_past_the_cameo_owners_restriction(restricted, make_user, client_for, publish):
    # Given: bob's post with alice's cameo
    _, bob, cameo = restricted
    viewer = make_user("viewer")
    post = publish(bob, prompt="@alice_cam walks in the park", cameos=[cameo])

    # When: bob himself (the author, not the cameo's owner) comments a political call
    client_for(bob).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "Dan for mayor!"}, format="json")

    # Then: held from public view
    comment = Comment.objects.get(post=post, author=bob)
    assert comment.held_at is not None
    assert comment.pk not in comment_ids(client_for(viewer), post)


def test_a_comment_cannot_be_edited_into_a_breaking_one_after_it_was_accepted(restricted, make_user, client_for, publish):
    # Given: carol's accepted, visible comment on a post with alice's cameo
    _, bob, cameo = restricted
    carol = make_user("carol")
    post = publish(bob, prompt="@alice_cam walks in the park", cameos=[cameo])
    accepted = client_for(carol).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "lovely walk"}, format="json")
    comment_id = accepted.json()["id"]

    # When: carol tries to edit it (PATCH, PUT) and to re-send it with the same client id and another body
    edits = [
        client_for(carol).patch(f"/api/v1/posts/{post.pk}/comments/{comment_id}/", {"body": "Dan for mayor!"}, format="json"),
        client_for(carol).put(f"/api/v1/posts/{post.pk}/comments/{comment_id}/", {"body": "Dan for mayor!"}, format="json"),
    ]
    client_for(carol).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "x", "client_id": "c1"}, format="json")
    retried = client_for(carol).post(
        f"/api/v1/posts/{post.pk}/comments/", {"body": "Dan for mayor!", "client_id": "c1"}, format="json"
    )

    # Then: there is no editing; the visible comment's text never changed, and a retry returns the first text
    assert [r.status_code for r in edits] == [405, 405]
    assert Comment.objects.get(pk=comment_id).body == "lovely walk"
    assert retried.json()["body"] == "x"
    assert not Comment.objects.filter(post=post, body__icontains="mayor", held_at__isnull=True).exists()




@pytest.mark.parametrize("ending", ["smoking", "campaigning"])
def test_a_breaking_word_at_the_end_of_a_long_caption_is_caught_at_publish(restricted, client_for, make_draft, ending):
    # Given: bob's finished draft with alice's cameo
    _, bob, cameo = restricted
    draft = make_draft(bob, prompt="@alice_cam walks in the park", cameos=[cameo])
    caption = f"{LONG_WALK[: 495 - len(ending)]}, {ending}"
    assert len(caption) <= 500

    # When: bob publishes it with a long caption that ends in what alice forbids
    response = client_for(bob).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": caption}, format="json")

    # Then: refused, nothing published
    assert response.status_code == 422, response.content
    assert not Post.objects.filter(job=draft).exists()


def test_editing_a_caption_to_emoji_that_break_a_restriction_is_refused(restricted, client_for, publish):
    # Given: bob's post with alice's cameo
    _, bob, cameo = restricted
    post = publish(bob, prompt="@alice_cam walks in the park", caption="sunny day", cameos=[cameo])

    # When: bob edits the caption to cigarette emoji
    response = client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"caption": "🚬🚬🚬"}, format="json")

    # Then: refused; the caption unchanged
    assert response.status_code == 422, response.content
    assert Post.objects.get(pk=post.pk).caption == "sunny day"


# ==== 3. names and mentions ===================================================================================


@pytest.fixture
def shy(make_user, make_cameo):
    """A cameo only its owner may use, and a stranger who wants it."""
    cameo = make_cameo(make_user("shy"), handle="shy_cam", level="only_me")
    return cameo, make_user("stranger")


@pytest.mark.parametrize(
    "prompt",
    [
        "look at https://example.com/@shy_cam reading a book",  # inside a URL
        "@shy_cam. Then she reads a book",  # trailing dot
        "@shy_cam... reading a book",  # trailing dots
        "@shy\u0301_cam reads a book",  # combining mark inside the handle
        "@shy\u202e_cam reads a book",  # right-to-left override inside the handle
        "\u202e@shy_cam reads a book",  # right-to-left override before the at sign
        "@ѕhy_cаm reads a book",  # Cyrillic look-alikes (ѕ, а)
        "＠ｓｈｙ_ｃａｍ reads a book",  # full-width at sign and letters
        "﹫shy_cam reads a book",  # small at sign
        "@SHY_CAM reads a book",  # case
        "@\u200bshy_cam reads a book",  # zero-width space after the at sign
        "@\u0301shy_cam reads a book",  # combining mark after the at sign
    ],
    ids=["url", "trailing-dot", "trailing-dots", "combining", "rlo-inside", "rlo-before", "confusables", "full-width",
         "small-at", "upper", "zwsp-after-at", "combining-after-at"],
)
def test_a_disguised_mention_of_a_private_cameo_still_asks_the_door(shy, client_for, no_dispatch, prompt):
    # Given: a private cameo
    _, stranger = shy

    # When: a stranger mentions it in disguise
    response = submit(client_for(stranger), prompt)

    # Then: the door answers no; nothing queued
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "cameo_not_permitted"
    assert not GenerationJob.objects.filter(owner=stranger).exists()


def test_an_email_address_never_casts_a_cameo(shy, client_for, no_dispatch):
    # Given: a private cameo
    _, stranger = shy

    # When: its handle appears after an e-mail's at sign
    response = submit(client_for(stranger), "write to fan@shy_cam.example for tickets, a cat reads a book")

    # Then: either refused, or accepted with nobody cast
    if response.status_code == 202:
        assert not GenerationJob.objects.get(pk=response.json()["id"]).cameos.exists()
    else:
        assert response.status_code in (403, 422), response.content


@pytest.mark.parametrize("status", ["revoked", "deleted"])
def test_a_mention_of_a_revoked_or_deleted_cameo_is_refused(make_user, make_cameo, client_for, no_dispatch, status):
    # Given: a cameo that was revoked by a moderator, or deleted
    make_cameo(make_user("owner"), handle="gone_cam", status=status)
    stranger = make_user("stranger")

    # When: a stranger mentions it, disguised
    response = submit(client_for(stranger), "＠ＧＯＮＥ_ｃａｍ reads a book")

    # Then: refused; nothing queued
    assert response.status_code in (403, 422), response.content
    assert response.json()["code"] in ("cameo_unavailable", "unknown_cameo")
    assert not GenerationJob.objects.filter(owner=stranger).exists()


def test_a_handle_differing_by_a_confusable_from_a_real_one_casts_the_real_one(make_user, make_cameo, client_for, no_dispatch):
    # Given: an open cameo with restrictions
    alice = make_user("alice")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=["no political content"])
    bob = make_user("bob")

    # When: bob writes its handle with a Greek alpha and a Cyrillic е, plus a political line
    response = submit(client_for(bob), "@\u03b1lic\u0435_cam gives a speech at a campaign rally")

    # Then: it is alice's cameo that is asked, and her restriction refuses it
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict" and response.json()["cameo"] == f"@{cameo.handle}"


def test_a_combining_mark_before_the_at_sign_does_not_hide_a_mention(shy, client_for, no_dispatch):
    # Given: a private cameo
    _, stranger = shy

    # When: a combining accent sits right before the at sign
    response = submit(client_for(stranger), "\u0301@shy_cam reads a book")

    # Then: the mention is read (the door refuses it) or refused as unknown; never silently kept in the prompt
    if response.status_code == 202:
        stored = GenerationJob.objects.get(pk=response.json()["id"]).prompt
        assert not [m.group(1) for m in MENTION.finditer(stored)], stored
    assert response.status_code in (403, 422), response.content


def test_a_handle_with_a_dot_and_more_letters_is_not_read_as_a_shorter_handle(shy, client_for, no_dispatch):
    # Given: a private cameo
    _, stranger = shy

    # When: the handle runs on after a dot ("@shy_cam.x")
    response = submit(client_for(stranger), "@shy_cam.x reads a book")

    # Then: refused, as an unknown cameo or by the door; nothing queued
    assert response.status_code in (403, 422), response.content
    assert response.json()["code"] in ("unknown_cameo", "cameo_not_permitted")
    assert not GenerationJob.objects.filter(owner=stranger).exists()
