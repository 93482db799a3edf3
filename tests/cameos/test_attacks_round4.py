# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Round 4 of attacks on owners' restrictions: the API PATHS a text takes to a likeness, not the wording.

Rounds 2 and 3 tried wordings the classifier might miss. Here every text is one the classifier plainly reads
("she lights a cigarette" breaks "no smoking"); the attack is the route: a field beside the prompt, an edit after
publishing, a remix, a restriction set after the text was accepted, or a held comment reached from another side.

Each test is one attack, named as the product rule it must not break, and asserts the safe outcome. An attack that
gets through is kept, marked ``xfail(strict=True)`` with what got through and the code path responsible, so the gap
stays recorded. The consent door, the restriction classifier and the sentence model are real, never mocked.
"""

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase

from cameos.models import Appearance
from feed.models import Comment, Post
from generation.models import GenerationJob
from sora_social.notifications.models import Notification
from tests.feed.conftest import TINY_MP4, follow, make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

NO_SMOKING = ["no smoking"]
BREAKING = "she lights a cigarette on the balcony"  # plainly breaks "no smoking" (a lexicon word)
HARMLESS = "sunny day on the balcony"


@pytest.fixture
def cast(make_user, make_cameo):
    """Alice's cameo (open to everyone, "no smoking"); Bob makes videos with it; Vic is any third user."""
    alice, bob, vic = make_user("alice"), make_user("bob"), make_user("vic")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=NO_SMOKING)
    return alice, bob, vic, cameo


# ---- helpers -----------------------------------------------------------------------------------------------


def comments_seen_by(client, post) -> dict[int, dict]:
    response = client.get(f"/api/v1/posts/{post.pk}/comments/")
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def comment(client, post, body: str, **extra):
    return client.post(f"/api/v1/posts/{post.pk}/comments/", {"body": body, **extra}, format="json")


def restrict(client, cameo, restrictions: list[str], **extra):
    # The re-check of existing videos and comments runs on the worker once the change commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.patch(f"/api/v1/cameos/{cameo.pk}/", {"restrictions": restrictions, **extra}, format="json")
    assert response.status_code == 200, response.content
    return response


def finish(job: GenerationJob) -> GenerationJob:
    """Turn a queued job into a finished draft as the render's store step would (files, appearances), unrendered."""
    job.refresh_from_db()
    job.video.save(f"{job.public_ref}.mp4", ContentFile(TINY_MP4), save=False)
    job.poster.save(f"{job.public_ref}.jpg", ContentFile(b"\xff\xd8\xff\xe0tiny-jpeg"), save=False)
    job.state = GenerationJob.State.SUCCEEDED
    job.progress = 1.0
    job.save()
    for cameo in job.cameos.all():
        Appearance.objects.get_or_create(
            cameo=cameo, job=job, defaults={"creator": job.owner, "consent_version": cameo.consent_version}
        )
    return job


def remix_through_the_api(client, parent: Post, prompt: str) -> GenerationJob:
    response = client.post(f"/api/v1/posts/{parent.pk}/remix/", {"prompt": prompt, "duration_s": 3}, format="json")
    assert response.status_code == 202, response.content
    return GenerationJob.objects.get(pk=response.json()["id"])


def shown_texts(client, post) -> str | None:
    """The caption and prompt a viewer is shown for a post, or None when the post is not shown to them."""
    response = client.get(f"/api/v1/posts/{post.pk}/")
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.content
    body = response.json()["post"]
    return f"{body['caption']} | {body['prompt']}"


def assert_refused_for_restriction(response):
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict", response.content


# ==== controls: the plain, direct forms are refused or held =====================================================


def test_control_a_breaking_caption_at_publish_is_refused(cast, make_draft, client_for):
    _, bob, _, cameo = cast
    draft = make_draft(bob, prompt="@alice_cam waves from the balcony", cameos=[cameo])

    response = client_for(bob).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": BREAKING}, format="json")

    assert_refused_for_restriction(response)
    assert not Post.objects.filter(job=draft).exists()


