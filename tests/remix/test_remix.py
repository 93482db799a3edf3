"""Remix: only public posts whose author allows it; the parent's cameos are asked again for the remixer; lineage
survives a parent's takedown; notifications for remixes, likes and comments are listed with read state."""

import pytest

from cameos.models import ConsentDecision
from feed.models import Post
from generation.models import GenerationJob
from sora_social.notifications.models import Notification
from tests.cameos.parental import linked

pytestmark = pytest.mark.django_db


def remix(client, post, prompt="the same scene, but at night"):
    return client.post(f"/api/v1/posts/{post.pk}/remix/", {"prompt": prompt, "duration_s": 3}, format="json")


def test_remixing_starts_a_generation_that_carries_the_parent_and_its_cameos(
    make_user, client_for, make_cameo, publish
):
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone")
    parent = publish(alice, prompt="@alice_cam surfs", cameos=[cameo])

    response = remix(client_for(bob), parent)

    assert response.status_code == 202, response.json()
    job = GenerationJob.objects.get(pk=response.json()["id"])
    assert job.owner == bob and job.parent_job_id == parent.job_id and job.state == "queued"
    # The parent's cameo is a cameo of the remix: the render asks the door about it again, and the remix
    # answers to it for as long as it exists.
    assert list(job.cameos.all()) == [cameo]
    assert response.json()["cameos"] == ["@alice_cam"]
    assert ConsentDecision.objects.filter(cameo=cameo, actor=bob, purpose="remix", allowed=True).exists()


def test_the_parents_cameos_must_allow_the_remixer_and_the_denial_is_audited(
    make_user, client_for, make_cameo, publish, follow
):
    # Given: alice shares her cameo with mutuals; carol (a mutual) posted a video with it; bob is no mutual.
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    follow(alice, carol)
    follow(carol, alice)
    cameo = make_cameo(alice, handle="alice_cam", level="mutuals")
    parent = publish(carol, prompt="@alice_cam and friends dance", cameos=[cameo])

    response = remix(client_for(bob), parent)

    assert response.status_code == 403
    assert response.json()["code"] == "cameo_not_permitted"
    assert response.json()["reason"] == "not_mutuals"
    assert not GenerationJob.objects.filter(owner=bob).exists()
    assert ConsentDecision.objects.filter(cameo=cameo, actor=bob, purpose="remix", allowed=False).exists()


def test_a_remix_prompt_is_screened_as_a_prompt_about_the_parents_cameos(make_user, client_for, make_cameo, publish, follow):
    # Given: a 15-year-old's cameo, shared with mutuals (her mom lets them use it), in carol's post; bob is a mutual
    # of the teen.
    teen, carol, bob, mom = make_user("teen", age=15), make_user("carol"), make_user("bob"), make_user("mom", age=45)
    for a, b in ((teen, carol), (carol, teen), (teen, bob), (bob, teen)):
        follow(a, b)
    link_id = linked(client_for, teen, mom)
    allowed = client_for(mom).patch(f"/api/v1/parental/links/{link_id}/", {"mutuals_may_use_cameo": True}, format="json")
    assert allowed.status_code == 200
    cameo = make_cameo(teen, handle="teen_cam", level="mutuals")
    with_the_teen = publish(carol, prompt="@teen_cam surfs", cameos=[cameo])
    without_cameos = publish(carol, prompt="a wave breaks")
    # A prompt the content policy lets through in general, but not about a real person or a teen.
    prompt = "she dances seductively in a nightclub"
    assert remix(client_for(bob), without_cameos, prompt=prompt).status_code == 202

    # When bob remixes the teen's video with it, without naming her
    response = remix(client_for(bob), with_the_teen, prompt=prompt)

    # Then the strict policy applies: the parent's cameos are in the remix
    assert response.status_code == 422
    assert response.json()["code"] == "content_policy"
    assert not GenerationJob.objects.filter(owner=bob, parent_job=with_the_teen.job).exists()


