# ruff: noqa: F811 - pytest fixtures imported from other test modules are parameters of the tests
"""Attacks on the changes of 2026-12-07, round 2 (fc7c852 hidden videos' files moved to new names; 8032fe9 remix
counts recounted, ancestors walked past 64, blocks down the chain, preferences screened with the video's policy;
8ed8619 the WebSocket's socket limit, frame bound and unknown paths).

Each attack is a test asserting the secure behaviour; one that got through was a strict xfail whose reason said where.

GOT THROUGH, all MENDED the same day (their tests were strict xfails until then):
- media: a ban, a suspension and a narrowing move the files too; generation_discard_output locks the job and reads
  its names again; old names are recorded on the job (`stale_media_names`) until the store deleted them, retried by
  the retention purge (generation_stale_media_delete);
- counts: suspended authors' remixes are not counted, a suspension is a change of standing, and one that ended by
  itself is counted again by an hourly sweep (the test runs it: the count lags by up to an hour, the list does not);
  recounts lock parents newest first, as a change to a remix locks it and then its parent;
- the walk goes on from the deepest ancestor found until one has no lineage; one refusal for "no remixes" and blocks;
- preferences are screened with the video's policy at render too (`generation.services.preferences_refused`);
- sockets: one slot per socket (a cache key each, taken with an atomic add, renewed by the open socket every third of
  its lifetime, given back on close and on a failed handshake); at the limit a slot held by an ended session is freed;
  a socket that lost its slot is closed; the frame bound counts UTF-8 bytes.

What got through, as found:
- Media, hidings that move nothing: a ban or a suspension of the author (moderation.services.user_ban/user_suspend)
  and the author narrowing a post to private (feed.services.posts.post_update) hide the video from every viewer, as
  a takedown or a deletion does, but never call generation_media_rename_when_hidden: the store's URL bob's player
  holds still answers 206 (test_a_video_hidden_from_every_viewer_by_its_authors_ban_or_narrowing_...).
- Media, a race that leaves a copy (PostgreSQL): generation_remove_for_cameo_owner gives generation_discard_output
  the job read without a lock (`appearance.job`); a move committed meanwhile (the takedown's, on the media queue) is
  overwritten with video=""/poster="" and its two new copies stay in the store, named by no row, beyond any purge.
- Media, a failed delete: the old names are deleted once after the move (`_delete_unnamed` -> `_delete_quietly`);
  a delete the store refuses leaves the hidden video's old copy under a name nothing holds; the retention purge
  reads names on rows only and never deletes it.
- Counts, suspension: `remix.selectors.counted_remixes` leaves suspended authors in and suspended_until is not a
  standing field, while `visible_posts` hides their posts: 2 remixes shown, 1 listed (and a suspension ends by the
  clock, with no save to recount on).
- Counts, deadlock (PostgreSQL): a PATCH narrowing remix P locks P then its parent Q; a ban of someone who remixed
  both recounts [Q, P] in id order, Q first: "deadlock detected", the moderator's ban is aborted.
- Lineage walk: `remix_ancestor_ids` goes on past the recorded lineage only from a row at depth 64; RemixAncestry
  CASCADEs with a hard-deleted post, so when the remix 64 levels up goes with its author's account, the walk stops
  at 63 and a remix 65 levels below a root with "no remixes" is queued (202).
- Blocks, what the refusal says: a block up the chain answers "A video this one remixes cannot be remixed by you."
  and "no remixes" up the chain "The author of a video this one remixes turned remixes off.": carol, who blocked
  nobody, learns that the author of the ancestor her lineage shows as `item: null` blocked her.
- Preferences, at render: screened with the video's policy only at submit; `_check_consent` reads and pins the
  owner's preferences again at render, unscreened: an adult's drawing's preferences changed after a teen's submit to
  what the teen policy refuses ("she dances seductively in a nightclub") are given to the model; the job succeeds.
- Sockets, lock-out that never lapses: `_socket_count_add` touches the count's expiry before the handshake is
  refused, so a count a crashed process left is renewed by every retry of the app (10 refusals in 2.5 s, TTL 1 s).
- Sockets, an ended session's sockets: the count is per account, so 10 sockets of a stolen token whose session the
  owner ended (a password change) keep the owner's new session out with 4429 until they are next sent something.
- Sockets, more than 10: the count is one key that lapses as a whole while its sockets stay open: 10 quiet sockets,
  then 10 more after the lapse: 20 open.
- Sockets, a leaked slot: the socket is counted before group_add; when group_add raises (the layer away a moment)
  the consumer ends without disconnect(), and the account holds 9 sockets until the count lapses.
- Sockets, bytes: `receive` compares len(text_data), characters, with the 128 KiB byte bound: 160 KB of emoji in
  40,000 characters is decoded and ponged (minor: uvicorn's ws_max_size counts bytes when served as deployed).

HELD (plain tests):
- Every path that withdraws a cameo moves the files (the cameo deleted, revoked by a moderator, its owner's account
  deleted, its owner blocking the creator): the old URLs answer 403/404, the new names hold the files, nothing lost.
- A moderator's preview after the move redirects to the new names, which play; the old URL does not.
- A ban of a remixer of 2 or 12 posts costs the same queries and recounts each parent; an operator banning and
  clearing the ban in the Django admin (no service) moves the count down and back.
- Ordinary preferences of one's own drawing ("a friendly green dragon who loves baking bread"...) are not refused
  beside one's own face (the strict screen) nor for a teen casting it.
- Refused handshakes take back what they counted and a socket told twice that it closed is taken off once: after 5
  refusals and one close, exactly one more opens.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cameos.services import cameo_delete
from feed.models import Post
from feed.services.posts import post_take_down, post_update
from feed.services.retention import hidden_media_purge
from generation import services as generation
from generation import tasks as generation_tasks
from generation.models import GenerationJob
from moderation.models import ModerationCase
from moderation.services import case_for_target, content_take_down, report_create, user_ban, user_suspend
from remix.services import MAX_LINEAGE_DEPTH
from sora_social.accounts.services import user_block
from sora_social.notifications import consumers
from tests.accounts.admin_forms import user_change_form
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures
from tests.generation.test_export_attacks import _status_of as status_of
from tests.moderation.world import make_moderator
from tests.remix.test_remix_attacks_round2 import error, patch_post, remix, remixes_shown
from tests.test_realtime_attacks_round2 import (
    LOGIN,
    PASSWORD,
    close_quietly,
    member,  # noqa: F401 - fixture
    next_output,
    open_socket,
    run,
    signed_in_socket,
    was_pong,
)

pytestmark = pytest.mark.django_db


# ---- helpers ------------------------------------------------------------------------------------------------------


@pytest.fixture
def moderator(make_user):
    return make_moderator(make_user, "mod_r2")


PLAYS = (200, 206)
GONE = (403, 404)


def presigned_urls(viewer_client, post_id: int) -> tuple[str, str]:
    """The store's URLs a viewer's player is redirected to for a post's video and poster."""
    item = viewer_client.get(f"/api/v1/posts/{post_id}/").json()["post"]
    video, poster = Client().get(item["video_url"]), Client().get(item["poster_url"])
    assert video.status_code == 302 and poster.status_code == 302
    return video["Location"], poster["Location"]


