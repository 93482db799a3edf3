"""Profiles, follows (mutual is derived), blocks (hide both ways and end follows) and invites."""

import io

import pytest
from PIL import Image

from sora_social.accounts.models import Follow
from sora_social.accounts.selectors import are_mutuals

pytestmark = pytest.mark.django_db


def test_following_both_ways_makes_mutuals(make_user, client_for):
    alice, bob = make_user("alice"), make_user("bob")
    assert client_for(alice).post("/api/v1/users/bob/follow/").status_code == 204
    assert not are_mutuals(alice.pk, bob.pk)
    client_for(bob).post("/api/v1/users/alice/follow/")

    profile = client_for(alice).get("/api/v1/users/BOB/").json()

    assert profile["is_mutual"] is True
    assert profile["followers"] == 1 and profile["following"] == 1
    assert are_mutuals(alice.pk, bob.pk)


def test_following_twice_is_idempotent_and_unfollow_works(make_user, client_for):
    alice, _bob = make_user("alice"), make_user("bob")
    client = client_for(alice)
    client.post("/api/v1/users/bob/follow/")
    client.post("/api/v1/users/bob/follow/")
    assert Follow.objects.count() == 1
    assert client.delete("/api/v1/users/bob/follow/").status_code == 204
    assert Follow.objects.count() == 0


def test_you_cannot_follow_yourself(make_user, client_for):
    alice = make_user("alice")
    response = client_for(alice).post("/api/v1/users/alice/follow/")
    assert response.status_code == 422
    assert response.json()["code"] == "follow_self"


def test_a_block_hides_both_ways_and_removes_follows(make_user, client_for):
    alice, bob = make_user("alice"), make_user("bob")
    client_for(alice).post("/api/v1/users/bob/follow/")
    client_for(bob).post("/api/v1/users/alice/follow/")

    assert client_for(alice).post("/api/v1/users/bob/block/").status_code == 204

    assert Follow.objects.count() == 0
    assert client_for(bob).get("/api/v1/users/alice/").status_code == 404
    assert client_for(alice).get("/api/v1/users/bob/").status_code == 404
    refollow = client_for(bob).post("/api/v1/users/alice/follow/")
    assert refollow.status_code == 404


def test_unknown_and_blocked_users_look_the_same(make_user, client_for):
    alice, bob = make_user("alice"), make_user("bob")
    client_for(bob).post("/api/v1/users/alice/block/")
    blocked = client_for(alice).get("/api/v1/users/bob/")
    missing = client_for(alice).get("/api/v1/users/nobody_here/")
    assert blocked.status_code == missing.status_code == 404
    assert blocked.json() == missing.json()


def test_my_invites_list_their_state(make_user, client_for, django_assert_max_num_queries):
    alice = make_user("alice")
    with django_assert_max_num_queries(4):
        response = client_for(alice).get("/api/v1/invites/")
    codes = response.json()["items"]
    assert len(codes) == 4
    assert {code["state"] for code in codes} == {"available"}


def test_profile_update_and_avatar_validated_by_content(make_user, client_for):
    alice = make_user("alice")
    client = client_for(alice)
    assert client.patch("/api/v1/me/", {"display_name": "Alice A.", "bio": "hi"}, format="json").json()["display_name"] == "Alice A."

    png = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(png, format="PNG")
    png.seek(0)
    png.name = "avatar.txt"  # the name does not matter, the content does
    ok = client.put("/api/v1/me/avatar/", {"avatar": png}, format="multipart")
    assert ok.status_code == 200, ok.content
    assert ok.json()["avatar_url"]

    fake = io.BytesIO(b"this is not an image at all")
    fake.name = "avatar.png"
    bad = client.put("/api/v1/me/avatar/", {"avatar": fake}, format="multipart")
    assert bad.status_code == 422
    assert bad.json()["code"] == "not_an_image"


def test_me_requires_sign_in(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code in (401, 403)
    assert set(response.json()) >= {"code", "message", "fields"}
