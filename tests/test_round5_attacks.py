# ruff: noqa: F811 - pytest fixtures imported from other test modules are parameters of the tests
"""Attacks on 1a7c94d (round 4 on the last mends): a deleted cameo's face searches end and are blanked
(`face_searches_forget_cameo`), the media task ends quietly on a gone search, decisions lock the case before the
person, an account's deletion locks its cases, and a moderator may not decide on a video of their own likeness.

Each attempt is one test. One the code refuses asserts the refusal and that nothing changed; one that got through
asserts what should happen and was a strict xfail whose reason said where it got through, until it was mended.

Not repeated here: a search whose cameo is deleted during its analysis, a refused upload delete of a deleted cameo's
search, the ban/appeal and reporter-deletion deadlocks, appearance_remove_by_moderator on one's own likeness
(tests/test_last_mends_attacks_round4.py).

GOT THROUGH, all MENDED the same day: `moderation.services._refuse_own_likeness` is asked by every decision on a post
(a take-down, a warning, a suspension, a ban, a removal), and `face_search_create` asks the cameo again on its locked
row.

As found:
- test_a_moderator_cannot_take_down_a_video_of_their_own_likeness_through_case_act: the own-likeness refusal is in
  appearance_remove_by_moderator only; kind=take_down on the same case is not refused (`_take_down_target`).
- test_a_moderator_cannot_ban_the_creator_of_a_video_of_their_own_likeness: likewise kind=ban (`_subject_of`).
- test_no_face_search_is_queued_for_a_cameo_deleted_while_the_upload_was_checked: `face_search_create` checks the
  cameo the view read, unlocked; a search inserted after `face_searches_forget_cameo` ran is never forgotten.

HELD:
- a media task redelivered after the cameo's deletion: a finished search stays blanked, a waiting one answers failed
  (cameo_deleted), a search gone with its account answers "gone";
- a reporter deleted in autocommit (`User.objects.get(...).delete()`): no TransactionManagementError from
  `remember_reported_cases`' select_for_update (the Collector's atomic block), the case is recounted and closed.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cameos.models import Cameo
from cameos.services import cameo_delete
from feed.models import Post
from generation import face_search as face_search_module
from generation import tasks
from generation.models import FaceSearch
from moderation import services
from moderation.models import ModerationAction, ModerationCase, Report
from sora_social.accounts.models import User
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures
from tests.test_account_deletion_leftovers_attacks import face_search
from tests.test_moderation_and_cameo_deletion_attacks import mods  # noqa: F401 - fixture

# ==== 1. a moderator's own likeness through the other actions of case_act ==========================================


def _reported_video_with_the_moderators_face(make_user, make_cameo, publish, moderator, tag):
    bob = make_user(f"bob_{tag}")
    own = make_cameo(moderator, handle=f"mod_{tag}_cam", level="everyone")
    post = publish(bob, prompt=f"@mod_{tag}_cam skateboards", cameos=[own])
    services.report_create(
        reporter=make_user(f"witness_{tag}"), target_type="post", target_id=str(post.pk), reason="minor_safety"
    )
    return bob, post, ModerationCase.objects.get()


@pytest.mark.django_db
def test_a_moderator_cannot_take_down_a_video_of_their_own_likeness_through_case_act(
    make_user, make_cameo, publish, mods
):
    moderator = mods[0]
    _bob, post, case = _reported_video_with_the_moderators_face(make_user, make_cameo, publish, moderator, "td")

    with pytest.raises(services.ModerationError) as refused:
        services.case_act(case=case, moderator=moderator, kind="take_down", reason="My face, my call.")

    assert (refused.value.status, refused.value.code) == (403, "own_content")
    assert list(Report.objects.values_list("status", flat=True)) == ["open"]
    assert not ModerationAction.objects.exists()
    assert Post.objects.get(pk=post.pk).taken_down_at is None


@pytest.mark.django_db
def test_a_moderator_cannot_ban_the_creator_of_a_video_of_their_own_likeness(make_user, make_cameo, publish, mods):
    moderator = mods[0]
    bob, _post, case = _reported_video_with_the_moderators_face(make_user, make_cameo, publish, moderator, "bn")

    with pytest.raises(services.ModerationError) as refused:
        services.case_act(case=case, moderator=moderator, kind="ban", reason="He used my face.")

    assert (refused.value.status, refused.value.code) == (403, "own_content")
    assert not ModerationAction.objects.exists()
    assert User.objects.get(pk=bob.pk).is_active


# ==== 2. the media task redelivered after the cameo's deletion ======================================================


@pytest.mark.django_db
def test_a_face_search_task_redelivered_after_its_cameo_was_deleted_brings_back_nothing(
    make_user, make_cameo, django_capture_on_commit_callbacks
):
    """HELD: a finished search stays blanked and a waiting one ends failed; the task answers their status, not a
    result, and a search gone with its account answers "gone"."""
    alice = make_user("alice_rd")
    cameo = make_cameo(alice, handle="alice_rd_cam")
    done = face_search(
        alice, cameo, status=FaceSearch.Status.DONE, found=True, results={"times_s": [1.0]},
        provenance={"made_here": False},
    )
    waiting = face_search(alice, cameo)

    with django_capture_on_commit_callbacks(execute=True):
        cameo_delete(cameo=Cameo.objects.get(pk=cameo.pk), actor=alice)
        answers = [tasks.face_search_run_task.apply(args=[pk]).get() for pk in (done.pk, waiting.pk)]

    assert answers == [FaceSearch.Status.DONE, FaceSearch.Status.FAILED]
    rows = {s.pk: s for s in FaceSearch.objects.filter(cameo_id=cameo.pk)}
    assert rows[waiting.pk].reason == "cameo_deleted"
    assert [(s.found, s.results, s.provenance, s.upload.name) for s in rows.values()] == [(None, {}, {}, "")] * 2

    User.objects.get(pk=alice.pk).delete()
    assert tasks.face_search_run_task.apply(args=[waiting.pk]).get() == "gone"


@pytest.mark.django_db
def test_no_face_search_is_queued_for_a_cameo_deleted_while_the_upload_was_checked(
    make_user, make_cameo, monkeypatch, django_capture_on_commit_callbacks
):
    alice = make_user("alice_nq")
    cameo = make_cameo(alice, handle="alice_nq_cam")
    seen_by_the_view = Cameo.objects.get(pk=cameo.pk)  # the request read the cameo: verified
    queued: list[int] = []
    monkeypatch.setattr(face_search_module, "_probe", lambda upload: 3.0)
    monkeypatch.setattr(face_search_module, "_queue_analysis", lambda search: queued.append(search.pk))
    with django_capture_on_commit_callbacks(execute=True):
        cameo_delete(cameo=Cameo.objects.get(pk=cameo.pk), actor=alice)  # committed while the upload was probed

    with pytest.raises(face_search_module.FaceSearchError) as refused:
        face_search_module.face_search_create(
            owner=alice, cameo=seen_by_the_view, upload=SimpleUploadedFile("me.mp4", b"a video of my face")
        )

    assert refused.value.code == "not_found"
    assert not FaceSearch.objects.filter(cameo_id=cameo.pk).exists()
    assert queued == []


# ==== 3. an account deleted outside a transaction ==================================================================


@pytest.mark.django_db(transaction=True)
def test_a_reporter_deleted_in_autocommit_is_deleted_and_their_case_recounted(make_user, make_cameo, publish):
    """HELD: the pre_delete signal's select_for_update runs inside the Collector's own atomic block, so a delete in
    autocommit (an operator's shell) raises no TransactionManagementError, and the case is recounted."""
    author, reporter = make_user("author_ac"), make_user("reporter_ac")
    post = publish(author, prompt="a quiet lake")
    services.report_create(reporter=reporter, target_type="post", target_id=str(post.pk), reason="other")
    case = ModerationCase.objects.get()
    assert case.report_count == 1

    User.objects.get(pk=reporter.pk).delete()

    assert not User.objects.filter(pk=reporter.pk).exists()
    assert not Report.objects.exists()
    case.refresh_from_db()
    assert (case.report_count, case.status) == (0, ModerationCase.Status.CLOSED)
