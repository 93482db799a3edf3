"""Attacks on moderation (reports, cases, decisions, appeals) and on the newest change to cameo deletion (03f0b5f:
deleting a cameo removes every video with it for good, its files destroyed at once, and deletes the searches for its
face).

Each attempt is one test. One the code refuses asserts the refusal and that nothing changed; one that got through
asserts what should happen and was marked ``xfail(strict=True)`` until it was mended.

Not repeated here (tested elsewhere): report rings and probing through reports, blocks, appeals twice and of someone
else's decision, banned and suspended moderators, one case taken down or one appeal answered by two moderators at once
(tests/moderation/test_moderation_attacks_round3.py, test_moderation_integrity_attacks.py); a deleted reporter's
reports recounted, face searches of a deleted cameo (tests/test_account_deletion_leftovers_attacks.py); a render in
flight when its cameo is deleted (tests/generation/test_task_layer_attacks.py: blocked, nothing stored).

GOT THROUGH, all MENDED the same day: `_record` locks the case before it reads the open reports, and `appeal_decide`
before it undoes anything; a moderator's own content is refused to them for a take-down and a removal (403
`own_content`), and a removal already made is 409 `already_removed`; a deleted appellant's or reporter's cases are
settled (`moderation.services.cases_recount`); a take-down whose video was destroyed since is neither appealed nor
restored (409 `media_purged`); deleting one's cameo destroys other people's videos with it at once but leaves one's
own to the grace period; a banned or closed account's cameo is not reportable (404, as their profile).

As found:
- test_a_report_filed_while_a_moderator_warns_the_author_is_never_left_open_on_a_closed_case: `user_warn` (as
  `user_suspend`, `user_ban`, `user_reinstate`, `appearance_remove_by_moderator` and `appeal_decide`) never locks the
  case; `_record` answers the open reports it sees committed and closes the case. A report written meanwhile under
  `report_create`'s lock (Django's foreign keys are deferred, so the decision's insert does not wait for it) is left
  open on a closed case: in no queue, and its reporter is refused another report of that post (409 `report_exists`).
- test_two_moderators_removing_one_appearance_at_once_make_one_decision: `appearance_remove_by_moderator` reads the
  appearance without its lock and never asks whether it is still live; the second of two moderators (PostgreSQL
  threads) removes nothing (`appearance_withdraw` returns None) and still records a second decision, told to the author.
- test_two_moderators_answering_two_appeals_on_one_target_at_once_leave_no_empty_appeal_in_the_queue: `appeal_decide`
  reads the case without locking it, and `_record` decides "an appeal is still waiting" (`_appeals_waiting`) from
  what is committed; two moderators answering the two appeals of one target (a take-down and a warning) at once each
  see the other's appeal still pending, and the case stays `appealed` for ever with nothing to decide.
- test_a_deleted_appellants_case_leaves_the_appealed_queue: an appeal goes with its appellant's account
  (`Appeal.appellant` CASCADE), but its case keeps the status `appealed` that the appeal gave it: the queue's
  "Appealed" filter holds a case with no appeal and no report.
- test_a_moderator_cannot_close_the_reports_against_their_own_post_by_acting_on_it (take down, remove appearance):
  `case_dismiss` refuses a moderator the reports against their own content (`own_content`), but `content_take_down`
  and `appearance_remove_by_moderator` do not: a moderator reported for minor safety closes the case about their own
  post as "actioned", so no other moderator ever weighs a warning, a suspension or a ban; the removal also destroys
  the video at once.
- test_a_take_down_whose_video_was_destroyed_since_is_not_overturned_into_nothing (cameo deleted, appearance removed):
  the retention purge's version of this was mended (409 `media_purged`); a video whose files its cameo's owner
  destroyed (now: by deleting the cameo) or a moderator's appearance removal destroyed is not marked purged
  (`media_purged_at`), so the appeal is taken and "overturned", and the author is told their post is back while it
  stays hidden with no video.
- test_the_author_of_a_reported_video_cannot_destroy_it_before_review_by_deleting_their_own_cameo: the author of a
  reported video who deletes their own post leaves its files to the moderator (held below); casting their own cameo
  and deleting it (03f0b5f) destroys the files at once, and the moderator reviews "files destroyed".
- test_a_banned_or_deactivated_persons_cameo_answers_a_report_like_a_missing_one: their profile answers 404 like
  nobody (tests/test_information_leak_attacks.py) but their live cameo's id is taken by a report (201), which tells a
  banned or deactivated account (cameo row kept) from a deleted one (row gone) (`moderation.targets._cameo_visible`).

HELD:
- markup, a link and an @mention in a report's and an appeal's text reach the moderator's pages as text, and the
  mention tells nobody;
- the author of a reported video who deletes their post leaves its files for the moderator's review;
- deleting a cameo in a video with another person's cameo removes that video for good, for everyone, as the product
  says ("a person can delete any video that uses them"); its creator is told; the co-cast owner's appearance list, the
  remix's lineage, the parent's remixes, the creator's generation, the moderator's review page and the media view
  answer without an error.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test import Client
from django.utils import timezone

from cameos.models import Appearance
from cameos.services import cameo_delete
from feed.models import Post
from feed.services.posts import post_delete
from generation.models import GenerationJob
from moderation import services
from moderation.models import Appeal, ModerationAction, ModerationCase, Report
from sora_social.accounts.models import User
from sora_social.notifications.models import Notification
from tests.feed.conftest import TINY_MP4, make_draft, publish  # noqa: F401 - shared fixtures
from tests.moderation.world import make_moderator

QUEUE = "/admin/moderation/moderationcase/"


# ---- helpers -------------------------------------------------------------------------------------------------------


@pytest.fixture
def mods(make_user):
    """Three moderators: a decision, and the appeals that another must answer."""
    return [make_moderator(make_user, handle=f"mod_ma{i}") for i in range(3)]


def admin_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def case_of(kind: str, target_id: int) -> ModerationCase:
    return services.case_for_target(target_kind=kind, target_id=target_id)


def files_of(job: GenerationJob) -> list[Path]:
    job.refresh_from_db()
    return [Path(f.path) for f in (job.video, job.poster) if f]


def wait_for_a_lock_wait(timeout: float = 5.0) -> bool:
    """Whether another connection of this database is waiting on a row lock (polled from the test's connection)."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


def hold_save_of(model, when, uid: str):
    """Hold the transaction that saves a matching row of `model` (in its own thread) until `go` is set."""
    holding, go = threading.Event(), threading.Event()

    def hold(sender, instance, **kwargs):
        if when(instance):
            holding.set()
            go.wait(30)

    post_save.connect(hold, sender=model, dispatch_uid=uid, weak=False)
    return holding, go, lambda: post_save.disconnect(sender=model, dispatch_uid=uid)


# ---- reports -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_report_filed_while_a_moderator_warns_the_author_is_never_left_open_on_a_closed_case(
    require_postgres, make_user, publish, mods, in_another_request  # noqa: F811
):
    author, first, second = make_user("author_rw"), make_user("first_rw"), make_user("second_rw")
    post = publish(author)
    services.report_create(reporter=first, target_type="post", target_id=str(post.pk), reason="harassment")
    case_id = ModerationCase.objects.get().pk
    holding, go, stop = hold_save_of(Report, lambda r: r.reporter_id == second.pk, "ma-hold-report")
    try:
        # The second report is written, its transaction still open, while a moderator warns on the case.
        filing = in_another_request(
            lambda: services.report_create(
                reporter=User.objects.get(pk=second.pk), target_type="post", target_id=str(post.pk), reason="minor_safety"
            )
        )
        assert holding.wait(20)
        warning = in_another_request(
            lambda: services.user_warn(
                case=ModerationCase.objects.get(pk=case_id), moderator=User.objects.get(pk=mods[0].pk), reason="Be kind."
            )
        )
        assert wait_for_a_lock_wait() or not warning.is_alive()
    finally:
        go.set()
        stop()
    filing.join(timeout=60)
    warning.join(timeout=60)

    late = Report.objects.select_related("case").get(reporter=second)
    # Answered by the warning, or waiting in the queue: never open on a case nobody will see again.
    assert late.status != Report.Status.OPEN or late.case.status != ModerationCase.Status.CLOSED
    assert ModerationAction.objects.filter(kind="warn").count() == 1
    # (Left open on a closed case, it is in no queue, and its reporter can never report the post again: 409.)


