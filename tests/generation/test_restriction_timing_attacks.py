# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Attacks on WHEN an owner's restrictions are read: a restriction added, lifted or re-added while work is queued,
rendering, stored as a draft, being published, or already live; the texts are plain ("no alcohol" against
"@ann_cam drinks a beer"), so the classifier's judgement is never what is tested.

Each test is one product rule and asserts the safe outcome. An attack that gets through is kept, marked
``xfail(strict=True)`` with what got through. The door, the restriction classifier and the render pipeline
(reference renderer, output screening, signing) are real, never mocked; where an attack is a race, the other side's
step is run at the point the race opens, on a thread and connection of its own where a lock is what closes it.
Three got through when written and are mended: the store step and the re-check read a co-cast cameo's preferences
as the model was given them (generation.selectors.cast_as_rendered, cast_preferences_as_rendered), and a re-check
that fails on the worker is retried (cameos.tasks.cameo_restrictions_recheck_task).

Not repeated here (covered by tests/cameos/test_attacks_round4.py, round5, test_restrictions_recheck.py and
tests/feed/test_text_path_attacks.py): a restriction added while a job is queued, a draft published after a
restriction, a caption edit or a comment racing a restriction, widening an audience, two quick changes run late.
"""

import pytest
from django.test import TestCase

from cameos.models import Appearance, Cameo
from cameos.services import cameo_update, grant_create
from feed.models import Post
from feed.services import posts as post_services
from feed.services.posts import post_publish
from generation import services
from generation.models import GenerationJob
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

NO_ALCOHOL = ["no alcohol"]
BEER_PROMPT = "@ann_cam drinks a beer on the balcony"  # plainly breaks "no alcohol"
BEER_CAPTION = "ann drinks a beer on the balcony"
HARMLESS = "sunny day on the balcony"
# A co-cast cameo's preferences are written into the model's prompt beside ann's likeness.
BEER_PREFERENCES = "always brings the other person a cold beer and they drink it together"
TAME_PREFERENCES = "waves a lot"


# ---- helpers -----------------------------------------------------------------------------------------------


def restrict(cameo: Cameo, restrictions=NO_ALCOHOL) -> None:
    """The owner changes her restrictions; the worker's re-check runs once the change commits (eager in tests)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        cameo_update(cameo=Cameo.objects.get(pk=cameo.pk), actor=cameo.owner, restrictions=list(restrictions))
    cameo.refresh_from_db()


def live(cameo: Cameo, job) -> bool:
    return Appearance.objects.filter(cameo=cameo, job=job, revoked_at__isnull=True, removed_at__isnull=True).exists()


def submit(client, prompt: str):
    body = {"prompt": prompt, "duration_s": 2, "resolution": "360p", "aspect_ratio": "16:9", "seed": 7}
    response = client.post("/api/v1/generations/", body, format="json")
    assert response.status_code == 202, response.content
    return response.json()["id"]


def render(monkeypatch, job_id: int, *, midway=None) -> list:
    """Run the worker on a queued job with the real pipeline; `midway` happens once the frames are rendered, before
    the output is screened, signed and stored. Returns the specs the renderer was given (what the model saw)."""
    from generation import pipeline

    real_render = pipeline.render_frames
    seen = []

    def render_then_change(spec, progress):
        seen.append(spec)
        result = real_render(spec, progress)
        if midway is not None:
            midway()
        return result

    monkeypatch.setattr(pipeline, "render_frames", render_then_change)
    services.generation_render(job_id=job_id)
    monkeypatch.undo()
    return seen


def shown_to(client, post) -> int:
    return client.get(f"/api/v1/posts/{post.pk}/").status_code


@pytest.fixture
def ann(make_user):
    return make_user("ann")


@pytest.fixture
def bob(make_user):
    return make_user("bob")


@pytest.fixture
def vic(make_user):
    return make_user("vic")


# ==== the GPU task layer: a restriction added while the job is in flight ========================================


