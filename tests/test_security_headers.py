"""Every answer carries a Content-Security-Policy and a Permissions-Policy.

The admin shows moderators what members wrote; a script that slipped past escaping must still not run there. So only
the site's own scripts run (no inline script, no eval), nothing may frame a page, and no plugin loads. The browser
test in tests/e2e/test_content_security_policy.py opens the admin and the API's docs under this policy and sees no
violation; this file checks the headers and the pages' markup.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from moderation import services
from sora_social.security_headers import store_origin
from tests.moderation.world import make_moderator, published_post

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/moderationcase/"


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


class InlineCode(HTMLParser):
    """Scripts in the page itself: <script> without src, and on* handler attributes."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and not names.get("src") and names.get("type", "") not in ("application/json",):
            self.found.append(f"<script> at line {self.getpos()[0]}")
        self.found += [f"{tag} {name}=" for name in names if name.startswith("on")]


def inline_code_in(response) -> list[str]:
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


@pytest.fixture
def reported_case(make_user, faces_dir):
    post = published_post(make_user("author"), video=faces_dir / "short_hamilton_clip.mp4", caption="<b>hi</b>")
    services.report_create(reporter=make_user("alice"), target_type="post", target_id=str(post.pk), reason="other")
    return services.case_for_target(target_kind="post", target_id=post.pk)


def test_every_kind_of_answer_runs_only_the_sites_own_scripts_and_cannot_be_framed(client, make_user):
    answers = {
        "api, signed out": client.get("/api/v1/me/"),
        "api schema": client.get("/api/v1/schema/"),
        "api docs": client.get("/api/v1/docs/"),
        "admin login": client.get("/admin/login/"),
        "a page nobody has": client.get("/nowhere/"),
    }

    for name, response in answers.items():
        policy = policy_of(response)
        assert policy["script-src"] == ["'self'"], name  # no 'unsafe-inline', no 'unsafe-eval'
        assert policy["default-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["form-action"] == ["'self'"], name
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "display-capture"):
            assert f"{feature}=()" in permissions, (name, feature)


def test_the_api_docs_run_their_setup_script_from_its_own_url(client):
    page = client.get("/api/v1/docs/")

    assert page.status_code == 200
    assert inline_code_in(page) == []
    script = re.search(r'<script src="([^"]*\?script=)"', page.content.decode())
    assert script, "the split view's setup script"
    setup = client.get(script.group(1))
    assert setup.status_code == 200 and "javascript" in setup["Content-Type"]
    assert "SwaggerUIBundle" in setup.content.decode()


def test_the_moderators_pages_hold_no_inline_script(make_user, client, reported_case):
    moderator = make_moderator(make_user)
    client.force_login(moderator)

    pages = [
        client.get(QUEUE),
        client.get(f"{QUEUE}{reported_case.pk}/change/"),
        client.get("/admin/cameos/protectedperson/add/"),
        client.get("/admin/"),
    ]

    for page in pages:
        assert page.status_code == 200
        assert inline_code_in(page) == [], page.request["PATH_INFO"]


def test_without_object_storage_media_come_from_the_site_only(client):
    assert store_origin() is None
    policy = policy_of(client.get("/admin/login/"))
    assert policy["media-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]


def test_with_object_storage_the_moderators_player_may_load_from_the_store(s3_storage, make_user, client, reported_case):
    # The preview is a redirect to the store's presigned URL, on the store's origin: the policy names that origin.
    client.force_login(make_moderator(make_user))

    page = client.get(f"{QUEUE}{reported_case.pk}/change/")
    preview = client.get(f"{QUEUE}{reported_case.pk}/media/video/")

    assert preview.status_code == 302
    location = urlsplit(preview["Location"])
    origin = f"{location.scheme}://{location.netloc}"
    assert origin == store_origin()
    policy = policy_of(page)
    assert origin in policy["media-src"] and origin in policy["img-src"]
    assert policy["script-src"] == ["'self'"]  # the store may hold media, never scripts


def test_only_the_sign_in_api_reference_may_run_a_blob_worker_or_show_redoclys_logo(client):
    reference = client.get("/_allauth/openapi.html")
    elsewhere = client.get("/api/v1/docs/")

    assert reference.status_code == 200 and inline_code_in(reference) == []
    assert "drf_spectacular_sidecar/redoc" in reference.content.decode()  # Redoc from this site, not a CDN
    assert policy_of(reference)["worker-src"] == ["'self'", "blob:"]
    assert "https://cdn.redoc.ly" in policy_of(reference)["img-src"]
    assert "worker-src" not in policy_of(elsewhere) and "https://cdn.redoc.ly" not in policy_of(elsewhere)["img-src"]
    assert policy_of(reference)["script-src"] == ["'self'"]
