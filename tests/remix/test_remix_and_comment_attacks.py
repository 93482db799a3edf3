"""Attack round on remixes and comments (review of 2026-12-07, second pass).

Every attempt below is a test. An attack the code refuses is a passing test that asserts the refusal and that
nothing changed; one that gets through is a strict xfail asserting what should happen.

GOT THROUGH, all MENDED the same day (2026-12-07; their tests were strict xfails until then): who may remix is
asked again before the render and at the publish (`remix.services.remix_parent_check`, with the ancestors'
"no remixes"), a taken-down comment is out of the count once, and a comment under a real person's video is screened
as strictly as its caption.

- Remixes off, after the request. The parent's author turns remixes off after bob asked for his remix; the draft
  still publishes (201) as a remix: counted on the parent, written into its lineage, listed under it
  (`test_a_remix_drafted_before_its_author_forbade_it_is_not_published`); the same when the author narrows the
  post to followers (bob, a follower, publishes a public remix of a followers-only post). Who may remix is asked only in
  `remix.services.remix_create`; neither the render nor `post_publish` / `remix_published` asks it again.
- The parent hidden from the remixer after the request (made private, followers-only after an unfollow, the author
  blocking the remixer, deleted by its author, taken down by a moderator, its author suspended): the draft still
  publishes as a remix of it, moves its remix count (a deleted, a taken-down, a private post counts a new remix)
  and gets its lineage (`test_a_remix_whose_parent_was_hidden_from_the_remixer_after_the_request_is_not_published`).
  Nothing of the hidden parent shows through the published remix (held, below). For the block case,
  tests/feed/test_steering_and_lineage_attacks.py::test_a_remix_the_parents_author_may_not_see_sends_them_no_notification
  asserted the 201; it now asserts the 404.
- The render signs a remix whose parent's author turned remixes off (or whose parent was taken down) in the
  meantime: `generation_render` does not ask; the remix's file carries the parent as its C2PA ingredient
  (`test_the_render_stops_a_remix_whose_parent_may_no_longer_be_remixed`).
- A remix of a remix whose root's author turned remixes off: only the direct parent's `allow_remix` is read, so the
  root's video is remixed again through any remix of it (a product decision, taken: "remixes off" reaches the
  post's descendants, since a remix of a remix is built on its video too) (`test_a_remix_of_a_remix_is_refused_when_the_root_turned_remixes_off`).
- Comment counts moved twice by one comment: the post's author deletes a comment a moderator took down (204; it
  was already uncounted, the count drops again and the author learns the id still exists), and the re-check after a
  new restriction holds a taken-down comment and drops the count again
  (`test_the_post_author_cannot_delete_a_comment_a_moderator_took_down_nor_move_the_count_twice`,
  `test_a_restriction_recheck_holding_a_taken_down_comment_does_not_drop_the_count_twice`).
- A comment under a real person's video is screened by the general content policy, not the strict one its caption
  answers to: "she dances seductively in a nightclub" is a 422 `content_policy` as the caption and a public comment
  (201) under the same video (`test_a_comment_on_a_real_persons_video_is_screened_as_strictly_as_its_caption`).

HELD (passing tests):

- Remixing a post you may not see (another's private post, followers-only after an unfollow, blocked either way,
  taken down, deleted, author suspended): 404 `post_not_found`, no job, no audit row of a use.
- Remixes off at request time (also when turned off by a PATCH after publishing): 403 `remix_disabled`; own
  private post: 403 `remix_not_public`.
- The parent's cameos are asked again at each step: the owner blocking the remixer or closing the cameo to only_me
  before the render blocks it (a real render: `blocked`, `consent_denied:@alice_cam...`, no file); after the render
  the block or only_me withdraws the draft's appearance and the publish is 403 `cameo_consent_revoked`, and so is it
  when the owner deletes their account after the render; a restriction added
  after the request that the remix prompt breaks refuses the publish (422 `cameo_restriction_conflict`, naming
  the prompt); the restriction checked at the request is the remix's own prompt, dressed in Unicode disguises too.
- A remix prompt cannot bring in a cameo whose owner's restriction the parent's cameo's preferences break, nor
  cast a third cameo past the limit of two with a full-width at sign, full-width letters or capitals.
- Lineage: no request sets a parent; a remix of a post made private after it shows the ancestor unavailable with
  nothing of it.
- Comments on a post you may not see (private, followers-only, blocked either way, taken down, deleted, author
  suspended): 404 `post_not_found`, nothing stored, no notification, count unchanged; likes and views the same.
- Another's comment: deleting it is 403 `not_comment_author` (visible) or 404 `comment_not_found` (held, or on
  another post); editing it is 405 `method_not_allowed` and changes nothing.
- A comment breaking an owner's restriction is held in plain words, by paraphrase, and with zero-width characters,
  soft hyphens, full-width letters, Cyrillic look-alikes, mixed case, and the word as an emoji; held, it is
  in no count, no list of the public or the post's author, no notification to the post's author; re-posting its
  text is held again; a retry with the same client id returns it (200), counted once; a client id reused on
  another post is 409 `client_id_reused`.
- THROTTLE_COMMENT: the 4th comment past "3/hour" is 429 `throttled`; 20 requests at once against "3/hour" let
  exactly 3 through (the counter is an atomic increment).
"""