def test_a_restriction_added_while_the_frames_render_stops_the_draft_from_being_stored(
    ann, bob, make_face_cameo, client_for, monkeypatch
):
    # Given: bob's job "ann drinks a beer", let in and through the render check while ann had no restriction
    ann_cam = make_face_cameo(ann, handle="ann_cam")
    job_id = submit(client_for(bob), BEER_PROMPT)

    # When: ann forbids alcohol once the frames exist, before the worker stores the output
    render(monkeypatch, job_id, midway=lambda: restrict(ann_cam))

    # Then: the step before storing reads the prompt against the restriction as it is now: nothing is kept
    job = GenerationJob.objects.get(pk=job_id)
    assert job.state == GenerationJob.State.BLOCKED, job.state_reason
    assert "restriction_conflict" in job.state_reason
    assert not job.video and not Appearance.objects.filter(job=job).exists()


def test_a_render_redelivered_after_its_worker_died_reads_a_restriction_added_meanwhile(
    ann, bob, make_cameo, client_for, monkeypatch
):
    # Given: bob's job "ann drinks a beer" passed the render check and started; then its worker died (lease lapsed)
    import datetime

    from django.utils import timezone

    monkeypatch.setattr("generation.services._queue_render", lambda job: None)
    ann_cam = make_cameo(ann, handle="ann_cam", level="everyone")
    job_id = submit(client_for(bob), BEER_PROMPT)
    GenerationJob.objects.filter(pk=job_id).update(
        state=GenerationJob.State.RENDERING, attempts=1, lease_until=timezone.now() - datetime.timedelta(seconds=5)
    )

    # When: ann forbids alcohol, and the message is delivered again to another worker
    restrict(ann_cam)
    outcome = services.generation_render(job_id=job_id)

    # Then: the retry is a new render, asked of the door again, and blocked
    job = GenerationJob.objects.get(pk=job_id)
    assert outcome == GenerationJob.State.BLOCKED and job.state == GenerationJob.State.BLOCKED
    assert "restriction_conflict" in job.state_reason and not job.video


def test_the_store_step_reads_the_co_cast_preferences_the_model_was_given_not_the_current_ones(
    ann, bob, make_face_cameo, make_cameo, client_for, monkeypatch
):
    # Given: bob's job casting ann and his dog, whose preferences have "the other person" drink a beer; ann has no
    # restriction yet, so the submit and the render check let it through
    ann_cam = make_face_cameo(ann, handle="ann_cam")
    rex = make_cameo(bob, handle="rex_dog", kind=Cameo.Kind.PET, level="everyone", preferences=BEER_PREFERENCES)
    job_id = submit(client_for(bob), "@ann_cam and @rex_dog wave from the balcony")

    def bob_tames_his_dog_and_ann_forbids_alcohol():
        cameo_update(cameo=Cameo.objects.get(pk=rex.pk), actor=bob, preferences=TAME_PREFERENCES)
        restrict(ann_cam)

    # When: while the frames render, bob makes his dog's preferences harmless and ann forbids alcohol
    specs = render(monkeypatch, job_id, midway=bob_tames_his_dog_and_ann_forbids_alcohol)

    # The model was given the beer (the preferences pinned at the render check): the video shows ann drinking it
    assert specs and any(ref.preferences == BEER_PREFERENCES for ref in specs[0].cameos)
    # Then: ann's likeness is not kept in a draft whose model prompt breaks her restriction
    job = GenerationJob.objects.get(pk=job_id)
    assert job.state == GenerationJob.State.BLOCKED or not live(ann_cam, job), job.state


def test_a_restriction_added_later_reads_the_preferences_a_published_video_was_made_with(
    ann, bob, vic, make_face_cameo, make_cameo, client_for, monkeypatch
):
    # Given: bob's public post of ann and his dog, rendered while the dog's preferences had ann drink a beer
    ann_cam = make_face_cameo(ann, handle="ann_cam")
    rex = make_cameo(bob, handle="rex_dog", kind=Cameo.Kind.PET, level="everyone", preferences=BEER_PREFERENCES)
    job_id = submit(client_for(bob), "@ann_cam and @rex_dog wave from the balcony")
    specs = render(monkeypatch, job_id)
    assert any(ref.preferences == BEER_PREFERENCES for ref in specs[0].cameos)
    job = GenerationJob.objects.get(pk=job_id)
    assert job.state == GenerationJob.State.SUCCEEDED, job.state_reason
    post = post_publish(author=bob, generation_id=job_id, caption=HARMLESS)

    # When: bob makes the dog's preferences harmless, and then ann forbids alcohol
    cameo_update(cameo=Cameo.objects.get(pk=rex.pk), actor=bob, preferences=TAME_PREFERENCES)
    restrict(ann_cam)

    # Then: the video (ann drinking the dog's beer) is withdrawn like any other that breaks her restriction
    assert not live(ann_cam, job)
    assert shown_to(client_for(vic), post) == 404


