# ruff: noqa: F811 - pytest fixtures imported from other test modules are parameters of the tests
"""Attacks on the mends of 2026-12-07 evening (14c5e04 hostile uploads; 5852135 today's changes, round 2).

Each attack is a test asserting the secure behaviour; one that got through was a strict xfail whose reason said where.

GOT THROUGH, all MENDED the same day (their tests were strict xfails until then): Pillow opens uploads with only the
formats taken (avatars: JPEG, PNG, WebP; photos: those and GIF); a deleted job's old names are deleted after the
deletion commits (`generation.services.job_stale_media_delete_with_row`); every locker of posts takes them newest
first (`feed.services.reactions._lock_posts` too); a consumer gives its slot back and stops renewing it however it
ends (`EventsConsumer.__call__`), and a cache error while checking the slot lets the socket go on; at the limit each
session is asked once and the handshake's own not at all.

What got through, as found:
- Uploads, Pillow decodes before any check: an ICO file whose directory says 256x256 and whose icon is a PNG of
  8000x8000 is decoded by `Image.open` itself (PIL.IcoImagePlugin._open calls load()). avatar_set
  (sora_social/accounts/services.py) opens it before looking at `image.format`, and a character's upload is opened by
  cameos/verification/images.is_image before load_image's pixel check: a 1 KB file costs ~190 MB in the web request
  (up to Pillow's own limit, 178 M pixels, ~530 MB) and is refused only afterwards.
- Files, a copy no purge reaches: `stale_media_names` lives on the job row; when the row goes (its owner's account
  deleted, a CASCADE) before the store deleted the old names, they are named by nothing and never deleted.
- Counts, deadlock (PostgreSQL): a suspension is a change of standing now, so it recounts the comments of every post
  the person commented on, locking them oldest first (feed.services.reactions._lock_posts), while a PATCH narrowing
  remix P holds P and waits for its parent Q (the remix recount, newest first): one of the two is aborted.
- Sockets, a slot kept for good: the renewal task (`_renew_slot`, asyncio.ensure_future) outlives a consumer that
  ends without its disconnect() (an error while an event is delivered) or whose disconnect() raises before
  `_give_back_slot` (the channel layer away at group_discard): it renews the slot of a closed socket every
  SLOT_TTL_S/3 for as long as the process runs.
- Sockets, a cache error crashes the socket: user_event now asks the cache (`_still_holds_slot`); a cache that fails
  once while an event is delivered is a traceback and a 1011, not a handled refusal.
- Sockets, a refused handshake is 11 session lookups: at the limit `_slot_take` asks the session of each of the ten
  slots' holders, one lookup per slot, even when all ten hold the same session.

HELD (plain tests):
- A MOV whose second video track is one 8192x8192 PNG frame: every reader (probe, sampled decode, first frame,
  content hash) stays within the memory budget (the track is not decoded: max_pixels reaches streams found at open).
- A MOV whose PNG frames grow from 64x64 to 8192x8192 after its first frame: the probe takes it (it reads the first
  frame) and the worker's sampled decode refuses it as unreadable without decoding the large frames.
- A job's files shared with another job (the demo corpus's placeholder): moving one job's files keeps the shared file
  for the other, and once both moved, the store holds exactly their four new files.
- A redelivered move (two in a row) leaves exactly the job's current files in the store.
- A member's save that does not change their standing (a password change, suspended or not) recounts nothing.
"""

from __future__ import annotations

import asyncio
import io
import struct
import threading
import zlib
from fractions import Fraction

import av
import numpy as np
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cameos.models import Cameo
from feed.models import Post
from feed.services.posts import post_take_down, post_update
from feed.services.reactions import comment_create
from feed.services.retention import hidden_media_purge
from generation import services as generation
from generation.models import GenerationJob
from generation.pipeline import content_sha256
from moderation.services import user_suspend
from sora_social.media_probe import probe_video
from sora_social.notifications import consumers
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures
from tests.moderation.world import make_moderator
from tests.test_realtime_attacks_round2 import (
    close_quietly,
    member,  # noqa: F401 - fixture
    next_output,
    open_socket,
    push,
    run,
    session_lookups,  # noqa: F401 - fixture
    signed_in_socket,
)
from tests.test_todays_changes_attacks_round2 import _until_another_transaction_waits_for_a_lock, names_of, profile_case