from __future__ import annotations

import threading

import pytest

from cameos.models import ConsentDecision
from feed.models import Comment, Like, Post, PostView
from generation.models import GenerationJob
from remix.models import RemixAncestry
from sora_social.accounts.services import user_block, user_follow, user_unfollow
from sora_social.notifications.models import Notification
from tests.cameos.test_attacks_round4 import finish
from tests.moderation.world import make_moderator

pytestmark = pytest.mark.django_db

NO_BANANA = "never say the word banana"
NO_POLITICS = "no political content"
VOTE = "Vote for Dan Miller on Tuesday, every vote counts!"


# ---- helpers ------------------------------------------------------------------------------------------------------


@pytest.fixture
def moderator(make_user):
    return make_moderator(make_user)


def remix(client, post, prompt: str = "the same scene, but at night"):
    return client.post(f"/api/v1/posts/{post.pk}/remix/", {"prompt": prompt, "duration_s": 3}, format="json")


def remix_draft(client, post, prompt: str = "the same scene, but at night") -> GenerationJob:
    """A remix asked through the API, then finished as the render's store step would (no GPU)."""
    response = remix(client, post, prompt)
    assert response.status_code == 202, response.json()
    return finish(GenerationJob.objects.get(pk=response.json()["id"]))


def publish_job(client, job, **fields):
    return client.post("/api/v1/posts/", {"generation_id": job.pk, **fields}, format="json")


def patch_post(client_for, author, post, **fields) -> None:
    response = client_for(author).patch(f"/api/v1/posts/{post.pk}/", fields, format="json")
    assert response.status_code == 200, response.json()


def patch_cameo(client_for, owner, cameo, **fields) -> None:
    response = client_for(owner).patch(f"/api/v1/cameos/{cameo.pk}/", fields, format="json")
    assert response.status_code == 200, response.json()


def comment(client, post, body: str, **extra):
    return client.post(f"/api/v1/posts/{post.pk}/comments/", {"body": body, **extra}, format="json")


def bodies(client, post) -> list[str] | None:
    response = client.get(f"/api/v1/posts/{post.pk}/comments/")
    if response.status_code != 200:
        return None
    return [item["body"] for item in response.json()["items"]]


def error(response, status: int, code: str) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:400])
    body = response.json()
    assert body["code"] == code, body
    return body


def counts(post: Post) -> dict:
    post.refresh_from_db()
    return {
        "likes": post.like_count,
        "comments": post.comment_count,
        "views": post.view_count,
        "remixes": post.remix_count,
    }


def take_down(moderator, kind: str, target_id: int) -> None:
    from moderation.services import case_act, case_for_target

    case_act(
        case=case_for_target(target_kind=kind, target_id=target_id), moderator=moderator, kind="take_down", reason="x"
    )


def suspend(moderator, post: Post) -> None:
    from moderation.services import case_act, case_for_target

    case_act(
        case=case_for_target(target_kind="post", target_id=post.pk),
        moderator=moderator,
        kind="suspend",
        reason="x",
        days=3,
    )


# How a post its author published publicly becomes one `actor` may not see.
HIDINGS = (
    "private",
    "followers_after_unfollow",
    "author_blocked_actor",
    "actor_blocked_author",
    "deleted",
    "taken_down",
    "author_suspended",
)