def test_only_public_posts_that_allow_remixes_can_be_remixed(make_user, client_for, publish, follow):
    alice, bob = make_user("alice"), make_user("bob")
    follow(bob, alice)
    private = publish(alice, visibility="private")
    followers_only = publish(alice, visibility="followers")
    no_remix = publish(alice, allow_remix=False)

    others_private = remix(client_for(bob), private)
    own_private = remix(client_for(alice), private)
    followers = remix(client_for(bob), followers_only)
    disabled = remix(client_for(bob), no_remix)

    assert others_private.status_code == 404 and others_private.json()["code"] == "post_not_found"
    assert own_private.status_code == 403 and own_private.json()["code"] == "remix_not_public"
    assert followers.status_code == 403 and followers.json()["code"] == "remix_not_public"
    assert disabled.status_code == 403 and disabled.json()["code"] == "remix_disabled"
    assert not GenerationJob.objects.filter(parent_job__isnull=False).exists()


def test_remixes_and_lineage_survive_a_parent_taken_down(make_user, client_for, publish, django_assert_max_num_queries):
    from feed.services.posts import post_take_down

    alice, bob, carol, viewer = (make_user(h) for h in ("alice", "bob", "carol", "viewer"))
    root = publish(alice)
    child = publish(bob, parent=root)
    grandchild = publish(carol, parent=child)
    client = client_for(viewer)

    assert [r["post"]["id"] for r in client.get(f"/api/v1/posts/{root.pk}/remixes/").json()["items"]] == [child.pk]
    # The post, its ancestry, the visible ancestors, my likes, their parents, their cameos, and a savepoint pair:
    # the same for any depth.
    with django_assert_max_num_queries(8):
        lineage = client.get(f"/api/v1/posts/{grandchild.pk}/lineage/").json()["items"]
    assert [(e["depth"], e["item"]["post"]["id"]) for e in lineage] == [(1, child.pk), (2, root.pk)]
    assert Post.objects.get(pk=root.pk).remix_count == 1

    post_take_down(post=root, moderator=viewer, reason="test")

    child_item = client.get(f"/api/v1/posts/{child.pk}/").json()
    assert child_item["parent"] is None and child_item["parent_unavailable"] is True
    grandchild_item = client.get(f"/api/v1/posts/{grandchild.pk}/").json()
    assert grandchild_item["parent"]["id"] == child.pk and grandchild_item["parent_unavailable"] is False
    lineage = client.get(f"/api/v1/posts/{grandchild.pk}/lineage/").json()["items"]
    assert [(e["depth"], e["available"]) for e in lineage] == [(1, True), (2, False)]
    assert lineage[1]["item"] is None
    assert client.get(f"/api/v1/posts/{root.pk}/remixes/").status_code == 404
    assert client.post(f"/api/v1/posts/{root.pk}/remix/", {"prompt": "x"}, format="json").status_code == 404