def names_of(job_id: int) -> tuple[str, str]:
    job = GenerationJob.objects.get(pk=job_id)
    return job.video.name, job.poster.name


def profile_case(user) -> ModerationCase:
    return case_for_target(target_kind="profile", target_id=user.pk)


# ==== 1. hidden videos' files moved to new names (fc7c852) ==========================================================


def _ban(user, moderator, client_for):
    user_ban(case=profile_case(user), moderator=moderator, reason="abuse")


def _suspend(user, moderator, client_for):
    user_suspend(case=profile_case(user), moderator=moderator, reason="abuse", days=7)


def _narrow_to_private(user, moderator, client_for):
    post = Post.objects.get(author=user)
    answer = client_for(user).patch(f"/api/v1/posts/{post.pk}/", {"visibility": "private"}, format="json")
    assert answer.status_code == 200, answer.content


@pytest.mark.parametrize("hide", [_ban, _suspend, _narrow_to_private], ids=["author_banned", "author_suspended", "private"])
def test_a_video_hidden_from_every_viewer_by_its_authors_ban_or_narrowing_leaves_no_presigned_url_playing(
    hide, s3_storage, make_user, client_for, publish, moderator, django_capture_on_commit_callbacks
):
    # Given: bob's player was handed the store's URLs of alice's public video
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    video, poster = presigned_urls(client_for(bob), post.pk)
    assert status_of(video) in PLAYS

    # When: the video is hidden from every viewer (a ban or a suspension of its author, or the author's narrowing)
    with django_capture_on_commit_callbacks(execute=True):
        hide(alice, moderator, client_for)
    assert client_for(bob).get(f"/api/v1/posts/{post.pk}/").status_code == 404

    # Then: as after a takedown or the author's deletion, what bob's player holds plays no more
    assert status_of(video) in GONE and status_of(poster) in GONE