pytestmark = pytest.mark.django_db

MEMORY_BUDGET_MB = 40


# ---- helpers ------------------------------------------------------------------------------------------------------


def _status_mb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    raise LookupError(field)


def peak_extra_mb(action):
    """(action(), how many MB the process's peak resident memory rose above what it held before the action)."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        pytest.skip("cannot reset the peak resident memory here")
    before = _status_mb("VmRSS")
    result = action()
    return result, _status_mb("VmHWM") - before


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def blank_png(width: int, height: int) -> bytes:
    """A black RGB PNG of any size, written row by row (a few hundred KB for 8192x8192, never held decoded)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    row = bytes(1 + 3 * width)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + ihdr + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def ico_of(png: bytes) -> bytes:
    """An icon file with one entry: its directory says 256x256 (0, 0), its image is the PNG given."""
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 0, 0, 0, 0, 1, 32, len(png), 22) + png


def _png_packet(stream, side: int, pts: int) -> av.Packet:
    packet = av.Packet(blank_png(side, side))
    packet.stream, packet.pts, packet.dts, packet.duration = stream, pts, pts, 1
    packet.time_base, packet.is_keyframe = Fraction(1, 1), True
    return packet


def mov_with_a_huge_second_track(side: int = 8192) -> bytes:
    """A small ordinary video track (2 s, 64x64) and a second video track of one side x side PNG frame."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mov") as container:
        video = container.add_stream("mpeg4", rate=5)
        video.width = video.height = 64
        video.pix_fmt = "yuv420p"
        big = container.add_stream("png", rate=1)
        big.width = big.height = side
        big.pix_fmt = "rgb24"
        for _ in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((64, 64, 3), (0, 200, 0), np.uint8), format="rgb24")
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode():
            container.mux(packet)
        container.mux(_png_packet(big, side, 0))
    return buffer.getvalue()


def mov_whose_frames_grow(side: int = 8192) -> bytes:
    """A PNG track declared 64x64: two 64x64 frames, then three side x side ones."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mov") as container:
        stream = container.add_stream("png", rate=1)
        stream.width = stream.height = 64
        stream.pix_fmt = "rgb24"
        for pts, frame_side in enumerate([64, 64, side, side, side]):
            container.mux(_png_packet(stream, frame_side, pts))
    return buffer.getvalue()


def quiet(client):
    client.raise_request_exception = False
    return client


@pytest.fixture
def moderator(make_user):
    return make_moderator(make_user, "mod_lm")


# ==== 1. uploads (14c5e04) ==========================================================================================


def test_an_icon_file_holding_an_enormous_png_is_refused_as_an_avatar_without_decoding_it(make_user, client_for):
    alice = make_user("alice_ico")
    bomb = ico_of(blank_png(8000, 8000))
    assert len(bomb) < 300_000

    response, extra_mb = peak_extra_mb(
        lambda: quiet(client_for(alice)).put(
            "/api/v1/me/avatar/", {"avatar": SimpleUploadedFile("me.png", bomb, "image/png")}, format="multipart"
        )
    )

    assert response.status_code == 422, response.content[:300]
    alice.profile.refresh_from_db()
    assert not alice.profile.avatar
    assert extra_mb < MEMORY_BUDGET_MB, f"refusing it took {extra_mb} MB"


def test_an_icon_file_holding_an_enormous_png_is_refused_as_a_pet_without_decoding_it(make_user, client_for):
    alice = make_user("alice_ico")
    bomb = ico_of(blank_png(8000, 8000))

    response, extra_mb = peak_extra_mb(
        lambda: quiet(client_for(alice)).post(
            "/api/v1/cameos/",
            {"kind": "pet", "handle": "alice_pet", "media": SimpleUploadedFile("pet.ico", bomb, "image/x-icon")},
            format="multipart",
        )
    )

    assert response.status_code == 422, response.content[:300]
    assert not Cameo.objects.filter(owner=alice).exists()
    assert extra_mb < MEMORY_BUDGET_MB, f"refusing it took {extra_mb} MB"