# ==== a restriction racing a publish ============================================================================


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_restriction_added_while_a_breaking_caption_is_being_published_withdraws_the_new_post(
    require_postgres, ann, bob, vic, make_cameo, make_draft, client_for, in_another_request, monkeypatch
):
    # Given: bob's draft of ann; ann has no restriction yet
    ann_cam = make_cameo(ann, handle="ann_cam", level="everyone")
    job = make_draft(bob, prompt="@ann_cam waves from the balcony", cameos=[ann_cam])

    # When: ann forbids alcohol right after the door let bob's caption "ann drinks a beer" through, before the post
    # exists (her change, and the re-check that follows its commit, run on a connection of their own)
    restricting, waited = [], []
    door = post_services.require_uses

    def door_then_ann_restricts(*args, **kwargs):
        decisions = door(*args, **kwargs)
        restricting.append(
            in_another_request(
                lambda: cameo_update(cameo=Cameo.objects.get(pk=ann_cam.pk), actor=ann, restrictions=NO_ALCOHOL)
            )
        )
        restricting[0].join(timeout=1.0)  # her change gets every chance to finish first
        waited.append(restricting[0].is_alive())
        return decisions

    monkeypatch.setattr(post_services, "require_uses", door_then_ann_restricts)
    post = post_publish(author=bob, generation_id=job.pk, caption=BEER_CAPTION)
    restricting[0].join(timeout=120)

    # Then: her change waited for the publish, and its re-check read the new caption and withdrew the post
    assert waited == [True] and not restricting[0].is_alive()
    assert not live(ann_cam, job)
    assert shown_to(client_for(vic), post) == 404


# ==== restrictions added, lifted, re-added ======================================================================


def test_a_restriction_lifted_and_re_added_reaches_what_was_published_in_between_and_lifting_brings_nothing_back(
    ann, bob, vic, make_cameo, publish, client_for
):
    ann_cam = make_cameo(ann, handle="ann_cam", level="everyone")
    restrict(ann_cam)
    restrict(ann_cam, [])  # lifted
    # Given: while it was lifted, bob published "ann drinks a beer"
    post = publish(bob, prompt=BEER_PROMPT, caption=BEER_CAPTION, cameos=[ann_cam])
    assert shown_to(client_for(vic), post) == 200

    # When: ann adds it again
    restrict(ann_cam)

    # Then: the post is withdrawn
    assert not live(ann_cam, post.job) and shown_to(client_for(vic), post) == 404

    # And lifting it once more brings nothing back: not the post, not a way to show it again
    restrict(ann_cam, [])
    assert not live(ann_cam, post.job) and shown_to(client_for(vic), post) == 404
    widened = client_for(bob).patch(f"/api/v1/posts/{post.pk}/", {"visibility": "public"}, format="json")
    assert widened.status_code == 404


def test_a_draft_made_while_a_restriction_was_lifted_cannot_be_published_once_it_is_back(
    ann, bob, make_cameo, make_draft, client_for
):
    ann_cam = make_cameo(ann, handle="ann_cam", level="everyone", restrictions=NO_ALCOHOL)
    restrict(ann_cam, [])
    draft = make_draft(bob, prompt=BEER_PROMPT, cameos=[ann_cam])
    restrict(ann_cam)

    response = client_for(bob).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": HARMLESS}, format="json")

    assert response.status_code in (403, 422), response.content
    assert not Post.objects.filter(job=draft).exists()


# ==== whose consent: a grant from before, a second cameo that does not restrict =================================