def _cameo_deleted(cameo, moderator):
    cameo_delete(cameo=cameo, actor=cameo.owner)


def _cameo_revoked_by_moderator(cameo, moderator):
    content_take_down(case=case_for_target(target_kind="cameo", target_id=cameo.pk), moderator=moderator, reason="x")


def _owners_account_deleted(cameo, moderator):
    cameo.owner.delete()


def _owner_blocks_creator(cameo, moderator):
    user_block(blocker=cameo.owner, blocked=Post.objects.get(job__cameos=cameo).author)


@pytest.mark.parametrize(
    "withdraw",
    [_cameo_deleted, _cameo_revoked_by_moderator, _owners_account_deleted, _owner_blocks_creator],
    ids=["cameo_deleted", "revoked_by_moderator", "owners_account_deleted", "owner_blocks_creator"],
)
def test_every_path_that_withdraws_a_cameo_moves_the_videos_files(
    withdraw, s3_storage, make_user, make_cameo, client_for, publish, moderator, django_capture_on_commit_callbacks
):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    cam = make_cameo(carol, handle="carol_cam", level="everyone")
    post = publish(alice, prompt="@carol_cam waves", cameos=[cam])
    before = names_of(post.job_id)
    video, poster = presigned_urls(client_for(bob), post.pk)
    assert status_of(video) in PLAYS

    with django_capture_on_commit_callbacks(execute=True):
        withdraw(cam, moderator)

    assert client_for(bob).get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert status_of(video) in GONE and status_of(poster) in GONE
    assert not set(before) & set(s3_storage.keys())
    if withdraw is _cameo_deleted:
        # Deleting a cameo removes its videos for good (round on account deletion): destroyed, not moved.
        assert s3_storage.keys() == [] and names_of(post.job_id) == ("", "")
    else:
        assert sorted(s3_storage.keys()) == sorted(names_of(post.job_id))  # moved, not lost