@pytest.mark.django_db
def test_markup_links_and_mentions_in_reports_and_appeals_reach_moderators_as_text(make_user, client_for, publish, mods):  # noqa: F811
    author, reporter, named = make_user("author_mk"), make_user("reporter_mk"), make_user("named_mk")
    post = publish(author)
    payload = '<script src="https://evil.example/x.js"></script><img src=x onerror=alert(1)> @named_mk https://evil.example'
    filed = client_for(reporter).post(
        "/api/v1/reports/",
        {"target_type": "post", "target_id": str(post.pk), "reason": "harassment", "text": payload},
        format="json",
    )
    assert filed.status_code == 201, filed.content
    case = ModerationCase.objects.get(target_kind="post", target_id=post.pk)
    decision = services.content_take_down(case=case, moderator=mods[0], reason="Harassment.")
    appealed = client_for(author).post(
        f"/api/v1/moderation/decisions/{decision.pk}/appeal/", {"text": payload}, format="json"
    )
    assert appealed.status_code == 201, appealed.content
    admin = admin_for(mods[1])

    pages = [
        admin.get(f"{QUEUE}{case.pk}/change/"),
        admin.get("/admin/moderation/report/"),
        admin.get("/admin/moderation/appeal/"),
        admin.get("/admin/moderation/auditevent/"),
    ]

    for page in pages:
        assert page.status_code == 200, page.request["PATH_INFO"]
        html = page.content.decode()
        assert "<script src=\"https://evil.example" not in html and "<img src=x onerror" not in html
        assert 'href="https://evil.example' not in html
    assert "&lt;script" in pages[0].content.decode()  # the review page shows the text, escaped
    assert not Notification.objects.filter(recipient=named).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("standing", ["banned", "deactivated"])
