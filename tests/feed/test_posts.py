"""Posts: publish (consent asked again), read, delete, likes, comments, views, and who can reach the media."""

import datetime

import pytest
from django.utils import timezone

from cameos.models import ConsentDecision
from feed.models import Comment, Like, Post, PostView
from sora_social.notifications.models import Notification
from tests.feed.conftest import result_ids

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_makes_a_post_others_can_see(make_user, client_for, make_draft, make_cameo):
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone")
    job = make_draft(alice, prompt="@alice_cam surfs a wave", cameos=[cameo])

    response = client_for(alice).post(
        "/api/v1/posts/", {"generation_id": job.pk, "caption": "first!", "visibility": "public"}, format="json"
    )

    assert response.status_code == 201, response.json()
    item = response.json()
    assert item["post"]["caption"] == "first!"
    assert item["post"]["cameos"] == ["@alice_cam"]
    assert item["author"]["handle"] == "alice"
    assert item["counts"] == {"likes": 0, "comments": 0, "views": 0, "remixes": 0}
    # The consent door was asked again at publish time, and that use is in the owner's audit log.
    assert ConsentDecision.objects.filter(cameo=cameo, purpose="publish", allowed=True).count() == 1
    seen_by_bob = client_for(bob).get(f"/api/v1/posts/{item['post']['id']}/")
    assert seen_by_bob.status_code == 200
    assert seen_by_bob.json()["post"]["video_url"].startswith("/api/v1/media/")


def test_publish_is_refused_when_consent_was_withdrawn_and_the_denial_stays_audited(
    make_user, client_for, make_draft, make_cameo
):
    # Given: bob made a draft with alice's cameo while she allowed everyone, then she narrowed it to "only me".
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone")
    job = make_draft(bob, prompt="@alice_cam dances", cameos=[cameo])
    cameo.level = "only_me"
    cameo.save(update_fields=["level"])

    # When bob publishes it
    response = client_for(bob).post("/api/v1/posts/", {"generation_id": job.pk}, format="json")

    # Then: refused with a clear code, no post, and the denial is in alice's audit log (not rolled back).
    assert response.status_code == 403
    assert response.json()["code"] == "cameo_not_permitted"
    assert response.json()["cameo"] == "@alice_cam"
    assert not Post.objects.exists()
    assert ConsentDecision.objects.filter(cameo=cameo, actor=bob, purpose="publish", allowed=False).exists()


