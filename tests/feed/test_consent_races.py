"""Consent withdrawn while a draft is being published: the post never stays visible (PostgreSQL, real concurrency)."""

import pytest

from cameos.models import Appearance
from cameos.selectors import withdrawn_appearances
from cameos.services import grant_create, grant_delete
from feed.services import posts
from feed.services.posts import post_publish

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_grant_revoked_while_a_publish_is_between_its_check_and_its_insert_hides_the_new_post(
    require_postgres, make_user, make_cameo, make_draft, client_for, in_another_request, monkeypatch
):
    # Given: alice approved bob, and bob has a draft with her cameo
    alice, bob, viewer = make_user("alice"), make_user("bob"), make_user("viewer")
    cameo = make_cameo(alice, handle="alice_cam", level="approved")
    grant_create(cameo=cameo, actor=alice, grantee=bob)
    job = make_draft(bob, prompt="@alice_cam surfs", cameos=[cameo])

    # When alice revokes bob's grant right after the door let bob's publish through, before its post exists
    revocation = []
    door = posts.require_uses

    def door_then_alice_revokes(*args, **kwargs):
        decisions = door(*args, **kwargs)
        revocation.append(in_another_request(lambda: grant_delete(cameo=cameo, actor=alice, grantee_id=bob.pk)))
        revocation[0].join(timeout=1.0)  # the revocation gets every chance to finish first
        return decisions

    monkeypatch.setattr(posts, "require_uses", door_then_alice_revokes)
    post = post_publish(author=bob, generation_id=job.pk)
    revocation[0].join(timeout=30)

    # Then the revocation waited for the publish and hid the post it made
    assert not revocation[0].is_alive()
    assert withdrawn_appearances().filter(job_id=post.job_id).exists()
    assert Appearance.objects.get(job=job).revoked_at is not None
    assert client_for(viewer).get(f"/api/v1/posts/{post.pk}/").status_code == 404