def test_control_a_breaking_comment_is_held_from_a_third_user(cast, publish, client_for, make_user):
    alice, bob, vic, cameo = cast
    carol = make_user("carol")
    post = publish(bob, prompt="@alice_cam waves from the balcony", cameos=[cameo])

    response = comment(client_for(carol), post, BREAKING)

    assert response.status_code == 201 and response.json()["held"] is True, response.content
    held_id = response.json()["id"]
    assert held_id not in comments_seen_by(client_for(vic), post)
    assert comments_seen_by(client_for(alice), post)[held_id]["held"] is True


# ==== other fields and methods that might carry a text =========================================================


def test_a_post_has_no_put_and_its_prompt_cannot_be_patched(cast, publish, client_for, make_user):
    # Given: bob's post with alice's cameo
    _, bob, vic, cameo = cast
    post = publish(bob, prompt="@alice_cam waves from the balcony", caption=HARMLESS, cameos=[cameo])

    # When: bob tries PUT, and a PATCH of the prompt (and of made-up text fields)
    put = client_for(bob).put(f"/api/v1/posts/{post.pk}/", {"caption": BREAKING}, format="json")
    patch = client_for(bob).patch(
        f"/api/v1/posts/{post.pk}/",
        {"prompt": BREAKING, "title": BREAKING, "description": BREAKING, "alt_text": BREAKING},
        format="json",
    )

    # Then: no PUT, and no text but the caption can be written; nothing that breaks the restriction is shown
    assert put.status_code == 405, put.content
    assert patch.status_code in (200, 400), patch.content
    assert "cigarette" not in shown_texts(client_for(vic), post)
    post.refresh_from_db()
    assert post.caption == HARMLESS and "cigarette" not in post.job.prompt


def test_extra_text_fields_at_publish_title_alt_text_hashtags_sound_are_not_stored(cast, make_draft, client_for):
    # Given: bob's finished draft with alice's cameo
    _, bob, vic, cameo = cast
    draft = make_draft(bob, prompt="@alice_cam waves from the balcony", cameos=[cameo])

    # When: bob publishes with a harmless caption and the forbidden text in every other plausible field
    response = client_for(bob).post(
        "/api/v1/posts/",
        {
            "generation_id": draft.pk,
            "caption": HARMLESS,
            "title": BREAKING,
            "description": BREAKING,
            "alt_text": BREAKING,
            "hashtags": ["#cigarette"],
            "sound_name": BREAKING,
            "prompt": BREAKING,
        },
        format="json",
    )

    # Then: the fields are ignored: nothing shown with the post carries the forbidden text
    assert response.status_code in (201, 400), response.content
    if response.status_code == 201:
        assert "cigarette" not in str(response.json())
        assert "cigarette" not in shown_texts(client_for(vic), Post.objects.get(job=draft))


def test_a_dialogue_or_caption_field_beside_the_prompt_never_reaches_the_video(cast, client_for, no_dispatch):
    # Given: alice forbids smoking; bob submits a harmless prompt
    _, bob, _, _ = cast

    # When: the forbidden line rides in fields next to the prompt (dialogue, caption, title)
    response = client_for(bob).post(
        "/api/v1/generations/",
        {
            "prompt": "@alice_cam waves from the balcony",
            "dialogue": ["@alice_cam says: let's go smoke a cigarette"],
            "caption": BREAKING,
            "title": BREAKING,
            "duration_s": 2,
            "resolution": "360p",
        },
        format="json",
    )

    # Then: the job is made from the prompt alone; the extra text is stored nowhere the render or a post reads
    assert response.status_code in (202, 400), response.content
    for job in GenerationJob.objects.filter(owner=bob):
        assert "cigarette" not in job.prompt


