"""The phone app's error contract: 401 (with WWW-Authenticate) against 403, one JSON error shape for every /api/
and media answer whatever DEBUG says, one top-level code for validation failures, and every operation's
error statuses in the schema."""

import pytest
from django.test import Client, override_settings
from rest_framework.test import APIClient

from sora_social.api.media import media_token

SHAPE = {"code", "message", "fields"}


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert SHAPE <= body.keys(), body
    if code is not None:
        assert body["code"] == code, body
    return body


@pytest.fixture
def session_token(make_user):
    make_user("signer", password="a-long-enough-pass-123")
    response = Client().post(
        "/_allauth/app/v1/auth/login",
        {"username": "signer", "password": "a-long-enough-pass-123"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


# ---- 401 against 403 ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_credentials_is_401_with_a_challenge():
    response = APIClient().get("/api/v1/me/")

    assert_error(response, 401, "not_authenticated")
    assert "X-Session-Token" in response["WWW-Authenticate"]


@pytest.mark.django_db
def test_an_unknown_session_token_is_401(db):
    response = APIClient().get("/api/v1/me/", HTTP_X_SESSION_TOKEN="no-such-session")

    assert_error(response, 401, "session_invalid")
    assert response["WWW-Authenticate"]


def test_a_live_token_passes_and_a_logged_out_one_is_401(session_token):
    client = APIClient(HTTP_X_SESSION_TOKEN=session_token)
    assert client.get("/api/v1/me/").status_code == 200

    # When the session ends (allauth's own logout keeps allauth's own shape)
    logout = Client().delete("/_allauth/app/v1/auth/session", HTTP_X_SESSION_TOKEN=session_token)
    assert logout.status_code == 401 and "status" in logout.json()

    # Then the API calls the old token what it is
    assert_error(client.get("/api/v1/me/"), 401, "session_invalid")


def test_a_signed_in_member_without_permission_keeps_403(make_user, client_for):
    banned = make_user("banned")
    banned.banned_at = banned.date_joined
    banned.save(update_fields=["banned_at"])

    response = client_for(banned).get("/api/v1/me/")

    assert_error(response, 403)
    assert "WWW-Authenticate" not in response


# ---- JSON for everything under /api/, DEBUG or not ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_unknown_api_routes_are_json_404(debug, make_user, client_for):
    client = client_for(make_user())
    with override_settings(DEBUG=debug):
        assert_error(client.get("/api/v1/no-such-thing/"), 404, "not_found")
        assert_error(client.get("/api/v2/"), 404, "not_found")
        assert_error(client.post("/api/v1/media/", {}), 404, "not_found")


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_a_wrong_method_is_json_405_with_allow(debug, make_user, client_for):
    client = client_for(make_user())
    token = media_token("avatars/x.jpg", viewer_id=1)
    with override_settings(DEBUG=debug):
        api = client.put("/api/v1/notifications/read/", {}, format="json")
        media = Client().post(f"/api/v1/media/{token}/")

    assert_error(api, 405, "method_not_allowed")
    assert_error(media, 405, "method_not_allowed")
    assert "GET" in media["Allow"]


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_dead_expired_or_tampered_media_urls_are_json_404(debug, settings, make_user):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    viewer = make_user("viewer")
    name = default_storage.save("avatars/a.jpg", ContentFile(b"jpeg"))
    good = media_token(name, viewer_id=viewer.pk)
    encoded, mac = good.split(".")
    tokens = {
        "expired": media_token(name, viewer_id=viewer.pk, ttl_s=-1),
        # The first character changed: "AA" over the last two left a MAC already ending in "AA" as it was.
        "tampered": f"{encoded}.{'B' if mac[0] == 'A' else 'A'}{mac[1:]}",
        "garbage": "not-a-token",
        "dead": media_token("avatars/gone.jpg", viewer_id=viewer.pk),
        "non-ascii": "é.é",
    }
    with override_settings(DEBUG=debug):
        assert Client().get(f"/api/v1/media/{good}/").status_code == 200
        for token in tokens.values():
            assert_error(Client().get(f"/api/v1/media/{token}/"), 404, "not_found")
        assert_error(Client().get(f"/api/v1/media/{good}/extra/"), 404, "not_found")


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_an_unsupported_media_type_is_json_415(debug, make_user, client_for):
    client = client_for(make_user())
    with override_settings(DEBUG=debug):
        response = client.post("/api/v1/posts/", "caption=hi", content_type="text/plain")

    assert_error(response, 415, "unsupported_media_type")


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_malformed_json_is_json_400(debug, make_user, client_for):
    client = client_for(make_user())
    with override_settings(DEBUG=debug):
        response = client.post("/api/v1/posts/", "{not json", content_type="application/json")

    assert_error(response, 400, "parse_error")


def test_pages_outside_the_api_keep_djangos_own_answers(db):
    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


# ---- one top-level code for validation failures ---------------------------------------------------------------


@pytest.mark.django_db
def test_one_bad_field_keeps_its_code_inside_fields_not_on_top(make_user, client_for):
    client = client_for(make_user())

    response = client.post("/api/v1/posts/", {"generation_id": 0}, format="json")

    body = assert_error(response, 400, "invalid_input")
    assert [error["code"] for error in body["fields"]["generation_id"]] == ["min_value"]


@pytest.mark.django_db
def test_a_missing_field_and_several_bad_fields_are_invalid_input(make_user, client_for):
    client = client_for(make_user())

    missing = client.post("/api/v1/posts/", {}, format="json")
    several = client.post("/api/v1/posts/", {"generation_id": "x", "caption": "c" * 10_000}, format="json")

    assert assert_error(missing, 400, "invalid_input")["fields"]["generation_id"][0]["code"] == "required"
    assert set(assert_error(several, 400, "invalid_input")["fields"]) == {"generation_id", "caption"}


# ---- the schema documents each operation's errors ---------------------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method, path, operation


def test_every_operation_documents_its_error_statuses_in_the_error_shape(schema):
    ref = "#/components/schemas/Error"
    assert set(schema["components"]["schemas"]["Error"]["required"]) == SHAPE
    for method, path, operation in _operations(schema):
        responses = operation["responses"]
        expected = {"401", "403", "503"}
        if "{" in path:
            expected.add("404")
        if "requestBody" in operation:
            expected |= {"400", "413", "415", "422"}
        assert expected <= responses.keys(), (method, path, sorted(responses))
        for status in expected:
            assert responses[status]["content"]["application/json"]["schema"] == {"$ref": ref}, (method, path, status)


def test_throttled_operations_document_429_and_others_do_not(schema):
    responses = {(method, path): operation["responses"] for method, path, operation in _operations(schema)}

    assert "429" in responses[("post", "/api/v1/generations/")]
    assert "429" in responses[("post", "/api/v1/cameos/{cameo_id}/face-searches/")]
    assert "429" not in responses[("get", "/api/v1/generations/")]
    assert "400" not in responses[("get", "/api/v1/me/")]
    assert "415" in responses[("put", "/api/v1/me/avatar/")]
    # A body that names an object (a draft to publish, a report's target) can miss it
    assert "404" in responses[("post", "/api/v1/posts/")]
    assert "404" in responses[("post", "/api/v1/reports/")]
