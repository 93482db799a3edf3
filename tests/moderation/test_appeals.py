"""Authors see the decisions about them with the reason, and can appeal each once; appeals go back to the queue."""

import pytest

from moderation import selectors, services
from moderation.models import Appeal, AuditEvent, ModerationCase
from tests.moderation.world import published_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken_down(make_user, moderator):
    """A post by @author, reported by @alice and taken down by the moderator."""
    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    services.report_create(reporter=alice, target_type="post", target_id=str(post.pk), reason="harassment")
    case = ModerationCase.objects.get()
    action = services.content_take_down(case=case, moderator=moderator, reason="Targets a classmate by name.")
    return author, post, action


def test_the_author_reads_why_their_post_was_taken_down(taken_down, client_for, django_assert_max_num_queries):
    author, post, action = taken_down
    # 8: whether each decision may still be appealed (a later decision, the video still there) is read for the page.
    with django_assert_max_num_queries(8):
        response = client_for(author).get("/api/v1/moderation/decisions/")
    assert response.status_code == 200
    [decision] = response.json()["items"]
    assert decision == {
        **decision,
        "id": action.pk,
        "action": "take_down",
        "target_type": "post",
        "target_id": str(post.pk),
        "reason": "Targets a classmate by name.",
        "policy": "harassment",
        "can_appeal": True,
        "appeal": None,
    }
    detail = client_for(author).get(f"/api/v1/moderation/decisions/{action.pk}/")
    assert detail.status_code == 200 and detail.json()["id"] == action.pk


def test_the_decisions_page_costs_the_same_queries_with_one_decision_or_many(
    make_user, moderator, client_for, make_cameo
):
    author = make_user("author")
    client = client_for(author)

    def decisions_page_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/moderation/decisions/").status_code == 200
        return len(captured)

    first = services.content_take_down(
        case=services.case_for_target(target_kind="post", target_id=published_post(author).pk), moderator=moderator,
        reason="Spam.",
    )
    one = decisions_page_queries()
    for _ in range(4):
        services.content_take_down(
            case=services.case_for_target(target_kind="post", target_id=published_post(author).pk),
            moderator=moderator, reason="Spam.",
        )
    services.content_restore(case=first.case, moderator=moderator, reason="It was fine.")
    services.content_take_down(
        case=services.case_for_target(target_kind="cameo", target_id=make_cameo(author, handle="author_cam").pk),
        moderator=moderator, reason="Impersonation.",
    )
    many = decisions_page_queries()

    assert many <= one + 1  # the cameo take-down's status is one query for the page, not one a decision
    offered = {d["id"]: d["can_appeal"] for d in client.get("/api/v1/moderation/decisions/").json()["items"]}
    assert offered[first.pk] is False  # restored since: superseded
    assert sum(offered.values()) == 5


def test_nobody_else_sees_or_appeals_the_decision(taken_down, make_user, client_for, moderator):
    _, _, action = taken_down
    stranger = client_for(make_user("stranger"))
    assert stranger.get("/api/v1/moderation/decisions/").json()["items"] == []
    assert stranger.get(f"/api/v1/moderation/decisions/{action.pk}/").status_code == 404
    refused = stranger.post(f"/api/v1/moderation/decisions/{action.pk}/appeal/", {"text": "mine"}, format="json")
    assert refused.status_code == 404
    # The moderator who decided is not the author either.
    assert client_for(moderator).get(f"/api/v1/moderation/decisions/{action.pk}/").status_code == 404
    assert not Appeal.objects.exists()


def test_appeal_once_and_it_goes_back_to_the_queue(taken_down, client_for):
    author, _, action = taken_down
    client = client_for(author)

    first = client.post(
        f"/api/v1/moderation/decisions/{action.pk}/appeal/", {"text": "It was a quote from a film."}, format="json"
    )
    second = client.post(f"/api/v1/moderation/decisions/{action.pk}/appeal/", {"text": "Please!"}, format="json")

    assert first.status_code == 201
    assert first.json()["status"] == "pending" and first.json()["decision"] == action.pk
    assert second.status_code == 409
    assert second.json()["code"] == "appeal_exists"
    assert "once" in second.json()["message"]
    assert Appeal.objects.count() == 1
    assert list(selectors.moderation_queue()) == [action.case]
    assert action.case.__class__.objects.get(pk=action.case_id).status == "appealed"
    assert AuditEvent.objects.filter(verb="appeal.filed", actor=author).count() == 1
    listed = client.get("/api/v1/moderation/decisions/").json()["items"][0]
    assert listed["can_appeal"] is False and listed["appeal"]["text"] == "It was a quote from a film."