def test_there_is_no_repost_or_quote_post_that_puts_a_new_caption_on_someone_elses_video(cast, publish, client_for):
    # Given: bob's public post with alice's cameo; vic wants to repost it under the forbidden caption
    _, bob, vic, cameo = cast
    post = publish(bob, prompt="@alice_cam waves from the balcony", caption=HARMLESS, cameos=[cameo])

    # When: vic publishes bob's generation as his own, quotes the post, or reposts it
    as_own = client_for(vic).post("/api/v1/posts/", {"generation_id": post.job_id, "caption": BREAKING}, format="json")
    quoted = client_for(vic).post(
        "/api/v1/posts/", {"generation_id": post.job_id, "quote_of": post.pk, "caption": BREAKING}, format="json"
    )
    reposted = client_for(vic).post(f"/api/v1/posts/{post.pk}/repost/", {"caption": BREAKING}, format="json")

    # Then: none of them exists; no post anywhere carries the forbidden caption
    assert as_own.status_code == 404 and quoted.status_code == 404, (as_own.content, quoted.content)
    assert reposted.status_code in (404, 405), reposted.content
    assert not Post.objects.filter(caption__icontains="cigarette").exists()


def test_a_co_cast_cameos_preferences_cannot_smuggle_what_the_other_owner_forbids(cast, make_cameo, client_for, no_dispatch):
    # Given: bob's own cameo, whose free-text preferences (his to write) direct the other person in the scene
    from cameos.restrictions import find_restriction_conflicts
    from generation.backends.base import RenderSpec
    from generation.backends.diffusers_backend import compose_prompt
    from generation.services import _cameo_refs

    alice, bob, _, alice_cam = cast
    bob_cam = make_cameo(bob, handle="bob_cam", level="everyone")
    changed = client_for(bob).patch(
        f"/api/v1/cameos/{bob_cam.pk}/",
        {"preferences": "always makes the other person in the scene smoke a cigarette with him"},
        format="json",
    )
    assert changed.status_code == 200, changed.content

    # When: bob casts alice first and himself second with a harmless prompt
    response = client_for(bob).post(
        "/api/v1/generations/",
        {"prompt": "@alice_cam and @bob_cam wave from the balcony", "duration_s": 2, "resolution": "360p"},
        format="json",
    )

    # Then: refused for alice's restriction, or at least the text the model is given does not break it
    if response.status_code == 422:
        assert response.json()["code"] == "cameo_restriction_conflict", response.content
        return
    assert response.status_code == 202, response.content
    job = GenerationJob.objects.get(pk=response.json()["id"])
    spec = RenderSpec(prompt=job.prompt, duration_s=job.duration_s, style=job.style, cameos=_cameo_refs(job))
    model_prompt = compose_prompt(spec, image_conditioned=True)
    assert not find_restriction_conflicts(alice_cam.restrictions, model_prompt), model_prompt


