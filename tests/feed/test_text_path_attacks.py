# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Attacks on the paths a text takes to sit beside a cameo's likeness: captions edited after publishing, remixes of
remixes, comments written before a restriction existed, comments already held for another cameo, and mentions
written with other at signs. The texts plainly break the restrictions ("no alcohol": a beer); what is attacked is
the route, not the classifier's reading of meaning. Nothing is mocked except the render queue.

Each test is the product rule; an attack that gets through is a strict xfail whose reason says what got through.
"""

import pytest
from django.test import TestCase

from cameos.services import cameo_update
from feed.models import Comment, Post
from generation.models import GenerationJob
from sora_social.notifications.models import Notification
from tests.cameos.test_attacks_round4 import finish as finish_draft
from tests.feed.conftest import TINY_MP4, make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

NO_ALCOHOL = ["no alcohol"]
BEER = "@ann_cam drinks a beer at the bar"


# ---- helpers -----------------------------------------------------------------------------------------------


@pytest.fixture
def ann(make_user, make_cameo):
    """Ann's cameo, open to everyone, with "no alcohol"; Bob makes videos with it; Vic is any third person."""
    owner, bob, vic = make_user("ann"), make_user("bob"), make_user("vic")
    cameo = make_cameo(owner, handle="ann_cam", level="everyone", restrictions=NO_ALCOHOL)
    return owner, bob, vic, cameo


