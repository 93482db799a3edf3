"""Attacks on the HTTP surface and the deployment hardening (2026-12-07).

Tried: Host and X-Forwarded-Host poisoning of the password-reset email and of the HTTPS redirect; spoofed
X-Forwarded-For against allauth's per-address login limit; a cross-site form riding a session cookie on /api/ (a
follow, a profile edit, a text/plain body); the app's session token in a query string and as a browser session
cookie; CORS reads with credentials from a foreign origin; shared caching of signed-in JSON; open redirects through
the admin's ?next=; CR/LF in a served file's name (X-Accel-Redirect); method overrides, TRACE and OPTIONS; too many
query parameters; a crash's 500 under /api/ and in the admin with DEBUG off; brute force on the Django admin's login
form; and production mode itself (SORA_ENV=production, run in a subprocess as `.ci/run` runs `check --deploy`): DEBUG,
ALLOWED_HOSTS, the HTTPS redirect, HSTS and the other security headers, cookie flags, CORS, the HTML 404. Each attack
is a test: one the code refuses passes, asserting the refusal; one that gets through asserts the secure behaviour
and is a strict xfail naming where it gets through.

Got through: 4 cases, all mended the same day (their tests pass now; each says how below).
- test_signed_in_api_answers_are_not_stored_by_shared_caches[...] (/me/, /notifications/, /invites/): an answer
  to a request signed in with X-Session-Token carries no Cache-Control at all and `Vary: origin` only. The token is
  not `Authorization`, so RFC 9111 does not keep a shared cache (a CDN, a corporate proxy) from storing the answer
  and, keyed on the URL, serving one person's /me/ (email, birth date, limits) to the next. Nothing under
  sora_social/api/ set it (only the media views and allauth's never_cache answers did). Mended:
  `PrivateApiAnswersMiddleware` (private, no-store unless the view set its own; Vary: X-Session-Token).
- test_the_admin_login_form_is_rate_limited_like_allauths: /admin/login/ takes unlimited password guesses. allauth
  limits failed logins (ACCOUNT_RATE_LIMITS "login_failed": 10/m/ip, 5/5m/key) in its own login flow only;
  Django's AdminSite.login calls authenticate() through AccountBackend (sora_social/accounts/backends.py), which
  counts nothing, so after 10 wrong passwords in a row the right one still signed a moderator or operator in.
  Mended: `SoraAdminSite.login` spends allauth's "login_failed" limit per address and per handle (429 past it), and a
  right password clears the handle's count (test_a_moderator_signs_in_to_the_admin_after_a_few_typos).
- test_an_app_session_token_does_not_open_the_admin_as_a_cookie: the headless `session_token` is the Django
  session key (allauth's token strategy), and the admin reads the same session store, so a staff member's phone token
  set as the `sessionid` cookie opens /admin/ with no admin login. The token is a bearer credential the phone keeps
  and may put in a WebSocket URL (`?session_token=`, which servers log); for staff it is then an admin credential
  too (sora_social/admin_site.py: has_permission asked only is_staff/active/not banned). Mended: the app's sessions
  are marked when their token is handed out (`AppSessionTokenStrategy`), and the admin refuses a marked session.
- test_options_is_not_an_undocumented_200: OPTIONS on any /api/ route answers 200 with DRF's metadata ("name":
  "Cameo List Api", the parsers), an operation the schema does not have; the contract (tests/contract.py, README
  "The schema is the contract") allows an undocumented method only a 404 or 405 in the error shape. Low severity:
  it names the view classes only (no `actions`: the views are APIViews). DRF's default `metadata_class`
  (REST_FRAMEWORK in sora_social/settings/api.py set none). Mended: `DEFAULT_METADATA_CLASS: None`, a 405.

Held (passing):
- A Host outside ALLOWED_HOSTS is a 400 in the API's shape and sends no email; X-Forwarded-Host is ignored
  (USE_X_FORWARDED_HOST off): the password-reset email names the real host and its link is the app's
  soraapp:// URL (HEADLESS_FRONTEND_URLS), never an http URL built from the request.
- allauth's per-address login limit counts REMOTE_ADDR: ten failures under ten forged X-Forwarded-For addresses
  make the eleventh, with the right password, allauth's `too_many_login_attempts` (allauth's TRUSTED_PROXY_COUNT
  is 0).
- A session cookie authenticates /api/ (SessionAuthentication, for staff in a browser), but a cross-site form without
  the CSRF token cannot follow someone or edit the profile (403, nothing changed), with a JSON or a text/plain body.
- The session token in the query string (`?session_token=`) authenticates nothing on /api/ (401): only the header.
- A foreign Origin gets no Access-Control-Allow-Origin, on a read or a preflight; production allows no origin and no
  credentials unless CORS_ALLOWED_ORIGINS names one.
- The admin's ?next= to another host (https://, //, /\\, https:) lands on this site after a login.
- CR/LF in a stored file's name is percent-encoded in X-Accel-Redirect: no header is injected.
- X-HTTP-Method-Override and `_method` change nothing (405); TRACE is a 405 in the error shape echoing nothing.
- 201 query parameters (DATA_UPLOAD_MAX_NUMBER_FIELDS is 200) are a 400 in the error shape, not a 500.
- With DEBUG off a crash is a bare 500: JSON `server_error` under /api/, Django's plain page in the admin, no
  traceback, message or path.
- Production (SORA_ENV=production, in a subprocess): DEBUG off; ALLOWED_HOSTS is only what the environment names
  and nothing when unset; plain HTTP is a 301 to https on the requested Host, X-Forwarded-Host ignored; HTTPS
  answers carry HSTS (one year, subdomains, preload), nosniff, Referrer-Policy same-origin, X-Frame-Options DENY,
  COOP same-origin, on the API and the admin; the session and CSRF cookies are Secure and SameSite=Lax, the session
  cookie HttpOnly; the HTML 404 lists no URL patterns.

Looked at and not written as holes (documented, or outside this app):
- The schema, its Swagger page and allauth's specification are public (README, "Schema and docs"); they hold no
  `servers` entry built from the Host.
- `?session_token=` on the WebSocket URL is documented for clients that cannot set headers; a server's access log
  then holds the token (uvicorn logs the WebSocket path with its query string). Worth saying in deploy/README.md.
- SECURE_PROXY_SSL_HEADER trusts X-Forwarded-Proto from whoever reaches the process (uvicorn does not strip it
  from clients outside FORWARDED_ALLOW_IPS); a client that lies only exempts its own plain-HTTP request from the
  redirect. The balancer must overwrite the header, which deploy/README.md does not say.
- /healthz/ tells the worker's pid (deploy/README.md); uvicorn sends `server: uvicorn` with no version.
- No Permissions-Policy or Content-Security-Policy: `check --deploy` asks for neither, and the API serves JSON only.
- The admin's login page redirects a refused ?next= to LOGIN_REDIRECT_URL (/accounts/profile/), a 404 under
  HEADLESS_ONLY: harmless, but set LOGIN_REDIRECT_URL to /admin/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.test.client import ClientHandler

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parent.parent
LOGIN = "/_allauth/app/v1/auth/login"
PASSWORD = "a-long-enough-pass-123"


# ---- helpers ------------------------------------------------------------------------------------------------------


def sign_in(handle: str, **extra) -> str:
    response = Client().post(
        LOGIN, {"username": handle, "password": PASSWORD}, content_type="application/json", **extra
    )
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


def unchecked(method: str, path: str, **extra):
    """A request through Django's whole stack without the schema check of every test client (tests/contract.py),
    for answers the schema cannot document (OPTIONS, TRACE, a crash): the test asserts them itself."""
    request = RequestFactory().generic(method, path, **extra)
    return ClientHandler()(request.environ)


def cache_directives(response) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.fixture
def member(make_user):
    def make(handle: str, **extra):
        user = make_user(handle, password=PASSWORD, **extra)
        return user, sign_in(handle)

    return make


# ---- caching of private answers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/me/", "/api/v1/notifications/", "/api/v1/invites/"])
def test_signed_in_api_answers_are_not_stored_by_shared_caches(member, path):
    alice, token = member("alice")
    response = Client().get(path, HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 200
    directives = cache_directives(response)
    # Either no cache keeps it, or only the person's own, keyed on who asked.
    assert "no-store" in directives or ("private" in directives and "x-session-token" in vary(response)), (
        dict(response.headers)
    )


def test_allauths_own_answers_are_never_cached(member):
    # The control: allauth's session endpoint marks its answer never_cache, which the API's own do not.
    alice, token = member("alice")
    response = Client().get("/_allauth/app/v1/auth/session", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 200
    assert {"no-store", "private", "no-cache"} <= cache_directives(response)


# ---- Host and forwarded headers ---------------------------------------------------------------------------------


def test_a_host_outside_allowed_hosts_is_refused_and_sends_no_email(make_user, mailoutbox):
    make_user("alice", password=PASSWORD)
    response = Client().post(
        "/_allauth/app/v1/auth/password/request", {"email": "alice@example.org"},
        content_type="application/json", HTTP_HOST="evil.example",
    )
    assert response.status_code == 400
    assert mailoutbox == []
    api = unchecked("GET", "/api/v1/me/", HTTP_HOST="evil.example")
    assert api.status_code == 400
    assert json.loads(api.content) == {"code": "bad_request", "message": "The request could not be understood.",
                                       "fields": {}}


def test_x_forwarded_host_does_not_reach_the_password_reset_email(make_user, mailoutbox):
    make_user("alice", password=PASSWORD)
    response = Client().post(
        "/_allauth/app/v1/auth/password/request", {"email": "alice@example.org"},
        content_type="application/json", HTTP_HOST="localhost", HTTP_X_FORWARDED_HOST="evil.example",
        HTTP_X_FORWARDED_PROTO="https", HTTP_FORWARDED="host=evil.example",
    )
    assert response.status_code == 200, response.content
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    everything = mail.subject + mail.body + "".join(str(content) for content, _ in mail.alternatives)
    assert "evil.example" not in everything
    assert "soraapp://account/password/reset/key/" in mail.body
    assert "http://" not in mail.body and "https://" not in mail.body


def test_a_forged_x_forwarded_for_does_not_escape_the_per_address_login_limit(make_user):
    # allauth: "login_failed" 10/m/ip. Ten failures for ten different accounts, each "from" another address.
    for attempt in range(10):
        response = Client().post(
            LOGIN, {"username": f"nobody{attempt}", "password": "wrong-password-1"}, content_type="application/json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt + 1}", HTTP_X_REAL_IP=f"203.0.113.{attempt + 1}",
        )
        assert response.status_code == 400, response.content
        assert response.json()["errors"][0]["code"] != "too_many_login_attempts", attempt
    make_user("alice", password=PASSWORD)
    eleventh = Client().post(
        LOGIN, {"username": "alice", "password": PASSWORD}, content_type="application/json",
        HTTP_X_FORWARDED_FOR="198.51.100.77", HTTP_X_REAL_IP="198.51.100.77",
    )
    # allauth's refusal of the limit (its 400 shape), even with the right password.
    assert eleventh.status_code == 400, eleventh.content
    assert eleventh.json()["errors"][0]["code"] == "too_many_login_attempts"
    assert "session_token" not in eleventh.json().get("meta", {})


# ---- cookies, CSRF and tokens -------------------------------------------------------------------------------------


def test_a_cross_site_form_riding_the_session_cookie_changes_nothing(make_user):
    from sora_social.accounts.models import User
    from sora_social.accounts.models.social import Follow

    alice = make_user("alice", password=PASSWORD)
    make_user("bob")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    # The control: the cookie alone does sign alice in on /api/ (SessionAuthentication).
    assert browser.get("/api/v1/me/").status_code == 200

    follow = browser.post("/api/v1/users/bob/follow/")
    edit = browser.patch("/api/v1/me/", json.dumps({"bio": "pwned"}), content_type="application/json")
    plain = browser.generic("PATCH", "/api/v1/me/", '{"bio": "pwned"}', content_type="text/plain")
    for response in (follow, edit, plain):
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "permission_denied"
        assert "CSRF" in response.json()["message"]
    assert not Follow.objects.filter(follower=alice).exists()
    alice = User.objects.get(pk=alice.pk)
    assert getattr(getattr(alice, "profile", None), "bio", "") != "pwned"


def test_the_session_token_in_a_query_string_authenticates_nothing(member):
    alice, token = member("alice")
    for query in ("session_token", "x-session-token", "X-Session-Token", "token"):
        response = Client().get(f"/api/v1/me/?{query}={token}")
        assert response.status_code == 401, (query, response.content)
        assert response.json()["code"] == "not_authenticated"


def test_an_app_session_token_does_not_open_the_admin_as_a_cookie(member):
    operator, token = member("operator", is_staff=True, is_superuser=True)
    browser = Client()
    browser.cookies["sessionid"] = token
    response = browser.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_foreign_origin_may_not_read_the_api(member):
    alice, token = member("alice")
    read = Client().get("/api/v1/me/", HTTP_ORIGIN="https://evil.example", HTTP_X_SESSION_TOKEN=token)
    assert read.status_code == 200
    assert "Access-Control-Allow-Origin" not in read
    assert "Access-Control-Allow-Credentials" not in read
    preflight = unchecked(
        "OPTIONS", "/api/v1/me/", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-session-token",
    )
    assert "Access-Control-Allow-Origin" not in preflight
    assert "Access-Control-Allow-Headers" not in preflight


# ---- the admin's login ----------------------------------------------------------------------------------------------


def test_the_admin_login_form_is_rate_limited_like_allauths(make_user):
    make_user("moderator", password=PASSWORD, is_staff=True)
    browser = Client()
    answers = [
        browser.post("/admin/login/", {"username": "moderator", "password": f"guess-{attempt}"}).status_code
        for attempt in range(10)
    ]
    # The form again, with its error, until the limit: then 429 (allauth's 5 in 5 minutes for one account).
    assert answers == [200] * 5 + [429] * 5
    right = browser.post("/admin/login/", {"username": "moderator", "password": PASSWORD})
    # After ten failures in a minute (allauth's 10/m/ip; 5/5m for the account), even the right password waits.
    assert right.status_code == 429, right.get("Location")
    assert "_auth_user_id" not in browser.session


def test_a_moderator_signs_in_to_the_admin_after_a_few_typos(make_user):
    """The control: a right password within the limit signs in, and clears the count of failures."""
    make_user("moderator", password=PASSWORD, is_staff=True)
    browser = Client()
    assert [browser.post("/admin/login/", {"username": "moderator", "password": "typo"}).status_code for _ in range(3)] == [200] * 3
    assert browser.post("/admin/login/", {"username": "moderator", "password": PASSWORD}).status_code == 302
    browser.logout()
    assert [browser.post("/admin/login/", {"username": "moderator", "password": "typo"}).status_code for _ in range(4)] == [200] * 4


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "\\\\evil.example"]
)
def test_the_admin_login_does_not_redirect_off_site(make_user, target):
    make_user("moderator", password=PASSWORD, is_staff=True)
    browser = Client()
    response = browser.post(
        f"/admin/login/?next={target}", {"username": "moderator", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith(("//", "/\\"))
    assert "evil.example" not in response["Location"]


# ---- header injection, methods, sizes -----------------------------------------------------------------------------


def test_crlf_in_a_served_files_name_is_encoded_in_x_accel_redirect(member, settings):
    from sora_social.api.media import signed_media_url

    alice, token = member("alice")
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media"
    name = "misc/a\r\nX-Evil: 1\r\n\r\n<b>.mp4"
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    response = Client().get(signed_media_url(name, viewer_id=alice.pk))
    assert response.status_code == 200, response.content
    assert response["X-Accel-Redirect"] == "/protected-media/misc/a%0D%0AX-Evil%3A%201%0D%0A%0D%0A%3Cb%3E.mp4"
    assert "X-Evil" not in response
    assert "\r" not in response.serialize_headers().decode("latin-1").replace("\r\n", "")


def test_method_override_headers_change_nothing(member):
    from sora_social.accounts.models import User

    alice, token = member("alice")
    for extra, path in (
        ({"HTTP_X_HTTP_METHOD_OVERRIDE": "PATCH"}, "/api/v1/me/"),
        ({"HTTP_X_METHOD_OVERRIDE": "PATCH"}, "/api/v1/me/"),
        ({"HTTP_X_HTTP_METHOD": "PATCH"}, "/api/v1/me/"),
        ({}, "/api/v1/me/?_method=PATCH"),
    ):
        response = Client().post(
            path, json.dumps({"bio": "overridden"}), content_type="application/json", HTTP_X_SESSION_TOKEN=token,
            **extra,
        )
        assert response.status_code == 405, (extra, path, response.content)
        assert response.json()["code"] == "method_not_allowed"
    profile = getattr(User.objects.get(pk=alice.pk), "profile", None)
    assert getattr(profile, "bio", "") != "overridden"


def test_trace_is_refused_and_echoes_nothing(member):
    alice, token = member("alice")
    for path in ("/api/v1/me/", "/admin/login/", "/_allauth/app/v1/auth/session"):
        response = unchecked("TRACE", path, HTTP_X_SESSION_TOKEN=token, HTTP_COOKIE="sessionid=secret-cookie-value")
        assert response.status_code == 405, (path, response.status_code)
        assert token.encode() not in response.content
        assert b"secret-cookie-value" not in response.content
    api = unchecked("TRACE", "/api/v1/me/", HTTP_X_SESSION_TOKEN=token)
    assert json.loads(api.content)["code"] == "method_not_allowed"


def test_options_is_not_an_undocumented_200(member):
    alice, token = member("alice")
    for path in ("/api/v1/me/", "/api/v1/cameos/", "/api/v1/generations/"):
        response = unchecked("OPTIONS", path, HTTP_X_SESSION_TOKEN=token)
        body = json.loads(response.content)
        assert response.status_code == 405, (path, body)
        assert set(body) >= {"code", "message", "fields"} and "name" not in body


def test_too_many_query_parameters_are_a_400_not_a_500(member):
    alice, token = member("alice")
    query = "&".join(f"p{index}=1" for index in range(201))
    response = unchecked("GET", f"/api/v1/notifications/?{query}", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 400, response.content
    assert json.loads(response.content)["code"] == "bad_request"


# ---- errors with DEBUG off ------------------------------------------------------------------------------------------


def test_a_crash_with_debug_off_tells_nothing(member, settings, monkeypatch):
    from django.contrib.admin.sites import AdminSite

    from sora_social.accounts.api.views import MeApi

    settings.DEBUG = False
    secret = "connection to db.internal:5432 password=hunter2 at /srv/sora/secret.py"

    def crash(*args, **kwargs):
        raise RuntimeError(secret)

    operator, token = member("operator", is_staff=True, is_superuser=True)
    monkeypatch.setattr(MeApi, "get", crash)
    api = unchecked("GET", "/api/v1/me/", HTTP_X_SESSION_TOKEN=token)
    assert api.status_code == 500
    assert json.loads(api.content) == {"code": "server_error", "message": "Something went wrong on our side.",
                                       "fields": {}}

    # admin.site.urls holds its views bound at import; each_context is looked up at every request.
    monkeypatch.setattr(AdminSite, "each_context", crash)
    browser = Client(raise_request_exception=False)
    browser.force_login(operator)
    admin = browser.get("/admin/")
    assert admin.status_code == 500
    for leak in (b"hunter2", b"Traceback", b"RuntimeError", b"/srv/sora", b"settings"):
        assert leak not in admin.content and leak not in api.content


# ---- production mode ------------------------------------------------------------------------------------------------

PRODUCTION_PROBE = r"""
import importlib, json, os
import django
django.setup()
from django.conf import settings
from django.test import Client

