"""A cameo owner's restrictions hold on every text that goes with their likeness, not only the prompt: the
caption when a video is published or edited, a remix's new prompt, and comments under a video that shows them
(held from public view, not deleted, and visible to the owner)."""

import pytest

from cameos.models import ConsentDecision
from feed.models import Comment, Post
from sora_social.notifications.models import Notification

pytestmark = pytest.mark.django_db

NO_POLITICS = ["no political content"]
VOTING_CALL = "Vote for Dan Miller on Tuesday, every vote counts!"


@pytest.fixture
def alice_and_cameo(make_user, make_cameo):
    alice = make_user("alice")
    return alice, make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_POLITICS)


def test_a_caption_that_breaks_a_restriction_is_refused_at_publish(alice_and_cameo, make_user, make_draft, client_for):
    _, cameo = alice_and_cameo
    bob = make_user("bob")
    draft = make_draft(bob, prompt="@alice_cam waves from a sunny balcony", cameos=[cameo])

    response = client_for(bob).post(
        "/api/v1/posts/", {"generation_id": draft.pk, "caption": VOTING_CALL}, format="json"
    )

    assert response.status_code == 422, response.json()
    assert response.json()["code"] == "cameo_restriction_conflict"
    assert response.json()["text"] == "caption"
    assert not Post.objects.filter(job=draft).exists()
    assert ConsentDecision.objects.filter(cameo=cameo, actor=bob, reason="restriction_conflict").exists()
    # The same draft with a harmless caption goes up.
    ok = client_for(bob).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": "sunny day"}, format="json")
    assert ok.status_code == 201, ok.json()


def test_a_caption_edited_afterwards_is_held_to_the_same_restrictions(alice_and_cameo, make_user, publish, client_for):
    _, cameo = alice_and_cameo
    bob = make_user("bob")
    post = publish(bob, prompt="@alice_cam waves from a sunny balcony", caption="sunny day", cameos=[cameo])

    response = client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"caption": VOTING_CALL}, format="json")

    assert response.status_code == 422, response.json()
    post.refresh_from_db()
    assert post.caption == "sunny day"


def test_the_owner_may_caption_their_own_likeness_as_they_like(alice_and_cameo, publish, client_for):
    alice, cameo = alice_and_cameo
    post = publish(alice, prompt="@alice_cam waves", caption="hi", cameos=[cameo])

    response = client_for(alice).patch(f"/api/v1/posts/{post.pk}/", {"caption": VOTING_CALL}, format="json")

    assert response.status_code == 200, response.json()


def test_a_remix_prompt_that_breaks_a_parent_cameos_restriction_is_refused(alice_and_cameo, make_user, publish, client_for):
    alice, cameo = alice_and_cameo
    parent = publish(alice, prompt="@alice_cam surfs at dawn", cameos=[cameo])

    response = client_for(make_user("bob")).post(
        f"/api/v1/posts/{parent.pk}/remix/",
        {"prompt": "the same scene, but she holds up a re-election sign for the governor", "duration_s": 3},
        format="json",
    )

    assert response.status_code == 422, response.json()
    assert response.json()["code"] == "cameo_restriction_conflict"


def test_a_comment_that_breaks_a_restriction_is_held_not_deleted_and_the_owner_sees_it(
    alice_and_cameo, make_user, publish, client_for
):
    alice, cameo = alice_and_cameo
    bob, carol, dave = make_user("bob"), make_user("carol"), make_user("dave")
    post = publish(bob, prompt="@alice_cam dances in the rain", cameos=[cameo])

    held = client_for(carol).post(f"/api/v1/posts/{post.pk}/comments/", {"body": VOTING_CALL}, format="json")
    fine = client_for(carol).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "great moves!"}, format="json")

    assert held.status_code == 201 and held.json()["held"] is True, held.json()
    assert "no political content" in held.json()["held_reason"]
    assert fine.json()["held"] is False and fine.json()["held_reason"] is None
    comment = Comment.objects.get(pk=held.json()["id"])
    assert comment.deleted_at is None and comment.held_at is not None

    def bodies(user):
        response = client_for(user).get(f"/api/v1/posts/{post.pk}/comments/")
        return [item["body"] for item in response.json()["items"]]

    # Held from public view (and from the post's author), shown to its writer and to the cameo's owner.
    assert bodies(dave) == ["great moves!"]
    assert bodies(bob) == ["great moves!"]
    assert VOTING_CALL in bodies(carol)
    assert VOTING_CALL in bodies(alice)
    # Not counted, and the owner is told.
    post.refresh_from_db()
    assert post.comment_count == 1
    notice = Notification.objects.get(recipient=alice, kind=Notification.Kind.COMMENT_HELD)
    assert notice.data["comment"] == comment.pk and notice.data["restriction"] == "no political content"
    assert not Notification.objects.filter(recipient=bob, data__comment=comment.pk).exists()
    assert ConsentDecision.objects.filter(cameo=cameo, actor=carol, purpose="comment", allowed=False).exists()


def test_the_cameo_owner_comments_freely_under_their_own_likeness(alice_and_cameo, make_user, publish, client_for):
    alice, cameo = alice_and_cameo
    post = publish(make_user("bob"), prompt="@alice_cam dances", cameos=[cameo])

    response = client_for(alice).post(f"/api/v1/posts/{post.pk}/comments/", {"body": VOTING_CALL}, format="json")

    assert response.json()["held"] is False


def test_deleting_a_held_comment_does_not_touch_the_count(alice_and_cameo, make_user, publish, client_for):
    _, cameo = alice_and_cameo
    carol = make_user("carol")
    post = publish(make_user("bob"), prompt="@alice_cam dances", cameos=[cameo])
    client_for(carol).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "nice"}, format="json")
    held = client_for(carol).post(f"/api/v1/posts/{post.pk}/comments/", {"body": VOTING_CALL}, format="json")

    client_for(carol).delete(f"/api/v1/posts/{post.pk}/comments/{held.json()['id']}/")

    post.refresh_from_db()
    assert post.comment_count == 1


@pytest.mark.parametrize(
    "disguised",
    [
        "V0te Dan Mi11er for S3nat0r on Tuesday",  # digits for letters
        "Vote Dan Miller for Sеnatоr on Tuesday",  # a Cyrillic е and о
        "Vote for Dan Miller, cast your b\u200ballot",  # a zero-width space
    ],
)
def test_a_disguised_caption_is_read_as_written(alice_and_cameo, make_user, make_draft, client_for, disguised):
    _, cameo = alice_and_cameo
    bob = make_user("bob")
    draft = make_draft(bob, prompt="@alice_cam waves", cameos=[cameo])

    response = client_for(bob).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": disguised}, format="json")

    assert response.status_code == 422, response.json()
