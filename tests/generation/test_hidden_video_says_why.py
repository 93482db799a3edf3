"""A video hidden after it was made says why to its creator, with no media URL that would only 404, and the
creator is told once when consent for it is withdrawn (issue 19, point 8).

Drafts are real GenerationJob rows with a tiny stored file (as in tests/feed/conftest.py), never rendered. That a URL
signed before a grant was revoked stops serving bytes is tested over a real render in
tests/generation/test_render_job.py::test_a_signed_video_url_stops_working_once_consent_is_withdrawn, and for
viewers of a taken-down post in tests/feed/test_posts.py; here, the other ways a video is withdrawn.
"""

import secrets

import pytest
from django.core.files.base import ContentFile

from cameos.models import Appearance
from cameos.services import cameo_delete, cameo_revoke_by_moderator, cameo_update, grant_create, grant_delete
from feed.services.posts import post_publish, post_restore, post_take_down
from generation.models import GenerationJob
from sora_social.accounts.services import user_block
from sora_social.notifications.models import Notification
from tests.feed.conftest import TINY_MP4
from tests.moderation.world import make_moderator

pytestmark = pytest.mark.django_db

WITHDRAWN = Notification.Kind.VIDEO_WITHDRAWN


def draft(owner, *cameos, prompt: str = "a cat rides a skateboard") -> GenerationJob:
    """A finished job with its stored files and an Appearance per cameo, as the render leaves it."""
    ref = secrets.token_hex(12)
    job = GenerationJob(
        owner=owner, prompt=prompt, duration_s=5, resolution="720p", aspect_ratio="16:9", style="realistic",
        seed=1, state=GenerationJob.State.SUCCEEDED, public_ref=ref, progress=1.0,
    )  # fmt: skip
    job.video.save(f"{ref}.mp4", ContentFile(TINY_MP4), save=False)
    job.poster.save(f"{ref}.jpg", ContentFile(b"\xff\xd8\xff\xe0tiny-jpeg"), save=False)
    job.save()
    job.cameos.set(cameos)
    for cameo in cameos:
        Appearance.objects.create(cameo=cameo, job=job, creator=owner, consent_version=cameo.consent_version)
    return job


def published(author, *cameos, prompt: str = "a cat rides a skateboard"):
    job = draft(author, *cameos, prompt=prompt)
    return post_publish(author=author, generation_id=job.pk, caption="", visibility="public", allow_remix=True)


def shown(client, job) -> dict:
    response = client.get(f"/api/v1/generations/{job.pk}/")
    assert response.status_code == 200
    return response.json()


def told(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=WITHDRAWN))


@pytest.fixture
def owner(make_user):
    return make_user("owner")


@pytest.fixture
def creator(make_user):
    return make_user("creator")


def test_revoking_a_grant_after_the_video_was_made_says_why_and_tells_the_creator_once(
    owner, creator, make_user, make_cameo, client_for, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    # Given: the owner approved the creator, whose draft shows the owner's cameo and a friend's
    cameo = make_cameo(owner, handle="star_one", level="approved")
    friend = make_cameo(make_user("friend"), handle="friend_cam", level="approved")
    for granted in (cameo, friend):
        grant_create(cameo=granted, actor=granted.owner, grantee=creator)
    job = draft(creator, cameo, friend, prompt="@star_one and @friend_cam wave")
    client = client_for(creator)
    before = shown(client, job)
    assert before["hidden_reason"] is None and before["video_url"] and before["poster_url"] and before["is_draft"]

    # When the owner revokes the grant
    with django_capture_on_commit_callbacks(execute=True):
        grant_delete(cameo=cameo, actor=owner, grantee_id=creator.pk)

    # Then the job still succeeded, says why it is hidden, and hands out no URL (nor as a draft to publish)
    after = shown(client, job)
    assert after["state"] == "succeeded"
    assert after["hidden_reason"] == "consent_revoked"
    assert after["video_url"] is None and after["poster_url"] is None and after["is_draft"] is False
    with django_assert_max_num_queries(5):  # as many as for visible jobs (test_generation_api.py)
        listed = client.get("/api/v1/generations/").json()["items"]
    assert [(j["id"], j["hidden_reason"], j["video_url"]) for j in listed] == [(job.pk, "consent_revoked", None)]
    # And the creator is told once, naming the cameo and nothing about who else did what
    (notification,) = told(creator)
    assert notification.actor is None
    assert notification.data == {
        "generation": job.pk,
        "post": None,
        "cameo": "@star_one",
        "reason": "consent_revoked",
        "message": "Your video with @star_one is no longer shown: consent for it was withdrawn.",
    }
    assert told(owner) == [] and told(friend.owner) == []

    # When the second cameo's consent goes too, and the owner then removes the already hidden draft
    grant_delete(cameo=friend, actor=friend.owner, grantee_id=creator.pk)
    assert client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk}/").status_code == 204

    # Then nothing new is said: the video was hidden once, and the first reason stands
    assert len(told(creator)) == 1
    assert shown(client, job)["hidden_reason"] == "consent_revoked"


