# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Round 8 of attacks: what round 7's fixes added, then what is near them.

Shared files: a job's file another job still names is kept (generation.services.job_file_keep_while_named on
django-cleanup, and generation_discard_output skipping names in use), and a signed URL is checked by the file's name
(feed.selectors.job_media_visible_to). Can a creator make a job of theirs name someone else's video, so that a
withdrawn video's file outlives the purge or stays servable? Invite lineage: codes minted by an operator
(InviteCode.minted_by_operator, migration accounts 0004) and the lineage walk through deleted accounts in new orders.
Restrictions: the new "kiss on the lips or mouth" pattern and the kiss cam words of romance, under "no kissing",
through every text the door reads (prompt, caption at publish and on edit, comments, remix prompts), and whether
they refuse a family's kisses.

Each test is one attack, named as the product rule it must not break, and asserts the safe outcome. An attack that
gets through is kept, marked ``xfail(strict=True)`` with what got through and the code path responsible. The door
and the restriction classifier are real, never mocked.

When written, 7 of these 20 got through; all 7 are fixed: a file several jobs name (the demo corpus's placeholder)
plays when any of them may and none is withdrawn; who is kissed on the lips is the last word before "on" (not any
family word on the way); two people making out, snogging, locking lips and swapping spit, and the emoji 💋, 😗 and
🫦, are words of romance; and a "1" inside a word is read as an i as well as an l ("k1ss").

A peck on the lips got through after the training of 2026-12-05's evening (its family-kiss near misses moved the
model's score under the line); since 2026-12-06 the romance pattern reads a peck on the lips as a kiss, with the same
exceptions for a child, a parent or a pet, and none for a parrot's beak.
"""

import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from cameos.models import Appearance
from cameos.policy import Purpose, check_use
from feed.models import Comment, Post
from feed.selectors import job_media_visible_to, posts_visible_to
from feed.services.posts import post_publish, post_take_down, post_update
from feed.services.reactions import comment_create
from feed.services.retention import hidden_media_purge
from generation.models import GenerationJob
from generation.services import generation_remove_for_cameo_owner
from sora_social.accounts.models import InviteCode, ParentalLink, User
from sora_social.accounts.services import invites_mint
from sora_social.errors import ServiceError
from tests.cameos.parental import link
from tests.cameos.test_attacks_round4 import comments_seen_by, finish, remix_through_the_api
from tests.cameos.test_attacks_round6 import (  # noqa: F401 - _defaults is a fixture
    DAY,
    _defaults,
    files_of,
    joined_with,
)
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

NO_KISSING = ["no kissing"]

# ---- helpers -----------------------------------------------------------------------------------------------


def kissing_refused(cameo, actor, texts) -> bool:
    """Whether the door refuses this use of the cameo for a restriction conflict."""
    decision = check_use(cameo, actor, Purpose.GENERATE, texts, subject="attack:round8")
    return not decision.allowed and decision.reason.value == "restriction_conflict"


def forget_ids_as_before_0003(user: User) -> None:
    """`user` was deleted before migration accounts 0003 kept the ids: its codes say nobody made or redeemed them."""
    User.objects.filter(pk=user.pk).delete()
    InviteCode.objects.filter(created_by_user_id=user.pk).update(created_by_user_id=None, minted_by_operator=False)
    InviteCode.objects.filter(redeemed_by_user_id=user.pk).update(redeemed_by_user_id=None)


# ==== 1. one file, two jobs: a withdrawn video's file kept alive ==================================================


def test_a_generation_request_cannot_name_someone_elses_video_file(make_user, make_cameo, publish, client_for):
    # Given: Bob's video of Alice, whose file name Mallory learned (from a signed URL's payload, which is base64)
    alice, bob, mallory = make_user("alice"), make_user("bob"), make_user("mallory")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone")
    post = publish(bob, prompt="@alice_cam waves", cameos=[cameo])
    name, poster = post.job.video.name, post.job.poster.name

    # When: Mallory sends those names with a generation of her own
    response = client_for(mallory).post(
        "/api/v1/generations/",
        {"prompt": "a cat rides a skateboard", "duration_s": 1, "video": name, "poster": poster},
        format="json",
    )

    # Then: her job names no file of Bob's (or nothing is made at all)
    assert response.status_code in (202, 400), response.content
    assert not GenerationJob.objects.filter(owner=mallory, video=name).exists()
    assert not GenerationJob.objects.filter(owner=mallory, poster=poster).exists()
    assert GenerationJob.objects.filter(video=name).count() == 1


def test_a_remix_cannot_keep_the_file_of_a_video_its_cameos_owner_removed_alive(
    make_user, make_cameo, publish, client_for, no_dispatch, django_capture_on_commit_callbacks
):
    # Given: Carol remixed Bob's video of Alice, and her remix is a finished draft
    alice, bob, carol, vic = make_user("alice"), make_user("bob"), make_user("carol"), make_user("vic")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone")
    parent = publish(bob, prompt="@alice_cam waves", cameos=[cameo])
    parent_paths = files_of(parent.job)
    remix = finish(remix_through_the_api(client_for(carol), parent, "at night"))

    # When: Alice removes Bob's video
    with django_capture_on_commit_callbacks(execute=True):
        generation_remove_for_cameo_owner(cameo=cameo, actor=alice, job_id=parent.job_id)

    # Then: its files are gone at once, the remix does not name them, and the old name serves nobody
    assert remix.video.name not in {parent.job.video.name, parent.job.poster.name}
    assert not any(path.exists() for path in parent_paths)
    for viewer in (bob, carol, vic):
        assert job_media_visible_to(parent.job.video.name, viewer.pk) is False


def test_the_purge_deletes_a_taken_down_videos_file_though_a_rendered_remix_of_it_is_live(
    make_user, publish, client_for, django_capture_on_commit_callbacks
):
    # Given: Carol's remix of Bob's post is rendered by the real worker (the parent's video is signed into it)
    bob, carol, vic = make_user("bob"), make_user("carol"), make_user("vic")
    moderator = make_user("mod", is_staff=True)
    parent = publish(bob, prompt="a cat rides a skateboard")
    parent_paths = files_of(parent.job)
    with django_capture_on_commit_callbacks(execute=True):
        remix = remix_through_the_api(client_for(carol), parent, "at night")
    remix.refresh_from_db()
    assert remix.state == GenerationJob.State.SUCCEEDED, remix.state_reason
    remix_post = post_publish(author=carol, generation_id=remix.pk)

    # When: Bob's post is taken down, and the purge runs after the grace period
    post_take_down(post=parent, moderator=moderator, reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        hidden_media_purge(now=timezone.now() + 31 * DAY)

    # Then: the parent's files are deleted; the remix keeps its own file and still plays
    assert not any(path.exists() for path in parent_paths)
    assert GenerationJob.objects.get(pk=parent.job_id).media_purged_at is not None
    assert Path(remix.video.path).exists()
    assert job_media_visible_to(remix.video.name, vic.pk) is True
    assert posts_visible_to(vic).filter(pk=remix_post.pk).exists()


def test_deleting_a_creators_account_still_deletes_the_files_only_their_jobs_named(
    make_user, make_cameo, publish, django_capture_on_commit_callbacks
):
    # The keep-while-named hook must keep only shared files: a creator's own video goes with their account.
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone")
    post = publish(bob, prompt="@alice_cam waves", cameos=[cameo])
    draft_paths = files_of(publish(bob).job)
    paths = files_of(post.job)

    with django_capture_on_commit_callbacks(execute=True):
        User.objects.get(pk=bob.pk).delete()

    assert not GenerationJob.objects.filter(owner_id=bob.pk).exists()
    assert not any(path.exists() for path in [*paths, *draft_paths])


def test_one_taken_down_demo_post_does_not_stop_the_other_demo_videos_from_playing(make_user):
    from feed.demo_seed import PLACEHOLDER_VIDEO, seed_demo

    seed_demo(users=4, posts=12, likes=0, comments=0, follows_per_user=1, texts=12, embed=False, teen_share=0)
    moderator = make_user("mod", is_staff=True)
    vic = make_user("vic")
    holders = GenerationJob.objects.filter(video=PLACEHOLDER_VIDEO)
    first = holders.first()
    taken_down = Post.objects.get(job=first)
    post_take_down(post=taken_down, moderator=moderator, reason="spam")
    still_shown = posts_visible_to(vic).filter(job__video=PLACEHOLDER_VIDEO).exclude(pk=taken_down.pk)
    assert still_shown.exists()

    # Then: the posts vic may still see still play (the file is theirs as much as the taken-down one's)
    assert job_media_visible_to(PLACEHOLDER_VIDEO, vic.pk) is True


# ==== 2. invite lineage: operator codes and deleted accounts in new orders ======================================


@pytest.mark.usefixtures("teens_codes_were_spendable")
def test_lineage_holds_when_the_middle_accounts_are_deleted_deepest_first(make_user, client_for):
    # teen -> A -> B -> C; B's account goes first, then A's: C is still down the teen's lineage
    teen = make_user("teen_t", age=15)
    a = joined_with(teen, "launder_a")
    b = joined_with(a, "launder_b")
    c = joined_with(b, "launder_c")
    User.objects.filter(pk=b.pk).delete()
    User.objects.filter(pk=a.pk).delete()

    response = link(client_for, teen, c)

    assert response.status_code == 403, response.content
    assert response.json()["code"] == "parent_invited_by_teen"
    assert not ParentalLink.objects.filter(teen=teen, parent=c).exists()


@pytest.mark.usefixtures("teens_codes_were_spendable")
def test_lineage_holds_through_a_pre_0003_gap_with_a_later_deletion_below_it(make_user, client_for):
    # teen -> A -> B -> C; A was deleted before the ids were kept, B after
    teen = make_user("teen_t", age=15)
    a = joined_with(teen, "launder_a")
    b = joined_with(a, "launder_b")
    c = joined_with(b, "launder_c")
    forget_ids_as_before_0003(a)
    User.objects.filter(pk=b.pk).delete()

    response = link(client_for, teen, c)

    assert response.status_code == 403, response.content
    assert not ParentalLink.objects.filter(teen=teen, parent=c).exists()


@pytest.mark.usefixtures("teens_codes_were_spendable")
def test_migration_0004_leaves_a_deleted_invitees_own_codes_of_unknown_origin(make_user, client_for):
    # Given: pre-0003 data: A joined with the teen's code, B with A's, and A was deleted before the ids were kept
    teen = make_user("teen_t", age=15)
    a = joined_with(teen, "launder_a")
    b = joined_with(a, "launder_b")
    forget_ids_as_before_0003(a)
    # An operator's waitlist code from the day before, whose flag the column's default left False
    operator_code = InviteCode.objects.create(note="waitlist")
    InviteCode.objects.filter(pk=operator_code.pk).update(minted_by_operator=False, created_at=timezone.now() - DAY)

    # When: migration 0004's data step runs on it
    migration = importlib.import_module("sora_social.accounts.migrations.0004_invite_minted_by_operator")
    migration.mark_operator_codes(django_apps, None)

    # Then: B's code (A's own, minted at A's signup) is not taken for an operator's, while the waitlist code is
    assert InviteCode.objects.get(redeemed_by=b).minted_by_operator is False
    assert InviteCode.objects.get(pk=operator_code.pk).minted_by_operator is True
    response = link(client_for, teen, b)
    assert response.status_code == 403, response.content


@pytest.mark.usefixtures("teens_codes_were_spendable")
def test_an_adult_who_joined_with_an_operators_code_may_still_parent_a_teen_whose_lineage_lost_an_account(
    make_user, client_for
):
    # Over-refusal: a gap down the teen's own lineage must not make every operator-code adult the teen's invitee.
    teen = make_user("teen_t", age=15)
    a = joined_with(teen, "launder_a")
    joined_with(a, "launder_b")
    forget_ids_as_before_0003(a)
    mom = make_user("mom", age=45)
    assert InviteCode.objects.get(redeemed_by=mom).minted_by_operator is True

    response = link(client_for, teen, mom)

    assert response.status_code == 201, response.content
    assert ParentalLink.objects.filter(teen=teen, parent=mom, ended_at__isnull=True).exists()


@pytest.mark.usefixtures("teens_codes_were_spendable")
def test_a_code_minted_by_the_teens_invitee_is_never_taken_for_an_operators(make_user):
    # Whatever path a code of A's takes into the table, it records A (a bulk mint or a plain save).
    teen = make_user("teen_t", age=15)
    a = joined_with(teen, "launder_a")
    saved = InviteCode.objects.create(created_by=a)
    minted = invites_mint(count=1, created_by=a)[0]

    for code in (saved, minted):
        code.refresh_from_db()
        assert code.minted_by_operator is False and code.created_by_user_id == a.pk
    assert not InviteCode.objects.filter(created_by_user_id=a.pk, minted_by_operator=True).exists()


# ==== 3. "no kissing": variants of a kiss, through every text the door reads =====================================


def assert_remix_refused_for_a_restriction(client, parent: Post, prompt: str) -> None:
    response = client.post(f"/api/v1/posts/{parent.pk}/remix/", {"prompt": prompt, "duration_s": 3}, format="json")

    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict", response.content


def test_no_kissing_is_broken_by_a_kiss_on_the_lips_of_someone_named_through_a_family_word(make_user, make_cameo):
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)

    assert kissing_refused(cameo, bob, "@alice_cam kisses her son's teacher on the lips")
    assert kissing_refused(cameo, bob, "@alice_cam kisses the son of the mayor on the mouth")
    assert kissing_refused(cameo, bob, "@alice_cam kisses her dad's best friend on the lips")


def test_no_kissing_holds_a_comment_saying_the_cameo_and_someone_make_out(make_user, make_cameo, publish, client_for):
    alice, bob, carol, vic = make_user("alice"), make_user("bob"), make_user("carol"), make_user("vic")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)
    post = publish(bob, prompt="@alice_cam waves", cameos=[cameo])

    made, _ = comment_create(post_id=post.pk, author=carol, body="@alice_cam and @bob make out behind the bleachers")

    assert Comment.objects.get(pk=made.pk).held_at is not None
    assert made.pk not in comments_seen_by(client_for(vic), post)


def test_no_kissing_refuses_a_caption_where_the_cameo_snogs_someone(make_user, make_cameo, make_draft):
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)
    draft = make_draft(bob, prompt="@alice_cam waves", cameos=[cameo])

    with pytest.raises(ServiceError):
        post_publish(author=bob, generation_id=draft.pk, caption="she snogs @bob after the match")

    assert not Post.objects.filter(job=draft).exists()


def test_no_kissing_refuses_a_caption_edit_where_the_cameo_locks_lips_with_someone(make_user, make_cameo, publish):
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)
    post = publish(bob, prompt="@alice_cam waves", caption="at the beach", cameos=[cameo])

    with pytest.raises(ServiceError):
        post_update(post_id=post.pk, actor=bob, caption="@alice_cam locks lips with @bob")

    assert Post.objects.get(pk=post.pk).caption == "at the beach"


def test_no_kissing_refuses_a_remix_that_frames_the_cameo_and_someone_with_kiss_marks(
    make_user, make_cameo, publish, client_for, no_dispatch
):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)
    parent = publish(bob, prompt="@alice_cam waves", cameos=[cameo])

    assert_remix_refused_for_a_restriction(client_for(carol), parent, "at night 💋 @alice_cam 💋 the stranger")
    assert not GenerationJob.objects.filter(owner=carol).exists()


def test_no_kissing_is_broken_by_the_kiss_cam_with_a_digit_for_a_letter(make_user, make_cameo):
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)

    assert kissing_refused(cameo, bob, "@alice_cam and @bob at the game on the k1ss cam")


# What the new pattern and lexicon words were added for, said the ways people say it.
KISSES_SAID = [
    "@alice_cam gives @bob a peck on the lips",
    "@alice_cam pecks @bob on the lips",
    "@alice_cam plants a quick peck on @bob's lips",
    "@alice_cam and @bob lip lock under the mistletoe",
    "@alice_cam 😘 @bob",
    "@alice_cam and @bob 👩‍❤️‍💋‍👨",
    "#KissCam @alice_cam and @bob",
    "@alice_cam kisses @bob passionately and slowly right on the lips",
    "@alice_cam kіsses @bob on the lips",  # a Cyrillic і
    "@alice_cam k i s s e s @bob",
    "@alice_cam smooching @bob",
]


@pytest.mark.parametrize("text", KISSES_SAID)
def test_no_kissing_is_broken_by_the_usual_ways_of_saying_a_kiss(make_user, make_cameo, text):
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)

    assert kissing_refused(cameo, bob, text)


def test_no_kissing_does_not_refuse_a_familys_kisses(make_user, make_cameo):
    # Over-refusal: family affection is not romance, by the category's own definition.
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)
    family = [
        "@alice_cam kisses her baby on the cheek",
        "a mother's kiss on a baby's cheek, @alice_cam",
        "@alice_cam kisses her newborn on the forehead",
        "@alice_cam gives her grandma a kiss on the cheek",
        "@alice_cam kisses her puppy on the nose",
        "@alice_cam, a mother, kisses her baby goodnight",
        "@alice_cam puts lip balm on her lips",
        "@alice_cam gives her son a peck on the lips",
        "@alice_cam pecks her 3 year old on the mouth",
        "the parrot pecks @alice_cam on the lips",
    ]

    refused = [text for text in family if kissing_refused(cameo, bob, text)]

    assert refused == []


def test_a_held_kissing_comment_is_kept_for_the_cameos_owner_and_hidden_from_everyone_else(
    make_user, make_cameo, publish, client_for
):
    alice, bob, carol, vic = make_user("alice"), make_user("bob"), make_user("carol"), make_user("vic")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)
    post = publish(bob, prompt="@alice_cam waves", cameos=[cameo])

    made, _ = comment_create(post_id=post.pk, author=carol, body="now kiss @alice_cam on the lips, @bob 😘")

    comment = Comment.objects.get(pk=made.pk)
    assert comment.held_at is not None and comment.deleted_at is None
    assert made.pk in comments_seen_by(client_for(alice), post)
    assert made.pk not in comments_seen_by(client_for(vic), post)
    assert made.pk not in comments_seen_by(client_for(bob), post)
    assert Post.objects.get(pk=post.pk).comment_count == 0


def test_a_kissing_prompt_refused_for_the_cast_cameo_is_refused_for_a_cameo_found_only_in_the_parent(
    make_user, make_cameo, publish, client_for, no_dispatch
):
    # A remix keeps its parent's cast: its prompt is read against the restrictions of cameos it never mentions.
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_KISSING)
    parent = publish(bob, prompt="@alice_cam waves", cameos=[cameo])

    assert_remix_refused_for_a_restriction(client_for(carol), parent, "now she kisses the stranger on the lips")
    assert not GenerationJob.objects.filter(owner=carol).exists()
    assert Appearance.objects.filter(cameo=cameo).count() == 1