def hide(how: str, post: Post, *, author, actor, moderator, client_for) -> None:
    if how == "private":
        patch_post(client_for, author, post, visibility="private")
    elif how == "followers_after_unfollow":
        user_follow(follower=actor, followee=author)
        patch_post(client_for, author, post, visibility="followers")
        user_unfollow(follower=actor, followee=author)
    elif how == "author_blocked_actor":
        user_block(blocker=author, blocked=actor)
    elif how == "actor_blocked_author":
        user_block(blocker=actor, blocked=author)
    elif how == "deleted":
        assert client_for(author).delete(f"/api/v1/posts/{post.pk}/").status_code == 204
    elif how == "taken_down":
        take_down(moderator, "post", post.pk)
    elif how == "author_suspended":
        suspend(moderator, post)
    else:  # pragma: no cover
        raise AssertionError(how)


# ==== 1. remixing a post you may not see, or whose author forbids it ===============================================


@pytest.mark.parametrize("how", HIDINGS)
def test_a_post_hidden_from_the_remixer_cannot_be_remixed(
    how, make_user, make_cameo, client_for, publish, moderator, no_dispatch
):
    alice, bob = make_user("alice"), make_user("bob")
    cam = make_cameo(alice, handle="alice_cam", level="everyone")
    parent = publish(alice, prompt="@alice_cam surfs", cameos=[cam])
    hide(how, parent, author=alice, actor=bob, moderator=moderator, client_for=client_for)

    response = remix(client_for(bob), parent)

    error(response, 404, "post_not_found")
    assert not GenerationJob.objects.filter(owner=bob).exists()
    assert not ConsentDecision.objects.filter(actor=bob, purpose="remix").exists()


def test_remixes_turned_off_after_publishing_refuse_the_next_request(make_user, client_for, publish, no_dispatch):
    alice, bob = make_user("alice"), make_user("bob")
    parent = publish(alice)
    patch_post(client_for, alice, parent, allow_remix=False)

    error(remix(client_for(bob), parent), 403, "remix_disabled")
    error(remix(client_for(alice), publish(alice, visibility="private")), 403, "remix_not_public")
    assert not GenerationJob.objects.filter(parent_job__isnull=False).exists()


# ==== 2. the parent's state between the request and the publish ====================================================


@pytest.mark.parametrize(
    "change, code",
    [({"allow_remix": False}, "remix_disabled"), ({"visibility": "followers"}, "remix_not_public")],
    ids=["remixes_off", "followers_only"],
)
def test_a_remix_drafted_before_its_author_forbade_it_is_not_published(
    change, code, make_user, client_for, publish, follow, no_dispatch
):
    alice, bob = make_user("alice"), make_user("bob")
    follow(bob, alice)  # bob still sees the post after it is narrowed to followers
    parent = publish(alice)
    draft = remix_draft(client_for(bob), parent)
    patch_post(client_for, alice, parent, **change)

    response = publish_job(client_for(bob), draft)

    error(response, 403, code)
    assert not Post.objects.filter(job=draft).exists()
    assert counts(parent)["remixes"] == 0
    assert not RemixAncestry.objects.filter(ancestor=parent).exists()
    assert client_for(bob).get(f"/api/v1/posts/{parent.pk}/remixes/").json()["items"] == []


@pytest.mark.parametrize("how", HIDINGS)
def test_a_remix_whose_parent_was_hidden_from_the_remixer_after_the_request_is_not_published(
    how, make_user, client_for, publish, moderator, no_dispatch
):
    alice, bob = make_user("alice"), make_user("bob")
    parent = publish(alice, caption="SECRET parent")
    draft = remix_draft(client_for(bob), parent)
    hide(how, parent, author=alice, actor=bob, moderator=moderator, client_for=client_for)

    response = publish_job(client_for(bob), draft)

    # Counted first: a hidden (deleted, taken-down, private) post moves no counter and gains no descendant.
    assert (Post.objects.get(pk=parent.pk).remix_count, RemixAncestry.objects.filter(ancestor=parent).count()) == (0, 0)
    error(response, 404, "post_not_found")
    assert not Post.objects.filter(job=draft).exists()