def test_a_moderators_preview_after_the_move_plays_the_new_names_and_the_old_url_nothing(
    s3_storage, make_user, client_for, client, publish, moderator, django_capture_on_commit_callbacks
):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    video, _ = presigned_urls(client_for(bob), post.pk)
    report_create(reporter=bob, target_type="post", target_id=str(post.pk), reason="other")
    case = ModerationCase.objects.get(target_kind="post", target_id=post.pk, status="open")
    with django_capture_on_commit_callbacks(execute=True):
        content_take_down(case=case, moderator=make_moderator(make_user, "mod_other"), reason="spam")

    client.force_login(moderator)
    preview = client.get(f"/admin/moderation/moderationcase/{case.pk}/media/video/", HTTP_RANGE="bytes=0-9")

    assert preview.status_code == 302
    assert names_of(post.job_id)[0] in preview["Location"] and preview["Location"] != video
    assert status_of(preview["Location"]) in PLAYS
    assert status_of(video) in GONE


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_cameo_owners_removal_racing_the_move_leaves_no_copy_of_the_video_in_the_store(
    require_postgres, s3_storage, make_user, make_cameo, publish, in_another_request, monkeypatch
):
    # Given: a video of carol's cameo taken down; its move waits on the media queue
    alice, carol = make_user("alice_mv"), make_user("carol_mv")
    cam = make_cameo(carol, handle="carol_mv_cam", level="everyone")
    post = publish(alice, prompt="@carol_mv_cam waves", cameos=[cam])
    queued: list[list[int]] = []
    monkeypatch.setattr(generation_tasks.generation_media_rename_task, "apply_async", lambda args, queue: queued.append(args[0]))
    post_take_down(post=post, moderator=make_user("mod_mv", is_staff=True), reason="spam")
    assert queued == [[post.job_id]]

    # When: carol removes the video for everyone while the media worker moves its files
    real_discard = generation.generation_discard_output

    def discard_as_the_move_commits(*, job, reason, **kwargs):
        in_another_request(lambda: generation.generation_media_rename(job_ids=[job.pk])).join(timeout=30)
        return real_discard(job=job, reason=reason, **kwargs)

    monkeypatch.setattr(generation, "generation_discard_output", discard_as_the_move_commits)
    generation.generation_remove_for_cameo_owner(cameo=cam, actor=carol, job_id=post.job_id)

    # Then: the owner removed the video of her likeness; no copy of it is left in the store
    assert names_of(post.job_id) == ("", "")
    assert s3_storage.keys() == []


def test_an_old_name_the_store_failed_to_delete_does_not_outlive_the_retention_purge(
    s3_storage, settings, make_user, publish, django_capture_on_commit_callbacks, monkeypatch
):
    settings.HIDDEN_MEDIA_RETENTION_DAYS = 30
    post = publish(make_user("author"))
    before = names_of(post.job_id)
    store_class = type(GenerationJob._meta.get_field("video").storage._wrapped)
    real_delete = store_class.delete
    refusals = {"left": 2}

    def delete_refused_while_busy(self, name):
        if refusals["left"]:
            refusals["left"] -= 1
            raise OSError("store busy")
        return real_delete(self, name)

    monkeypatch.setattr(store_class, "delete", delete_refused_while_busy)
    # The video is taken down; the store refuses the deletes of its old names for a moment
    with django_capture_on_commit_callbacks(execute=True):
        post_take_down(post=post, moderator=make_user("mod", is_staff=True), reason="spam")
    assert set(before) <= set(s3_storage.keys()) and refusals["left"] == 0

    # When the retention period is over and the purge runs
    with django_capture_on_commit_callbacks(execute=True):
        hidden_media_purge(now=timezone.now() + timezone.timedelta(days=31))

    # Then nothing of the video is left in the store
    assert s3_storage.keys() == []


# ==== 2. remix counts, the ancestor walk, locks (8032fe9) ============================================================


def test_a_suspended_remixers_remix_is_not_counted_while_it_is_hidden_and_counts_again_after(
    make_user, client_for, publish, moderator, clock
):
    alice, bob, viewer = make_user("alice"), make_user("bob"), make_user("viewer")
    parent = publish(alice)
    publish(make_user("carol"), parent=parent)
    publish(bob, parent=parent)
    assert remixes_shown(client_for(viewer), parent) == (2, 2)

    # While bob is suspended his remix is listed to nobody, and counted by nobody
    user_suspend(case=profile_case(bob), moderator=moderator, reason="spam", days=7)
    for who in (viewer, alice):
        assert remixes_shown(client_for(who), parent) == (1, 1)

    # When the suspension ends by itself (no one saves anything), it is listed again at once, and counted again when
    # the hourly sweep runs (remix.tasks.remix_counts_recount_after_suspensions_task, on the beat)
    clock(timezone.now() + timezone.timedelta(days=8))
    from remix.tasks import remix_counts_recount_after_suspensions_task

    assert remix_counts_recount_after_suspensions_task.delay().get() == 1
    for who in (viewer, alice):
        assert remixes_shown(client_for(who), parent) == (2, 2)