NAMES = ["DEBUG", "ALLOWED_HOSTS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
         "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "USE_X_FORWARDED_HOST", "USE_X_FORWARDED_PORT",
         "CORS_ALLOW_ALL_ORIGINS", "CORS_ALLOW_CREDENTIALS", "CORS_ALLOWED_ORIGINS", "CORS_ALLOWED_ORIGIN_REGEXES",
         "SECURE_SSL_REDIRECT"]
out = {"settings": {name: getattr(settings, name, None) for name in NAMES}}

def grab(response):
    return {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": {name: {**dict(morsel), "value": morsel.value} for name, morsel in response.cookies.items()},
        "body": response.content[:3000].decode("utf-8", "replace"),
    }

HOST = "api.example.org"
out["http"] = grab(Client().get("/api/v1/me/?x=1", HTTP_HOST=HOST, HTTP_X_FORWARDED_HOST="evil.example"))
out["https_api"] = grab(Client().get("/api/v1/nope/", HTTP_HOST=HOST, secure=True, HTTP_ORIGIN="https://evil.example"))
out["https_html_404"] = grab(Client().get("/nope/", HTTP_HOST=HOST, secure=True))
out["https_admin_login"] = grab(Client().get("/admin/login/", HTTP_HOST=HOST, secure=True))
out["https_foreign_host"] = grab(Client().get("/api/v1/nope/", HTTP_HOST="evil.example", secure=True))
os.environ.pop("ALLOWED_HOSTS", None)
import sora_social.settings.base as base
out["allowed_hosts_when_unset"] = importlib.reload(base).ALLOWED_HOSTS
print("PROBE" + json.dumps(out, default=str))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """What a production web process answers (SORA_ENV=production, the variables `.ci/run` gives `check --deploy`),
    through Django's test client in a process of its own: settings are read once per process."""
    from cryptography.fernet import Fernet

    folder = tmp_path_factory.mktemp("production")
    env = {
        name: value for name, value in os.environ.items()
        if not name.startswith(("SECURE_", "CORS_", "CSRF_", "SESSION_"))
        and name not in ("REDIS_URL", "CELERY_BROKER_URL", "S3_BUCKET", "DEBUG", "PYTEST_XDIST_WORKER")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="sora_social.settings",
        SORA_ENV="production",
        SECRET_KEY="probe-" + Fernet.generate_key().decode() * 2,
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        BIOMETRIC_KEY=Fernet.generate_key().decode(),
        C2PA_CHAIN_PATH="/nonexistent/chain.pem",
        C2PA_KEY_PATH="/nonexistent/key.pem",
        ALLOWED_HOSTS="api.example.org",
        SORA_VAR_DIR=str(folder / "var"),
        PRELOAD_MODELS="0",
        PYTHONPATH=str(REPO_ROOT),
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PRODUCTION_PROBE], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
        timeout=180, check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("PROBE")]
    assert result.returncode == 0 and lines, result.stderr[-3000:]
    return json.loads(lines[-1].removeprefix("PROBE"))