def test_a_remix_drafted_before_the_parent_was_made_private_shows_nothing_of_it(
    make_user, client_for, publish, moderator, no_dispatch
):
    """Whatever the publish answers (today 201, see the xfail above), the private parent shows through nothing."""
    alice, bob, viewer = make_user("alice"), make_user("bob"), make_user("viewer")
    parent = publish(alice, caption="SECRET parent")
    draft = remix_draft(client_for(bob), parent)
    hide("private", parent, author=alice, actor=bob, moderator=moderator, client_for=client_for)

    published = publish_job(client_for(bob), draft)

    assert published.status_code in (201, 403, 404), published.json()
    error(client_for(viewer).get(f"/api/v1/posts/{parent.pk}/remixes/"), 404, "post_not_found")
    error(client_for(viewer).get(f"/api/v1/posts/{parent.pk}/"), 404, "post_not_found")
    listed = client_for(viewer).get("/api/v1/posts/").json()
    assert "SECRET" not in str(listed) and parent.pk not in [i["post"]["id"] for i in listed["items"]]
    for post in Post.objects.filter(job=draft):
        for who in (bob, viewer):
            item = client_for(who).get(f"/api/v1/posts/{post.pk}/").json()
            assert item["parent"] is None and item["parent_unavailable"] is True
            lineage = client_for(who).get(f"/api/v1/posts/{post.pk}/lineage/").json()
            assert lineage["items"] == [{"depth": 1, "available": False, "item": None}]
            assert "SECRET" not in str(item) + str(lineage)


@pytest.mark.parametrize("change", ["remixes_off", "taken_down"])
def test_the_render_stops_a_remix_whose_parent_may_no_longer_be_remixed(
    change, make_user, client_for, moderator, no_dispatch
):
    from feed.services.posts import post_publish
    from generation.services import generation_render
    from tests.generation.test_remix_render import rendered

    alice, bob = make_user("alice"), make_user("bob")
    parent = post_publish(author=alice, generation_id=rendered(alice, "a ball bounces on a beach").pk)
    response = client_for(bob).post(
        f"/api/v1/posts/{parent.pk}/remix/",
        {"prompt": "a ball bounces on a beach at night", "duration_s": 1, "resolution": "360p"},
        format="json",
    )
    assert response.status_code == 202, response.json()
    if change == "remixes_off":
        patch_post(client_for, alice, parent, allow_remix=False)
    else:
        take_down(moderator, "post", parent.pk)

    generation_render(job_id=response.json()["id"])

    job = GenerationJob.objects.get(pk=response.json()["id"])
    assert job.state != GenerationJob.State.SUCCEEDED
    assert not job.video


def test_a_parent_cameos_owner_who_blocks_the_remixer_before_the_render_blocks_it(
    make_user, make_cameo, client_for, publish
):
    from generation.services import generation_render

    alice, carol, bob = make_user("alice"), make_user("carol"), make_user("bob")
    cam = make_cameo(alice, handle="alice_cam", level="everyone")
    parent = publish(carol, prompt="@alice_cam surfs", cameos=[cam])
    response = remix(client_for(bob), parent, "the same wave at sunset")
    assert response.status_code == 202, response.json()
    user_block(blocker=alice, blocked=bob)

    generation_render(job_id=response.json()["id"])

    job = GenerationJob.objects.get(pk=response.json()["id"])
    assert job.state == GenerationJob.State.BLOCKED and job.state_reason.startswith("consent_denied:@alice_cam")
    assert not job.video
    assert ConsentDecision.objects.filter(cameo=cam, actor=bob, purpose="render", allowed=False).exists()


@pytest.mark.parametrize("change", ["block", "only_me"])
def test_a_parent_cameos_owner_who_withdraws_after_the_render_stops_the_publish(
    change, make_user, make_cameo, client_for, publish, no_dispatch
):
    alice, carol, bob = make_user("alice"), make_user("carol"), make_user("bob")
    cam = make_cameo(alice, handle="alice_cam", level="everyone")
    parent = publish(carol, prompt="@alice_cam surfs", cameos=[cam])
    draft = remix_draft(client_for(bob), parent)
    if change == "block":
        user_block(blocker=alice, blocked=bob)
    else:
        patch_cameo(client_for, alice, cam, level="only_me")

    response = publish_job(client_for(bob), draft)

    # The change re-checks the videos with the cameo: the draft's appearance is withdrawn, for good.
    error(response, 403, "cameo_consent_revoked")
    assert not Post.objects.filter(job=draft).exists()
    assert counts(parent)["remixes"] == 0 and not RemixAncestry.objects.filter(ancestor=parent).exists()