def test_a_banned_or_deactivated_persons_cameo_answers_a_report_like_a_missing_one(
    standing, make_user, make_cameo, client_for
):
    me, owner = make_user("me_bc"), make_user("owner_bc")
    cameo = make_cameo(owner, handle="owner_bc_cam", level="everyone")
    if standing == "banned":
        User.objects.filter(pk=owner.pk).update(banned_at=timezone.now())
    else:
        User.objects.filter(pk=owner.pk).update(is_active=False)
    client = client_for(me)

    def report(target_type: str, target_id: str):
        return client.post(
            "/api/v1/reports/", {"target_type": target_type, "target_id": target_id, "reason": "other"}, format="json"
        )

    profile = report("profile", owner.handle)
    missing = report("cameo", str(cameo.pk + 1000))
    answer = report("cameo", str(cameo.pk))

    assert profile.status_code == missing.status_code == 404
    assert answer.status_code == 404, answer.content
    assert answer.json()["code"] == missing.json()["code"]
    assert not Report.objects.exists()


# ---- decisions and appeals -----------------------------------------------------------------------------------------


def two_appeals_on_one_post(make_user, publish, mods):  # noqa: F811
    """A post taken down and its author warned on it, each decision appealed: both appeals wait on one case."""
    author = make_user("author_two")
    post = publish(author)
    take_down = services.content_take_down(case=case_of("post", post.pk), moderator=mods[0], reason="Spam.")
    warning = services.user_warn(case=case_of("post", post.pk), moderator=mods[0], reason="Spam again.")
    first = services.appeal_create(action=take_down, appellant=author, text="Not spam.")
    second = services.appeal_create(action=warning, appellant=author, text="Not spam either.")
    case = ModerationCase.objects.get(target_kind="post", target_id=post.pk, status=ModerationCase.Status.APPEALED)
    return case, first, second