def test_production_turns_debug_off_and_trusts_only_the_hosts_it_is_given(production):
    assert production["settings"]["DEBUG"] is False
    assert production["settings"]["ALLOWED_HOSTS"] == ["api.example.org"]
    assert production["allowed_hosts_when_unset"] == []
    assert production["settings"]["USE_X_FORWARDED_HOST"] is False
    assert production["settings"]["USE_X_FORWARDED_PORT"] is False
    foreign = production["https_foreign_host"]
    assert foreign["status"] == 400
    assert json.loads(foreign["body"])["code"] == "bad_request"


def test_production_redirects_plain_http_to_https_on_the_real_host(production):
    assert production["settings"]["SECURE_SSL_REDIRECT"] is True
    http = production["http"]
    assert http["status"] == 301
    assert http["headers"]["Location"] == "https://api.example.org/api/v1/me/?x=1"


@pytest.mark.parametrize("answer", ["https_api", "https_html_404", "https_admin_login"])
def test_production_sends_the_security_headers(production, answer):
    headers = production[answer]["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Server" not in headers and "X-Powered-By" not in headers


def test_production_cookies_are_secure(production):
    configured = production["settings"]
    assert configured["SESSION_COOKIE_SECURE"] is True and configured["CSRF_COOKIE_SECURE"] is True
    assert configured["SESSION_COOKIE_HTTPONLY"] is True
    assert configured["SESSION_COOKIE_SAMESITE"] == configured["CSRF_COOKIE_SAMESITE"] == "Lax"
    csrf = production["https_admin_login"]["cookies"]["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    login = production["https_admin_login"]["headers"]
    assert "no-store" in login["Cache-Control"]


def test_production_lets_no_foreign_origin_read_with_credentials(production):
    configured = production["settings"]
    assert configured["CORS_ALLOWED_ORIGINS"] == []
    assert not configured["CORS_ALLOW_ALL_ORIGINS"]
    assert not configured["CORS_ALLOW_CREDENTIALS"]
    assert not configured["CORS_ALLOWED_ORIGIN_REGEXES"]
    assert "Access-Control-Allow-Origin" not in production["https_api"]["headers"]


def test_production_404_pages_list_no_urls(production):
    page = production["https_html_404"]
    assert page["status"] == 404
    for leak in ("URLconf", "Django tried", "api/v1/", "admin/", "DEBUG = True", "Traceback"):
        assert leak not in page["body"]
    api = production["https_api"]
    assert api["status"] == 404
    assert json.loads(api["body"]) == {"code": "not_found", "message": "Not found.", "fields": {}}