def test_a_block_or_a_moderators_revocation_reads_like_any_withdrawal(
    owner, creator, make_user, make_cameo, client_for
):
    # Given: two published videos of the creator, each with a cameo of someone else
    blocking_cam = make_cameo(owner, handle="star_one")
    reported_cam = make_cameo(owner, handle="star_two")
    blocked_post = published(creator, blocking_cam, prompt="@star_one waves")
    revoked_post = published(creator, reported_cam, prompt="@star_two waves")

    # When the owner blocks the creator, and a moderator revokes the other cameo
    user_block(blocker=owner, blocked=creator)
    cameo_revoke_by_moderator(cameo=reported_cam, moderator=make_moderator(make_user), reason="impersonation")

    # Then both say the same reason, with no URL, and the creator is told of each without learning why
    for post in (blocked_post, revoked_post):
        answer = shown(client_for(creator), post.job)
        assert (answer["hidden_reason"], answer["video_url"], answer["post_id"]) == ("consent_revoked", None, post.pk)
    notifications = sorted(told(creator), key=lambda n: n.data["generation"])
    assert [(n.data["post"], n.data["cameo"], n.data["reason"]) for n in notifications] == [
        (blocked_post.pk, "@star_one", "consent_revoked"),
        (revoked_post.pk, "@star_two", "consent_revoked"),
    ]
    for notification in notifications:
        said = str(notification.data).lower()
        assert notification.actor is None
        assert not any(word in said for word in ("block", "moderat", "impersonation", "owner"))


def test_the_cameo_owner_removes_a_draft(owner, creator, make_cameo, client_for):
    cameo = make_cameo(owner, handle="star_one")
    job = draft(creator, cameo, prompt="@star_one waves")

    assert client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk}/").status_code == 204
    assert client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk}/").status_code == 204

    answer = shown(client_for(creator), job)
    assert answer["state"] == "succeeded" and answer["state_reason"] == "removed_by_cameo_owner"
    assert answer["hidden_reason"] == "removed_by_cameo_owner"
    assert answer["video_url"] is None and answer["poster_url"] is None and answer["is_draft"] is False
    (notification,) = told(creator)  # removing it again told nobody again
    assert notification.data["reason"] == "removed_by_cameo_owner" and notification.data["cameo"] == "@star_one"


def test_a_moderator_takedown_says_so_and_leaves_the_creator_their_own_copy(owner, creator, make_user, client_for):
    # Given: a published video without cameos
    post = published(creator)
    moderator = make_moderator(make_user)

    # When a moderator takes the post down
    post_take_down(post=post, moderator=moderator, reason="spam")

    # Then its creator is told why it is hidden, and may still watch it (to appeal), as the media guard allows
    answer = shown(client_for(creator), post.job)
    assert answer["hidden_reason"] == "taken_down" and answer["post_id"] == post.pk
    assert client_for(creator).get(answer["video_url"]).status_code == 200
    # moderation tells the author of its decisions itself (a MODERATION notification); this is no withdrawal.
    assert told(creator) == []

    post_restore(post=post, moderator=moderator, reason="appeal upheld")
    assert shown(client_for(creator), post.job)["hidden_reason"] is None


@pytest.mark.parametrize("withdrawal", ["owner_removes", "cameo_deleted", "owner_blocks", "level_lowered"])
def test_urls_signed_before_the_withdrawal_serve_nothing(
    owner, creator, make_cameo, client_for, withdrawal, django_capture_on_commit_callbacks
):
    # Given: the creator holds signed URLs for their draft's video and poster
    cameo = make_cameo(owner, handle="star_one", level="everyone")
    job = draft(creator, cameo, prompt="@star_one waves")
    client = client_for(creator)
    before = shown(client, job)
    urls = [before["video_url"], before["poster_url"]]
    assert all(client.get(url).status_code == 200 for url in urls)

    # When consent for the video goes, one way or another
    if withdrawal == "owner_removes":
        # Its files are deleted once the removal commits; the URLs are refused before that too (the job no longer
        # names the files, and a job's file that no job names is never served), so a failed delete leaks nothing.
        with django_capture_on_commit_callbacks(execute=False):
            client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk}/")
    elif withdrawal == "cameo_deleted":
        cameo_delete(cameo=cameo, actor=owner)
    elif withdrawal == "owner_blocks":
        user_block(blocker=owner, blocked=creator)
    else:
        cameo_update(cameo=cameo, actor=owner, level="only_me")

    # Then the old URLs are the API's plain 404, and no new ones are handed out
    for url in urls:
        for response in (client.get(url), client.get(url, HTTP_RANGE="bytes=0-3"), client.head(url)):
            assert response.status_code == 404
        assert client.get(url).json()["code"] == "not_found"
    assert shown(client, job)["video_url"] is None
    assert len(told(creator)) == 1


def test_the_schema_types_hidden_reason_as_a_nullable_enum():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    field = components["GenerationOutput"]["properties"]["hidden_reason"]
    refs = [choice.get("$ref", "").rsplit("/", 1)[-1] for choice in field.get("oneOf", [])]
    assert field.get("nullable") is True and "HiddenReasonEnum" in refs, field
    assert components["HiddenReasonEnum"]["enum"] == ["consent_revoked", "removed_by_cameo_owner", "taken_down"]
    for url_field in ("video_url", "poster_url"):
        assert components["GenerationOutput"]["properties"][url_field]["nullable"] is True
