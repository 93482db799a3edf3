# ruff: noqa: F811 - pytest fixtures imported from other test modules are parameters of the tests
"""Attacks on the last three mends (03f0b5f account-deletion leftovers, 154c4ec backends keep no face input, 4437024
moderation and cameo deletion).

Each attempt is one test. One the code refuses asserts the refusal and that nothing changed; one that got through
asserts what should happen and was a strict xfail whose reason said where it got through, until it was mended.

Not repeated here (tested elsewhere): a render in flight when its cameo is deleted (tests/generation/
test_task_layer_attacks.py: blocked, nothing stored); a co-cast video created by a third person (tests/
test_moderation_and_cameo_deletion_attacks.py); one case taken down, one appearance removed or two appeals answered by
two moderators at once, a report filed while a moderator warns (same file); a deleted reporter's counts and a deleted
appellant's case (tests/test_account_deletion_leftovers_attacks.py, test_moderation_and_cameo_deletion_attacks.py).

GOT THROUGH, all MENDED the same day: a deleted cameo's face searches end and are blanked, their rows kept so a
refused upload delete stays named for the sweep (`generation.face_search.face_searches_forget_cameo`), and the media
task ends quietly on a search gone with its account; the render's geometry cache is a context variable; every
decision locks the case before the person (`_subject_of`), and an account's deletion locks its cases before the
cascade takes its reports; a moderator may not decide on a video of their own likeness (403 `own_content`).

As found:
- test_a_face_search_upload_the_store_refused_to_delete_with_its_cameo_stays_named_for_the_sweep:
  `generation_forget_deleted_cameo` deletes the FaceSearch rows, then tries the uploads once after the commit
  (`_delete_quietly`); a delete the store refuses leaves a video of the person's face in the bucket, named by no row,
  where no sweep looks (every other biometric upload names a refused delete on its row again).
- test_a_face_search_whose_cameo_is_deleted_while_it_is_analysed_ends_quietly: `face_search_run` re-reads the
  search with `.get()` after the analysis; the row went with the cameo, so the media task raises DoesNotExist (and
  again in `face_search_fail`, from its except clause).
- test_two_renders_overlapping_in_one_process_leave_no_face_geometry_behind: `geometry_cache_for_one_render` swaps a
  module global; two renders in threads that end in the order they started leave the first render's dict installed
  for good, holding its faces' geometry, and every later `locate_face` (in or out of a render) fills it.
- test_a_ban_taken_while_another_moderator_overturns_a_suspension_on_the_case_does_not_deadlock: `user_ban` locks the
  person (`_subject_of`) then the case (`_record`), `appeal_decide` the case then the person (`_lift_one`): one of the
  two is aborted by PostgreSQL ("deadlock detected", a 500 in the admin).
- test_a_reporter_deleted_while_a_moderator_decides_their_case_does_not_deadlock: the deletion deletes the reports and
  then locks the case (`cases_recount`, post_delete); the decision locked the case and then updates its open reports
  (`_record`), one of which the deletion holds: one of the two is aborted.
- test_a_moderator_cannot_decide_the_reports_on_a_video_of_their_own_likeness: `appearance_remove_by_moderator` refuses
  the post's author only; a moderator whose cameo is cast in someone else's reported video removes it as a moderator,
  closes every report on it as actioned and records an adverse decision against the creator.

HELD:
- deleting one's own cameo in one's own co-cast video keeps its files; the other cast person's cameo deletion then
  destroys them (the other person's rule wins for their likeness);
- a remix by someone else of the owner's own video is destroyed while the owner's own is kept; its creator is told once;
  nothing reading either answers a 500;
- with a store refusing deletes, every file of a deleted cameo's videos stays named by a row, and the next daily purge
  deletes them (a removal is due at once, not after the grace period);
- a moderator removing a cameo's appearance while its owner deletes the cameo: one waits for the other, both succeed;
- a deleted job deletes only its own render names: its remix, the demo corpus's shared placeholder and a job
  with no reference keep theirs;
- a render that raises, and a render inside a render, leave the geometry cache as it was;
- a moderator cannot ban, warn or suspend themselves through case_act (403 own_account);
- a recount never reopens a closed case and never closes one whose appeal waits;
- a banned person's post and comment answer a report like missing ones.
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from django.db import connection
from django.utils import timezone

from cameos.models import Appearance, Cameo
from cameos.services import cameo_delete
from feed.models import Post
from feed.services.reactions import comment_create
from feed.services.retention import hidden_media_purge
from generation import face_search as face_search_module
from generation import services as generation
from generation.backends.base import RenderSpec
from generation.backends.reference import ReferenceRenderer
from generation.backends.reference import faces as reference_faces
from generation.face_search import FaceSearchAnalysis, face_search_uploads_sweep
from generation.models import FaceSearch, GenerationJob
from moderation import services
from moderation.models import Appeal, ModerationAction, ModerationCase, Report
from sora_social.accounts.models import User
from sora_social.notifications.models import Notification
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures
from tests.test_account_deletion_leftovers_attacks import face_search
from tests.test_latest_mends_attacks import _refuse_store_deletes
from tests.test_moderation_and_cameo_deletion_attacks import (
    case_of,
    files_of,
    hold_save_of,
    mods,  # noqa: F401 - fixture
    wait_for_a_lock_wait,
)

# ---- helpers -------------------------------------------------------------------------------------------------------


def names_of(job_id: int) -> set[str]:
    job = GenerationJob.objects.get(pk=job_id)
    return {name for name in (job.video.name, job.poster.name, *job.stale_media_names) if name}


def every_name_held_by_a_row() -> set[str]:
    held: set[str] = set()
    for video, poster, stale in GenerationJob.objects.values_list("video", "poster", "stale_media_names"):
        held |= {name for name in (video, poster, *(stale or [])) if name}
    held |= {name for name in FaceSearch.objects.values_list("upload", flat=True) if name}
    return held


class Concurrent:
    """Functions run on threads of their own, each with its own database connection; their errors are kept here (a
    deadlock is an error of one of them), not raised at teardown."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.threads: list[threading.Thread] = []

    def start(self, function) -> threading.Thread:
        def run() -> None:
            try:
                function()
            except BaseException as exc:  # noqa: BLE001 - kept for the test to assert on
                self.errors.append(exc)
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        self.threads.append(thread)
        return thread

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=60)


