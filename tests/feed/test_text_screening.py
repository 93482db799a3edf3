"""Captions and comments answer to the content policy that prompts answer to."""

import pytest

from feed.models import Comment, Post

pytestmark = pytest.mark.django_db


def test_a_caption_that_breaks_the_policy_is_refused_and_nothing_is_published(make_user, client_for, make_draft):
    alice = make_user("alice")
    job = make_draft(alice)

    response = client_for(alice).post(
        "/api/v1/posts/", {"generation_id": job.pk, "caption": "naked pics, dm me"}, format="json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "content_policy"
    assert "sexual_content" in response.json()["reasons"]
    assert not Post.objects.exists()
    ordinary = client_for(alice).post("/api/v1/posts/", {"generation_id": job.pk, "caption": "beach day"}, format="json")
    assert ordinary.status_code == 201


def test_editing_a_caption_is_screened_too_and_keeps_the_old_caption(make_user, client_for, publish):
    alice = make_user("alice")
    post = publish(alice, caption="beach day")

    response = client_for(alice).patch(f"/api/v1/posts/{post.pk}/", {"caption": "a naked person"}, format="json")

    assert response.status_code == 422 and response.json()["code"] == "content_policy"
    post.refresh_from_db()
    assert post.caption == "beach day"


def test_a_comment_that_breaks_the_policy_is_refused(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)

    response = client_for(bob).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "send nudes"}, format="json")

    assert response.status_code == 422 and response.json()["code"] == "content_policy"
    assert not Comment.objects.exists()
    post.refresh_from_db()
    assert post.comment_count == 0
    fine = client_for(bob).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "love the skateboard"}, format="json")
    assert fine.status_code == 201