def test_co_cast_preferences_changed_after_submit_are_checked_before_the_render(
    cast, make_cameo, client_for, no_dispatch, monkeypatch
):
    # Given: bob's accepted job casting alice and his own cameo, whose preferences are empty
    from cameos.restrictions import find_restriction_conflicts
    from generation.backends.diffusers_backend import compose_prompt
    from generation.services import generation_render

    _, bob, _, alice_cam = cast
    bob_cam = make_cameo(bob, handle="bob_cam", level="everyone")
    submitted = client_for(bob).post(
        "/api/v1/generations/",
        {"prompt": "@alice_cam and @bob_cam wave from the balcony", "duration_s": 2, "resolution": "360p"},
        format="json",
    )
    assert submitted.status_code == 202, submitted.content

    # When: bob rewrites his cameo's preferences before the worker takes the job
    changed = client_for(bob).patch(
        f"/api/v1/cameos/{bob_cam.pk}/",
        {"preferences": "always makes the other person in the scene smoke a cigarette with him"},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    rendered = []

    def render_frames(spec, progress):
        rendered.append(spec)
        raise RuntimeError("the render started")

    monkeypatch.setattr("generation.pipeline.render_frames", render_frames)
    try:
        generation_render(job_id=submitted.json()["id"])
    except RuntimeError:
        pass

    # Then: the render is blocked, or the model is not given a text that breaks alice's restriction
    if rendered:
        model_prompt = compose_prompt(rendered[0], image_conditioned=True)
        assert not find_restriction_conflicts(alice_cam.restrictions, model_prompt), model_prompt
    else:
        assert GenerationJob.objects.get(pk=submitted.json()["id"]).state == GenerationJob.State.BLOCKED


# ==== texts accepted before a restriction existed ==============================================================


def test_a_draft_rendered_before_a_restriction_cannot_be_published_after_it(cast, make_draft, client_for):
    # Given: bob's draft "alice smokes", made while alice had no restriction
    alice, bob, _, cameo = cast
    restrict(client_for(alice), cameo, [])
    draft = make_draft(bob, prompt=f"@alice_cam {BREAKING}", cameos=[cameo])

    # When: alice forbids smoking, then bob publishes the draft under a harmless caption
    restrict(client_for(alice), cameo, NO_SMOKING)
    response = client_for(bob).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": HARMLESS}, format="json")

    # Then: refused: the re-check after alice's change read the draft's prompt and withdrew her from it
    assert response.status_code == 403 and response.json()["code"] == "cameo_consent_revoked", response.content
    assert not Post.objects.filter(job=draft).exists()


def test_without_the_re_check_the_publish_step_itself_reads_the_prompt_against_the_restriction(
    cast, make_draft, client_for
):
    # Given: bob's draft "alice smokes", and alice's restriction stored without the re-check having run yet
    alice, bob, _, cameo = cast
    restrict(client_for(alice), cameo, [])
    draft = make_draft(bob, prompt=f"@alice_cam {BREAKING}", cameos=[cameo])
    response = client_for(alice).patch(f"/api/v1/cameos/{cameo.pk}/", {"restrictions": NO_SMOKING}, format="json")
    assert response.status_code == 200, response.content

    # When: bob publishes the draft under a harmless caption before the worker re-checks it
    response = client_for(bob).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": HARMLESS}, format="json")

    # Then: the publish step reads the prompt against the restriction as it is now
    assert_refused_for_restriction(response)
    assert response.json()["text"] == "prompt"


def test_a_restriction_added_while_a_render_is_queued_blocks_the_render(cast, client_for, no_dispatch):
    # Given: bob's queued job "alice smokes", accepted while alice had no restriction
    from generation.services import generation_render

    alice, bob, _, cameo = cast
    restrict(client_for(alice), cameo, [])
    submitted = client_for(bob).post(
        "/api/v1/generations/",
        {"prompt": f"@alice_cam {BREAKING}", "duration_s": 2, "resolution": "360p"},
        format="json",
    )
    assert submitted.status_code == 202, submitted.content

    # When: alice forbids smoking before the worker takes the job
    restrict(client_for(alice), cameo, NO_SMOKING)
    state = generation_render(job_id=submitted.json()["id"])

    # Then: the worker's check before rendering blocks it
    job = GenerationJob.objects.get(pk=submitted.json()["id"])
    assert state == GenerationJob.State.BLOCKED and job.state == GenerationJob.State.BLOCKED
    assert "restriction_conflict" in job.state_reason
    assert not job.video


def test_a_published_caption_that_breaks_a_restriction_added_later_is_no_longer_shown(cast, publish, client_for):
    # Given: bob's public post "alice smokes", captioned so, while alice had no restriction
    alice, bob, vic, cameo = cast
    restrict(client_for(alice), cameo, [])
    post = publish(bob, prompt="@alice_cam on the balcony", caption=BREAKING, cameos=[cameo])
    assert "cigarette" in shown_texts(client_for(vic), post)

    # When: alice forbids smoking
    restrict(client_for(alice), cameo, NO_SMOKING)

    # Then: a third user is no longer shown the breaking caption beside her likeness
    shown = shown_texts(client_for(vic), post)
    assert shown is None or "cigarette" not in shown


def test_reconciling_existing_videos_after_a_consent_change_reads_their_texts(cast, publish, client_for, follow):
    # Given: bob's public post whose prompt has alice smoke, made while alice had no restriction; alice and bob
    # are mutuals
    alice, bob, vic, cameo = cast
    restrict(client_for(alice), cameo, [])
    follow(alice, bob)
    follow(bob, alice)
    post = publish(bob, prompt=f"@alice_cam {BREAKING}", caption=HARMLESS, cameos=[cameo])

    # When: alice narrows her cameo to mutuals (bob still may) and forbids smoking in the same change
    restrict(client_for(alice), cameo, NO_SMOKING, level="mutuals")

    # Then: the re-check of existing videos that the level change runs also reads their prompt
    shown = shown_texts(client_for(vic), post)
    assert shown is None or "cigarette" not in shown


def test_widening_a_posts_audience_rechecks_its_texts_against_current_restrictions(cast, publish, client_for):
    # Given: bob's PRIVATE post captioned "alice smokes", published while alice had no restriction
    alice, bob, vic, cameo = cast
    restrict(client_for(alice), cameo, [])
    post = publish(bob, prompt="@alice_cam on the balcony", caption=BREAKING, visibility="private", cameos=[cameo])

    # When: alice forbids smoking, and then bob makes the post public
    restrict(client_for(alice), cameo, NO_SMOKING)
    response = client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"visibility": "public"}, format="json")

    # Then: refused, or at least the breaking caption is not what the public now sees
    shown = shown_texts(client_for(vic), post)
    assert response.status_code == 422 or shown is None or "cigarette" not in shown, response.content