# ==== 1. deleting a cameo (03f0b5f, 4437024) ========================================================================


@pytest.mark.django_db
def test_ones_own_co_cast_video_is_kept_when_one_deletes_ones_cameo_and_destroyed_when_the_other_cast_deletes_theirs(
    make_user, make_cameo, publish, client_for, django_capture_on_commit_callbacks
):
    alice, bob = make_user("alice_oc"), make_user("bob_oc")
    alice_cam = make_cameo(alice, handle="alice_oc_cam", level="only_me")
    bob_cam = make_cameo(bob, handle="bob_oc_cam", level="everyone")
    post = publish(alice, prompt="@alice_oc_cam and @bob_oc_cam dance", cameos=[alice_cam, bob_cam])
    files = files_of(post.job)

    # Alice deletes her own cameo: her own video is withdrawn, its files kept for review.
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(alice).delete(f"/api/v1/cameos/{alice_cam.pk}/").status_code == 204
    assert files and all(path.exists() for path in files)
    assert Appearance.objects.get(cameo=bob_cam).removed_at is None
    assert client_for(make_user("viewer_oc")).get(f"/api/v1/posts/{post.pk}/").status_code == 404

    # Bob's face is in it too, and the video is not his: deleting his cameo destroys it, as removing it would.
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(bob).delete(f"/api/v1/cameos/{bob_cam.pk}/").status_code == 204
    assert not any(path.exists() for path in files)
    assert client_for(alice).get(f"/api/v1/generations/{post.job_id}/").status_code < 500
    assert client_for(alice).get(f"/api/v1/posts/{post.pk}/").status_code < 500


