"""Moderator actions: each needs a reason, writes a decision and an audit line, and has its real effect."""

import datetime

import pytest
from django.utils import timezone

from moderation import services
from moderation.models import AuditEvent, ModerationAction, ModerationCase, Report
from sora_social.notifications.models import Notification
from tests.moderation.world import published_post, queued_job

pytestmark = pytest.mark.django_db


def reported(target_owner, *, reporter, kind="post", target_id=None, reason="harassment"):
    """Report a target and return its open case (a profile is reported by handle)."""
    ref = target_owner.handle if kind == "profile" else str(target_id)
    services.report_create(reporter=reporter, target_type=kind, target_id=ref, reason=reason)
    return ModerationCase.objects.get(target_kind=kind, target_id=target_id, status="open")


def visible_ids(viewer):
    from feed.selectors import posts_visible_to

    return set(posts_visible_to(viewer).values_list("pk", flat=True))


def test_take_down_hides_the_post_and_records_why(make_user, moderator):
    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    case = reported(author, reporter=alice, target_id=post.pk, reason="sexual_content")

    action = services.content_take_down(case=case, moderator=moderator, reason="Nudity, against the rules.")

    post.refresh_from_db()
    case.refresh_from_db()
    assert post.taken_down_at is not None
    assert post.pk not in visible_ids(alice)
    assert post.pk not in visible_ids(author)
    assert action.kind == "take_down" and action.subject == author and action.policy == "sexual_content"
    assert case.status == "closed"
    assert list(case.reports.values_list("status", flat=True)) == [Report.Status.ACTIONED]
    audit = AuditEvent.objects.get(action=action)
    assert (audit.verb, audit.actor, audit.target_kind, audit.target_id) == (
        "moderation.take_down", moderator, "post", str(post.pk)
    )
    assert audit.reason == "Nudity, against the rules."
    note = Notification.objects.get(recipient=author, kind=Notification.Kind.MODERATION)
    assert note.data["decision"] == action.pk and note.data["reason"] == "Nudity, against the rules."


@pytest.mark.parametrize("reason", ["", "   \n\t"])
def test_every_action_needs_a_reason(make_user, moderator, reason):
    author = make_user("author")
    post = published_post(author)
    case = reported(author, reporter=make_user("alice"), target_id=post.pk)
    calls = [
        lambda: services.content_take_down(case=case, moderator=moderator, reason=reason),
        lambda: services.user_warn(case=case, moderator=moderator, reason=reason),
        lambda: services.user_suspend(case=case, moderator=moderator, reason=reason, days=7),
        lambda: services.user_ban(case=case, moderator=moderator, reason=reason),
        lambda: services.case_dismiss(case=case, moderator=moderator, reason=reason),
    ]
    for call in calls:
        with pytest.raises(services.ModerationError) as refused:
            call()
        assert refused.value.code == "reason_required"
        assert "reason" in refused.value.message
    post.refresh_from_db()
    author.refresh_from_db()
    assert post.taken_down_at is None and author.suspended_until is None and author.banned_at is None
    assert not ModerationAction.objects.exists()
    assert not AuditEvent.objects.exists()


def test_staff_without_the_moderators_group_cannot_act(make_user):
    author = make_user("author")
    post = published_post(author)
    case = reported(author, reporter=make_user("alice"), target_id=post.pk)
    staff = make_user("staffer", is_staff=True)
    with pytest.raises(services.ModerationError) as refused:
        services.content_take_down(case=case, moderator=staff, reason="Looks bad.")
    assert refused.value.code == "not_a_moderator" and refused.value.status == 403


def test_suspension_hides_posts_cancels_jobs_and_ends_on_time(make_user, moderator, client_for):
    from generation.models import GenerationJob

    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    jobs = [queued_job(author), queued_job(author)]
    other_job = queued_job(alice)
    case = reported(author, reporter=alice, kind="profile", target_id=author.pk)
    before = timezone.now()

    action = services.user_suspend(case=case, moderator=moderator, reason="Repeated harassment.", days=7)

    author.refresh_from_db()
    assert before + datetime.timedelta(days=7) <= author.suspended_until <= timezone.now() + datetime.timedelta(days=7)
    assert author.is_restricted
    assert action.suspended_until == author.suspended_until and action.data["jobs_cancelled"] == 2
    assert {job.state for job in GenerationJob.objects.filter(pk__in=[j.pk for j in jobs])} == {"cancelled"}
    assert GenerationJob.objects.get(pk=other_job.pk).state == "queued"
    assert post.pk not in visible_ids(alice)
    refused = client_for(author).post("/api/v1/generations/", {"prompt": "a dog"}, format="json")
    assert refused.status_code == 403

    # When the time is up, the posts come back without anyone acting.
    author.suspended_until = timezone.now() - datetime.timedelta(seconds=1)
    author.save(update_fields=["suspended_until"])
    assert post.pk in visible_ids(alice)