def test_a_withdrawn_appearance_cannot_be_published_even_if_consent_returns(make_user, client_for, make_draft, make_cameo):
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone")
    job = make_draft(bob, prompt="@alice_cam dances", cameos=[cameo])
    job.appearances.update(revoked_at=timezone.now())

    response = client_for(bob).post("/api/v1/posts/", {"generation_id": job.pk}, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "cameo_consent_revoked"


def test_only_my_own_finished_drafts_can_be_published_once(make_user, client_for, make_draft):
    alice, bob = make_user("alice"), make_user("bob")
    job = make_draft(alice)
    assert client_for(bob).post("/api/v1/posts/", {"generation_id": job.pk}, format="json").status_code == 404
    assert client_for(alice).post("/api/v1/posts/", {"generation_id": job.pk}, format="json").status_code == 201
    again = client_for(alice).post("/api/v1/posts/", {"generation_id": job.pk}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_published"
    queued = make_draft(alice)
    queued.state = "queued"
    queued.save(update_fields=["state"])
    refused = client_for(alice).post("/api/v1/posts/", {"generation_id": queued.pk}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "not_a_draft"


def test_private_and_missing_posts_look_the_same_to_others(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    private = publish(alice, visibility="private")

    hidden = client_for(bob).get(f"/api/v1/posts/{private.pk}/")
    missing = client_for(bob).get(f"/api/v1/posts/{private.pk + 1000}/")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert client_for(alice).get(f"/api/v1/posts/{private.pk}/").status_code == 200
    # Enumerating ids through the list gives nothing either.
    assert private.pk not in result_ids(client_for(bob).get("/api/v1/posts/"))


def test_followers_only_posts_need_a_follow(make_user, client_for, publish, follow):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    post = publish(alice, visibility="followers")
    follow(bob, alice)
    assert client_for(bob).get(f"/api/v1/posts/{post.pk}/").status_code == 200
    assert client_for(carol).get(f"/api/v1/posts/{post.pk}/").status_code == 404


def test_media_urls_go_only_to_viewers_who_may_see_the_post(make_user, client_for, publish, api_client):
    alice, bob = make_user("alice"), make_user("bob")
    public = publish(alice)
    private = publish(alice, visibility="private")

    url = client_for(bob).get(f"/api/v1/posts/{public.pk}/").json()["post"]["video_url"]

    assert b"".join(api_client.get(url).streaming_content).startswith(b"\x00\x00\x00\x18ftyp")
    # The private post's file exists, but bob has no way to get a URL for it, and guessing one gets a 404.
    assert client_for(bob).get(f"/api/v1/posts/{private.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/media/{private.job.video.name}/").status_code == 404
    assert api_client.get(url[:-3] + "xyz/").status_code == 404


def test_a_signed_media_url_stops_working_once_the_post_is_hidden_from_its_viewer(make_user, client_for, publish):
    from feed.selectors import job_media_visible_to
    from feed.services.posts import post_take_down

    # Given: bob and alice hold signed URLs for alice's public post
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    bobs_url = client_for(bob).get(f"/api/v1/posts/{post.pk}/").json()["post"]["video_url"]
    alices_url = client_for(alice).get(f"/api/v1/posts/{post.pk}/").json()["post"]["poster_url"]
    assert client_for(bob).get(bobs_url).status_code == 200

    # When a moderator takes the post down
    post_take_down(post=post, moderator=bob, reason="test")

    # Then bob's URL serves nothing at once, while alice still reaches her own video's files
    assert client_for(bob).get(bobs_url).status_code == 404
    assert client_for(alice).get(alices_url).status_code == 200
    # A file that is no job's is not feed's to judge.
    assert job_media_visible_to("avatars/someone.png", bob.pk) is None


def test_blocks_hide_posts_both_ways_and_suspended_or_banned_authors_vanish(make_user, client_for, publish):
    from sora_social.accounts.services import user_block

    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    post = publish(alice)
    user_block(blocker=alice, blocked=bob)
    assert client_for(bob).get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert client_for(carol).get(f"/api/v1/posts/{post.pk}/").status_code == 200

    alice.suspended_until = timezone.now() + datetime.timedelta(days=1)
    alice.save(update_fields=["suspended_until"])
    assert client_for(carol).get(f"/api/v1/posts/{post.pk}/").status_code == 404
    alice.suspended_until = timezone.now() - datetime.timedelta(minutes=1)
    alice.save(update_fields=["suspended_until"])
    assert client_for(carol).get(f"/api/v1/posts/{post.pk}/").status_code == 200
    alice.banned_at = timezone.now()
    alice.save(update_fields=["banned_at"])
    assert client_for(carol).get(f"/api/v1/posts/{post.pk}/").status_code == 404


def test_deleting_is_for_the_author_only(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    refused = client_for(bob).delete(f"/api/v1/posts/{post.pk}/")
    assert refused.status_code == 403 and refused.json()["code"] == "not_author"
    assert client_for(alice).delete(f"/api/v1/posts/{post.pk}/").status_code == 204
    assert client_for(alice).get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert client_for(bob).get(f"/api/v1/posts/{post.pk}/").status_code == 404


def test_the_author_can_turn_remixes_off_and_change_the_audience(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    changed = client_for(alice).patch(f"/api/v1/posts/{post.pk}/", {"allow_remix": False, "caption": "new"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["post"]["allow_remix"] is False and changed.json()["post"]["caption"] == "new"
    assert client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"caption": "x"}, format="json").status_code == 403
    client_for(alice).patch(f"/api/v1/posts/{post.pk}/", {"visibility": "private"}, format="json")
    assert client_for(bob).get(f"/api/v1/posts/{post.pk}/").status_code == 404


def test_likes_are_idempotent_counted_once_and_notify_once(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    client = client_for(bob)

    first = client.post(f"/api/v1/posts/{post.pk}/like/")
    second = client.post(f"/api/v1/posts/{post.pk}/like/")

    assert first.status_code == second.status_code == 200
    assert second.json() == {"liked": True, "like_count": 1}
    assert Like.objects.filter(post=post).count() == 1
    assert client.get(f"/api/v1/posts/{post.pk}/").json()["liked"] is True
    assert client.delete(f"/api/v1/posts/{post.pk}/like/").json() == {"liked": False, "like_count": 0}
    assert client.delete(f"/api/v1/posts/{post.pk}/like/").json() == {"liked": False, "like_count": 0}
    client.post(f"/api/v1/posts/{post.pk}/like/")
    # like, unlike, like again: alice hears about it once.
    assert Notification.objects.filter(recipient=alice, kind="liked", actor=bob).count() == 1
    assert Notification.objects.get(recipient=alice, kind="liked").data == {"post": post.pk}


def test_liking_a_hidden_post_is_a_404(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    private = publish(alice, visibility="private")
    response = client_for(bob).post(f"/api/v1/posts/{private.pk}/like/")
    assert response.status_code == 404 and response.json()["code"] == "post_not_found"
    assert not Like.objects.exists()


def test_comments_create_list_delete_and_retries_count_once(make_user, client_for, publish, django_assert_max_num_queries):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    post = publish(alice)
    bob_client = client_for(bob)

    created = bob_client.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "nice", "client_id": "c-1"}, format="json")
    retried = bob_client.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "nice", "client_id": "c-1"}, format="json")
    client_for(carol).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "wow"}, format="json")

    assert created.status_code == 201 and retried.status_code == 200
    assert created.json()["id"] == retried.json()["id"]
    assert Post.objects.get(pk=post.pk).comment_count == 2
    assert Notification.objects.filter(recipient=alice, kind="commented").count() == 2
    with django_assert_max_num_queries(6):
        listed = client_for(alice).get(f"/api/v1/posts/{post.pk}/comments/").json()["items"]
    assert [c["body"] for c in listed] == ["wow", "nice"]
    assert all(c["can_delete"] for c in listed)  # the post's author may remove comments on it

    comment_id = created.json()["id"]
    refused = client_for(carol).delete(f"/api/v1/posts/{post.pk}/comments/{comment_id}/")
    assert refused.status_code == 403 and refused.json()["code"] == "not_comment_author"
    assert bob_client.delete(f"/api/v1/posts/{post.pk}/comments/{comment_id}/").status_code == 204
    assert bob_client.delete(f"/api/v1/posts/{post.pk}/comments/{comment_id}/").status_code == 404
    assert Post.objects.get(pk=post.pk).comment_count == 1
    assert Comment.objects.filter(deleted_at__isnull=True).count() == 1


def test_commenting_on_a_taken_down_post_is_refused(make_user, client_for, publish):
    from feed.services.posts import post_restore, post_take_down

    alice, bob, moderator = make_user("alice"), make_user("bob"), make_user("mod", is_staff=True)
    post = publish(alice)
    post_take_down(post=post, moderator=moderator, reason="spam")

    response = client_for(bob).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "hey"}, format="json")

    assert response.status_code == 404 and response.json()["code"] == "post_not_found"
    assert client_for(alice).get(f"/api/v1/posts/{post.pk}/").status_code == 404
    post_restore(post=post, moderator=moderator, reason="appeal upheld")
    assert client_for(bob).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "hey"}, format="json").status_code == 201