@pytest.mark.django_db
def test_a_remix_by_someone_else_of_the_owners_own_video_is_destroyed_and_the_owners_own_kept(
    make_user, make_cameo, publish, client_for, django_capture_on_commit_callbacks
):
    alice, carol, viewer = make_user("alice_rx"), make_user("carol_rx"), make_user("viewer_rx")
    cameo = make_cameo(alice, handle="alice_rx_cam", level="everyone")
    own = publish(alice, prompt="@alice_rx_cam juggles", cameos=[cameo])
    # A remix casts its parent's cameos (remix.services.remix_create): Carol's video has Alice's face too.
    remix = publish(carol, prompt="@alice_rx_cam juggles on the moon", cameos=[cameo], parent=own)
    own_files, remix_files = files_of(own.job), files_of(remix.job)

    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(alice).delete(f"/api/v1/cameos/{cameo.pk}/").status_code == 204

    assert all(path.exists() for path in own_files)
    assert not any(path.exists() for path in remix_files)
    told = Notification.objects.filter(kind=Notification.Kind.VIDEO_WITHDRAWN)
    assert [(n.recipient_id, n.data["generation"]) for n in told] == [(carol.pk, remix.job_id)]
    reads = [
        client_for(carol).get(f"/api/v1/generations/{remix.job_id}/"),
        client_for(carol).get(f"/api/v1/posts/{remix.pk}/"),
        client_for(viewer).get(f"/api/v1/posts/{remix.pk}/lineage/"),
        client_for(viewer).get(f"/api/v1/posts/{own.pk}/remixes/"),
        client_for(alice).get(f"/api/v1/posts/{own.pk}/"),
        client_for(alice).get(f"/api/v1/generations/{own.job_id}/"),
    ]
    assert [r.status_code for r in reads if r.status_code >= 500] == []
    assert client_for(viewer).get(f"/api/v1/posts/{remix.pk}/").status_code == 404


@pytest.mark.django_db
def test_with_a_store_refusing_deletes_every_file_of_a_deleted_cameos_videos_stays_named_by_a_row(
    s3_storage, make_user, make_cameo, publish, monkeypatch, django_capture_on_commit_callbacks
):
    alice, carol = make_user("alice_sn"), make_user("carol_sn")
    cameo = make_cameo(alice, handle="alice_sn_cam", level="everyone")
    others = publish(carol, prompt="@alice_sn_cam waves", cameos=[cameo])
    own = publish(alice, prompt="@alice_sn_cam waves back", cameos=[cameo])
    assert set(s3_storage.keys()) == names_of(others.job_id) | names_of(own.job_id)
    _refuse_store_deletes(monkeypatch, 10_000)

    with django_capture_on_commit_callbacks(execute=True):
        cameo_delete(cameo=cameo, actor=alice)

    # Whatever the store kept, a row still names it for a purge to find.
    assert set(s3_storage.keys()) <= every_name_held_by_a_row()


@pytest.mark.django_db
def test_a_face_search_upload_the_store_refused_to_delete_with_its_cameo_stays_named_for_the_sweep(
    s3_storage, make_user, make_cameo, monkeypatch, django_capture_on_commit_callbacks
):
    alice = make_user("alice_fu")
    cameo = make_cameo(alice, handle="alice_fu_cam")
    waiting = face_search(alice, cameo)  # a video of her face, waiting for a media worker
    upload = waiting.upload.name
    assert upload in s3_storage.keys()
    refusals = _refuse_store_deletes(monkeypatch, 10_000)

    # She deletes her cameo while the store is busy.
    with django_capture_on_commit_callbacks(execute=True):
        cameo_delete(cameo=cameo, actor=alice)
    assert upload in s3_storage.keys()

    # The store works again, and every sweep and purge runs.
    refusals["left"] = 0
    later = timezone.now() + timezone.timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        face_search_uploads_sweep(now=later)
        generation.generation_stale_media_delete()
        hidden_media_purge(now=later)

    assert upload not in s3_storage.keys()