def test_a_shorter_suspension_does_not_shorten_a_longer_one(make_user, moderator):
    author = make_user("author")
    case = reported(author, reporter=make_user("alice"), kind="profile", target_id=author.pk)
    services.user_suspend(case=case, moderator=moderator, reason="First.", days=30)
    longest = type(author).objects.get(pk=author.pk).suspended_until
    services.user_suspend(case=case, moderator=moderator, reason="Second.", days=1)
    assert type(author).objects.get(pk=author.pk).suspended_until == longest


def test_unknown_suspension_length_is_refused(make_user, moderator):
    author = make_user("author")
    case = reported(author, reporter=make_user("alice"), kind="profile", target_id=author.pk)
    with pytest.raises(services.ModerationError) as refused:
        services.user_suspend(case=case, moderator=moderator, reason="x", days=10_000)
    assert refused.value.code == "duration_invalid"


def test_ban_hides_posts_cancels_jobs_and_locks_the_api(make_user, moderator, client_for):
    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    job = queued_job(author)
    case = reported(author, reporter=alice, target_id=post.pk)

    services.user_ban(case=case, moderator=moderator, reason="Spam network.")

    author.refresh_from_db()
    job.refresh_from_db()
    assert author.banned_at is not None
    assert job.state == "cancelled" and job.state_reason == "account_banned"
    assert post.pk not in visible_ids(alice)
    assert client_for(author).get("/api/v1/me/").status_code in (401, 403)


def test_reinstate_lifts_a_ban(make_user, moderator):
    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    case = reported(author, reporter=alice, target_id=post.pk)
    services.user_ban(case=case, moderator=moderator, reason="Spam.")

    action = services.user_reinstate(case=case, moderator=moderator, reason="It was a hacked account, now secured.")

    author.refresh_from_db()
    assert author.banned_at is None and not author.is_restricted
    assert post.pk in visible_ids(alice)
    assert action.kind == "reinstate"


def test_a_moderator_cannot_act_on_their_own_account(make_user, moderator):
    case = reported(moderator, reporter=make_user("alice"), kind="profile", target_id=moderator.pk)
    with pytest.raises(services.ModerationError) as refused:
        services.user_ban(case=case, moderator=moderator, reason="Test.")
    assert refused.value.code == "own_account"


def test_dismiss_closes_the_case_without_telling_the_author(make_user, moderator):
    author = make_user("author")
    post = published_post(author)
    case = reported(author, reporter=make_user("alice"), target_id=post.pk)

    services.case_dismiss(case=case, moderator=moderator, reason="Satire; within the rules.")

    case.refresh_from_db()
    assert case.status == "closed"
    assert case.reports.get().status == Report.Status.DISMISSED
    assert not Notification.objects.filter(recipient=author, kind=Notification.Kind.MODERATION).exists()
    assert AuditEvent.objects.filter(verb="moderation.dismiss").count() == 1


def test_warn_tells_the_author_and_hides_nothing(make_user, moderator):
    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    case = reported(author, reporter=alice, target_id=post.pk)

    services.user_warn(case=case, moderator=moderator, reason="Keep it civil.")

    assert post.pk in visible_ids(alice)
    note = Notification.objects.get(recipient=author, kind=Notification.Kind.MODERATION)
    assert note.data["action"] == "warn"


def test_restore_brings_a_taken_down_post_back(make_user, moderator):
    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    case = reported(author, reporter=alice, target_id=post.pk)
    services.content_take_down(case=case, moderator=moderator, reason="Looked like gore.")

    services.content_restore(case=case, moderator=moderator, reason="It is ketchup; a cooking video.")

    assert post.pk in visible_ids(alice)
    assert list(ModerationAction.objects.filter(case=case).values_list("kind", flat=True)) == ["restore", "take_down"]


