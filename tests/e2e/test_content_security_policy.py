"""The admin and the API's docs work in a real browser under the Content-Security-Policy, which the browser enforces:
a moderator's pages load, the reported video plays, Swagger UI renders the schema, Redoc renders allauth's, and the
browser reports no violation; a script put into a page is refused (sora_social/settings/security.py, tests/test_security_headers.py)."""

import pytest

from moderation import services
from tests.e2e.conftest import wait_until
from tests.e2e.test_moderator_queue import PASSWORD, moderators_group  # noqa: F401 - a fixture
from tests.moderation.world import make_moderator, published_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation the browser reports, recorded before any of the page's own scripts run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_the_moderators_pages_and_the_api_docs_work_under_the_policy(
    live_server, moderators_group, page, make_user, faces_dir  # noqa: F811 - the fixture imported above
):
    post = published_post(make_user("author"), video=faces_dir / "short_hamilton_clip.mp4", caption="hello")
    services.report_create(reporter=make_user("alice"), target_type="post", target_id=str(post.pk), reason="other")
    case = services.case_for_target(target_kind="post", target_id=post.pk)
    make_moderator(make_user, handle="mod", password=PASSWORD)
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.add_init_script(RECORD_VIOLATIONS)
    seen = {}

    page.goto(f"{live_server.url}/admin/login/?next=/admin/moderation/moderationcase/")
    page.fill("input[name=username]", "mod")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/moderation/moderationcase/")
    seen["queue"] = violations(page)

    page.goto(f"{live_server.url}/admin/moderation/moderationcase/{case.pk}/change/")
    wait_until(page, "document.querySelector('#review-video').readyState >= 1")
    assert page.evaluate("document.querySelector('#review-video').videoWidth") == 640
    seen["review page, video loaded"] = violations(page)

    page.goto(f"{live_server.url}/admin/cameos/protectedperson/add/")
    page.wait_for_selector("input[name=name]")
    seen["protected person form"] = violations(page)

    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info .title")  # the setup script ran and the schema was fetched
    assert "sora_social" in page.inner_text(".swagger-ui .info .title").lower().replace(" ", "_")
    seen["api docs"] = violations(page)

    page.goto(f"{live_server.url}/_allauth/openapi.html")
    page.wait_for_selector("redoc h1, .api-content h1")  # Redoc, from this site's static files, rendered the spec
    seen["sign-in api docs"] = violations(page)

    assert {name: found for name, found in seen.items() if found} == {}
    assert not [line for line in console if "Content Security Policy" in line or "Permissions-Policy" in line], console

    # A script put into a page does not run, and the browser says why.
    ran = page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true';"
        " document.body.appendChild(s); return window.__ran === true; }"
    )
    assert ran is False
    wait_until(page, "window.__violations.length > 0")
    assert violations(page)[0].startswith("script-src")