@pytest.mark.django_db
def test_a_deleted_cameos_video_the_store_refused_to_delete_is_not_kept_for_the_grace_period(
    s3_storage, settings, make_user, make_cameo, publish, monkeypatch, django_capture_on_commit_callbacks
):
    settings.HIDDEN_MEDIA_RETENTION_DAYS = 30
    alice, carol = make_user("alice_gp"), make_user("carol_gp")
    cameo = make_cameo(alice, handle="alice_gp_cam", level="everyone")
    post = publish(carol, prompt="@alice_gp_cam waves", cameos=[cameo])
    refusals = _refuse_store_deletes(monkeypatch, 10_000)
    with django_capture_on_commit_callbacks(execute=True):
        cameo_delete(cameo=cameo, actor=alice)
    assert names_of(post.job_id) & set(s3_storage.keys())  # the store refused: her face is still in the bucket

    # The store works again; the hourly sweeps run, and the daily purge the next day (a removal is due at once).
    refusals["left"] = 0
    with django_capture_on_commit_callbacks(execute=True):
        generation.generation_stale_media_delete()
        face_search_uploads_sweep(now=timezone.now() + timezone.timedelta(hours=1))
        hidden_media_purge(now=timezone.now() + timezone.timedelta(days=1))

    assert s3_storage.keys() == []


@pytest.mark.django_db
def test_a_face_search_whose_cameo_is_deleted_while_it_is_analysed_ends_quietly(
    make_user, make_cameo, monkeypatch, django_capture_on_commit_callbacks
):
    alice = make_user("alice_an")
    cameo = make_cameo(alice, handle="alice_an_cam")
    search = face_search(alice, cameo)
    upload = Path(search.upload.path)
    pushed: list[dict] = []

    def analyse_while_the_owner_deletes_the_cameo(path, *, cameo_id):
        cameo_delete(cameo=Cameo.objects.get(pk=cameo_id), actor=alice)
        return FaceSearchAnalysis(
            times_s=[1.0], closest_distance=0.3, frames_analysed=4, faces_seen=1, duration_s=3.0, decode_s=0.0,
            faces_s=0.0,
        )

    monkeypatch.setattr(face_search_module, "face_search_analyse", analyse_while_the_owner_deletes_the_cameo)
    monkeypatch.setattr(
        face_search_module,
        "provenance_verify",
        lambda upload: SimpleNamespace(
            made_here=False, method="none", manifest_state="absent", job_ref=None, created_at=None, is_remix=False
        ),
    )
    monkeypatch.setattr(face_search_module, "push_event", lambda **event: pushed.append(event))

    with django_capture_on_commit_callbacks(execute=True):
        face_search_module.face_search_run(search_id=search.pk)

    # It ends as failed, once, with nothing of the face kept (the row stays so that a refused delete of its upload is
    # still named for the sweep: generation.face_search.face_searches_forget_cameo)
    (ended,) = FaceSearch.objects.filter(cameo_id=cameo.pk)
    assert (ended.status, ended.reason) == (FaceSearch.Status.FAILED, "cameo_deleted")
    assert (ended.found, ended.results, ended.made_by_id, ended.upload.name) == (None, {}, None, "")
    assert not upload.exists()
    assert [event["payload"]["status"] for event in pushed] == ["failed"]


# ==== 2. a deleted job's render names (03f0b5f) =====================================================================