def test_a_comment_made_before_a_restriction_is_held_once_the_restriction_is_added(cast, publish, client_for, make_user):
    # Given: carol's public comment "she should light a cigarette" under bob's video of alice (no restriction yet)
    alice, bob, vic, cameo = cast
    restrict(client_for(alice), cameo, [])
    post = publish(bob, prompt="@alice_cam waves from the balcony", cameos=[cameo])
    made = comment(client_for(make_user("carol")), post, BREAKING)
    assert made.json()["held"] is False
    assert made.json()["id"] in comments_seen_by(client_for(vic), post)

    # When: alice forbids smoking
    restrict(client_for(alice), cameo, NO_SMOKING)

    # Then: the comment that now breaks it is held from public view
    assert made.json()["id"] not in comments_seen_by(client_for(vic), post)


def test_re_sending_a_caption_accepted_before_a_restriction_is_refused_after_it(cast, publish, client_for):
    # Given: bob's post captioned "alice smokes", published while alice had no restriction
    alice, bob, _, cameo = cast
    restrict(client_for(alice), cameo, [])
    post = publish(bob, prompt="@alice_cam on the balcony", caption=HARMLESS, cameos=[cameo])
    restrict(client_for(alice), cameo, NO_SMOKING)

    # When: bob edits the caption into the forbidden one, from a private post
    client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"visibility": "private", "caption": ""}, format="json")
    response = client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"caption": BREAKING}, format="json")

    # Then: refused
    assert_refused_for_restriction(response)
    assert Post.objects.get(pk=post.pk).caption == ""


# ==== remixes ===================================================================================================


def test_a_remix_that_adds_a_cameo_only_in_its_new_prompt_is_checked_for_that_cameo(cast, publish, client_for, make_user, no_dispatch):
    # Given: carol's public video without alice in it
    _, bob, _, cameo = cast
    parent = publish(make_user("carol"), prompt="a cat rides a skateboard down the hill")

    # When: bob remixes it, casting alice only in the new prompt, smoking
    response = client_for(bob).post(
        f"/api/v1/posts/{parent.pk}/remix/", {"prompt": f"now @alice_cam rides along and {BREAKING}", "duration_s": 3},
        format="json",
    )

    # Then: refused for alice's restriction
    assert_refused_for_restriction(response)
    assert not GenerationJob.objects.filter(owner=bob).exists()