def _probe(data: bytes):
    return probe_video(io.BytesIO(data), max_bytes=50_000_000, max_duration_s=60)


def _sampled(data: bytes):
    from cameos.verification.media import decode_clip

    return decode_clip(io.BytesIO(data), sample_count=5)


def _first(data: bytes):
    from cameos.verification.media import first_frame

    return first_frame(io.BytesIO(data))


def _hash(data: bytes):
    return content_sha256(io.BytesIO(data))


@pytest.mark.parametrize("reader", [_probe, _sampled, _first, _hash], ids=["probe", "sampled", "first_frame", "hash"])
def test_a_second_video_track_of_an_enormous_frame_is_never_decoded(reader):
    clip = mov_with_a_huge_second_track()
    assert len(clip) < 400_000

    _, extra_mb = peak_extra_mb(lambda: reader(clip))

    assert extra_mb < MEMORY_BUDGET_MB, f"reading it took {extra_mb} MB"


def test_frames_that_grow_after_the_first_are_refused_by_the_workers_decode_without_decoding_them():
    from cameos.verification.media import UnreadableMediaError

    clip = mov_whose_frames_grow()
    assert _probe(clip).width == 64  # the request reads only the first frame

    def sampled():
        with pytest.raises(UnreadableMediaError):
            _sampled(clip)

    _, extra_mb = peak_extra_mb(sampled)

    assert extra_mb < MEMORY_BUDGET_MB, f"refusing it took {extra_mb} MB"


# ==== 2. hidden videos' files: old names, shared names (5852135) ====================================================


def _refuse_store_deletes(monkeypatch, times: int) -> dict:
    store_class = type(GenerationJob._meta.get_field("video").storage._wrapped)
    real_delete = store_class.delete
    refusals = {"left": times}

    def delete_refused_while_busy(self, name):
        if refusals["left"]:
            refusals["left"] -= 1
            raise OSError("store busy")
        return real_delete(self, name)

    monkeypatch.setattr(store_class, "delete", delete_refused_while_busy)
    return refusals


def test_an_old_name_the_store_failed_to_delete_does_not_outlive_its_owners_account(
    s3_storage, settings, make_user, publish, moderator, django_capture_on_commit_callbacks, monkeypatch
):
    settings.HIDDEN_MEDIA_RETENTION_DAYS = 30
    alice = make_user("alice_gone")
    post = publish(alice)
    before = names_of(post.job_id)
    refusals = _refuse_store_deletes(monkeypatch, 2)
    # alice is suspended: her video's files move, and the store refuses to delete the old names for a moment
    with django_capture_on_commit_callbacks(execute=True):
        user_suspend(case=profile_case(alice), moderator=moderator, reason="spam", days=7)
    assert set(before) <= set(s3_storage.keys()) and refusals["left"] == 0

    # When alice deletes her account, and every purge runs
    with django_capture_on_commit_callbacks(execute=True):
        alice.delete()
    with django_capture_on_commit_callbacks(execute=True):
        hidden_media_purge(now=timezone.now() + timezone.timedelta(days=31))
        generation.generation_stale_media_delete()

    # Then nothing of her video is left in the store
    assert s3_storage.keys() == []