def test_comment_input_is_checked(make_user, client_for, publish):
    alice = make_user("alice")
    post = publish(alice)
    too_long = client_for(alice).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "x" * 1001}, format="json")
    blank = client_for(alice).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "   "}, format="json")
    assert too_long.status_code == 400 and blank.status_code == 400


def test_views_count_once_per_viewer_per_day_and_not_for_the_author(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)

    assert client_for(bob).post(f"/api/v1/posts/{post.pk}/view/").json() == {"counted": True, "view_count": 1}
    assert client_for(bob).post(f"/api/v1/posts/{post.pk}/view/").json() == {"counted": False, "view_count": 1}
    assert client_for(alice).post(f"/api/v1/posts/{post.pk}/view/").json()["counted"] is False
    # The next day counts again.
    PostView.objects.update(day=timezone.localdate() - datetime.timedelta(days=1))
    assert client_for(bob).post(f"/api/v1/posts/{post.pk}/view/").json() == {"counted": True, "view_count": 2}


def test_post_list_is_one_keyset_page_with_a_signed_cursor(make_user, client_for, publish, django_assert_max_num_queries):
    alice = make_user("alice")
    posts = [publish(alice, age=datetime.timedelta(minutes=i)) for i in range(5)]
    client = client_for(alice)

    # The page, my likes on it, its cameos, plus the request's savepoint and its release.
    with django_assert_max_num_queries(5):
        first = client.get("/api/v1/posts/?page_size=3")
    second = client.get("/api/v1/posts/", {"page_size": 3, "cursor": first.json()["next_cursor"]})

    assert result_ids(first) + result_ids(second) == [p.pk for p in posts]
    assert second.json()["next_cursor"] is None
    forged = client.get("/api/v1/posts/", {"cursor": first.json()["next_cursor"][:-2] + "xx"})
    assert forged.status_code == 400 and forged.json()["code"] == "invalid_cursor"
