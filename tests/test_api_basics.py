"""The API's shared behaviour: one error shape, no 500s on bad input, the schema and docs served offline."""

import os

import pytest

pytestmark = pytest.mark.django_db


def test_malformed_json_is_a_400_in_the_error_format(make_user, client_for):
    client = client_for(make_user("alice"))
    response = client.patch("/api/v1/me/", "{not json", content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}


def test_wrong_types_give_field_errors(make_user, client_for):
    client = client_for(make_user("alice"))
    response = client.patch("/api/v1/me/", {"display_name": ["not", "a", "string"]}, format="json")
    assert response.status_code == 400
    assert "display_name" in response.json()["fields"]


def test_an_oversized_body_is_refused_with_a_4xx(make_user, client_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client = client_for(make_user("alice"))
    response = client.patch("/api/v1/me/", {"bio": "x" * 5000}, format="json")
    assert 400 <= response.status_code < 500


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/v1/does-not-exist/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("position", ["9999-12-31 23:59:59-14:00", "0001-01-01 00:00:00+14:00", "abc", "2026-02-30"])
def test_a_cursor_forged_with_an_impossible_time_is_a_400(make_user, client_for, position):
    import base64
    from urllib.parse import urlencode

    cursor = base64.b64encode(urlencode({"p": position}).encode()).decode()
    client = client_for(make_user("alice"))
    for path in ("/api/v1/notifications/", "/api/v1/cameos/", "/api/v1/generations/", "/api/v1/reports/"):
        response = client.get(path, {"cursor": cursor})
        assert response.status_code == 400, (path, response.content)
        assert response.json()["code"] == "invalid_cursor"


def test_a_forged_cursor_is_a_400(make_user, client_for):
    client = client_for(make_user("alice"))
    response = client.get("/api/v1/invites/?cursor=forged!!")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"


@pytest.mark.parametrize("page_size", ["abc", "1.5", "9" * 40 + "x"])
def test_a_page_size_that_is_not_a_whole_number_is_a_400_on_every_list(make_user, client_for, page_size):
    client = client_for(make_user("alice"))
    for path in ("/api/v1/notifications/", "/api/v1/cameos/", "/api/v1/generations/", "/api/v1/invites/", "/api/v1/feed/"):
        response = client.get(path, {"page_size": page_size})
        assert response.status_code == 400, (path, response.content)
        assert response.json()["code"] == "page_size_invalid"


def test_a_page_size_out_of_range_is_held_to_one_to_fifty(make_user, client_for):
    from sora_social.accounts.services import invites_mint

    alice = make_user("alice")
    client = client_for(alice)
    invites_mint(count=3, created_by=alice)
    assert len(client.get("/api/v1/invites/", {"page_size": "0"}).json()["items"]) == 1
    assert len(client.get("/api/v1/invites/", {"page_size": "-7"}).json()["items"]) == 1
    assert len(client.get("/api/v1/invites/", {"page_size": "2"}).json()["items"]) == 2
    assert len(client.get("/api/v1/invites/", {"page_size": str(10**30)}).json()["items"]) >= 3


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/me/" in paths
    assert "/api/v1/parental/links/" in paths
    assert "Error" in schema.json()["components"]["schemas"]
    assert "_allauth" in schema.json()["info"]["description"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    # Swagger UI comes from the sidecar package, not a CDN.
    assert b"cdn" not in docs.content.lower()
    allauth_spec = client.get("/_allauth/openapi.json")
    assert allauth_spec.status_code == 200


def test_the_schema_validates_without_a_warning():
    # A warning (an unnamed enum, an unresolvable serializer) means the phone app's generated client changes shape.
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", os.devnull)


def test_a_body_over_the_upload_cap_is_refused_before_it_is_read(make_user, client_for, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    client = client_for(make_user("alice"))
    response = client.post("/api/v1/provenance/verify/", {"file": ("big.mp4", b"x" * 5000)}, format="multipart")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
