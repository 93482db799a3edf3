# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Attacks on the export promise: "every exported video carries a visible moving watermark and a signed C2PA
manifest", and a video is served only to whom may see it, now.

Every test drives the real code: the reference backend renders, the pipeline watermarks, encodes and signs, the
worker stores the draft, feed publishes it, and the bytes are fetched through the signed media URL the API hands out
(an anonymous `Client()`, as a phone's player does). The raw frames the backend rendered are kept (a wrapper around
`pipeline.render_frames`, which copies them before the watermark is blended in place) so the served pictures can be
compared with the pictures before the watermark.

Tried, and held (plain passing tests):
- the bytes a viewer downloads (whole, and put together from Range requests) are the signed file: a Trusted C2PA
  manifest (c2pa-python's Reader, our anchor) whose first action is c2pa.created with trainedAlgorithmicMedia, that
  refuses training, and names the job; every decoded frame differs from the clean render by a badge-sized mark,
  and the mark moves;
- the poster is cut from the watermarked frames (it carries the badge, not a clean frame);
- a render that fails while signing leaves no video, no poster and no scratch file, and the job hands out no URL;
- signed URLs handed out for a post stop serving it (GET, HEAD, Range and a conditional request alike: 404, never
  206 or 304) once the post is made private, a followers-only post's viewer unfollows, either side blocks, the
  author deletes the post or is banned, or the viewer's account is deactivated;
- a remix carries none of the parent's pictures, and one requested before its parent was taken down is not rendered
  (since 2026-12-07; until then it rendered carrying none of the parent's pictures: no parent packets, no
  ingredient thumbnail), only the parent's manifest as its parentOf ingredient.
Also looked at, no test: moderator previews (admin-only, tested in tests/moderation), notifications and socket
payloads (ids only, no URLs), file names guessable from public_ref (no route serves a name without a token), the
scratch folder (never signed into a URL, wiped at the start and end of every attempt). A signed URL is a bearer
URL (the viewer id inside decides access, not who presents it), by design: players cannot send the session header.

Got through when written, mended since (plain passing tests now):
- a letterbox crop that keeps 80% of the picture (10% cut off the top and the bottom) removed the watermark from
  every frame of a default-length (5 s) video, landscape or portrait: the first five anchors were all in the top
  or bottom edge band (generation/media/watermark.py ANCHORS; now every other anchor, the first too, lies a quarter
  of the way in, and a cut of every edge is tested as well);
- the poster JPEG (served to every viewer as `poster_url`) carried no C2PA manifest at all (now signed, image/jpeg,
  created with trainedAlgorithmicMedia, the same job and consent records);
- a store step that failed after the video was saved but before the poster left the signed video in storage,
  named by no job, never purged (generation/services.py: each file is now named for the cleanup as it is stored).

Still getting through (strict xfails asserting the rule):
- the manifest has no trusted timestamp here: once the signing certificate expires, every exported video's manifest
  reads Invalid (signingCredential.expired). A deployment sets C2PA_TIMESTAMP_URL; no authority is reachable here;
- (mended 2026-12-07) with object storage, the presigned URL a viewer got before a takedown or a consent withdrawal
  kept serving the video for the rest of its lifetime (up to 15 minutes, then 60 s): the re-check happens only at the
  302 (sora_social/media_delivery.py _redirect_to_store). Hiding a video from everyone now moves its files to new
  names (generation.services.generation_media_rename), so what the old URL names is gone.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import av
import c2pa
import numpy as np
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings as django_settings
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.utils import timezone
from PIL import Image

from cameos.services import cameo_update
from feed.services.posts import post_delete, post_publish, post_take_down, post_update
from generation import pipeline, services
from generation.models import GenerationJob
from generation.provenance import keys as signing_keys
from generation.provenance.manifest import TRAINED_ALGORITHMIC_MEDIA
from generation.provenance.signing import read_manifest
from sora_social.accounts.services import user_block, user_unfollow
from tests.feed.conftest import follow, make_draft, publish  # noqa: F401

pytestmark = pytest.mark.django_db

# A mark at least this strong (mean absolute difference, 0-255, over a window inside the badge) is the badge. On
# these renders the badge measures 60-80; H.264 at crf 23 and JPEG at quality 85 leave at most about 15 elsewhere.
MARK = 30.0


# ---- helpers ------------------------------------------------------------------------------------------------------


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def anchor() -> bytes:
    return Path(django_settings.C2PA_TRUST_ANCHOR_PATH).read_bytes()


def decoded_frames(video: bytes) -> np.ndarray:
    with av.open(io.BytesIO(video)) as container:
        return np.stack([frame.to_ndarray(format="rgb24") for frame in container.decode(container.streams.video[0])])


def strongest_mark(served: np.ndarray, clean: np.ndarray) -> tuple[float, tuple[int, int]]:
    """The strongest difference between two pictures over a small window that fits inside the badge, and where.

    The window is 5% of the short edge high and twice that wide: smaller than the badge (6.5% high, a few times
    wider), so a badge anywhere in the picture fills it."""
    diff = np.abs(served.astype(np.float64) - clean.astype(np.float64)).mean(axis=2)
    h = max(4, round(min(diff.shape) * 0.05))
    w = 2 * h
    if diff.shape[0] < h or diff.shape[1] < w:
        return 0.0, (0, 0)
    c = np.pad(diff.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    means = (c[h:, w:] - c[:-h, w:] - c[h:, :-w] + c[:-h, :-w]) / (h * w)
    y, x = np.unravel_index(int(np.argmax(means)), means.shape)
    return float(means[y, x]), (int(y), int(x))


@pytest.fixture
def render_kept(monkeypatch, no_dispatch):
    """Render a job through the worker and keep the frames the backend made before the watermark (the pipeline
    blends it in place, so they are copied as they leave the backend)."""
    clean: dict[int, np.ndarray] = {}
    real = pipeline.render_frames
    current: list[int] = []

    def keep(spec, progress):
        result = real(spec, progress)
        clean[current[-1]] = result.frames.copy()
        return result

    monkeypatch.setattr(pipeline, "render_frames", keep)

    def render(owner, *, prompt: str = "a ball bounces on a beach", **fields) -> tuple[GenerationJob, np.ndarray]:
        options = {"duration_s": 5, "resolution": "360p", "seed": 3, **fields}
        job = services.generation_submit(owner=owner, prompt=prompt, **options)
        current.append(job.pk)
        assert services.generation_render(job_id=job.pk) == GenerationJob.State.SUCCEEDED
        return GenerationJob.objects.get(pk=job.pk), clean[job.pk]

    return render


def published_urls(client_for, author, viewer, job, **publish_options) -> tuple[int, dict]:
    post = post_publish(author=author, generation_id=job.pk, **publish_options)
    item = client_for(viewer).get(f"/api/v1/posts/{post.pk}/").json()["post"]
    assert item["video_url"] and item["poster_url"]
    return post.pk, item


def stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# ---- what a viewer downloads ----------------------------------------------------------------------------------------


def test_the_video_a_viewer_downloads_is_signed_as_ai_made_and_marked_on_every_frame(make_user, client_for, render_kept):
    alice, bob = make_user("alice"), make_user("bob")
    job, clean = render_kept(alice)
    _, item = published_urls(client_for, alice, bob, job)

    # The whole file, and the same file put together from the byte ranges a player asks for.
    player = Client()
    video = body(player.get(item["video_url"]))
    size = len(video)
    pieces, start = [], 0
    while start < size:
        answer = player.get(item["video_url"], HTTP_RANGE=f"bytes={start}-{start + 65535}")
        assert answer.status_code == 206
        pieces.append(body(answer))
        start += 65536
    assert b"".join(pieces) == video
    assert player.head(item["video_url"])["Content-Length"] == str(size)

    # A Trusted manifest that says AI made it, refuses training, and names this job.
    report = read_manifest(io.BytesIO(video), trust_anchor_pem=anchor())
    assert report is not None and report.validation_state == "Trusted", report and report.failures
    created = report.actions[0]
    assert created["action"] == "c2pa.created" and created["digitalSourceType"] == TRAINED_ALGORITHMIC_MEDIA
    entries = report.assertion("c2pa.training-mining")["entries"]
    assert entries and all(entry["use"] == "notAllowed" for entry in entries.values())
    assert report.consent["job"] == job.public_ref

    # Every frame carries a badge-sized mark the clean render does not have, and the mark moves.
    frames = decoded_frames(video)
    assert frames.shape == clean.shape
    marks = [strongest_mark(frames[i], clean[i]) for i in range(len(frames))]
    weakest = min(strength for strength, _ in marks)
    assert weakest >= MARK, f"a frame without the badge (weakest mark {weakest:.1f})"
    assert len({where for _, where in marks[:: django_settings.RENDER_FPS]}) >= 2


def test_the_poster_is_cut_from_the_watermarked_frames(make_user, client_for, render_kept):
    alice, bob = make_user("alice"), make_user("bob")
    job, clean = render_kept(alice)
    _, item = published_urls(client_for, alice, bob, job)

    poster = np.asarray(Image.open(io.BytesIO(body(Client().get(item["poster_url"])))).convert("RGB"))
    frames = decoded_frames(body(Client().get(item["video_url"])))
    index = min(len(clean) - 1, django_settings.RENDER_FPS)

    assert poster.shape == clean[index].shape
    # Against the clean frame the badge stands out; against the served (watermarked) frame nothing does.
    assert strongest_mark(poster, clean[index])[0] >= MARK
    assert strongest_mark(poster, frames[index])[0] < MARK / 2


def test_the_poster_carries_a_trusted_c2pa_manifest_saying_it_is_ai_made(make_user, client_for, render_kept):
    alice, bob = make_user("alice"), make_user("bob")
    job, _ = render_kept(alice, duration_s=1)
    _, item = published_urls(client_for, alice, bob, job)
    poster = body(Client().get(item["poster_url"]))
    assert poster[:3] == b"\xff\xd8\xff"

    context = c2pa.Context(settings=c2pa.Settings.from_dict({"trust": {"user_anchors": anchor().decode()}}))
    try:
        with c2pa.Reader("image/jpeg", io.BytesIO(poster), context=context) as reader:
            store = json.loads(reader.json())
    except c2pa.C2paError.ManifestNotFound:
        store = None

    assert store is not None, "no C2PA manifest in the poster"
    assert store["validation_state"] == "Trusted"
    assert TRAINED_ALGORITHMIC_MEDIA in json.dumps(store["manifests"][store["active_manifest"]])


@pytest.mark.parametrize(
    ("aspect_ratio", "duration_s", "cut"),
    [("16:9", 5, "top_and_bottom"), ("9:16", 5, "top_and_bottom"), ("16:9", 5, "every_edge"), ("9:16", 1, "every_edge")],
)
def test_a_crop_keeping_80_percent_of_the_picture_still_shows_the_watermark(
    make_user, client_for, render_kept, aspect_ratio, duration_s, cut
):
    """Got through when written (a letterbox cut of a 5 s video left no mark: the anchors of its first 10 s all sat in
    the edge bands). Now every other anchor, the first included, lies a quarter of the way in."""
    alice, bob = make_user("alice"), make_user("bob")
    job, clean = render_kept(alice, aspect_ratio=aspect_ratio, duration_s=duration_s)
    _, item = published_urls(client_for, alice, bob, job)
    frames = decoded_frames(body(Client().get(item["video_url"])))
    height, width = frames.shape[1], frames.shape[2]
    # Guard: uncropped, every frame shows the badge (so what the crop loses is the badge, not the measure).
    assert min(strongest_mark(frames[i], clean[i])[0] for i in range(len(frames))) >= MARK

    top, bottom = int(np.ceil(height * 0.10)), int(np.floor(height * 0.90))
    left, right = (int(np.ceil(width * 0.10)), int(np.floor(width * 0.90))) if cut == "every_edge" else (0, width)
    kept = [
        strongest_mark(frames[i, top:bottom, left:right], clean[i, top:bottom, left:right])[0]
        for i in range(len(frames))
    ]

    # The first two seconds keep the mark on every frame, and no stretch of the video loses it for long.
    first_segment = kept[: min(len(kept), 2 * django_settings.RENDER_FPS)]
    assert min(first_segment) >= MARK, f"the first seconds lose the badge (weakest {min(first_segment):.1f})"
    assert max(kept) >= MARK


# ---- the signature over time ---------------------------------------------------------------------------------------


@pytest.mark.xfail(
    strict=True,
    reason="signed without a trusted timestamp here: once the signing certificate expires the served video's "
    "manifest reads Invalid (signingCredential.expired). A deployment sets C2PA_TIMESTAMP_URL (an RFC 3161 "
    "authority, passed to the signer since 2026-12-07); no authority is reachable from this machine, so the "
    "embedded default and CI sign without one",
)
def test_an_exported_manifest_stays_valid_after_the_signing_certificate_expires(
    make_user, client_for, render_kept, monkeypatch
):
    # A deployment whose signer certificate ends a few seconds after this video is signed (as every certificate
    # ends: the development one after 825 days, a production one by its CA's policy).
    now = dt.datetime.now(tz=dt.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = signing_keys._root_certificate(root_key, now)
    root_pem = root.public_bytes(serialization.Encoding.PEM)
    lifetime_s = 6
    expires: list[float] = []

    def short_lived_material() -> tuple[bytes, bytes]:
        signer_key = ec.generate_private_key(ec.SECP256R1())
        issued = dt.datetime.now(tz=dt.UTC) - dt.timedelta(days=825) + dt.timedelta(seconds=lifetime_s)
        signer = signing_keys._signer_certificate(signer_key, root=root, root_key=root_key, now=issued)
        expires.append(signer.not_valid_after_utc.timestamp())
        key_pem = signer_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return signer.public_bytes(serialization.Encoding.PEM) + root_pem, key_pem

    monkeypatch.setattr(pipeline, "signing_material", short_lived_material)
    alice, bob = make_user("alice"), make_user("bob")
    job, _ = render_kept(alice, duration_s=1)
    _, item = published_urls(client_for, alice, bob, job)
    video = body(Client().get(item["video_url"]))
    fresh = read_manifest(io.BytesIO(video), trust_anchor_pem=root_pem)
    assert fresh.validation_state == "Trusted", fresh.failures

    time.sleep(max(0.0, expires[-1] - time.time()) + 1.5)
    later = read_manifest(io.BytesIO(video), trust_anchor_pem=root_pem)

    assert later.validation_state == "Trusted", later.failures


# ---- failures inside the worker -------------------------------------------------------------------------------------


def test_a_render_that_fails_while_signing_leaves_nothing_to_serve(make_user, client_for, monkeypatch, no_dispatch):
    alice = make_user("alice")
    job = services.generation_submit(owner=alice, prompt="a ball bounces on a beach", duration_s=1, resolution="360p")

    def signer_down(**kwargs):
        Path(kwargs["dst"]).write_bytes(b"half a signed video")  # what a crash mid-write could leave
        raise RuntimeError("HSM unavailable")

    monkeypatch.setattr(pipeline, "sign_mp4", signer_down)
    with pytest.raises(RuntimeError):
        services.generation_render(job_id=job.pk)
    services.generation_fail(job_id=job.pk, reason="render_error:RuntimeError")  # as the task does

    job.refresh_from_db()
    assert job.state == GenerationJob.State.FAILED and not job.video and not job.poster
    assert stored_files() == []  # no unsigned encode, no poster, no half-signed file, no scratch folder
    shown = client_for(alice).get(f"/api/v1/generations/{job.pk}/").json()
    assert shown["video_url"] is None and shown["poster_url"] is None


def test_a_store_that_fails_midway_leaves_no_file_of_the_video_behind(make_user, monkeypatch, no_dispatch):
    alice = make_user("alice")
    job = services.generation_submit(owner=alice, prompt="a ball bounces on a beach", duration_s=1, resolution="360p")
    real_save = FileSystemStorage.save

    def poster_store_down(self, name, content, max_length=None):
        if str(name).startswith("posters/"):
            raise OSError("disk full")
        return real_save(self, name, content, max_length=max_length)

    monkeypatch.setattr(FileSystemStorage, "save", poster_store_down)
    with pytest.raises(OSError):
        services.generation_render(job_id=job.pk)
    services.generation_fail(job_id=job.pk, reason="render_error:OSError")

    job.refresh_from_db()
    assert job.state == GenerationJob.State.FAILED and not job.video
    assert stored_files() == [], [str(p.relative_to(django_settings.MEDIA_ROOT)) for p in stored_files()]


# ---- signed URLs after the audience changes ---------------------------------------------------------------------


def _refused(client: Client, url: str, etag: str) -> list[int]:
    return [
        client.get(url).status_code,
        client.head(url).status_code,
        client.get(url, HTTP_RANGE="bytes=0-9").status_code,
        client.get(url, HTTP_IF_NONE_MATCH=etag).status_code,
    ]


@pytest.mark.parametrize(
    "change",
    [
        "made_private",
        "followers_only_and_viewer_unfollows",
        "author_blocks_viewer",
        "viewer_blocks_author",
        "author_deletes_post",
        "author_banned",
        "viewer_deactivated",
    ],
)
def test_urls_handed_out_for_a_post_stop_serving_it_once_the_viewer_may_no_longer_see_it(
    make_user, client_for, publish, follow, change
):
    alice, bob = make_user("alice"), make_user("bob")
    follow(bob, alice)
    post = publish(alice, visibility="followers" if change == "followers_only_and_viewer_unfollows" else "public")
    item = client_for(bob).get(f"/api/v1/posts/{post.pk}/").json()["post"]
    own = client_for(alice).get(f"/api/v1/generations/{post.job_id}/").json()["video_url"]
    player = Client()
    urls = [item["video_url"], item["poster_url"]]
    etags = []
    for url in urls:
        first = player.get(url)
        assert first.status_code == 200
        etags.append(first["ETag"])
        assert player.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    if change == "made_private":
        post_update(post_id=post.pk, actor=alice, visibility="private")
    elif change == "followers_only_and_viewer_unfollows":
        user_unfollow(follower=bob, followee=alice)
    elif change == "author_blocks_viewer":
        user_block(blocker=alice, blocked=bob)
    elif change == "viewer_blocks_author":
        user_block(blocker=bob, blocked=alice)
    elif change == "author_deletes_post":
        post_delete(post_id=post.pk, actor=alice)
    elif change == "author_banned":
        alice.banned_at = timezone.now()
        alice.save(update_fields=["banned_at"])
    else:
        bob.is_active = False
        bob.save(update_fields=["is_active"])

    for url, etag in zip(urls, etags, strict=True):
        assert _refused(player, url, etag) == [404, 404, 404, 404]
    # The author's own URL still plays (a draft's or a hidden post's files are the creator's), unless banned.
    assert Client().get(own).status_code == (404 if change == "author_banned" else 200)


# ---- object storage: the presigned redirect ---------------------------------------------------------------------


def _status_of(url: str) -> int:
    request = urllib.request.Request(url, headers={"Range": "bytes=0-99"})  # noqa: S310 - the local test S3 server
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("hidden_by", ["takedown", "consent_withdrawn", "deleted_by_author"])
def test_a_presigned_url_from_before_a_video_was_hidden_serves_it_no_more(
    s3_storage, make_user, make_cameo, client_for, no_dispatch, hidden_by, django_capture_on_commit_callbacks
):
    # Mended 2026-12-07 (it was a strict xfail): with S3 the 302 hands out a presigned URL and the store asks nobody
    # again, so it served the video for the rest of its life (60 s, media_delivery.PRESIGNED_TTL_S). Hiding a video
    # from everyone now moves its files to new names (generation.services.generation_media_rename).
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    cameo = make_cameo(carol, handle="carol_cam", level="everyone")
    job = services.generation_submit(owner=alice, prompt="@carol_cam waves on a beach", duration_s=1, resolution="360p")
    assert services.generation_render(job_id=job.pk) == GenerationJob.State.SUCCEEDED
    post_id, item = published_urls(client_for, alice, bob, job)

    redirect = Client().get(item["video_url"])
    assert redirect.status_code == 302
    presigned = redirect["Location"]
    poster_presigned = Client().get(item["poster_url"])["Location"]
    assert _status_of(presigned) == 206  # bob's player streams from the store

    with django_capture_on_commit_callbacks(execute=True):
        if hidden_by == "takedown":
            post_take_down(post=job.post, moderator=make_user("mod"), reason="harassment")
        elif hidden_by == "deleted_by_author":
            post_delete(post_id=post_id, actor=alice)
        else:
            cameo_update(cameo=cameo, actor=carol, level="only_me")
    # The platform's own URL is refused at once (held) ...
    assert Client().get(item["video_url"]).status_code == 404
    assert client_for(bob).get(f"/api/v1/posts/{post_id}/").status_code == 404

    # ... and so are the store's URLs the player already holds, the video's and the poster's.
    assert _status_of(presigned) in (403, 404)
    assert _status_of(poster_presigned) in (403, 404)

    # Whoever may still see it is handed the new names: the author, of a draft taken down or deleted as a post.
    own = client_for(alice).get(f"/api/v1/generations/{job.pk}/").json()
    if hidden_by == "consent_withdrawn":
        assert not own["video_url"]
    else:
        fresh = Client().get(own["video_url"])
        assert fresh.status_code == 302 and fresh["Location"] != presigned
        assert _status_of(fresh["Location"]) == 206


# ---- remix sources -------------------------------------------------------------------------------------------------


def test_a_remix_carries_none_of_its_parents_pictures_and_one_of_a_taken_down_parent_is_not_rendered(
    make_user, client_for, render_kept
):
    alice, bob = make_user("alice"), make_user("bob")
    parent, _ = render_kept(alice, duration_s=1)
    post = post_publish(author=alice, generation_id=parent.pk)

    def remix_of_parent() -> GenerationJob:
        return services.generation_submit(
            owner=bob, prompt="a ball bounces on a beach at night", duration_s=1, resolution="360p", seed=3,
            parent_job=parent,
        )  # fmt: skip

    # A remix rendered while the parent may be remixed signs the parent in, but carries none of its pictures
    remix = remix_of_parent()
    assert services.generation_render(job_id=remix.pk) == GenerationJob.State.SUCCEEDED
    shown = client_for(bob).get(f"/api/v1/generations/{remix.pk}/").json()
    remix_bytes = body(Client().get(shown["video_url"]))
    with av.open(parent.video.path) as container:
        packets = [bytes(p) for p in container.demux(container.streams.video[0]) if p.size > 256]
    assert packets
    assert not any(packet in remix_bytes for packet in packets[:8]), "the parent's video packets are in the remix"
    report = read_manifest(io.BytesIO(remix_bytes), trust_anchor_pem=anchor())
    assert report.validation_state == "Trusted"
    (ingredient,) = [i for i in report.raw["manifests"][report.active_label]["ingredients"]]
    assert ingredient["relationship"] == "parentOf" and "thumbnail" not in ingredient

    # One requested before a moderator took the parent down is not rendered at all (since 2026-12-07: until then it
    # rendered and signed the taken-down video in; remix.services.remix_parent_check, asked before the render)
    late = remix_of_parent()
    post_take_down(post=post, moderator=make_user("mod"), reason="spam")
    assert services.generation_render(job_id=late.pk) == GenerationJob.State.BLOCKED
    late.refresh_from_db()
    assert late.state_reason == "remix_refused:post_not_found" and not late.video