def test_a_parent_cameos_owner_who_deleted_their_account_after_the_render_stops_the_publish(
    make_user, make_cameo, client_for, publish, no_dispatch
):
    alice, carol, bob = make_user("alice"), make_user("carol"), make_user("bob")
    cam = make_cameo(alice, handle="alice_cam", level="everyone")
    parent = publish(carol, prompt="@alice_cam surfs", cameos=[cam])
    draft = remix_draft(client_for(bob), parent)
    alice.delete()

    response = publish_job(client_for(bob), draft)

    error(response, 403, "cameo_consent_revoked")
    assert not Post.objects.filter(job=draft).exists()
    assert counts(parent)["remixes"] == 0


def test_a_restriction_added_after_the_request_that_the_remix_prompt_breaks_stops_the_publish(
    make_user, make_cameo, client_for, publish, no_dispatch
):
    alice, carol, bob = make_user("alice"), make_user("carol"), make_user("bob")
    cam = make_cameo(alice, handle="alice_cam", level="everyone")
    parent = publish(carol, prompt="@alice_cam surfs", cameos=[cam])
    draft = remix_draft(client_for(bob), parent, "she eats a banana on the beach")
    patch_cameo(client_for, alice, cam, restrictions=[NO_BANANA])

    response = publish_job(client_for(bob), draft, caption="fun day")

    body = error(response, 422, "cameo_restriction_conflict")
    assert body["cameo"] == "@alice_cam" and body["text"] == "prompt"
    assert not Post.objects.filter(job=draft).exists()


@pytest.mark.parametrize(
    "prompt",
    [
        "she eats a banana on the beach",
        "she eats a ba\u200bna\u200bna on the beach",  # zero-width spaces
        "she eats a ba\u00adnana on the beach",  # a soft hyphen
        "she eats a \uff42\uff41\uff4e\uff41\uff4e\uff41 on the beach",  # full-width letters
        "she eats a b\u0430n\u0430n\u0430 on the beach",  # Cyrillic a
        "she eats a 🍌 on the beach",
    ],
    ids=["plain", "zero_width", "soft_hyphen", "full_width", "cyrillic", "emoji"],
)
def test_a_remix_prompt_breaking_the_parents_cameos_restriction_is_refused_in_any_disguise(
    prompt, make_user, make_cameo, client_for, publish, no_dispatch
):
    alice, carol, bob = make_user("alice"), make_user("carol"), make_user("bob")
    cam = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=[NO_BANANA])
    parent = publish(carol, prompt="@alice_cam surfs", cameos=[cam])

    body = error(remix(client_for(bob), parent, prompt), 422, "cameo_restriction_conflict")

    assert body["cameo"] == "@alice_cam"
    assert not GenerationJob.objects.filter(owner=bob).exists()


def test_a_remix_cannot_bring_in_a_cameo_whose_restriction_the_parents_cameos_preferences_break(
    make_user, make_cameo, client_for, publish, no_dispatch
):
    # Given: alice's cameo in carol's post prefers to be shown eating bananas; dave's cameo forbids bananas.
    alice, carol, dave, bob = make_user("alice"), make_user("carol"), make_user("dave"), make_user("bob")
    alice_cam = make_cameo(alice, handle="alice_cam", level="everyone", preferences="always eating a banana")
    make_cameo(dave, handle="dave_cam", level="everyone", restrictions=[NO_BANANA])
    parent = publish(carol, prompt="@alice_cam surfs", cameos=[alice_cam])

    # When bob remixes it casting @dave_cam with a harmless prompt
    response = remix(client_for(bob), parent, "@dave_cam joins her on the wave")

    # Then dave's restriction reads alice's preferences, which the model is given beside his likeness
    body = error(response, 422, "cameo_restriction_conflict")
    assert body["cameo"] == "@dave_cam"
    assert not GenerationJob.objects.filter(owner=bob).exists()