def test_a_parent_counts_its_public_remixes_as_their_audience_changes(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    parent = publish(alice)
    child = publish(bob, parent=parent, visibility="followers")

    def counted() -> int:
        return Post.objects.get(pk=parent.pk).remix_count

    assert counted() == 0  # followers-only: not everyone who sees the parent may see it
    for visibility, expected in (("public", 1), ("public", 1), ("private", 0), ("followers", 0), ("public", 1)):
        response = client_for(bob).patch(f"/api/v1/posts/{child.pk}/", {"visibility": visibility}, format="json")
        assert response.status_code == 200, response.content
        assert counted() == expected, visibility
    assert client_for(bob).delete(f"/api/v1/posts/{child.pk}/").status_code == 204
    assert counted() == 0


def test_the_migration_recounts_remixes_kept_before_as_public_ones_only(make_user, publish):
    import importlib

    from django.apps import apps

    recount = importlib.import_module("remix.migrations.0002_remix_count_public_remixes_only").count_public_remixes
    alice = make_user("alice")
    parent, other = publish(alice), publish(alice)
    for visibility in ("public", "public", "private", "followers"):
        publish(make_user(), parent=parent, visibility=visibility)
    deleted = publish(make_user(), parent=parent)
    Post.objects.filter(pk=deleted.pk).update(deleted_at=deleted.created_at)
    # As counted before 2026-12-07: every remix published, the deleted one taken off.
    Post.objects.filter(pk=parent.pk).update(remix_count=4)
    Post.objects.filter(pk=other.pk).update(remix_count=0)

    recount(apps, None)

    assert Post.objects.get(pk=parent.pk).remix_count == 2
    assert Post.objects.get(pk=other.pk).remix_count == 0


def test_the_migration_recounts_remixes_as_the_ones_anyone_may_see(make_user, make_cameo, publish):
    import importlib

    from django.apps import apps
    from django.utils import timezone

    from cameos.models import Appearance
    from sora_social.accounts.models import User

    recount = importlib.import_module("remix.migrations.0003_remix_count_counts_visible_remixes").recount
    alice, owner = make_user("alice"), make_user("owner")
    cameo = make_cameo(owner, handle="owner_cam", level="everyone")
    parent = publish(alice)
    publish(make_user("shown"), parent=parent)
    taken_down = publish(make_user("taken"), parent=parent)
    Post.objects.filter(pk=taken_down.pk).update(taken_down_at=timezone.now())
    withdrawn = publish(make_user("withdrawn"), parent=parent, prompt="@owner_cam waves", cameos=[cameo])
    Appearance.objects.filter(job_id=withdrawn.job_id).update(revoked_at=timezone.now())
    banned, gone = make_user("banned"), make_user("gone")
    publish(banned, parent=parent), publish(gone, parent=parent)
    User.objects.filter(pk=banned.pk).update(banned_at=timezone.now())
    User.objects.filter(pk=gone.pk).update(is_active=False)
    # As counted by hand before: every remix published
    Post.objects.filter(pk=parent.pk).update(remix_count=5)

    recount(apps, None)

    assert Post.objects.get(pk=parent.pk).remix_count == 1


def test_remixed_liked_and_commented_notifications_are_listed_with_read_state(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    publish(bob, parent=post)
    client_for(bob).post(f"/api/v1/posts/{post.pk}/like/")
    client_for(bob).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "love it"}, format="json")
    publish(alice, parent=post)  # my own remix of my own post: no notification to myself
    client = client_for(alice)

    listed = client.get("/api/v1/notifications/").json()["items"]

    assert [n["kind"] for n in listed] == ["commented", "liked", "remixed"]
    assert all(n["actor"] == "bob" and n["is_read"] is False for n in listed)
    assert listed[2]["data"]["post"] == post.pk
    remixed_id = listed[2]["id"]
    assert client.post("/api/v1/notifications/read/", {"ids": [remixed_id]}, format="json").json() == {"marked_read": 1}
    unread = client.get("/api/v1/notifications/", {"unread": "true"}).json()["items"]
    assert [n["kind"] for n in unread] == ["commented", "liked"]
    assert Notification.objects.filter(recipient=bob).exclude(kind="followed").count() == 0


def test_a_published_remix_counts_on_its_parent_until_its_author_deletes_it(make_user, client_for, publish):
    from remix.models import RemixAncestry

    # Given: bob published a remix of alice's post (its job remixes her post's job)
    alice, bob = make_user("alice"), make_user("bob")
    parent = publish(alice)
    child = publish(bob, parent=parent)

    # Then it is the parent's remix, in its lineage, and counted once
    assert child.parent_id == parent.pk
    assert list(RemixAncestry.objects.filter(descendant=child).values_list("ancestor_id", "depth")) == [(parent.pk, 1)]
    assert client_for(alice).get(f"/api/v1/posts/{parent.pk}/").json()["counts"]["remixes"] == 1

    # When bob deletes it (twice: the second finds nothing)
    assert client_for(bob).delete(f"/api/v1/posts/{child.pk}/").status_code == 204
    assert client_for(bob).delete(f"/api/v1/posts/{child.pk}/").status_code == 404

    # Then the parent counts no remix
    assert Post.objects.get(pk=parent.pk).remix_count == 0