@pytest.mark.parametrize(("body", "field"), [({"text": ""}, "text"), ({}, "text"), ({"text": "z" * 2001}, "text")])
def test_an_appeal_needs_text_within_the_limit(taken_down, client_for, body, field):
    author, _, action = taken_down
    response = client_for(author).post(f"/api/v1/moderation/decisions/{action.pk}/appeal/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Appeal.objects.exists()


def test_overturning_an_appeal_restores_the_post(taken_down, client_for, moderator, make_user, second_moderator):
    from feed.selectors import posts_visible_to

    author, post, action = taken_down
    appeal = services.appeal_create(action=action, appellant=author, text="Context: it is a rehearsal.")

    resolution = services.appeal_decide(appeal=appeal, moderator=second_moderator, overturn=True, reason="Fair; context clear.")

    appeal.refresh_from_db()
    assert appeal.status == "overturned" and appeal.resolution == resolution
    assert posts_visible_to(make_user("viewer")).filter(pk=post.pk).exists()
    assert not selectors.moderation_queue().exists()
    shown = client_for(author).get(f"/api/v1/moderation/decisions/{action.pk}/").json()
    assert shown["appeal"]["status"] == "overturned"
    assert shown["appeal"]["outcome_reason"] == "Fair; context clear."
    with pytest.raises(services.ModerationError) as again:
        services.appeal_decide(appeal=appeal, moderator=second_moderator, overturn=False, reason="Changed my mind.")
    assert again.value.code == "appeal_decided"


def test_upholding_an_appeal_keeps_the_post_down(taken_down, moderator, make_user, second_moderator):
    from feed.selectors import posts_visible_to

    author, post, action = taken_down
    appeal = services.appeal_create(action=action, appellant=author, text="Nope.")
    services.appeal_decide(appeal=appeal, moderator=second_moderator, overturn=False, reason="The name is still there.")
    assert not posts_visible_to(make_user("viewer")).filter(pk=post.pk).exists()
    appeal.refresh_from_db()
    assert appeal.status == "upheld"


def test_a_suspended_author_can_appeal_and_an_overturn_lifts_it(make_user, moderator, client_for, second_moderator):
    author = make_user("author")
    services.report_create(reporter=make_user("alice"), target_type="profile", target_id="author", reason="harassment")
    case = ModerationCase.objects.get()
    action = services.user_suspend(case=case, moderator=moderator, reason="Insults in bio.", days=3)

    response = client_for(author).post(
        f"/api/v1/moderation/decisions/{action.pk}/appeal/", {"text": "I changed my bio."}, format="json"
    )
    assert response.status_code == 201
    services.appeal_decide(appeal=Appeal.objects.get(), moderator=second_moderator, overturn=True, reason="Bio fixed.")
    author.refresh_from_db()
    assert author.suspended_until is None and not author.is_restricted


def test_dismissals_are_not_decisions_against_anyone(make_user, moderator, client_for):
    author = make_user("author")
    post = published_post(author)
    services.report_create(reporter=make_user("alice"), target_type="post", target_id=str(post.pk), reason="other")
    services.case_dismiss(case=ModerationCase.objects.get(), moderator=moderator, reason="Fine.")
    assert client_for(author).get("/api/v1/moderation/decisions/").json()["items"] == []


def test_a_removed_appearance_is_shown_but_not_appealable(make_user, moderator, make_cameo, client_for):
    owner, creator = make_user("owner"), make_user("creator")
    cameo = make_cameo(owner)
    post = published_post(creator, cameos=[cameo])
    case = services.case_for_target(target_kind="post", target_id=post.pk)
    action = services.appearance_remove_by_moderator(case=case, moderator=moderator, reason="Misuse.", cameo_id=cameo.pk)

    listed = client_for(creator).get("/api/v1/moderation/decisions/").json()["items"]
    response = client_for(creator).post(f"/api/v1/moderation/decisions/{action.pk}/appeal/", {"text": "why"}, format="json")

    assert [d["action"] for d in listed] == ["remove_appearance"] and listed[0]["can_appeal"] is False
    assert response.status_code == 409 and response.json()["code"] == "not_appealable"