def test_a_file_shared_with_another_job_stays_for_it_until_both_moved(
    s3_storage, make_user, publish, django_capture_on_commit_callbacks
):
    # Given: two posts whose jobs name the same files (as the demo corpus's placeholder is named by all its jobs)
    author, mod = make_user("author_sh"), make_user("mod_sh", is_staff=True)
    first, second = publish(author), publish(author)
    shared = names_of(first.job_id)
    own = names_of(second.job_id)
    GenerationJob.objects.filter(pk=second.job_id).update(video=shared[0], poster=shared[1])
    for name in own:  # the second job's own render is gone: it names only the shared files now
        GenerationJob._meta.get_field("video").storage.delete(name)

    # When the first is taken down (its files move), the second still names and finds the shared ones
    with django_capture_on_commit_callbacks(execute=True):
        post_take_down(post=first, moderator=mod, reason="spam")
    assert names_of(second.job_id) == shared
    assert set(shared) <= set(s3_storage.keys())

    # And once the second is taken down too, the store holds exactly the two jobs' new files
    with django_capture_on_commit_callbacks(execute=True):
        post_take_down(post=Post.objects.get(pk=second.pk), moderator=mod, reason="spam")
    current = {*names_of(first.job_id), *names_of(second.job_id)}
    assert len(current) == 4 and not current & set(shared)
    assert sorted(s3_storage.keys()) == sorted(current)


