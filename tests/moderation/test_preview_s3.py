"""With S3 storage the moderators' preview of a reported video is a redirect to a short-lived presigned URL: the
admin's player fetches the bytes, and its byte ranges, from the store, never through a Python web process."""

import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest

from moderation import services
from moderation.models import ModerationCase
from sora_social.media_delivery import PRESIGNED_TTL_S
from tests.moderation.world import published_post

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/moderationcase/"


def test_a_reported_video_in_the_bucket_is_previewed_through_a_presigned_redirect(
    s3_storage, make_user, moderator, client, faces_dir
):
    path = faces_dir / "short_hamilton_clip.mp4"
    post = published_post(make_user("author"), video=path)
    services.report_create(reporter=make_user("alice"), target_type="post", target_id=str(post.pk), reason="other")
    case = ModerationCase.objects.get(target_kind="post", target_id=post.pk, status="open")
    assert s3_storage.keys() == [post.job.video.name]
    url = f"{QUEUE}{case.pk}/media/video/"

    client.force_login(moderator)
    answer = client.get(url, HTTP_RANGE="bytes=100-199")

    assert answer.status_code == 302 and {"private", "no-store"} <= set(answer["Cache-Control"].split(", "))
    location = answer["Location"]
    assert location.startswith(f"{s3_storage.endpoint_url}/{s3_storage.name}/{post.job.video.name}?")
    assert int(parse_qs(urlsplit(location).query)["X-Amz-Expires"][0]) == PRESIGNED_TTL_S
    request = urllib.request.Request(location, headers={"Range": "bytes=100-199"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as stored:  # noqa: S310 - the local test S3 server
        assert stored.status == 206 and stored.read() == path.read_bytes()[100:200]

    # Only moderators get the redirect; the others never learn the store's URL
    client.logout()
    assert "amz" not in client.get(url).get("Location", "").lower()  # to the admin login
    client.force_login(make_user("staff_only", is_staff=True))
    assert client.get(url).status_code == 404