@pytest.mark.parametrize(
    "mention", ["@carol_cam", "\uff20carol_cam", "@\uff43\uff41\uff52\uff4f\uff4c_cam", "@CAROL_CAM"]
)
def test_a_remix_cannot_cast_past_the_cameo_limit_with_a_disguised_mention(
    mention, make_user, make_cameo, client_for, publish, no_dispatch
):
    alice, dave, carol, bob = make_user("alice"), make_user("dave"), make_user("carol"), make_user("bob")
    two = [make_cameo(alice, handle="alice_cam"), make_cameo(dave, handle="dave_cam")]
    make_cameo(carol, handle="carol_cam")
    parent = publish(alice, prompt="@alice_cam and @dave_cam surf", cameos=two)

    response = remix(client_for(bob), parent, f"{mention} joins them on the wave")

    error(response, 422, "too_many_cameos")
    assert not GenerationJob.objects.filter(owner=bob).exists()


# ==== 3. lineage ====================================================================================================


def test_no_request_sets_a_remix_parent_or_moves_a_post_under_another(make_user, client_for, publish, no_dispatch):
    alice, bob = make_user("alice"), make_user("bob")
    secret = publish(alice, visibility="private", caption="SECRET")
    mine = publish(bob)
    draft = remix_draft(client_for(bob), mine)

    patched = client_for(bob).patch(
        f"/api/v1/posts/{mine.pk}/", {"parent": secret.pk, "parent_id": secret.pk}, format="json"
    )
    published = publish_job(client_for(bob), draft, parent=secret.pk, parent_id=secret.pk, parent_job=secret.job_id)

    assert patched.status_code == 200 and Post.objects.get(pk=mine.pk).parent_id is None
    assert published.status_code == 201, published.json()
    assert Post.objects.get(pk=published.json()["post"]["id"]).parent_id == mine.pk
    assert not RemixAncestry.objects.filter(ancestor=secret).exists()
    assert counts(secret)["remixes"] == 0


def test_a_remix_of_a_remix_is_refused_when_the_root_turned_remixes_off(make_user, client_for, publish, no_dispatch):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    root = publish(alice)
    child = publish(bob, parent=root)
    patch_post(client_for, alice, root, allow_remix=False)

    response = remix(client_for(carol), child)

    error(response, 403, "remix_disabled")
    assert not GenerationJob.objects.filter(owner=carol).exists()


# ==== 4. comments, likes and views on a post you may not see ========================================================


@pytest.mark.parametrize("how", HIDINGS)
def test_a_post_hidden_from_a_person_takes_no_comment_like_or_view_from_them(
    how, make_user, client_for, publish, moderator
):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    hide(how, post, author=alice, actor=bob, moderator=moderator, client_for=client_for)
    before = counts(post)
    client = client_for(bob)

    error(comment(client, post, "nice"), 404, "post_not_found")
    error(comment(client, post, "nice", client_id="abc"), 404, "post_not_found")
    error(client.post(f"/api/v1/posts/{post.pk}/like/"), 404, "post_not_found")
    error(client.post(f"/api/v1/posts/{post.pk}/view/"), 404, "post_not_found")
    error(client.get(f"/api/v1/posts/{post.pk}/comments/"), 404, "post_not_found")

    assert counts(post) == before
    assert not Comment.objects.filter(author=bob).exists()
    assert not Like.objects.filter(user=bob).exists() and not PostView.objects.filter(viewer=bob).exists()
    assert not Notification.objects.filter(recipient=alice, actor=bob).exclude(kind="followed").exists()


def test_a_like_and_a_comment_by_someone_blocked_since_cannot_be_taken_back_or_added_to(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)
    assert client_for(bob).post(f"/api/v1/posts/{post.pk}/like/").status_code == 200
    created = comment(client_for(bob), post, "first!")
    assert created.status_code == 201
    user_block(blocker=alice, blocked=bob)
    before = counts(post)

    error(client_for(bob).post(f"/api/v1/posts/{post.pk}/like/"), 404, "post_not_found")
    error(client_for(bob).delete(f"/api/v1/posts/{post.pk}/like/"), 404, "post_not_found")
    error(client_for(bob).delete(f"/api/v1/posts/{post.pk}/comments/{created.json()['id']}/"), 404, "post_not_found")
    error(comment(client_for(bob), post, "still here"), 404, "post_not_found")

    assert counts(post) == before
    assert Comment.objects.filter(author=bob).count() == 1


# ==== 5. another person's comment ===================================================================================