def test_a_remix_published_with_a_breaking_caption_is_refused_for_the_parents_cameo(cast, publish, client_for, no_dispatch):
    # Given: alice's own public video; bob's harmless remix of it, made through the remix API and finished
    alice, bob, _, cameo = cast
    parent = publish(alice, prompt="@alice_cam surfs at dawn", cameos=[cameo])
    job = finish(remix_through_the_api(client_for(bob), parent, "the same scene, at sunset"))
    assert cameo in job.cameos.all()

    # When: bob publishes the remix with the forbidden caption (alice is not mentioned in his prompt)
    response = client_for(bob).post("/api/v1/posts/", {"generation_id": job.pk, "caption": BREAKING}, format="json")

    # Then: refused for alice's restriction
    assert_refused_for_restriction(response)


def test_a_comment_on_a_remix_is_held_for_the_parents_cameo(cast, publish, client_for, make_user, no_dispatch):
    # Given: bob's published remix (through the API) of alice's video; alice is cast only through the parent
    alice, bob, vic, cameo = cast
    parent = publish(alice, prompt="@alice_cam surfs at dawn", cameos=[cameo])
    job = finish(remix_through_the_api(client_for(bob), parent, "the same scene, at sunset"))
    published = client_for(bob).post("/api/v1/posts/", {"generation_id": job.pk, "caption": HARMLESS}, format="json")
    assert published.status_code == 201, published.content
    remix = Post.objects.get(pk=published.json()["post"]["id"])

    # When: carol comments the forbidden thing under the remix
    made = comment(client_for(make_user("carol")), remix, BREAKING)

    # Then: held for alice's cameo, and not shown to a third user
    assert made.json()["held"] is True, made.content
    assert made.json()["id"] not in comments_seen_by(client_for(vic), remix)
    assert made.json()["id"] in comments_seen_by(client_for(alice), remix)


def test_a_restriction_added_while_a_remix_is_queued_blocks_it_for_the_parents_cameo(cast, publish, client_for, no_dispatch):
    # Given: alice's video (no restriction yet) and bob's queued remix "she lights a cigarette", not mentioning her
    from generation.services import generation_render

    alice, bob, _, cameo = cast
    restrict(client_for(alice), cameo, [])
    parent = publish(alice, prompt="@alice_cam surfs at dawn", cameos=[cameo])
    job = remix_through_the_api(client_for(bob), parent, f"the same scene, then {BREAKING}")

    # When: alice forbids smoking before the worker takes the remix
    restrict(client_for(alice), cameo, NO_SMOKING)
    generation_render(job_id=job.pk)

    # Then: the parent's cameo, cast without a mention, is checked again before rendering
    job.refresh_from_db()
    assert job.state == GenerationJob.State.BLOCKED and "restriction_conflict" in job.state_reason
    assert not job.video


def test_a_caption_edit_on_a_remix_of_a_remix_is_checked_against_the_grandparents_cameo(cast, publish, client_for, make_user):
    # Given: alice's video, carol's remix of it, and bob's remix of that remix
    alice, bob, _, cameo = cast
    carol = make_user("carol")
    original = publish(alice, prompt="@alice_cam surfs at dawn", cameos=[cameo])
    middle = publish(carol, prompt="the same, in the rain", cameos=[cameo], parent=original)
    grandchild = publish(bob, prompt="the same, at night", caption=HARMLESS, cameos=[cameo], parent=middle)

    # When: bob edits his caption into the forbidden one
    response = client_for(bob).patch(f"/api/v1/posts/{grandchild.pk}/", {"caption": BREAKING}, format="json")

    # Then: refused
    assert_refused_for_restriction(response)


# ==== the owner's exemption is theirs alone ====================================================================


