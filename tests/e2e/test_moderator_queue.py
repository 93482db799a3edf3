"""A moderator works the queue in a real browser: logs in, previews the reported video, takes it down with a reason;
the phone app's API then no longer shows the post."""

import datetime
import json
import urllib.error
import urllib.request

import pytest

from tests.e2e.conftest import wait_until
from tests.moderation.world import make_moderator, published_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-enough-pass-123"


class Api:
    """The phone app's view of the live server: JSON over HTTP with a session token."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.token = ""

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        request = urllib.request.Request(  # noqa: S310 - http to the local live server only
            self.base_url + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json", **({"X-Session-Token": self.token} if self.token else {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the local live server
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def sign_up(self, handle: str) -> "Api":
        from sora_social.accounts.services import invites_mint

        status, body = self.call(
            "POST",
            "/_allauth/app/v1/auth/signup",
            {
                "username": handle,
                "email": f"{handle}@example.org",
                "password": PASSWORD,
                "invite_code": invites_mint(count=1)[0].code,
                "birth_date": datetime.date(1990, 5, 5).isoformat(),
            },
        )
        assert status == 200, body
        self.token = body["meta"]["session_token"]
        return self


def feed_post_ids(api: Api) -> set[int]:
    status, body = api.call("GET", "/api/v1/feed/?kind=for_you")
    assert status == 200, body
    return {item["post"]["id"] for item in body["items"] if item.get("type") == "post"}


@pytest.fixture
def moderators_group(transactional_db):
    """A transactional test may start from a flushed database, where rows of data migrations are gone: put the group back."""
    from django.apps import apps

    from moderation.permissions import moderators_group_sync

    assert moderators_group_sync(apps) == []


def test_a_moderator_takes_down_a_reported_video_in_the_browser(
    live_server, moderators_group, page, artifacts, make_user, faces_dir
):
    # Given: a published video, seen in the feed by a member who reports it.
    author = make_user("author")
    post = published_post(
        author,
        prompt="a skateboarder mocking a classmate by name",
        caption="lol",
        video=faces_dir / "short_hamilton_clip.mp4",
    )
    make_moderator(make_user, handle="mod", password=PASSWORD)
    viewer = Api(live_server.url).sign_up("viewer")
    assert viewer.call("GET", f"/api/v1/posts/{post.pk}/")[0] == 200
    assert post.pk in feed_post_ids(viewer)
    status, reported = viewer.call(
        "POST", "/api/v1/reports/", {"target_type": "post", "target_id": str(post.pk), "reason": "harassment", "text": "bullying"}
    )
    assert status == 201, reported

    # When: the moderator logs in and opens the queue.
    page.goto(f"{live_server.url}/admin/login/?next=/admin/moderation/moderationcase/")
    page.fill("input[name=username]", "mod")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/moderation/moderationcase/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert f"Post #{post.pk}" in rows.first.inner_text()
    assert "harassment ×1" in rows.first.inner_text()
    page.screenshot(path=str(artifacts / "moderation-queue.png"), full_page=True)

    # ... previews the video: the player loads the real file through the staff-only media view.
    rows.first.locator("th a, td a").first.click()
    page.wait_for_selector("#review-video")
    assert "a skateboarder mocking a classmate by name" in page.inner_text("#review-prompt")
    wait_until(page, "document.querySelector('#review-video').readyState >= 1")
    duration = page.evaluate("document.querySelector('#review-video').duration")
    assert 9.5 < duration < 10.5
    width = page.evaluate("document.querySelector('#review-video').videoWidth")
    assert width == 640
    page.screenshot(path=str(artifacts / "moderation-review.png"), full_page=True)

    # ... tries to act without a reason and is told why, then takes it down with one.
    page.check("input[name=action][value=take_down]")
    page.click("#case-action-form input[type=submit]")
    page.wait_for_selector(".errorlist")
    assert "Every moderation action needs a reason" in page.inner_text("#case-action-form")
    page.check("input[name=action][value=take_down]")
    page.fill("textarea[name=reason]", "Bullies a named classmate; against the harassment policy.")
    page.click("#case-action-form input[type=submit]")
    page.wait_for_url("**/admin/moderation/moderationcase/")
    assert "Done: Take Down" in page.inner_text(".messagelist")
    page.screenshot(path=str(artifacts / "moderation-after-takedown.png"), full_page=True)

    # Then: through the API the post is gone from the feed and its page; the author reads the reason.
    assert post.pk not in feed_post_ids(viewer)
    status, body = viewer.call("GET", f"/api/v1/posts/{post.pk}/")
    assert status == 404 and body["code"]
    author_api = Api(live_server.url)

    status, login = author_api.call("POST", "/_allauth/app/v1/auth/login", {"username": "author", "password": "correct horse battery"})
    assert status == 200, login
    author_api.token = login["meta"]["session_token"]
    status, decisions = author_api.call("GET", "/api/v1/moderation/decisions/")
    assert status == 200
    assert [d["reason"] for d in decisions["items"]] == ["Bullies a named classmate; against the harassment policy."]