def test_another_persons_comment_can_be_neither_deleted_nor_edited(make_user, client_for, publish):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    post = publish(alice)
    other = publish(alice)
    created = comment(client_for(bob), post, "great moves!")
    comment_id = created.json()["id"]
    url = f"/api/v1/posts/{post.pk}/comments/{comment_id}/"

    error(client_for(carol).delete(url), 403, "not_comment_author")
    error(client_for(carol).delete(f"/api/v1/posts/{other.pk}/comments/{comment_id}/"), 404, "comment_not_found")
    error(client_for(bob).delete(f"/api/v1/posts/{other.pk}/comments/{comment_id}/"), 404, "comment_not_found")
    for method in ("patch", "put"):
        error(getattr(client_for(bob), method)(url, {"body": "edited"}, format="json"), 405, "method_not_allowed")

    stored = Comment.objects.get(pk=comment_id)
    assert stored.body == "great moves!" and stored.deleted_at is None
    assert counts(post)["comments"] == 1


def test_the_post_author_cannot_delete_a_comment_a_moderator_took_down_nor_move_the_count_twice(
    make_user, client_for, publish, moderator
):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    post = publish(alice)
    comment(client_for(carol), post, "a kind word")
    rude = comment(client_for(bob), post, "a rude word").json()["id"]
    assert counts(post)["comments"] == 2
    take_down(moderator, "comment", rude)
    assert counts(post)["comments"] == 1

    response = client_for(alice).delete(f"/api/v1/posts/{post.pk}/comments/{rude}/")

    error(response, 404, "comment_not_found")
    assert counts(post)["comments"] == 1 == len(bodies(client_for(make_user("viewer")), post))


# ==== 6. restrictions on comments ===================================================================================


@pytest.fixture
def banana_post(make_user, make_cameo, publish):
    alice, carol = make_user("alice"), make_user("carol")
    cam = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=[NO_BANANA, NO_POLITICS])
    return publish(carol, prompt="@alice_cam surfs", cameos=[cam]), alice, carol


@pytest.mark.parametrize(
    "body",
    [
        "she should eat a banana",
        "she should eat a ba\u200bna\u200bna",
        "she should eat a ba\u00adnana",
        "she should eat a \uff42\uff41\uff4e\uff41\uff4e\uff41",
        "she should eat a b\u0430n\u0430n\u0430",
        "she should eat a BaNaNa",
        "she should eat a 🍌",
        VOTE,
        "Tuesday, get out there and cast your ballot for Dan Miller for senate",
    ],
    ids=[
        "plain",
        "zero_width",
        "soft_hyphen",
        "full_width",
        "cyrillic",
        "mixed_case",
        "emoji",
        "politics",
        "politics_paraphrase",
    ],
)
def test_a_comment_breaking_a_cameos_restriction_is_held_in_any_disguise(body, banana_post, make_user, client_for):
    post, alice, carol = banana_post
    bob, viewer = make_user("bob"), make_user("viewer")

    response = comment(client_for(bob), post, body)

    assert response.status_code == 201 and response.json()["held"] is True, response.json()
    assert bodies(client_for(viewer), post) == []
    assert bodies(client_for(carol), post) == []
    assert bodies(client_for(alice), post) == [body]
    assert counts(post)["comments"] == 0


def test_a_held_comment_leaks_into_no_count_list_or_notification_and_its_text_is_held_again(
    banana_post, make_user, client_for
):
    post, alice, carol = banana_post
    bob, viewer = make_user("bob"), make_user("viewer")
    body = "she should eat a banana"

    first = comment(client_for(bob), post, body, client_id="c-1")
    retried = comment(client_for(bob), post, body, client_id="c-1")
    again = comment(client_for(bob), post, body + "!", client_id="c-2")
    elsewhere = comment(client_for(bob), publish_other(carol), "hello", client_id="c-1")

    assert first.status_code == 201 and first.json()["held"] is True
    assert retried.status_code == 200 and retried.json()["id"] == first.json()["id"] and retried.json()["held"] is True
    assert again.status_code == 201 and again.json()["held"] is True
    error(elsewhere, 409, "client_id_reused")
    assert counts(post)["comments"] == 0
    assert client_for(viewer).get(f"/api/v1/posts/{post.pk}/").json()["counts"]["comments"] == 0
    assert bodies(client_for(viewer), post) == [] and bodies(client_for(carol), post) == []
    assert not Notification.objects.filter(recipient=carol, kind="commented").exists()
    assert Notification.objects.filter(recipient=alice, kind="comment_held").count() == 2
    # The post's author cannot remove what she cannot see (a delete would tell her it exists).
    error(client_for(carol).delete(f"/api/v1/posts/{post.pk}/comments/{first.json()['id']}/"), 404, "comment_not_found")
    assert Comment.objects.filter(author=bob, held_at__isnull=False).count() == 2