def test_taking_down_a_parent_leaves_its_remixes_up_marked_parent_unavailable(make_user, moderator, client_for):
    author, remixer, alice = make_user("author"), make_user("remixer"), make_user("alice")
    parent = published_post(author)
    remix = published_post(remixer, parent=parent)
    case = reported(author, reporter=alice, target_id=parent.pk)
    client = client_for(alice)
    assert client.get(f"/api/v1/posts/{remix.pk}/").json()["parent_unavailable"] is False

    services.content_take_down(case=case, moderator=moderator, reason="Harassment of a named person.")

    assert visible_ids(alice) >= {remix.pk}
    assert parent.pk not in visible_ids(alice)
    shown = client.get(f"/api/v1/posts/{remix.pk}/").json()
    assert shown["parent_unavailable"] is True and shown["parent"] is None
    # Gone from the post page and from remixing, at once.
    assert client.get(f"/api/v1/posts/{parent.pk}/").status_code == 404
    assert client.post(f"/api/v1/posts/{parent.pk}/remix/", {"prompt": "a remix"}, format="json").status_code == 404


def test_taking_down_a_cameo_revokes_it_and_hides_its_videos(make_user, moderator, make_cameo):
    from cameos.models import Cameo, ConsentDecision

    owner, creator, alice = make_user("owner"), make_user("creator"), make_user("alice")
    cameo = make_cameo(owner, handle="fakeceleb")
    post = published_post(creator, cameos=[cameo])
    case = reported(owner, reporter=alice, kind="cameo", target_id=cameo.pk, reason="impersonation")

    services.content_take_down(case=case, moderator=moderator, reason="Impersonates a public figure.")

    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.REVOKED
    assert post.pk not in visible_ids(alice)
    assert ConsentDecision.objects.filter(cameo=cameo, actor=moderator, purpose="admin").exists()
    # A second take-down of the same cameo is a clear refusal, not a crash.
    with pytest.raises(services.ModerationError) as refused:
        services.content_take_down(case=case, moderator=moderator, reason="Again.")
    assert refused.value.status == 409


def test_a_profile_cannot_be_taken_down(make_user, moderator):
    author = make_user("author")
    case = reported(author, reporter=make_user("alice"), kind="profile", target_id=author.pk)
    with pytest.raises(services.ModerationError) as refused:
        services.content_take_down(case=case, moderator=moderator, reason="Bad bio.")
    assert refused.value.code == "not_applicable"


def test_removing_a_cameo_appearance_goes_through_the_consent_door(make_user, moderator, make_cameo):
    from cameos.models import Appearance, ConsentDecision
    from cameos.selectors import withdrawn_appearances

    owner, creator, alice = make_user("owner"), make_user("creator"), make_user("alice")
    cameo = make_cameo(owner, handle="ownerface")
    post = published_post(creator, cameos=[cameo])
    case = reported(creator, reporter=alice, target_id=post.pk, reason="likeness_misuse")

    action = services.appearance_remove_by_moderator(
        case=case, moderator=moderator, reason="Used in a demeaning way.", cameo_id=cameo.pk
    )

    appearance = Appearance.objects.get(cameo=cameo, job=post.job)
    post.refresh_from_db()
    assert appearance.removed_at is not None
    assert withdrawn_appearances().filter(job_id=post.job_id).exists()
    assert post.pk not in visible_ids(alice)
    assert ConsentDecision.objects.filter(
        cameo=cameo, actor=moderator, purpose="admin", subject=f"remove_appearance:{post.job_id}"
    ).exists()
    assert action.data == {"cameo": cameo.pk, "job": post.job_id} and action.subject == creator
    with pytest.raises(services.ModerationError) as refused:
        services.appearance_remove_by_moderator(case=case, moderator=moderator, reason="x", cameo_id=999_999)
    assert refused.value.status == 404


def test_a_moderator_removing_an_appearance_tells_the_creator_once(make_user, moderator, make_cameo):
    owner, creator = make_user("owner"), make_user("creator")
    cameo = make_cameo(owner, handle="ownerface")
    post = published_post(creator, cameos=[cameo])
    case = reported(creator, reporter=make_user("alice"), target_id=post.pk, reason="likeness_misuse")
    told_before = set(Notification.objects.filter(recipient=creator).values_list("pk", flat=True))

    services.appearance_remove_by_moderator(case=case, moderator=moderator, reason="Demeaning.", cameo_id=cameo.pk)

    told = Notification.objects.filter(recipient=creator).exclude(pk__in=told_before)
    assert [n.kind for n in told] == ["moderation"]


def test_case_for_target_lets_moderators_act_without_a_report(make_user, moderator):
    author = make_user("author")
    post = published_post(author)
    case = services.case_for_target(target_kind="post", target_id=post.pk)
    services.content_take_down(case=case, moderator=moderator, reason="Found while browsing: gore.")
    case.refresh_from_db()
    assert case.status == "closed" and case.report_count == 0
    with pytest.raises(services.ModerationError):
        services.case_for_target(target_kind="post", target_id=999_999)
