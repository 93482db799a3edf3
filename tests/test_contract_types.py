"""The phone-app contract outside the feed: typed objects, one type for a target's id, timestamps ending in Z,
binary thumbnails, and real operation descriptions (issue 19)."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from generation.api.serializers import StateTimesSerializer
from generation.models import GenerationJob
from generation.services import job_transition
from moderation import services as moderation
from sora_social.api.views import MemberApiView, UploadApiView
from sora_social.notifications.models import Notification
from tests.moderation.world import make_moderator, published_post

pytestmark = pytest.mark.django_db

DRF_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
# The operations served by cameos, generation, moderation, accounts and notifications (feed and remix are not here).
OURS = re.compile(r"^/api/v1/(cameos|generations|provenance|reports|moderation|me|users|invites|parental|notifications)")


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}/{index}")


def test_no_object_in_the_schema_is_left_untyped(schema):
    untyped = []
    for path, node in _walk(schema["components"]["schemas"]):
        properties = node.get("properties")
        if isinstance(properties, dict):
            untyped += [f"{path}/{name}" for name, prop in properties.items() if prop == {}]
        if node.get("type") == "object" and not node.get("properties") and node.get("additionalProperties") in (None, {}, True):
            if not path.endswith("/Error/properties/fields"):
                untyped.append(path)
    assert untyped == []


def test_state_times_names_every_state_of_a_job():
    assert set(StateTimesSerializer().fields) == set(GenerationJob.State.values)


def test_every_operation_here_says_what_it_does(schema):
    boilerplate = {MemberApiView.__doc__.strip(), UploadApiView.__doc__.strip()}
    undescribed = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            text = (operation.get("summary") or "") + (operation.get("description") or "")
            assert text.strip() not in boilerplate, f"{method} {path}"
            if OURS.match(path) and not text.strip():
                undescribed.append(f"{method} {path}")
    assert undescribed == []


def test_the_schema_says_where_allauth_is_documented_and_that_route_serves_it(schema, client):
    description = schema["info"]["description"]
    assert "merged below" not in description
    assert "/_allauth/openapi.json" in description and "X-Session-Token" in description
    response = client.get("/_allauth/openapi.json")
    assert response.status_code == 200 and response.json()["openapi"].startswith("3.")


def test_the_thumbnail_is_a_binary_jpeg_also_offered_as_octets_for_generated_clients(schema):
    ok = schema["paths"]["/api/v1/cameos/{cameo_id}/thumbnail/"]["get"]["responses"]["200"]
    binary = {"schema": {"type": "string", "format": "binary"}}
    assert ok["content"] == {"image/jpeg": binary, "application/octet-stream": binary}


def test_the_thumbnail_answers_in_the_type_asked_for(make_user, make_face_cameo, client_for):
    owner = make_user("thumbowner")
    cameo = make_face_cameo(owner)
    client = client_for(owner)
    url = f"/api/v1/cameos/{cameo.pk}/thumbnail/"
    as_jpeg = client.get(url)
    as_octets = client.get(url, HTTP_ACCEPT="application/octet-stream")
    assert as_jpeg.status_code == as_octets.status_code == 200
    assert as_jpeg["Content-Type"] == "image/jpeg" and as_octets["Content-Type"] == "application/octet-stream"
    assert as_jpeg.content == as_octets.content and as_jpeg.content[:3] == b"\xff\xd8\xff"
    not_acceptable = client.get(url, HTTP_ACCEPT="application/json")
    assert not_acceptable.status_code == 406 and not_acceptable.json()["code"] == "not_acceptable"
    missing = client_for(make_user("nothumb")).get(url, HTTP_ACCEPT="image/jpeg")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"


def test_a_challenge_is_created_by_post_only(schema):
    assert set(schema["paths"]["/api/v1/cameos/challenge/"]) == {"post"}


def _report(client, target_type, target_id):
    return client.post(
        "/api/v1/reports/", {"target_type": target_type, "target_id": target_id, "reason": "harassment"}, format="json"
    )


def test_a_reports_target_id_is_a_string_both_ways(make_user, client_for, schema, django_assert_max_num_queries):
    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    alice_client = client_for(alice)

    # Given a post and a profile reported, each with a string
    on_post = _report(alice_client, "post", str(post.pk))
    on_profile = _report(alice_client, "profile", "@author")

    # Then each comes back as the string that reports it again
    assert on_post.status_code == 201 and on_post.json()["target_id"] == str(post.pk)
    assert on_profile.status_code == 201 and on_profile.json()["target_id"] == "author"
    with django_assert_max_num_queries(7):
        listed = alice_client.get("/api/v1/reports/").json()["items"]
    assert sorted(r["target_id"] for r in listed) == sorted([str(post.pk), "author"])
    components = schema["components"]["schemas"]
    assert components["ReportCreateInputRequest"]["properties"]["target_id"]["type"] == "string"
    assert components["ReportOutput"]["properties"]["target_id"]["type"] == "string"
    assert components["DecisionOutput"]["properties"]["target_id"]["type"] == "string"


def test_a_suspension_reads_with_a_string_target_and_z_timestamps(make_user, client_for):
    subject = make_user("subject")
    moderator = make_moderator(make_user)
    case = moderation.case_for_target(target_kind="profile", target_id=subject.pk)
    moderation.user_suspend(case=case, moderator=moderator, reason="Spam.", days=1)
    client = client_for(subject)

    [decision] = client.get("/api/v1/moderation/decisions/").json()["items"]
    assert decision["target_id"] == "subject" and DRF_TIMESTAMP.match(decision["suspended_until"])
    [notification] = client.get("/api/v1/notifications/").json()["items"]
    assert notification["kind"] == "moderation"
    assert notification["data"]["target_id"] == "subject"
    assert DRF_TIMESTAMP.match(notification["data"]["suspended_until"])
    assert Notification.objects.get().data["suspended_until"].endswith("+00:00")  # stored as services wrote it


def test_a_cameo_handle_in_notification_data_has_its_own_key(make_user, client_for):
    alice = make_user("alice")
    Notification.objects.create(
        recipient=alice, kind=Notification.Kind.VIDEO_WITHDRAWN, data={"generation": 1, "post": None, "cameo": "@star"}
    )
    [notification] = client_for(alice).get("/api/v1/notifications/").json()["items"]
    assert notification["data"] == {"generation": 1, "post": None, "cameo_handle": "@star"}


def test_state_times_end_in_z_like_every_timestamp(make_user, client_for):
    owner = make_user("owner")
    job = published_post(owner).job
    job.state = GenerationJob.State.QUEUED
    job.state_times = {}
    job_transition(job, GenerationJob.State.RENDERING)
    job.save()

    shown = client_for(owner).get(f"/api/v1/generations/{job.pk}/").json()
    assert list(shown["state_times"]) == ["rendering"]
    assert DRF_TIMESTAMP.match(shown["state_times"]["rendering"])
    assert DRF_TIMESTAMP.match(shown["created_at"])


def test_a_get_does_not_create_a_challenge(make_user, client_for):
    client = client_for(make_user("bob"))
    assert client.get("/api/v1/cameos/challenge/").status_code == 405
    assert client.post("/api/v1/cameos/challenge/").status_code == 201


def test_a_notification_on_the_socket_is_the_one_the_api_lists(make_user, client_for, monkeypatch):
    from sora_social.notifications import services as notification_services

    pushed = []
    monkeypatch.setattr(notification_services, "push_event", lambda **kwargs: pushed.append(kwargs["payload"]))
    owner = make_user("owner")
    notification_services.notification_create(
        recipient=owner,
        kind=Notification.Kind.COMMENT_HELD,
        data={"post": 1, "comment": 2, "cameo": "owner_cam", "restriction": "no politics"},
    )

    listed = client_for(owner).get("/api/v1/notifications/").json()["items"][0]

    assert pushed[0]["data"] == listed["data"]
    assert pushed[0]["data"]["cameo_handle"] == "@owner_cam"
    assert pushed[0]["created_at"] == listed["created_at"]
    assert DRF_TIMESTAMP.match(pushed[0]["created_at"])


def test_enum_values_that_are_not_identifiers_have_names_for_generated_clients(schema):
    components = schema["components"]["schemas"]
    assert components["ResolutionEnum"]["x-enum-varnames"] == ["V360P", "V480P", "V720P", "V1080P"]
    assert components["AspectRatioEnum"]["x-enum-varnames"] == ["V16_9", "V9_16", "V1_1"]
    for name, component in components.items():
        values = component.get("enum") or []
        if any(isinstance(v, str) and not v.isidentifier() for v in values):
            assert len(component.get("x-enum-varnames", [])) == len(values), name