def publish_other(author) -> Post:
    from tests.moderation.world import published_post

    return published_post(author)


def test_a_restriction_recheck_holding_a_taken_down_comment_does_not_drop_the_count_twice(
    make_user, make_cameo, client_for, publish, moderator
):
    from feed.services.reactions import comments_recheck_for_cameo

    alice, carol, bob, dave = make_user("alice"), make_user("carol"), make_user("bob"), make_user("dave")
    cam = make_cameo(alice, handle="alice_cam", level="everyone")
    post = publish(carol, prompt="@alice_cam surfs", cameos=[cam])
    comment(client_for(dave), post, "lovely wave")
    banana = comment(client_for(bob), post, "she should eat a banana").json()["id"]
    take_down(moderator, "comment", banana)
    assert counts(post)["comments"] == 1
    cam.restrictions = [NO_BANANA]
    cam.save(update_fields=["restrictions"])

    assert comments_recheck_for_cameo(cameo=cam) == 1

    assert Comment.objects.get(pk=banana).held_at is not None
    assert counts(post)["comments"] == 1 == len(bodies(client_for(make_user("viewer")), post))


# A text the content policy lets through in general, but not about a real person (tests/remix/test_remix.py).
SEDUCTIVE = "she dances seductively in a nightclub"


def test_a_caption_on_a_real_persons_video_is_screened_strictly_and_a_general_comment_is_not(
    make_user, make_cameo, client_for, publish, make_draft
):
    alice, carol, bob = make_user("alice"), make_user("carol"), make_user("bob")
    cam = make_cameo(alice, handle="alice_cam", level="everyone")
    draft = make_draft(carol, prompt="@alice_cam dances", cameos=[cam])
    without_cameos = publish(carol, prompt="a disco ball spins")

    error(publish_job(client_for(carol), draft, caption=SEDUCTIVE), 422, "content_policy")
    assert comment(client_for(bob), without_cameos, SEDUCTIVE).status_code == 201


def test_a_comment_on_a_real_persons_video_is_screened_as_strictly_as_its_caption(
    make_user, make_cameo, client_for, publish
):
    alice, carol, bob, viewer = make_user("alice"), make_user("carol"), make_user("bob"), make_user("viewer")
    cam = make_cameo(alice, handle="alice_cam", level="everyone")
    post = publish(carol, prompt="@alice_cam dances", cameos=[cam])

    response = comment(client_for(bob), post, SEDUCTIVE)

    error(response, 422, "content_policy")
    assert not Comment.objects.filter(post=post).exists()
    assert bodies(client_for(viewer), post) == [] and counts(post)["comments"] == 0


# ==== 7. comment spam past THROTTLE_COMMENT =========================================================================


def test_comments_past_the_rate_are_throttled(make_user, client_for, publish, monkeypatch):
    from feed.api.views import CommentThrottle

    monkeypatch.setattr(CommentThrottle, "rate", "3/hour", raising=False)
    alice, bob = make_user("alice"), make_user("bob")
    post = publish(alice)

    answers = [comment(client_for(bob), post, f"spam {n}").status_code for n in range(4)]

    assert answers == [201, 201, 201, 429]
    error(comment(client_for(bob), post, "more spam"), 429, "throttled")
    assert Comment.objects.filter(author=bob).count() == 3 == counts(post)["comments"]


def test_comments_sent_at_once_pass_the_rate_only_as_often_as_it_allows(monkeypatch):
    from feed.api.views import CommentThrottle

    monkeypatch.setattr(CommentThrottle, "rate", "3/hour", raising=False)

    class Person:
        pk = 987654321
        is_authenticated = True

    class Request:
        user = Person()
        META = {"REMOTE_ADDR": "127.0.0.1"}

    start = threading.Barrier(20)
    passed: list[bool] = []
    lock = threading.Lock()

    def send() -> None:
        throttle = CommentThrottle()
        start.wait()
        allowed = throttle.allow_request(Request(), None)
        with lock:
            passed.append(allowed)

    threads = [threading.Thread(target=send) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(passed) == 20 and passed.count(True) == 3