def test_a_grant_approved_before_the_restriction_does_not_keep_a_breaking_video_live(
    ann, bob, vic, make_cameo, publish, client_for
):
    # Given: ann approved bob personally, and he published "ann drinks a beer" before she restricted anything
    ann_cam = make_cameo(ann, handle="ann_cam", level="approved")
    grant_create(cameo=ann_cam, actor=ann, grantee=bob)
    post = publish(bob, prompt="@ann_cam on the balcony", caption=BEER_CAPTION, cameos=[ann_cam])

    # When: ann forbids alcohol (the grant stays)
    restrict(ann_cam)

    # Then: a grant is consent to the person, not to every text: the post is withdrawn
    assert not live(ann_cam, post.job) and shown_to(client_for(vic), post) == 404


def test_a_two_cameo_post_is_hidden_and_its_video_unplayable_when_only_one_owner_restricts(
    ann, bob, vic, make_user, make_cameo, publish, client_for
):
    carol = make_user("carol")
    ann_cam = make_cameo(ann, handle="ann_cam", level="everyone")
    carol_cam = make_cameo(carol, handle="carol_cam", level="everyone")
    post = publish(bob, prompt="@ann_cam and @carol_cam drink a beer together", cameos=[ann_cam, carol_cam])
    url = client_for(vic).get(f"/api/v1/posts/{post.pk}/").json()["post"]["video_url"]
    assert client_for(vic).get(url).status_code == 200

    restrict(ann_cam)

    assert not live(ann_cam, post.job) and live(carol_cam, post.job)
    # the same video shows ann: hidden from everyone, the other owner and the author included
    for viewer in (vic, carol, bob):
        assert shown_to(client_for(viewer), post) == 404
    assert client_for(vic).get(url).status_code == 404
    assert client_for(carol).get(url).status_code == 404


# ==== the owner ================================================================================================


def test_the_owners_own_video_is_left_but_a_remix_of_it_that_breaks_her_restriction_is_withdrawn(
    ann, vic, make_cameo, publish, client_for, monkeypatch
):
    # Given: ann's own public post of herself, and vic's published remix of it whose new prompt has her drink a beer,
    # both made before she restricted anything
    from tests.cameos.test_attacks_round4 import finish

    monkeypatch.setattr("generation.services._queue_render", lambda job: None)
    ann_cam = make_cameo(ann, handle="ann_cam", level="everyone")
    own = publish(ann, prompt=BEER_PROMPT, caption=BEER_CAPTION, cameos=[ann_cam])
    response = client_for(vic).post(
        f"/api/v1/posts/{own.pk}/remix/", {"prompt": "now she drinks a second beer", "duration_s": 3}, format="json"
    )
    assert response.status_code == 202, response.content
    remix = post_publish(author=vic, generation_id=finish(GenerationJob.objects.get(pk=response.json()["id"])).pk)

    # When: ann forbids alcohol
    restrict(ann_cam)

    # Then: her own words under her own likeness stand; vic's remix of it does not
    assert live(ann_cam, own.job) and shown_to(client_for(vic), own) == 200
    assert not live(ann_cam, remix.job) and shown_to(client_for(ann), remix) == 404


# ==== the re-check itself is work that can fail =================================================================


def test_a_re_check_that_fails_once_on_the_worker_still_reaches_the_breaking_post(
    ann, bob, vic, make_cameo, publish, client_for, monkeypatch
):
    from django.db import OperationalError

    from cameos import tasks as cameo_tasks
    from cameos.services import appearances

    ann_cam = make_cameo(ann, handle="ann_cam", level="everyone")
    post = publish(bob, prompt="@ann_cam on the balcony", caption=BEER_CAPTION, cameos=[ann_cam])
    real = appearances.check_use_in_works
    calls = []

    def the_connection_drops_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    monkeypatch.setattr(appearances, "check_use_in_works", the_connection_drops_once)

    # When: ann forbids alcohol; the worker runs the re-check her change queued, and its first try fails
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        cameo_update(cameo=Cameo.objects.get(pk=ann_cam.pk), actor=ann, restrictions=NO_ALCOHOL)
    assert queued  # the re-check was queued once her change committed
    # As a worker runs it: errors are not raised to anyone (whatever retry policy the task declares applies inline)
    cameo_tasks.cameo_restrictions_recheck_task.apply(args=[ann_cam.pk], throw=False)

    # Then: the restriction still reaches the post
    assert len(calls) >= 1
    assert not live(ann_cam, post.job) and shown_to(client_for(vic), post) == 404