@pytest.mark.django_db(transaction=True)
def test_two_moderators_answering_two_appeals_on_one_target_at_once_leave_no_empty_appeal_in_the_queue(
    require_postgres, make_user, publish, mods, in_another_request  # noqa: F811
):
    case, first, second = two_appeals_on_one_post(make_user, publish, mods)
    holding, go, stop = hold_save_of(Appeal, lambda a: a.pk == first.pk and a.status != "pending", "ma-hold-appeal")

    def answer(appeal_id: int, moderator_id: int):
        return lambda: services.appeal_decide(
            appeal=Appeal.objects.get(pk=appeal_id), moderator=User.objects.get(pk=moderator_id), overturn=False,
            reason="The decision stands.",
        )

    try:
        # The first answer is written, its transaction still open, when the second moderator answers the other appeal.
        answering_first = in_another_request(answer(first.pk, mods[1].pk))
        assert holding.wait(20)
        answering_second = in_another_request(answer(second.pk, mods[2].pk))
        assert wait_for_a_lock_wait() or not answering_second.is_alive()
    finally:
        go.set()
        stop()
    answering_first.join(timeout=60)
    answering_second.join(timeout=60)

    assert set(Appeal.objects.values_list("status", flat=True)) == {"upheld"}
    case.refresh_from_db()
    # Both appeals answered and no report open: nothing is left for the queue.
    assert case.status == ModerationCase.Status.CLOSED


@pytest.mark.django_db
def test_a_deleted_appellants_case_leaves_the_appealed_queue(make_user, publish, mods):  # noqa: F811
    author = make_user("author_da")
    post = publish(author)
    decision = services.content_take_down(case=case_of("post", post.pk), moderator=mods[0], reason="Spam.")
    services.appeal_create(action=decision, appellant=author, text="Please look again.")
    case = ModerationCase.objects.get(target_kind="post", target_id=post.pk)
    assert case.status == ModerationCase.Status.APPEALED

    # An operator deletes the author's account (the admin, the shell): the appeal goes with it.
    User.objects.get(pk=author.pk).delete()

    assert not Appeal.objects.exists()
    case.refresh_from_db()
    assert case.status != ModerationCase.Status.APPEALED
    appealed = admin_for(mods[1]).get(QUEUE, {"queue": "appealed"})
    assert appealed.status_code == 200 and appealed.context["cl"].result_count == 0


@pytest.mark.django_db(transaction=True)
def test_two_moderators_removing_one_appearance_at_once_make_one_decision(
    require_postgres, make_user, make_cameo, publish, mods, in_another_request  # noqa: F811
):
    carol, bob = make_user("carol_ra"), make_user("bob_ra")
    cameo = make_cameo(carol, handle="carol_ra_cam", level="everyone")
    post = publish(bob, prompt="@carol_ra_cam dances", cameos=[cameo])
    services.report_create(reporter=carol, target_type="post", target_id=str(post.pk), reason="likeness_misuse")
    case_id = ModerationCase.objects.get().pk
    holding, go, stop = hold_save_of(
        Appearance, lambda a: a.removed_at is not None and a.removed_by_id == carol.pk, "ma-hold-appearance"
    )

    refused: list[str] = []

    def remove(moderator_id: int):
        def run() -> None:
            try:
                services.appearance_remove_by_moderator(
                    case=ModerationCase.objects.get(pk=case_id), moderator=User.objects.get(pk=moderator_id),
                    reason="Her likeness without her say.", cameo_id=cameo.pk,
                )
            except services.ModerationError as exc:
                refused.append(exc.code)

        return run

    try:
        first = in_another_request(remove(mods[0].pk))
        assert holding.wait(20)
        second = in_another_request(remove(mods[1].pk))
        assert wait_for_a_lock_wait() or not second.is_alive()
    finally:
        go.set()
        stop()
    first.join(timeout=60)
    second.join(timeout=60)

    assert Appearance.objects.get(cameo=cameo).removed_at is not None
    assert refused == ["already_removed"]  # the second is told, in the API's error format (409)
    assert ModerationAction.objects.filter(kind="remove_appearance").count() == 1
    assert Notification.objects.filter(recipient=bob, kind=Notification.Kind.MODERATION).count() == 1


def _take_down_own(case, moderator, cameo):
    services.content_take_down(case=case, moderator=moderator, reason="Taking it down myself.")