def test_banning_a_remixer_of_many_posts_costs_the_same_queries_and_recounts_each(make_user, publish, moderator):
    costs = []
    for n in (1, 2, 12):  # the first ban warms what any first moderation decision loads (permissions)
        eve = make_user(f"eve{n}")
        parents = [publish(make_user()) for _ in range(n)]
        for parent in parents:
            publish(eve, parent=parent)
        assert {p.remix_count for p in Post.objects.filter(pk__in=[p.pk for p in parents])} == {1}
        with CaptureQueriesContext(connection) as queries:
            user_ban(case=profile_case(eve), moderator=moderator, reason="spam")
        costs.append(len(queries))
        assert {p.remix_count for p in Post.objects.filter(pk__in=[p.pk for p in parents])} == {0}
    assert costs[1] == costs[2], costs


def test_an_operator_banning_and_reinstating_a_remixer_in_the_admin_moves_the_count(
    make_user, client, client_for, publish
):
    client.force_login(make_user("operator", age=40, is_staff=True, is_superuser=True))
    alice, bob, viewer = make_user("alice"), make_user("bob"), make_user("viewer")
    parent = publish(alice)
    publish(bob, parent=parent)
    change = f"/admin/accounts/user/{bob.pk}/change/"

    banned = client.post(change, user_change_form(bob, banned_at_0=timezone.now().date().isoformat(), banned_at_1="00:00"))
    assert banned.status_code == 302, banned.content[:400]
    assert remixes_shown(client_for(viewer), parent) == (0, 0)

    bob.refresh_from_db()
    reinstated = client.post(change, user_change_form(bob))
    assert reinstated.status_code == 302
    assert remixes_shown(client_for(viewer), parent) == (1, 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_remix_narrowed_while_a_remixer_of_it_and_of_its_parent_is_banned_does_not_deadlock(
    require_postgres, make_user, publish, in_another_request, monkeypatch
):
    import feed.services.posts as posts

    # Given: bob's P remixes alice's Q; eve remixed both
    alice, bob, eve = make_user("alice_dl"), make_user("bob_dl"), make_user("eve_dl")
    mod = make_moderator(make_user, "mod_dl")
    q = publish(alice)
    p = publish(bob, parent=q)
    publish(eve, parent=q)
    publish(eve, parent=p)
    failures: list[str] = []

    def ban_eve():
        try:
            user_ban(case=profile_case(eve), moderator=mod, reason="spam")
        except Exception as exc:  # noqa: BLE001 - what the moderator would be answered
            failures.append(f"ban: {exc!r}")

    real_access = posts.access_post
    fired = threading.Event()

    def then_the_ban(**kwargs):
        found = real_access(**kwargs)
        if not fired.is_set():
            fired.set()
            banning.append(in_another_request(ban_eve))
            _until_another_transaction_waits_for_a_lock()  # the ban has locked Q and waits for P
        return found

    banning: list[threading.Thread] = []

    monkeypatch.setattr(posts, "access_post", then_the_ban)

    # When: bob narrows P to private while a moderator bans eve
    try:
        post_update(post_id=p.pk, actor=bob, visibility="private")
    except Exception as exc:  # noqa: BLE001 - what bob would be answered (a 500)
        failures.append(f"narrow: {exc!r}")
    banning[0].join(timeout=30)

    # Then: both are done, neither is aborted, and the counts are right
    assert failures == []
    assert Post.objects.get(pk=q.pk).remix_count == 0 and Post.objects.get(pk=p.pk).remix_count == 0


def _until_another_transaction_waits_for_a_lock(timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # read afresh inside this transaction
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)


def test_no_remixes_holds_past_64_levels_after_the_post_the_walk_steps_through_is_deleted_with_its_account(
    make_user, client_for, publish, no_dispatch
):
    # Given: alice's root, mallory's remix of it, then 64 levels of bob's remixes; alice turns remixes off
    alice, mallory, bob, carol = make_user("alice"), make_user("mallory"), make_user("bob"), make_user("carol")
    root = publish(alice)
    chain = [root, publish(mallory, parent=root)]
    for _ in range(MAX_LINEAGE_DEPTH):
        chain.append(publish(bob, parent=chain[-1]))
    patch_post(client_for(alice), root, allow_remix=False)
    error(remix(client_for(carol), chain[-1]), 403, "remix_disabled")  # the rule holds while the chain is whole

    # When: mallory (the 64th level up from the last remix) deletes her account, and carol remixes the last one
    mallory.delete()
    response = remix(client_for(carol), chain[-1])

    # Then: it is still built on alice's video, and refused
    error(response, 403, "remix_disabled")
    assert not GenerationJob.objects.filter(owner=carol).exists()


def test_a_block_up_the_chain_is_refused_as_no_remixes_is_and_does_not_say_who_blocked_whom(
    make_user, client_for, publish, no_dispatch
):
    alice, dave, bob, carol = make_user("alice"), make_user("dave"), make_user("bob"), make_user("carol")
    blocked_root, closed_root = publish(alice), publish(dave)
    through_block, through_closed = publish(bob, parent=blocked_root), publish(bob, parent=closed_root)
    # alice blocks carol; dave turns remixes off on his video: both roots are out of carol's sight or reach
    user_block(blocker=alice, blocked=carol)
    patch_post(client_for(dave), closed_root, allow_remix=False)

    # (carol sees bob's remix, and its parent as a post she may not see, as a deleted or taken-down one shows)
    lineage = client_for(carol).get(f"/api/v1/posts/{through_block.pk}/lineage/").json()["items"]
    assert [entry["item"] for entry in lineage] == [None]

    by_block = error(remix(client_for(carol), through_block), 403, "remix_disabled")
    by_closed = error(remix(client_for(carol), through_closed), 403, "remix_disabled")

    assert by_block == by_closed
    assert not GenerationJob.objects.filter(owner=carol).exists()


# ==== 3. preferences screened with the video's policy (8032fe9) =====================================================


SEDUCTIVE = "she dances seductively in a nightclub"


def test_preferences_changed_after_a_teens_submit_do_not_reach_the_teens_video(make_user, make_cameo, client_for):
    dave, teen = make_user("dave"), make_user("teen", age=15)
    pet = make_cameo(dave, handle="dave_pet", level="everyone", kind="drawing")
    submitted = client_for(teen).post(
        "/api/v1/generations/", {"prompt": "@dave_pet at the beach", "duration_s": 1, "resolution": "360p"}, format="json"
    )
    assert submitted.status_code == 202, submitted.content
    job_id = submitted.json()["id"]
    # (the same words are refused from the teen, and as the preferences of a cameo the teen casts at submit)
    saved = client_for(dave).patch(f"/api/v1/cameos/{pet.pk}/", {"preferences": SEDUCTIVE}, format="json")
    assert saved.status_code == 200, saved.content

    generation.generation_render(job_id=job_id)

    job = GenerationJob.objects.get(pk=job_id)
    given = job.consent_pins.get(str(pet.pk), {}).get("preferences")
    assert job.state != GenerationJob.State.SUCCEEDED or given != SEDUCTIVE, (job.state, given)


ORDINARY_PREFERENCES = [
    "always wears a red scarf and round glasses",
    "a friendly green dragon who loves baking bread",
    "a fluffy orange cat that chases butterflies",
]


@pytest.mark.parametrize("preferences", ORDINARY_PREFERENCES)
def test_ordinary_preferences_of_ones_own_drawing_are_not_refused_beside_oneself_or_for_a_teen(
    preferences, make_user, make_cameo, client_for, no_dispatch
):
    # An adult casts their own face with their own drawing (a real person in the video: the strict screen), and a
    # teen casts that drawing: ordinary preferences pass both.
    alice, teen = make_user("alice"), make_user("teen", age=15)
    make_cameo(alice, handle="alice_me", level="everyone", kind="self")
    drawing = make_cameo(alice, handle="alice_doodle", level="everyone", kind="drawing")
    saved = client_for(alice).patch(f"/api/v1/cameos/{drawing.pk}/", {"preferences": preferences}, format="json")
    assert saved.status_code == 200, saved.content

    own = client_for(alice).post(
        "/api/v1/generations/", {"prompt": "@alice_me and @alice_doodle have a picnic", "duration_s": 1}, format="json"
    )
    teens = client_for(teen).post(
        "/api/v1/generations/", {"prompt": "@alice_doodle plays in a park", "duration_s": 1}, format="json"
    )

    assert own.status_code == 202, own.content
    assert teens.status_code == 202, teens.content


# ==== 4. the WebSocket's socket limit and frame bound (8ed8619) =====================================================


async def _try_to_connect(token: str) -> bool | int | str:
    """True if a socket opened (it is closed again), else the close code it was refused with."""
    communicator, connected, code = await open_socket(token=token)
    if connected:
        assert (await communicator.receive_json_from(timeout=5))["event"] == "hello"
    await close_quietly(communicator)
    return True if connected else code


@pytest.mark.django_db(transaction=True)
def test_a_count_left_by_a_crashed_server_lapses_even_while_the_app_retries(member, monkeypatch):
    monkeypatch.setattr(consumers, "SLOT_TTL_S", 1)
    alice, token = member("alice_ws")
    # A web process died holding alice's 10 sockets (of a session that still stands): their slots stay, to lapse
    # SLOT_TTL_S after that process last renewed them
    for n, key in enumerate(consumers._slot_keys(alice.pk)):
        cache.set(key, {"channel": f"specific.dead!{n}", "token": token}, 1)

    async def scenario():
        results = []
        for _ in range(10):  # alice's app reconnects every quarter second, for 2.5 s
            results.append(await _try_to_connect(token))
            await asyncio.sleep(0.25)
        return results

    results = run(scenario)

    assert results[0] == consumers.CLOSE_TOO_MANY_SOCKETS  # the stale count holds at first
    assert True in results, f"still locked out 2.5 s after a 1 s lapse: {results}"


@pytest.mark.django_db(transaction=True)
def test_sockets_of_a_session_that_ended_do_not_lock_the_person_out_of_a_new_one(member):
    alice, stolen = member("alice_ws")

    async def open_ten():
        return [await signed_in_socket(stolen) for _ in range(consumers.MAX_SOCKETS_PER_ACCOUNT)]

    async def scenario():
        thiefs = await open_ten()
        # alice changes her password on her phone: the stolen session ends; she signs in again
        phone = await sync_to_async(_sign_in)("alice_ws", PASSWORD)
        changed = await sync_to_async(_change_password)(phone)
        fresh = await sync_to_async(_sign_in)("alice_ws", "another-long-pass-456")
        connected = await _try_to_connect(fresh)
        for socket in thiefs:
            await close_quietly(socket)
        return changed, connected

    changed, connected = run(scenario)

    assert changed == 200
    assert connected is True, f"the new session was refused with {connected}"


def _sign_in(handle: str, password: str) -> str:
    answer = Client().post(LOGIN, {"username": handle, "password": password}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    return answer.json()["meta"]["session_token"]


def _change_password(token: str) -> int:
    return Client().post(
        "/_allauth/app/v1/account/password/change",
        {"current_password": PASSWORD, "new_password": "another-long-pass-456"},
        content_type="application/json",
        HTTP_X_SESSION_TOKEN=token,
    ).status_code


@pytest.mark.django_db(transaction=True)
def test_an_account_never_holds_more_than_ten_sockets_however_quiet_they_keep(member, monkeypatch):
    monkeypatch.setattr(consumers, "SLOT_TTL_S", 1)
    alice, token = member("alice_ws")

    async def scenario():
        first = [await signed_in_socket(token) for _ in range(consumers.MAX_SOCKETS_PER_ACCOUNT)]
        await asyncio.sleep(1.5)  # no ping: the count lapses, the sockets are open
        more = []
        for _ in range(consumers.MAX_SOCKETS_PER_ACCOUNT):
            communicator, connected, _ = await open_socket(token=token)
            if connected:
                more.append(communicator)
            else:
                await close_quietly(communicator)
        for socket in [*first, *more]:
            await close_quietly(socket)
        return len(first) + len(more)

    assert run(scenario) <= consumers.MAX_SOCKETS_PER_ACCOUNT


@pytest.mark.django_db(transaction=True)
def test_a_handshake_that_fails_after_it_was_counted_gives_its_slot_back(member, monkeypatch):
    alice, token = member("alice_ws")
    layer = get_channel_layer()
    real_group_add = layer.group_add
    failures = {"left": 1}

    async def group_add_away_once(group, channel):
        if failures["left"]:
            failures["left"] -= 1
            raise ConnectionError("channel layer unreachable")
        return await real_group_add(group, channel)

    monkeypatch.setattr(layer, "group_add", group_add_away_once)

    async def scenario():
        failed = await _try_to_connect(token)
        opened = []
        for _ in range(consumers.MAX_SOCKETS_PER_ACCOUNT):
            communicator, connected, _ = await open_socket(token=token)
            if connected:
                opened.append(communicator)
            else:
                await close_quietly(communicator)
        for socket in opened:
            await close_quietly(socket)
        return failed, len(opened)

    failed, opened = run(scenario)

    assert failed is not True and failures["left"] == 0
    assert opened == consumers.MAX_SOCKETS_PER_ACCOUNT


@pytest.mark.django_db(transaction=True)
def test_refused_handshakes_and_closes_keep_the_count_exact(member):
    # Refusals take back what they counted and a close is taken off once: after 5 refusals and one close, one opens
    alice, token = member("alice_ws")

    async def scenario():
        sockets = [await signed_in_socket(token) for _ in range(consumers.MAX_SOCKETS_PER_ACCOUNT)]
        refused = [await _try_to_connect(token) for _ in range(5)]
        closed = sockets.pop()
        await close_quietly(closed)
        await close_quietly(closed)  # told twice that it closed: taken off once
        reopened = [await signed_in_socket(token)]
        one_too_many = await _try_to_connect(token)
        for socket in [*sockets, *reopened]:
            await close_quietly(socket)
        return refused, one_too_many, [key for key in consumers._slot_keys(alice.pk) if cache.get(key) is not None]

    refused, one_too_many, held = run(scenario)

    assert refused == [consumers.CLOSE_TOO_MANY_SOCKETS] * 5
    assert one_too_many == consumers.CLOSE_TOO_MANY_SOCKETS
    assert held == []  # every socket closed gave its slot back


# A pong payload bigger than 128 KiB in UTF-8 bytes but under 128 Ki characters.
EMOJI_PING = json.dumps({"type": "ping", "pad": "\U0001f600" * 40_000}, ensure_ascii=False)


@pytest.mark.django_db(transaction=True)
def test_a_frame_over_128_kib_of_multibyte_characters_is_refused_with_1009(member):
    assert len(EMOJI_PING.encode()) > 128 * 1024 > len(EMOJI_PING)
    alice, token = member("alice_ws")

    async def scenario():
        socket = await signed_in_socket(token)
        await socket.send_to(text_data=EMOJI_PING)
        output = await next_output(socket, timeout=2)
        await close_quietly(socket)
        return output

    output = run(scenario)

    assert not was_pong(output)
    assert output == {"type": "websocket.close", "code": consumers.CLOSE_MESSAGE_TOO_BIG}