def test_a_move_delivered_twice_leaves_exactly_the_jobs_current_files(
    s3_storage, make_user, publish, django_capture_on_commit_callbacks
):
    post = publish(make_user("author_tw"))
    with django_capture_on_commit_callbacks(execute=True):
        post_take_down(post=post, moderator=make_user("mod_tw", is_staff=True), reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        assert generation.generation_media_rename(job_ids=[post.job_id]) == 1

    assert sorted(s3_storage.keys()) == sorted(names_of(post.job_id))
    assert GenerationJob.objects.get(pk=post.job_id).stale_media_names == []


# ==== 3. counts and suspensions (5852135) ============================================================================


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_remix_narrowed_while_a_commenter_on_it_and_its_parent_is_suspended_does_not_deadlock(
    require_postgres, make_user, publish, in_another_request, monkeypatch
):
    import feed.services.posts as posts

    # Given: bob's P remixes alice's Q; eve commented on both
    alice, bob, eve = make_user("alice_dl2"), make_user("bob_dl2"), make_user("eve_dl2")
    mod = make_moderator(make_user, "mod_dl2")
    q = publish(alice)
    p = publish(bob, parent=q)
    comment_create(post_id=q.pk, author=eve, body="nice")
    comment_create(post_id=p.pk, author=eve, body="nice too")
    failures: list[str] = []

    def suspend_eve():
        try:
            user_suspend(case=profile_case(eve), moderator=mod, reason="spam", days=7)
        except Exception as exc:  # noqa: BLE001 - what the moderator would be answered
            failures.append(f"suspend: {exc!r}")

    real_access = posts.access_post
    fired = threading.Event()
    suspending: list[threading.Thread] = []

    def then_the_suspension(**kwargs):
        found = real_access(**kwargs)
        if not fired.is_set():
            fired.set()
            suspending.append(in_another_request(suspend_eve))
            _until_another_transaction_waits_for_a_lock()  # the suspension has locked Q and waits for P
        return found

    monkeypatch.setattr(posts, "access_post", then_the_suspension)

    # When: bob narrows P to private while a moderator suspends eve
    try:
        post_update(post_id=p.pk, actor=bob, visibility="private")
    except Exception as exc:  # noqa: BLE001 - what bob would be answered (a 500)
        failures.append(f"narrow: {exc!r}")
    suspending[0].join(timeout=30)

    # Then: both are done, neither is aborted
    assert failures == []
    assert Post.objects.get(pk=p.pk).visibility == "private"


@pytest.mark.parametrize("suspended", [False, True], ids=["member", "suspended_member"])
def test_a_save_that_does_not_change_standing_recounts_nothing(suspended, make_user, publish, moderator):
    eve = make_user("eve_pw")
    for parent in (publish(make_user()), publish(make_user())):
        comment_create(post_id=parent.pk, author=eve, body="hi")
        publish(eve, parent=parent)
    if suspended:
        user_suspend(case=profile_case(eve), moderator=moderator, reason="spam", days=7)
    eve = type(eve).objects.get(pk=eve.pk)

    with CaptureQueriesContext(connection) as queries:
        eve.set_password("another-long-pass-789")
        eve.save()

    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"] and "feed_post" in q["sql"]]
    assert locks == []


# ==== 4. WebSocket slots (5852135) ===================================================================================


def _held_slots(user_id: int) -> list[str]:
    return [key for key in consumers._slot_keys(user_id) if cache.get(key) is not None]


def _session_lookup_fails_once(monkeypatch):
    real = consumers.user_for_token
    state = {"armed": False}

    async def flaky(token):
        if state["armed"]:
            state["armed"] = False
            raise ConnectionError("database connection lost")
        return await real(token)

    monkeypatch.setattr(consumers, "user_for_token", flaky)
    return state


def _layer_fails_at_close(monkeypatch):
    state = {"armed": False}
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    real_discard = layer.group_discard

    async def flaky(group, channel):
        if state["armed"]:
            state["armed"] = False
            raise ConnectionError("channel layer unreachable")
        return await real_discard(group, channel)

    monkeypatch.setattr(layer, "group_discard", flaky)
    return state


@pytest.mark.parametrize("how", ["error_delivering_an_event", "layer_away_at_close"])
@pytest.mark.django_db(transaction=True)
def test_a_socket_that_ended_badly_does_not_keep_its_slot_past_its_lifetime(how, member, monkeypatch):
    monkeypatch.setattr(consumers, "SLOT_TTL_S", 0.6)
    alice, token = member("alice_slot")
    fault = (_session_lookup_fails_once if how == "error_delivering_an_event" else _layer_fails_at_close)(monkeypatch)

    async def scenario():
        socket = await signed_in_socket(token)
        fault["armed"] = True
        if how == "error_delivering_an_event":
            await push(alice.pk, {"kind": "like"})
            ended = await next_output(socket, timeout=2)
        else:
            ended = None
        await close_quietly(socket)
        await asyncio.sleep(3 * consumers.SLOT_TTL_S)  # well past the slot's lifetime
        return ended, await asyncio.to_thread(_held_slots, alice.pk)

    ended, held = run(scenario)

    assert fault["armed"] is False, "the fault was not reached"
    assert held == [], f"the socket ended ({ended!r}); its slot is still held, renewed"


@pytest.mark.django_db(transaction=True)
def test_a_cache_error_while_an_event_is_delivered_is_not_a_crash(member, monkeypatch):
    alice, token = member("alice_cache")
    real_cache = consumers.cache
    state = {"armed": False}

    class FlakyCache:
        def __getattr__(self, name):
            return getattr(real_cache, name)

        async def aget(self, key, *args, **kwargs):
            if state["armed"]:
                state["armed"] = False
                raise ConnectionError("Redis away for a moment")
            return await real_cache.aget(key, *args, **kwargs)

    monkeypatch.setattr(consumers, "cache", FlakyCache())

    async def scenario():
        socket = await signed_in_socket(token)  # its renewal sleeps SLOT_TTL_S / 3 (200 s): it reads no cache here
        state["armed"] = True
        await push(alice.pk, {"kind": "like"})
        output = await next_output(socket, timeout=2)
        await close_quietly(socket)
        return output

    output = run(scenario)

    assert state["armed"] is False, "the fault was not reached"
    assert not (isinstance(output, str) and output.startswith("raised")), output


@pytest.mark.django_db(transaction=True)
def test_a_refused_handshake_at_the_limit_costs_no_lookup_per_held_slot(member, session_lookups):
    alice, token = member("alice_cost")

    async def scenario():
        sockets = [await signed_in_socket(token) for _ in range(consumers.MAX_SOCKETS_PER_ACCOUNT)]
        before = len(session_lookups)
        communicator, connected, code = await open_socket(token=token)
        cost = len(session_lookups) - before
        await close_quietly(communicator)
        for socket in sockets:
            await close_quietly(socket)
        return connected, code, cost

    connected, code, cost = run(scenario)

    assert connected is False and code == consumers.CLOSE_TOO_MANY_SOCKETS
    # Its own lookup, and one for the one session that holds the ten slots.
    assert cost <= 2, f"one refused handshake cost {cost} session lookups"