def _remove_own_appearance(case, moderator, cameo):
    services.appearance_remove_by_moderator(case=case, moderator=moderator, reason="Removing it myself.", cameo_id=cameo.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("act", [_take_down_own, _remove_own_appearance], ids=["take_down", "remove_appearance"])
def test_a_moderator_cannot_close_the_reports_against_their_own_post_by_acting_on_it(
    act, make_user, make_cameo, publish, mods, client_for  # noqa: F811
):
    moderator = mods[0]
    own = make_cameo(moderator, handle="mod_ma0_cam", level="only_me")
    post = publish(moderator, prompt="@mod_ma0_cam waves", cameos=[own])
    files = files_of(post.job)
    assert files and all(path.exists() for path in files)
    services.report_create(reporter=make_user("reporter_own"), target_type="post", target_id=str(post.pk), reason="minor_safety")
    case = ModerationCase.objects.get(target_kind="post", target_id=post.pk)

    with pytest.raises(services.ModerationError) as refused:
        act(case, moderator, own)

    assert (refused.value.status, refused.value.code) == (403, "own_content")
    case.refresh_from_db()
    assert case.status == ModerationCase.Status.OPEN
    assert list(Report.objects.values_list("status", flat=True)) == ["open"]
    assert not ModerationAction.objects.exists()
    assert all(path.exists() for path in files)


def _owner_deletes_the_cameo(cameo, post, mods):
    cameo_delete(cameo=cameo, actor=cameo.owner)


def _moderator_removes_the_appearance(cameo, post, mods):
    services.appearance_remove_by_moderator(
        case=case_of("post", post.pk), moderator=mods[1], reason="Her likeness, her call.", cameo_id=cameo.pk
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "destroy", [_owner_deletes_the_cameo, _moderator_removes_the_appearance], ids=["cameo_deleted", "appearance_removed"]
)
def test_a_take_down_whose_video_was_destroyed_since_is_not_overturned_into_nothing(
    destroy, make_user, make_cameo, publish, mods, django_capture_on_commit_callbacks  # noqa: F811
):
    carol, bob = make_user("carol_td"), make_user("bob_td")
    cameo = make_cameo(carol, handle="carol_td_cam", level="everyone")
    post = publish(bob, prompt="@carol_td_cam dances", cameos=[cameo])
    take_down = services.content_take_down(case=case_of("post", post.pk), moderator=mods[0], reason="Harassment.")
    with django_capture_on_commit_callbacks(execute=True):
        destroy(cameo, post, mods)
    assert files_of(post.job) == []

    try:
        filed = services.appeal_create(action=take_down, appellant=bob, text="It was a joke between friends.")
    except services.ModerationError as refusal:
        assert refusal.status == 409  # refused at the appeal, as a purged video's is
        return
    with pytest.raises(services.ModerationError) as refused:
        services.appeal_decide(appeal=filed, moderator=mods[2], overturn=True, reason="It was a joke.")
    assert refused.value.status == 409
    assert Post.objects.get(pk=post.pk).taken_down_at is not None
    assert not Notification.objects.filter(recipient=bob, data__action="overturn").exists()


# ---- cameo deletion (03f0b5f) --------------------------------------------------------------------------------------


def reported_own_video(make_user, make_cameo, publish):  # noqa: F811
    """Dave cast his own cameo in a video that is reported for minor safety, still open."""
    dave = make_user("dave_ev")
    cameo = make_cameo(dave, handle="dave_ev_cam", level="only_me")
    post = publish(dave, prompt="@dave_ev_cam in a schoolyard", cameos=[cameo])
    services.report_create(reporter=make_user("witness_ev"), target_type="post", target_id=str(post.pk), reason="minor_safety")
    case = ModerationCase.objects.get(target_kind="post", target_id=post.pk)
    return dave, cameo, post, case


@pytest.mark.django_db
def test_the_author_of_a_reported_video_who_deletes_the_post_leaves_its_files_for_review(
    make_user, make_cameo, publish, mods, django_capture_on_commit_callbacks  # noqa: F811
):
    dave, _, post, case = reported_own_video(make_user, make_cameo, publish)
    files = files_of(post.job)

    with django_capture_on_commit_callbacks(execute=True):
        post_delete(post_id=post.pk, actor=dave)

    assert all(path.exists() for path in files)
    admin = admin_for(mods[0])
    page = admin.get(f"{QUEUE}{case.pk}/change/")
    assert page.status_code == 200 and page.context["video_url"]
    assert admin.get(f"{QUEUE}{case.pk}/media/video/").status_code == 200


@pytest.mark.django_db
def test_the_author_of_a_reported_video_cannot_destroy_it_before_review_by_deleting_their_own_cameo(
    make_user, make_cameo, publish, mods, client_for, django_capture_on_commit_callbacks  # noqa: F811
):
    dave, cameo, post, case = reported_own_video(make_user, make_cameo, publish)
    files = files_of(post.job)

    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(dave).delete(f"/api/v1/cameos/{cameo.pk}/").status_code == 204

    # The cameo and its biometrics are gone, as he asked, and the post is hidden from everyone...
    assert client_for(make_user("viewer_ev")).get(f"/api/v1/posts/{post.pk}/").status_code == 404
    # ...but what was reported is still there for the moderator who reviews it.
    assert all(path.exists() for path in files)
    admin = admin_for(mods[0])
    assert admin.get(f"{QUEUE}{case.pk}/media/video/").status_code == 200


@pytest.mark.django_db
def test_deleting_a_cameo_removes_a_co_cast_video_for_everyone_and_nothing_errs_on_a_later_read(
    make_user, make_cameo, publish, mods, client_for, django_capture_on_commit_callbacks  # noqa: F811
):
    # The product's rule: a person can delete any video that uses them, other people's and other cameos' included.
    alice, bob, carol, viewer = make_user("alice_cc"), make_user("bob_cc"), make_user("carol_cc"), make_user("viewer_cc")
    alice_cam = make_cameo(alice, handle="alice_cc_cam", level="everyone")
    bob_cam = make_cameo(bob, handle="bob_cc_cam", level="everyone")
    parent = publish(carol, prompt="@alice_cc_cam and @bob_cc_cam dance", cameos=[alice_cam, bob_cam])
    remix = publish(viewer, prompt="a remix of the dance", parent=parent)
    services.report_create(reporter=viewer, target_type="post", target_id=str(parent.pk), reason="harassment")
    case = ModerationCase.objects.get(target_kind="post", target_id=parent.pk)
    files = files_of(parent.job)

    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(alice).delete(f"/api/v1/cameos/{alice_cam.pk}/").status_code == 204

    assert not any(path.exists() for path in files)
    assert Appearance.objects.get(cameo=alice_cam, job=parent.job).removed_by_id == alice.pk
    # Carol, who made it, is told; Bob's appearance is untouched (Alice removed hers).
    told = Notification.objects.filter(recipient=carol, kind=Notification.Kind.VIDEO_WITHDRAWN)
    assert [n.data["generation"] for n in told] == [parent.job_id]
    assert Appearance.objects.get(cameo=bob_cam, job=parent.job).removed_at is None
    assert client_for(viewer).get(f"/api/v1/posts/{parent.pk}/").status_code == 404
    reads = {
        "bob's appearances": client_for(bob).get(f"/api/v1/cameos/{bob_cam.pk}/appearances/"),
        "carol's generation": client_for(carol).get(f"/api/v1/generations/{parent.job_id}/"),
        "carol's post": client_for(carol).get(f"/api/v1/posts/{parent.pk}/"),
        "the remix": client_for(viewer).get(f"/api/v1/posts/{remix.pk}/"),
        "the remix's lineage": client_for(viewer).get(f"/api/v1/posts/{remix.pk}/lineage/"),
        "the parent's remixes": client_for(carol).get(f"/api/v1/posts/{parent.pk}/remixes/"),
        "alice's appearances": client_for(alice).get(f"/api/v1/cameos/{alice_cam.pk}/appearances/"),
    }
    assert {name: r.status_code for name, r in reads.items() if r.status_code >= 500} == {}
    assert reads["the remix"].status_code == reads["the remix's lineage"].status_code == 200
    assert reads["alice's appearances"].status_code == 404
    admin = admin_for(mods[0])
    page = admin.get(f"{QUEUE}{case.pk}/change/")
    assert page.status_code == 200 and page.context["video_url"] is None
    assert "files were destroyed" in page.content.decode()
    assert admin.get(f"{QUEUE}{case.pk}/media/video/").status_code == 404
    # The moderator still decides the case on what is left (the prompt, the reports, the author's history).
    services.user_warn(case=case, moderator=mods[0], reason="Harassment in the prompt.")
    case.refresh_from_db()
    assert case.status == ModerationCase.Status.CLOSED