def test_a_cameo_owner_cannot_lend_their_exemption_to_a_caption_that_breaks_another_cameo(
    cast, make_user, make_cameo, make_draft, client_for
):
    # Given: dan's cameo ("no smoking") and alice's own cameo (no restriction) in one of alice's drafts
    alice, _, _, alice_cam = cast
    restrict(client_for(alice), alice_cam, [])
    dan = make_user("dan")
    dan_cam = make_cameo(dan, handle="dan_cam", level="everyone", restrictions=NO_SMOKING)
    draft = make_draft(alice, prompt="@alice_cam and @dan_cam wave", cameos=[alice_cam, dan_cam])

    # When: alice publishes with a caption that breaks dan's restriction
    response = client_for(alice).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": BREAKING}, format="json")

    # Then: refused for dan's cameo
    assert_refused_for_restriction(response)
    assert response.json()["cameo"] == "@dan_cam"


def test_a_cameo_owner_cannot_lend_their_exemption_to_a_comment_that_breaks_another_cameo(
    cast, make_user, make_cameo, publish, client_for
):
    # Given: bob's post with alice's cameo and dan's ("no smoking" both)
    alice, bob, vic, alice_cam = cast
    dan = make_user("dan")
    dan_cam = make_cameo(dan, handle="dan_cam", level="everyone", restrictions=NO_SMOKING)
    post = publish(bob, prompt="@alice_cam and @dan_cam wave", cameos=[alice_cam, dan_cam])

    # When: alice (exempt from her own restriction only) comments the forbidden thing
    made = comment(client_for(alice), post, BREAKING)

    # Then: held for dan: dan and alice see it, a third user does not
    assert made.json()["held"] is True, made.content
    assert made.json()["id"] in comments_seen_by(client_for(dan), post)
    assert made.json()["id"] not in comments_seen_by(client_for(vic), post)


# ==== held comments reached from other sides ====================================================================


@pytest.fixture
def held(cast, make_user, make_cameo, publish, client_for):
    """Carol's comment held for alice's restriction under bob's post, which also shows eve's unrestricted cameo."""
    alice, bob, vic, cameo = cast
    carol, eve = make_user("carol"), make_user("eve")
    eve_cam = make_cameo(eve, handle="eve_cam", level="everyone")
    post = publish(bob, prompt="@alice_cam and @eve_cam wave", cameos=[cameo, eve_cam])
    fine = comment(client_for(carol), post, "lovely wave!")
    made = comment(client_for(carol), post, BREAKING, client_id="held-1")
    assert made.status_code == 201 and made.json()["held"] is True, made.content
    return {"post": post, "comment_id": made.json()["id"], "fine_id": fine.json()["id"], "carol": carol, "eve": eve}


def test_a_held_comment_is_not_counted_on_the_post_the_list_or_the_feed(cast, held, client_for):
    _, bob, vic, _ = cast
    post = held["post"]

    detail = client_for(vic).get(f"/api/v1/posts/{post.pk}/").json()
    listed = client_for(vic).get("/api/v1/posts/", {"author": "bob"}).json()["items"]
    feed = client_for(vic).get("/api/v1/feed/").json()["items"]

    assert detail["counts"]["comments"] == 1
    assert [item["counts"]["comments"] for item in listed if item["post"]["id"] == post.pk] == [1]
    assert all(item["counts"]["comments"] == 1 for item in feed if item.get("post", {}).get("id") == post.pk)
    # The post's author is told of the visible comment only.
    told = Notification.objects.filter(recipient=bob, kind=Notification.Kind.COMMENTED)
    assert [n.data["comment"] for n in told] == [held["fine_id"]]


def test_a_held_comment_is_not_shown_to_the_owner_of_another_cameo_in_the_video(held, client_for):
    # eve's cameo is in the video, but the comment broke alice's restriction, not hers
    assert held["comment_id"] not in comments_seen_by(client_for(held["eve"]), held["post"])


