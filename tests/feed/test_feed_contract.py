"""The phone-app contract of the feed and the post lists (issue 19): real responses validated against the
OpenAPI schema with openapi-core, feed items as a `oneOf` told apart by `type`, nullable objects that admit
null under OpenAPI 3.0.3, and timestamps as DRF writes them (UTC, ending in Z)."""

import json
import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from feed.models import Steering
from feed.services.posts import post_delete

pytestmark = pytest.mark.django_db

DRF_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
# The operations served by feed and remix.
OURS = re.compile(r"^/api/v1/(feed|wellness|posts)")


@pytest.fixture(scope="module")
def schema() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    # As served: plain JSON types (no lazy strings), which is what a client generator reads.
    return json.loads(OpenApiJsonRenderer().render(generated))


@pytest.fixture(scope="module")
def openapi(schema) -> OpenAPI:
    # from_dict also validates the document itself against OpenAPI 3.0.
    return OpenAPI.from_dict(schema)


def valid(openapi: OpenAPI, response) -> dict:
    """The response's body, once openapi-core has found its status and body to be what the schema says."""
    openapi.validate_response(DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response))
    return response.json()


def _refs(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if "$ref" in node else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(value) for value in node))
    return set()


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def test_feed_items_are_a_one_of_told_apart_by_type(schema):
    results = schema["paths"]["/api/v1/feed/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    feed_output = schema["components"]["schemas"][results["$ref"].rsplit("/", 1)[-1]]
    item = schema["components"]["schemas"]["FeedItem"]

    assert feed_output["properties"]["items"]["items"] == {"$ref": "#/components/schemas/FeedItem"}
    assert item["discriminator"] == {
        "propertyName": "type",
        "mapping": {
            "post": "#/components/schemas/FeedPostItemOutput",
            "wellness_check": "#/components/schemas/FeedCheckInItemOutput",
        },
    }
    check_in = schema["components"]["schemas"]["FeedCheckInItemOutput"]
    assert set(check_in["properties"]) == {"type", "reason", "check_in"}
    assert "post" in schema["components"]["schemas"]["FeedPostItemOutput"]["required"]


def test_no_nullable_without_a_type_in_our_operations(schema):
    # Under OpenAPI 3.0.3 `nullable` only widens a `type` beside it: `{allOf: [$ref], nullable: true}` admits no null.
    components = schema["components"]["schemas"]
    seen: set[str] = set()
    todo = _refs({path: ops for path, ops in schema["paths"].items() if OURS.match(path)})
    while todo:
        name = todo.pop()
        seen.add(name)
        todo |= _refs(components[name]) - seen
    null_branches = ({"enum": [None]}, {"$ref": "#/components/schemas/NullEnum"})

    def admits_null(node: dict) -> bool:
        return "type" in node or any(branch in null_branches for branch in node.get("oneOf", ()))

    ours = {name: components[name] for name in seen}
    assert [node for node in _nodes(ours) if node.get("nullable") and not admits_null(node)] == []


def test_the_feed_answers_what_the_schema_says_for_posts_remixes_and_a_check_in(
    settings, make_user, client_for, publish, follow, openapi
):
    # Given: a check-in due after two videos, and a feed of a post and a remix of it (its parent's author has a
    # display name).
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 2
    me, alice, bob = make_user("me"), make_user("alice"), make_user("bob")
    alice.profile.display_name = "Alice A."
    alice.profile.save(update_fields=["display_name"])
    follow(me, alice)
    follow(me, bob)
    original = publish(alice)
    remix = publish(bob, parent=original)

    # When
    body = valid(openapi, client_for(me).get("/api/v1/feed/", {"kind": "following", "page_size": 2}))

    # Then: a check-in item, then the two posts, each valid against its own schema.
    assert [item["type"] for item in body["items"]] == ["wellness_check", "post", "post"]
    assert set(body["items"][0]) == {"type", "reason", "check_in"}
    posts = {item["post"]["id"]: item for item in body["items"][1:]}
    assert posts[original.pk]["parent"] is None
    assert posts[remix.pk]["parent"] == {"id": original.pk, "author": {"handle": "alice", "display_name": "Alice A."}}
    assert all(DRF_TIMESTAMP.match(item["post"]["created_at"]) for item in posts.values())
    assert DRF_TIMESTAMP.match(body["limits"]["resets_at"])


def test_post_lists_remixes_and_lineage_answer_what_the_schema_says(make_user, client_for, publish, openapi):
    # Given: a remix of a remix whose root its author deleted.
    me, alice, bob = make_user("me"), make_user("alice"), make_user("bob")
    root = publish(alice)
    child = publish(bob, parent=root)
    grandchild = publish(alice, parent=child)
    client = client_for(me)
    remixes = valid(openapi, client.get(f"/api/v1/posts/{root.pk}/remixes/"))
    post_delete(post_id=root.pk, actor=alice)

    # When
    listed = valid(openapi, client.get("/api/v1/posts/"))
    detail = valid(openapi, client.get(f"/api/v1/posts/{grandchild.pk}/"))
    lineage = valid(openapi, client.get(f"/api/v1/posts/{grandchild.pk}/lineage/"))

    # Then
    assert [item["post"]["id"] for item in remixes["items"]] == [child.pk]
    assert [item["post"]["id"] for item in listed["items"]] == [grandchild.pk, child.pk]
    assert detail["parent"] == {"id": child.pk, "author": {"handle": "bob", "display_name": "bob"}}
    assert [(entry["depth"], entry["available"]) for entry in lineage["items"]] == [(1, True), (2, False)]
    assert lineage["items"][1]["item"] is None
    assert lineage["items"][0]["item"]["parent_unavailable"] is True
    assert lineage["items"][0]["item"]["parent"] is None


def test_a_comment_retried_with_its_client_id_is_a_documented_200(make_user, client_for, publish, openapi):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    client = client_for(bob)
    url = f"/api/v1/posts/{post.pk}/comments/"

    created = client.post(url, {"body": "nice", "client_id": "c-1"}, format="json")
    retried = client.post(url, {"body": "nice", "client_id": "c-1"}, format="json")
    listed = client.get(url)

    assert (created.status_code, retried.status_code) == (201, 200)
    assert valid(openapi, created) == valid(openapi, retried)
    assert DRF_TIMESTAMP.match(created.json()["created_at"])
    assert [c["created_at"] for c in valid(openapi, listed)["items"]] == [created.json()["created_at"]]


def test_steering_and_wellness_timestamps_are_written_as_drf_writes_them(make_user, client_for, openapi):
    me = make_user("me")
    client = client_for(me)
    assert valid(openapi, client.get("/api/v1/feed/steering/"))["updated_at"] is None
    # Stored directly: embedding real steering text loads the MiniLM model, and this is only about its shape.
    Steering.objects.create(user=me, text="more sports", more_label="sports")

    steering = valid(openapi, client.get("/api/v1/feed/steering/"))
    answer = valid(openapi, client.post("/api/v1/wellness/", {"mood": "great"}, format="json"))

    assert DRF_TIMESTAMP.match(steering["updated_at"])
    assert DRF_TIMESTAMP.match(answer["created_at"])
