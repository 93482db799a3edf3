"""Withdrawn consent and takedowns: a post vanishes from every read path at once."""

import pytest

from cameos.models import Appearance
from cameos.selectors import withdrawn_appearances
from cameos.services import cameo_update, grant_create, grant_delete
from feed.models import Post
from feed.selectors import posts_visible_to
from tests.feed.conftest import result_ids

pytestmark = pytest.mark.django_db


def test_revoking_a_grant_hides_the_post_from_every_read_path(make_user, client_for, make_cameo, publish, follow):
    # Given: alice granted bob her cameo; bob published a remix of carol's post with it; dave follows bob.
    alice, bob, carol, dave = (make_user(h) for h in ("alice", "bob", "carol", "dave"))
    cameo = make_cameo(alice, handle="alice_cam", level="approved")
    grant_create(cameo=cameo, actor=alice, grantee=bob)
    original = publish(carol)
    post = publish(bob, prompt="@alice_cam juggles", cameos=[cameo], parent=original)
    follow(dave, bob)
    client = client_for(dave)
    assert post.pk in result_ids(client.get("/api/v1/feed/", {"kind": "following"}))
    assert post.pk in result_ids(client.get("/api/v1/feed/", {"kind": "for_you"}))
    assert client.get(f"/api/v1/posts/{original.pk}/remixes/").json()["items"][0]["post"]["id"] == post.pk

    # When alice withdraws bob's grant
    grant_delete(cameo=cameo, actor=alice, grantee_id=bob.pk)

    # Then the post is gone for everyone, its author included, on every path.
    assert withdrawn_appearances().filter(job_id=post.job_id).exists()
    assert post.pk not in result_ids(client.get("/api/v1/feed/", {"kind": "following"}))
    assert post.pk not in result_ids(client.get("/api/v1/feed/", {"kind": "for_you"}))
    assert post.pk not in result_ids(client.get("/api/v1/posts/"))
    assert client.get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert client_for(bob).get(f"/api/v1/posts/{post.pk}/").status_code == 404
    assert client.get(f"/api/v1/posts/{original.pk}/remixes/").json()["items"] == []
    assert client.get(f"/api/v1/posts/{post.pk}/lineage/").status_code == 404
    for response in (
        client.post(f"/api/v1/posts/{post.pk}/like/"),
        client.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "hi"}, format="json"),
        client.get(f"/api/v1/posts/{post.pk}/comments/"),
        client.post(f"/api/v1/posts/{post.pk}/view/"),
        client.post(f"/api/v1/posts/{post.pk}/remix/", {"prompt": "again"}, format="json"),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "post_not_found"
    # The parent is untouched: the remix answered to its own cameo.
    assert client.get(f"/api/v1/posts/{original.pk}/").status_code == 200


def test_switching_from_approved_to_mutuals_hides_the_videos_of_approved_people_who_are_not_mutuals(
    make_user, client_for, make_cameo, publish, follow
):
    # Given: alice approved bob (not a mutual) and carol (a mutual); both published with her cameo
    alice, bob, carol, dave = (make_user(h) for h in ("alice", "bob", "carol", "dave"))
    cameo = make_cameo(alice, handle="alice_cam", level="approved")
    grant_create(cameo=cameo, actor=alice, grantee=bob)
    grant_create(cameo=cameo, actor=alice, grantee=carol)
    follow(alice, carol)
    follow(carol, alice)
    bobs, carols = (publish(author, prompt="@alice_cam waves", cameos=[cameo]) for author in (bob, carol))

    # When alice switches her cameo to mutuals, a level that is not narrower than "approved" in every way
    cameo_update(cameo=cameo, actor=alice, level="mutuals")

    # Then bob's video is gone at once, and carol's stays
    assert client_for(dave).get(f"/api/v1/posts/{bobs.pk}/").status_code == 404
    assert client_for(dave).get(f"/api/v1/posts/{carols.pk}/").status_code == 200


def test_revocation_hides_a_post_already_in_a_ranked_session(make_user, client_for, make_cameo, publish, follow):
    alice, bob, dave = make_user("alice"), make_user("bob"), make_user("dave")
    cameo = make_cameo(alice, handle="alice_cam", level="approved")
    grant_create(cameo=cameo, actor=alice, grantee=bob)
    follow(dave, bob)
    posts = [publish(bob, prompt="@alice_cam waves", cameos=[cameo]) for _ in range(2)]
    others = [publish(make_user(f"o{i}")) for i in range(4)]
    client = client_for(dave)
    first = client.get("/api/v1/feed/", {"page_size": 3}).json()
    shown = {item["post"]["id"] for item in first["items"]}

    grant_delete(cameo=cameo, actor=alice, grantee_id=bob.pk)
    rest = client.get("/api/v1/feed/", {"page_size": 3, "cursor": first["next_cursor"]})

    assert not {p.pk for p in posts} & set(result_ids(rest))
    assert shown | set(result_ids(rest)) >= {p.pk for p in others[:2]}


def test_one_definition_of_visible(make_user, make_cameo, publish, follow):
    """The selector every path uses, on each hiding rule."""
    from django.utils import timezone

    from feed.services.posts import post_take_down
    from sora_social.accounts.services import user_block

    viewer, friend, stranger, blocker = (make_user(h) for h in ("viewer", "friend", "stranger", "blocker"))
    follow(viewer, friend)
    shown = {
        publish(friend, visibility="followers"),
        publish(stranger),
        publish(viewer, visibility="private"),
    }
    hidden = {publish(stranger, visibility="followers"), publish(stranger, visibility="private"), publish(blocker)}
    user_block(blocker=blocker, blocked=viewer)
    deleted = publish(friend)
    Post.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    hidden.add(deleted)
    for withdrawal in ("revoked_at", "removed_at"):
        cameo = make_cameo(make_user(), level="everyone")
        withdrawn = publish(friend, prompt=f"@{cameo.handle} waves", cameos=[cameo])
        Appearance.objects.filter(job_id=withdrawn.job_id).update(**{withdrawal: timezone.now()})
        hidden.add(withdrawn)
    taken = publish(friend)
    post_take_down(post=taken, moderator=stranger, reason="test")
    hidden.add(taken)

    visible = set(posts_visible_to(viewer))

    assert visible == shown
    assert not visible & hidden