def test_a_third_user_cannot_report_a_held_comment_they_cannot_see(cast, held, client_for):
    _, _, vic, _ = cast
    response = client_for(vic).post(
        "/api/v1/reports/",
        {"target_type": "comment", "target_id": str(held["comment_id"]), "reason": "harassment"},
        format="json",
    )
    assert response.status_code == 404, response.content


def test_a_held_comment_retried_with_its_client_id_stays_held(cast, held, client_for):
    _, _, vic, _ = cast
    retried = comment(client_for(held["carol"]), held["post"], "lovely wave!", client_id="held-1")

    assert retried.status_code == 200 and retried.json()["id"] == held["comment_id"], retried.content
    assert retried.json()["held"] is True
    assert held["comment_id"] not in comments_seen_by(client_for(vic), held["post"])
    assert Post.objects.get(pk=held["post"].pk).comment_count == 1


def test_a_stranger_cannot_tell_a_held_comment_from_a_missing_one(cast, held, client_for):
    _, _, vic, _ = cast
    post = held["post"]
    missing = client_for(vic).delete(f"/api/v1/posts/{post.pk}/comments/{held['comment_id'] + 1000}/")
    on_held = client_for(vic).delete(f"/api/v1/posts/{post.pk}/comments/{held['comment_id']}/")

    assert missing.status_code == 404, missing.content
    assert on_held.status_code == missing.status_code, on_held.content


def test_the_post_author_cannot_find_or_delete_a_held_comment_they_cannot_see(cast, held, client_for):
    alice, bob, _, _ = cast
    post = held["post"]
    assert held["comment_id"] not in comments_seen_by(client_for(bob), post)

    response = client_for(bob).delete(f"/api/v1/posts/{post.pk}/comments/{held['comment_id']}/")

    assert response.status_code == 404, response.content
    assert held["comment_id"] in comments_seen_by(client_for(alice), post)


@pytest.mark.xfail(
    strict=True,
    reason="GOT THROUGH: a commenter's display name is shown with every comment (feed/api/serializers.py:"
    "comment_item -> author_payload) but is never read against the restrictions of the cameos the post shows: "
    "feed/services/reactions.py:comment_create checks only the body, and sora_social/accounts/services.py:"
    "profile_update checks nothing, so 'so true' signed 'alice smokes cigarettes' sits public under her likeness. "
    "Left open on purpose for now: a display name is its owner's name, shown everywhere they act, and reading it "
    "against every restriction of every post it appears under would hold people's comments for their names "
    "('Smokey'). The platform's own content rules on display names are the place for this.",
)
def test_a_commenters_display_name_cannot_carry_what_a_cameo_owner_forbids(cast, publish, client_for, make_user):
    # Given: bob's post with alice's cameo; carol names herself with the forbidden text
    _, bob, vic, cameo = cast
    carol = make_user("carol")
    post = publish(bob, prompt="@alice_cam waves from the balcony", cameos=[cameo])
    renamed = client_for(carol).patch("/api/v1/me/", {"display_name": "alice smokes cigarettes"}, format="json")
    assert renamed.status_code == 200, renamed.content

    # When: carol leaves a harmless comment under the video
    made = comment(client_for(carol), post, "so true")

    # Then: the third user is not shown the forbidden text beside alice's likeness
    shown = comments_seen_by(client_for(vic), post).get(made.json()["id"])
    assert shown is None or "cigarette" not in shown["author"]["display_name"]


def test_held_comment_bodies_never_reach_other_peoples_notifications(cast, held):
    alice, bob, vic, _ = cast
    others = Notification.objects.exclude(recipient=alice).exclude(recipient=held["carol"])
    assert not [n for n in others if BREAKING in str(n.data) or n.data.get("comment") == held["comment_id"]]
    # The owner's notice names the comment and the restriction, not the text.
    notice = Notification.objects.get(recipient=alice, kind=Notification.Kind.COMMENT_HELD)
    assert notice.data["comment"] == held["comment_id"] and BREAKING not in str(notice.data)
    assert Comment.objects.get(pk=held["comment_id"]).held_at is not None