def restrict(cameo, restrictions):
    """The owner changes her restrictions; the worker's re-check (videos, then comments) runs once it commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        cameo_update(cameo=cameo, actor=cameo.owner, restrictions=list(restrictions))
    cameo.refresh_from_db()


def comments_seen_by(client, post) -> dict[int, dict]:
    response = client.get(f"/api/v1/posts/{post.pk}/comments/")
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def comment(client, post, body: str):
    return client.post(f"/api/v1/posts/{post.pk}/comments/", {"body": body}, format="json")


def finish(job_id: int) -> GenerationJob:
    """A queued job made into a finished draft as the store step would (files, appearances), unrendered."""
    return finish_draft(GenerationJob.objects.get(pk=job_id))


def remix(client, post, prompt: str):
    return client.post(f"/api/v1/posts/{post.pk}/remix/", {"prompt": prompt, "duration_s": 2}, format="json")


def remixed_and_published(client, post, prompt: str) -> Post:
    response = remix(client, post, prompt)
    assert response.status_code == 202, response.content
    job = finish(response.json()["id"])
    published = client.post("/api/v1/posts/", {"generation_id": job.pk}, format="json")
    assert published.status_code == 201, published.content
    return Post.objects.get(pk=published.json()["post"]["id"])


# ==== 1. a comment already held for one cameo, then another owner restricts what it says ======================


def test_a_comment_held_for_one_cameo_is_shown_to_a_second_owner_whose_new_restriction_it_breaks(
    make_user, make_cameo, publish, client_for
):
    # Given: a video of ann's cameo (no restrictions yet) beside eve's ("no alcohol")
    ann, eve, bob, carol = make_user("ann"), make_user("eve"), make_user("bob"), make_user("carol")
    ann_cam = make_cameo(ann, handle="ann_cam", level="everyone")
    eve_cam = make_cameo(eve, handle="eve_cam", level="everyone", restrictions=NO_ALCOHOL)
    post = publish(bob, prompt="@ann_cam and @eve_cam wave", cameos=[ann_cam, eve_cam])
    # and a comment about ann drinking, held at once for eve's restriction
    made = comment(client_for(carol), post, "@ann_cam drinks a beer, then another beer")
    assert made.json()["held"] is True
    comment_id = made.json()["id"]
    held_at = Comment.objects.get(pk=comment_id).held_at

    # When: ann forbids alcohol too
    restrict(ann_cam, NO_ALCOHOL)

    # Then: the comment breaks ann's restriction as well: held for her cameo, shown to her, and she is told.
    # (Got through when written: the re-check read only comments not yet held, so ann never saw it.)
    held = Comment.objects.get(pk=comment_id)
    assert set(held.held_for.all()) == {ann_cam, eve_cam}
    # still held as it was when eve's restriction held it: the same time, and the post's count not lowered twice
    assert held.held_at == held_at
    post.refresh_from_db()
    assert post.comment_count == 0
    seen = comments_seen_by(client_for(ann), post)
    assert comment_id in seen and seen[comment_id]["held"] is True
    assert Notification.objects.filter(
        recipient=ann, kind=Notification.Kind.COMMENT_HELD, data__comment=comment_id
    ).exists()


def test_control_a_comment_breaking_two_owners_restrictions_at_once_is_held_for_both(
    make_user, make_cameo, publish, client_for
):
    # The same comment written after both restrictions exist: held for both cameos, each owner sees it.
    ann, eve, bob, carol, vic = (make_user(name) for name in ("ann", "eve", "bob", "carol", "vic"))
    ann_cam = make_cameo(ann, handle="ann_cam", level="everyone", restrictions=NO_ALCOHOL)
    eve_cam = make_cameo(eve, handle="eve_cam", level="everyone", restrictions=NO_ALCOHOL)
    post = publish(bob, prompt="@ann_cam and @eve_cam wave", cameos=[ann_cam, eve_cam])

    made = comment(client_for(carol), post, "@ann_cam drinks a beer, then another beer")

    comment_id = made.json()["id"]
    assert made.json()["held"] is True
    assert set(Comment.objects.get(pk=comment_id).held_for.all()) == {ann_cam, eve_cam}
    assert comment_id in comments_seen_by(client_for(ann), post)
    assert comment_id in comments_seen_by(client_for(eve), post)
    assert comment_id not in comments_seen_by(client_for(vic), post)
    assert comment_id not in comments_seen_by(client_for(bob), post)


# ==== 2. captions edited after publishing, disguised ============================================================


@pytest.mark.parametrize(
    "caption",
    [
        "\uff20ann_cam drinks a b\u200beer at the bar",  # full-width at sign, a zero-width space inside the word
        "\ufe6bann_cam drinks a b\u0435\u0435r at the bar",  # small at sign, Cyrillic е
        "@ann_cam drinks a b33r at the bar",  # digits for letters
        "＠ＡＮＮ＿ＣＡＭ ＤＲＩＮＫＳ Ａ ＢＥＥＲ",  # all full width
    ],
    ids=["fullwidth-at-zwsp", "small-at-cyrillic", "digits", "all-fullwidth"],
)
def test_a_caption_edited_after_publishing_into_a_disguised_breaking_one_is_refused(ann, publish, client_for, caption):
    _, bob, vic, cameo = ann
    post = publish(bob, prompt="@ann_cam waves from a balcony", caption="sunny day", cameos=[cameo])

    response = client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"caption": caption}, format="json")

    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict"
    assert Post.objects.get(pk=post.pk).caption == "sunny day"
    # and nobody reads the refused caption anywhere
    seen = client_for(vic).get(f"/api/v1/posts/{post.pk}/")
    assert seen.json()["post"]["caption"] == "sunny day"


# ==== 3. comments written before the restriction, disguised ====================================================


def test_a_disguised_comment_written_before_a_restriction_is_held_by_the_re_check_and_kept_for_the_owner(
    make_user, make_cameo, publish, client_for
):
    # Given: a public comment under a video of ann's cameo, before she had any restriction
    ann, bob, carol, vic = (make_user(name) for name in ("ann", "bob", "carol", "vic"))
    cameo = make_cameo(ann, handle="ann_cam", level="everyone")
    post = publish(bob, prompt="@ann_cam waves", cameos=[cameo])
    disguised = comment(client_for(carol), post, "\ufe6bａｎｎ_ｃａｍ drinks a b\u200be\u0435r, cheers")
    fine = comment(client_for(carol), post, "lovely wave")
    assert disguised.json()["held"] is False and Post.objects.get(pk=post.pk).comment_count == 2

    # When: she forbids alcohol
    restrict(cameo, NO_ALCOHOL)

    # Then: the disguised comment is held (not deleted): gone for the public and the post's author, kept for her
    comment_id = disguised.json()["id"]
    assert Comment.objects.get(pk=comment_id).deleted_at is None
    assert set(comments_seen_by(client_for(vic), post)) == {fine.json()["id"]}
    assert set(comments_seen_by(client_for(bob), post)) == {fine.json()["id"]}
    owner_view = comments_seen_by(client_for(ann), post)
    assert owner_view[comment_id]["held"] is True
    assert client_for(vic).get(f"/api/v1/posts/{post.pk}/").json()["counts"]["comments"] == 1


# ==== 4. remixes: mentions with other at signs, remixes of remixes ===============================================


def test_a_remix_prompt_mentioning_no_cameo_with_a_small_at_sign_is_refused_as_unknown(ann, publish, client_for, no_dispatch):
    owner, bob, _, cameo = ann
    parent = publish(owner, prompt="@ann_cam surfs at dawn", cameos=[cameo])

    response = remix(client_for(bob), parent, "the same wave, and \ufe6bno_such_cam joins her")

    assert response.status_code == 422, response.content
    assert response.json()["code"] == "unknown_cameo"
    assert response.json()["cameo"] == "@no_such_cam"
    assert not GenerationJob.objects.filter(owner=bob).exists()


def test_breaking_dialogue_in_a_remix_of_a_remix_is_refused_for_the_grandparents_cameo(
    ann, make_user, publish, client_for, no_dispatch
):
    # Given: ann's video, remixed by bob (published), which carol remixes again
    owner, bob, _, cameo = ann
    carol = make_user("carol")
    grandparent = publish(owner, prompt="@ann_cam surfs at dawn", cameos=[cameo])
    parent = remixed_and_published(client_for(bob), grandparent, "the same wave at sunset")
    assert cameo in parent.job.cameos.all()

    # When: carol's new prompt gives ann a line about beer
    response = remix(client_for(carol), parent, 'she turns to the camera and says "time for a cold beer"')

    # Then: refused for ann's restriction, though the prompt never mentions her
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict"
    assert not GenerationJob.objects.filter(owner=carol).exists()


def test_a_caption_on_a_remix_of_a_remix_published_after_a_restriction_was_added_is_refused(
    make_user, make_cameo, publish, client_for, no_dispatch
):
    # A restriction added while the grandchild is a draft reaches its caption at publish.
    ann, bob, carol = make_user("ann"), make_user("bob"), make_user("carol")
    cameo = make_cameo(ann, handle="ann_cam", level="everyone")
    grandparent = publish(ann, prompt="@ann_cam surfs at dawn", cameos=[cameo])
    parent = remixed_and_published(client_for(bob), grandparent, "the same wave at sunset")
    queued = remix(client_for(carol), parent, "now in the snow")
    assert queued.status_code == 202, queued.content
    draft = finish(queued.json()["id"])
    restrict(cameo, NO_ALCOHOL)

    response = client_for(carol).post(
        "/api/v1/posts/", {"generation_id": draft.pk, "caption": "she downs a beer after the run"}, format="json"
    )

    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict"
    assert not Post.objects.filter(job=draft).exists()