@pytest.mark.django_db
def test_deleting_a_job_deletes_only_its_own_render_names(
    make_user, make_draft, settings, django_capture_on_commit_callbacks
):
    author, remixer = make_user("author_jn"), make_user("remixer_jn")
    parent = make_draft(author)
    remix = make_draft(remixer, parent_job=parent)
    # Two demo-corpus jobs naming one placeholder (feed.demo_seed), and one job with no reference at all.
    placeholder = make_draft(author)
    shared = (placeholder.video.name, placeholder.poster.name)
    demo_one = make_draft(author)
    GenerationJob.objects.filter(pk=demo_one.pk).update(video=shared[0], poster=shared[1], public_ref="demo-1")
    GenerationJob.objects.filter(pk=placeholder.pk).update(public_ref="demo-2")
    no_ref = GenerationJob.objects.create(
        owner=author, prompt="queued", duration_s=2, resolution="360p", aspect_ratio="16:9", style="realistic", seed=1,
        public_ref=None,
    )
    root = Path(settings.MEDIA_ROOT)
    kept = [root / name for name in (*names_of(remix.pk), *shared)]
    gone = [root / name for name in names_of(parent.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        GenerationJob.objects.filter(pk__in=[parent.pk, demo_one.pk, no_ref.pk]).delete()

    assert all(path.exists() for path in kept)
    assert not any(path.exists() for path in gone)


# ==== 3. the reference renderer's face geometry (03f0b5f) ===========================================================


def _a_face_crop(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 255, (48, 48, 3), dtype=np.uint8)


def _spec() -> RenderSpec:
    return RenderSpec(prompt="a ball bounces", duration_s=0.5, resolution="360p")


def test_two_renders_overlapping_in_one_process_leave_no_face_geometry_behind(monkeypatch):
    steps = {name: threading.Event() for name in ("first_in", "second_in", "first_out")}
    errors: list[BaseException] = []

    def first(self, spec, device, progress):
        reference_faces.locate_face(_a_face_crop(1))  # Alice's face, in the first render
        steps["first_in"].set()
        assert steps["second_in"].wait(10)

    def second(self, spec, device, progress):
        steps["second_in"].set()
        assert steps["first_out"].wait(10)
        reference_faces.locate_face(_a_face_crop(2))

    def render(body):
        def run():
            try:
                renderer = ReferenceRenderer()
                renderer._render = body.__get__(renderer)  # the render's body, on this instance only
                renderer.render(_spec(), "cpu")
            except BaseException as exc:  # noqa: BLE001 - asserted below
                errors.append(exc)

        return threading.Thread(target=run)

    one, two = render(first), render(second)
    one.start()
    assert steps["first_in"].wait(10)
    two.start()
    one.join(10)
    steps["first_out"].set()
    two.join(10)

    assert errors == []
    # Both renders are over: no face's geometry is held by the worker any more.
    assert not reference_faces.geometry_cache_now()
    reference_faces.locate_face(_a_face_crop(3))  # a face looked at outside any render
    assert not reference_faces.geometry_cache_now()


def test_a_render_that_raises_or_runs_inside_another_leaves_the_geometry_cache_as_it_was(monkeypatch):
    renderer = ReferenceRenderer()

    def failing(spec, device, progress):
        reference_faces.locate_face(_a_face_crop(4))
        raise RuntimeError("the device went away")

    monkeypatch.setattr(renderer, "_render", failing)
    with pytest.raises(RuntimeError):
        renderer.render(_spec(), "cpu")
    assert reference_faces.geometry_cache_now() is None

    inner = ReferenceRenderer()
    monkeypatch.setattr(inner, "_render", lambda spec, device, progress: reference_faces.locate_face(_a_face_crop(5)))

    def outer_body(spec, device, progress):
        reference_faces.locate_face(_a_face_crop(6))
        outer_cache = reference_faces.geometry_cache_now()
        inner.render(_spec(), "cpu")
        assert reference_faces.geometry_cache_now() is outer_cache and len(outer_cache) == 1

    monkeypatch.setattr(renderer, "_render", outer_body)
    renderer.render(_spec(), "cpu")
    assert reference_faces.geometry_cache_now() is None


# ==== 4. moderation (4437024) =======================================================================================


@pytest.mark.django_db(transaction=True)
def test_a_ban_taken_while_another_moderator_overturns_a_suspension_on_the_case_does_not_deadlock(
    require_postgres, make_user, publish, mods
):
    author = make_user("author_dl")
    post = publish(author)
    suspension = services.user_suspend(case=case_of("post", post.pk), moderator=mods[0], reason="Spam.", days=7)
    appeal = services.appeal_create(action=suspension, appellant=author, text="It was not spam.")
    case_id = ModerationCase.objects.get(status=ModerationCase.Status.APPEALED).pk
    holding, go, stop = hold_save_of(User, lambda u: u.pk == author.pk and u.banned_at is not None, "r4-hold-ban")
    moderators = Concurrent()
    try:
        # One moderator bans the author from the appealed case; the person's row is locked and saved...
        moderators.start(
            lambda: services.user_ban(
                case=ModerationCase.objects.get(pk=case_id), moderator=User.objects.get(pk=mods[1].pk),
                reason="Spam again, after the suspension.",
            )
        )
        assert holding.wait(20)
        # ...while another answers the appeal of the suspension on the same case.
        moderators.start(
            lambda: services.appeal_decide(
                appeal=Appeal.objects.get(pk=appeal.pk), moderator=User.objects.get(pk=mods[2].pk), overturn=True,
                reason="Not spam.",
            )
        )
        assert wait_for_a_lock_wait()
    finally:
        go.set()
        stop()
    moderators.join()

    assert [str(error) for error in moderators.errors] == []
    author.refresh_from_db()
    assert author.banned_at is not None and author.suspended_until is None
    assert Appeal.objects.get(pk=appeal.pk).status == Appeal.Status.OVERTURNED


@pytest.mark.django_db(transaction=True)
def test_a_reporter_deleted_while_a_moderator_decides_their_case_does_not_deadlock(
    require_postgres, make_user, publish, mods
):
    author, reporter = make_user("author_rd"), make_user("reporter_rd")
    post = publish(author)
    services.report_create(reporter=reporter, target_type="post", target_id=str(post.pk), reason="harassment")
    case_id = ModerationCase.objects.get().pk
    holding, go, stop = hold_save_of(ModerationAction, lambda action: action.kind == "warn", "r4-hold-warn")
    both = Concurrent()
    try:
        # A moderator warns the author: the case is locked and the decision written...
        both.start(
            lambda: services.user_warn(
                case=ModerationCase.objects.get(pk=case_id), moderator=User.objects.get(pk=mods[0].pk),
                reason="Be kind.",
            )
        )
        assert holding.wait(20)
        # ...while an operator deletes the reporter's account (a sock puppet, found out).
        both.start(lambda: User.objects.get(pk=reporter.pk).delete())
        assert wait_for_a_lock_wait()
    finally:
        go.set()
        stop()
    both.join()

    assert [str(error) for error in both.errors] == []
    assert not User.objects.filter(pk=reporter.pk).exists()
    case = ModerationCase.objects.get(pk=case_id)
    assert (case.status, case.report_count) == (ModerationCase.Status.CLOSED, 0)
    assert ModerationAction.objects.filter(kind="warn").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_cameo_deleted_while_a_moderator_removes_its_appearance_does_not_deadlock(
    require_postgres, make_user, make_cameo, publish, mods
):
    carol, bob = make_user("carol_cd"), make_user("bob_cd")
    cameo = make_cameo(carol, handle="carol_cd_cam", level="everyone")
    post = publish(bob, prompt="@carol_cd_cam dances", cameos=[cameo])
    services.report_create(reporter=carol, target_type="post", target_id=str(post.pk), reason="likeness_misuse")
    case_id = ModerationCase.objects.get().pk
    holding, go, stop = hold_save_of(
        Appearance, lambda a: a.cameo_id == cameo.pk and a.removed_at is not None, "r4-hold-removal"
    )
    both = Concurrent()
    try:
        # A moderator removes Carol's appearance on her behalf: the appearance is locked and marked removed...
        both.start(
            lambda: services.appearance_remove_by_moderator(
                case=ModerationCase.objects.get(pk=case_id), moderator=User.objects.get(pk=mods[0].pk),
                reason="Her likeness without her say.", cameo_id=cameo.pk,
            )
        )
        assert holding.wait(20)
        # ...while Carol deletes the cameo herself.
        both.start(lambda: cameo_delete(cameo=Cameo.objects.get(pk=cameo.pk), actor=User.objects.get(pk=carol.pk)))
        assert wait_for_a_lock_wait()
    finally:
        go.set()
        stop()
    both.join()

    assert [str(error) for error in both.errors] == []
    assert Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.DELETED
    assert Appearance.objects.get(cameo=cameo).removed_at is not None
    assert ModerationAction.objects.filter(kind="remove_appearance").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["ban", "warn", "suspend"])
def test_a_moderator_cannot_act_on_their_own_account_through_the_queues_form(kind, make_user, publish, mods):
    moderator = mods[0]
    post = publish(moderator)
    services.report_create(reporter=make_user("reporter_oa"), target_type="post", target_id=str(post.pk), reason="other")
    case = ModerationCase.objects.get()

    with pytest.raises(services.ModerationError) as refused:
        services.case_act(case=case, moderator=moderator, kind=kind, reason="Clearing my own record.", days=1)

    assert (refused.value.status, refused.value.code) == (403, "own_account")
    case.refresh_from_db()
    assert case.status == ModerationCase.Status.OPEN
    assert list(Report.objects.values_list("status", flat=True)) == ["open"]
    assert not ModerationAction.objects.exists()
    moderator.refresh_from_db()
    assert moderator.banned_at is None and moderator.suspended_until is None


@pytest.mark.django_db
def test_a_moderator_cannot_decide_the_reports_on_a_video_of_their_own_likeness(make_user, make_cameo, publish, mods):
    moderator, bob = mods[0], make_user("bob_ol")
    own = make_cameo(moderator, handle="mod_ol_cam", level="everyone")
    post = publish(bob, prompt="@mod_ol_cam skateboards", cameos=[own])
    files = files_of(post.job)
    services.report_create(reporter=make_user("witness_ol"), target_type="post", target_id=str(post.pk), reason="minor_safety")
    case = ModerationCase.objects.get()

    with pytest.raises(services.ModerationError) as refused:
        services.appearance_remove_by_moderator(
            case=case, moderator=moderator, reason="My face, my call.", cameo_id=own.pk
        )

    # Another moderator decides; as the cameo's owner they may still remove it themselves (no decision against Bob).
    assert (refused.value.status, refused.value.code) == (403, "own_content")
    assert list(Report.objects.values_list("status", flat=True)) == ["open"]
    assert not ModerationAction.objects.exists()
    assert all(path.exists() for path in files)


@pytest.mark.django_db
def test_a_recount_neither_reopens_a_closed_case_nor_closes_one_whose_appeal_waits(make_user, mods):
    author = make_user("author_rc")
    reporters = [make_user(f"reporter_rc{i}") for i in range(3)]

    def report(reporter, reason: str) -> None:
        services.report_create(reporter=reporter, target_type="profile", target_id=author.handle, reason=reason)

    report(reporters[0], "harassment")
    warning = services.user_warn(case=case_of("profile", author.pk), moderator=mods[0], reason="Harassment.")
    services.appeal_create(action=warning, appellant=author, text="It was a joke.")
    case = ModerationCase.objects.get()
    assert case.status == ModerationCase.Status.APPEALED
    # A report filed while the appeal waits, by an account an operator then deletes.
    report(reporters[1], "other")

    User.objects.get(pk=reporters[1].pk).delete()
    case.refresh_from_db()
    assert case.status == ModerationCase.Status.APPEALED and case.report_count == 1

    User.objects.get(pk=reporters[0].pk).delete()
    case.refresh_from_db()
    assert case.status == ModerationCase.Status.APPEALED and case.report_count == 0

    services.appeal_decide(appeal=Appeal.objects.get(), moderator=mods[1], overturn=False, reason="It stands.")
    case.refresh_from_db()
    assert case.status == ModerationCase.Status.CLOSED
    report(reporters[2], "other")
    later = ModerationCase.objects.exclude(pk=case.pk).get()
    User.objects.get(pk=reporters[2].pk).delete()
    case.refresh_from_db()
    later.refresh_from_db()
    assert case.status == ModerationCase.Status.CLOSED
    assert (later.status, later.report_count) == (ModerationCase.Status.CLOSED, 0)


@pytest.mark.django_db
def test_a_banned_persons_post_and_comment_answer_a_report_like_missing_ones(make_user, publish, client_for):
    me, banned, other = make_user("me_bp"), make_user("banned_bp"), make_user("other_bp")
    post = publish(banned)
    comment, _ = comment_create(post_id=publish(other).pk, author=banned, body="nice one")
    User.objects.filter(pk=banned.pk).update(banned_at=timezone.now())
    client = client_for(me)

    def report(target_type: str, target_id: int):
        return client.post(
            "/api/v1/reports/", {"target_type": target_type, "target_id": str(target_id), "reason": "other"}, format="json"
        )

    answers = {
        "post": report("post", post.pk),
        "missing post": report("post", post.pk + 1000),
        "comment": report("comment", comment.pk),
        "missing comment": report("comment", comment.pk + 1000),
    }

    assert {name: answer.status_code for name, answer in answers.items()} == dict.fromkeys(answers, 404)
    assert answers["post"].json() == answers["missing post"].json()
    assert answers["comment"].json() == answers["missing comment"].json()
    assert not Report.objects.exists()
    assert Post.objects.filter(pk=post.pk).exists()
