"""A phone app's client is generated from the live schema and drives a person's journey, unmodified.

The app runs as `make run` runs it (sora_social/serve.py: gunicorn with uvicorn's worker for HTTP and the
WebSocket, one Celery worker with beat for every queue), on PostgreSQL and Redis. The test fetches
`/api/v1/schema/` from it, generates a Python client with openapi-python-client (which must print no warning
about the schema), and then reaches `/api/v1/` only through the generated functions and models: every response
of the journey must parse into the documented types. Signing up goes through allauth's headless API in its own
documented shape, as the README says a phone app does; its session token is handed to the generated client.

Anything the generated client cannot do or parse is a defect of the schema or the server, never of this test.
"""

from __future__ import annotations

import itertools
import os
import time

import pytest
from django.conf import settings

from tests.cameos.speech import require_espeak
from tests.cameos.talking import talking_clip
from tests.generated_client_support import (
    EventSocket,
    GeneratedClient,
    OneMachine,
    allauth_sign_in,
    allauth_sign_up,
    forget_client,
    generate_client,
    optional_but_sent,
)
from tests.test_separate_hosts_s3 import _free_port, http, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

FINISHED = ("succeeded", "failed", "blocked", "cancelled")
# Response models whose fields may rightly be left out: a generation's `state_times` has a key for each state the
# job has entered, a notification's `data` the keys of its kind.
MAY_BE_ABSENT = frozenset({"StateTimes", "NotificationData"})


@pytest.fixture
def app_running(require_postgres, require_redis, faces_dir, tmp_path, monkeypatch):
    """The web server and the worker of `make run`, started with the test database and Redis (once the test is
    sure to have what Alice's verification clip needs: a face photo and a voice)."""
    import redis
    from cryptography.fernet import Fernet

    from generation.pipeline import signing_material
    from sora_social import serve

    require_espeak()
    signing_material()  # the deployment's C2PA key (development keys made once)
    database = settings.DATABASES["default"]
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MEDIA_", "S3_", "SORA_"))},
        "DJANGO_SETTINGS_MODULE": "sora_social.settings",
        "PYTHONPATH": str(settings.BASE_DIR),
        # pytest-django's test database, which the test's own invite codes are written to
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "BIOMETRIC_KEY": Fernet.generate_key().decode(),
        "C2PA_CHAIN_PATH": str(settings.C2PA_CHAIN_PATH),
        "C2PA_KEY_PATH": str(settings.C2PA_KEY_PATH),
        "C2PA_TRUST_ANCHOR_PATH": str(settings.C2PA_TRUST_ANCHOR_PATH),
        # A wellness check-in is due on every page that shows a video, so the first feed page carries one.
        "WELLNESS_CHECK_EVERY_VIDEOS": "1",
    }
    env.pop("CELERY_BROKER_URL", None)  # the broker is Redis, as REDIS_URL says
    # Nothing an earlier run left in this Redis database: its queues, and throttle counts and cached sessions
    # keyed by user ids that a fresh test database hands out again.
    redis.Redis.from_url(settings.REDIS_URL).flushdb()

    port = _free_port()
    monkeypatch.setattr(serve, "PORT", str(port))
    running = OneMachine(tmp_path / "machine", env)
    (running.root / "var").mkdir(parents=True)
    running.base_url = f"http://127.0.0.1:{port}"
    starting = time.monotonic()
    try:
        # The worker loads its models before it takes work, as deployed, while the test gets going; the web
        # server loads its text model when a request first needs it, so that the journey need not wait for it
        # before signing up.
        running.start("web", serve.web_command(), PRELOAD_MODELS="0")
        running.start("worker", serve.worker_command(running.root / "var"), PRELOAD_MODELS="1")

        def web_up() -> bool:
            assert not running.exited(), running.log_tail()
            return http("GET", running.base_url + "/healthz/")[0] == 200

        assert wait_for(web_up, 90, step=0.3), running.log_tail()
        running.startup_s = time.monotonic() - starting
        yield running
    finally:
        running.stop()
        print(running.log_tail())  # noqa: T201 - what the processes said; pytest shows it when the test fails


@pytest.fixture
def generated(app_running, tmp_path) -> GeneratedClient:
    client = generate_client(app_running.base_url, tmp_path)
    yield client
    forget_client()


@pytest.fixture
def event_socket(app_running):
    """Opens a person's event socket (closed at the end of the test)."""
    opened: list[EventSocket] = []

    def open_for(person) -> EventSocket:
        opened.append(EventSocket(app_running.base_url, person.token))
        return opened[-1]

    yield open_for
    for socket in opened:
        socket.close()


def expect(response, status: int, model):
    """The parsed body of a response the journey expects, typed as the schema documents it: of the expected model,
    with nothing the server sends typed as if it might be missing."""
    assert response.status_code == status, (response.status_code, response.content[:2000])
    assert isinstance(response.parsed, model), (type(response.parsed), response.content[:2000])
    typed_as_missing = optional_but_sent(response.parsed, may_be_absent=MAY_BE_ABSENT)
    assert not typed_as_missing, f"{model.__name__}: sent, but optional in the schema: {typed_as_missing}"
    return response.parsed


def test_a_client_generated_from_the_live_schema_drives_a_journey_unmodified(
    app_running, generated, event_socket, faces_dir, tmp_path
):
    from sora_social.accounts.services import invites_mint

    api, models = generated.api, generated.models
    base_url = app_running.base_url
    laps = {"start": time.monotonic()}

    # The generator took the schema without a word of warning
    assert "warning" not in generated.generator_output.lower(), generated.generator_output

    # Alice and Bob join with invite codes through allauth, and the generated client carries their tokens
    codes = [invite.code for invite in invites_mint(count=2)]
    alice = generated.signed_in(base_url, allauth_sign_up(base_url, "alice", codes[0]))
    bob = generated.signed_in(base_url, allauth_sign_up(base_url, "bob", codes[1]))
    # Each app opens its event socket once signed in, and keeps it open, through quiet moments too
    alice_events, bob_events = event_socket(alice), event_socket(bob)
    me = expect(api.me.me_retrieve.sync_detailed(client=alice), 200, models.MeOutput)
    assert me.handle == "alice"
    # A token the server does not know is a 401 the app reads as "sign in again"
    unknown = generated.signed_in(base_url, "not-a-session-token")
    refused = expect(api.me.me_retrieve.sync_detailed(client=unknown), 401, models.Error)
    assert refused.code == "session_invalid"

    # They follow each other
    for follower, followed in ((alice, "bob"), (bob, "alice")):
        assert api.users.users_follow_create.sync_detailed(followed, client=follower).status_code == 204

    # Alice becomes a cameo: a challenge, a clip of her reading its digits while turning her head, verified
    challenge = expect(api.cameos.cameos_challenge_create.sync_detailed(client=alice), 201, models.ChallengeOutput)
    clip = talking_clip(
        tmp_path / "clip.mp4",
        faces_dir / "obama.jpg",
        turn_sequence=[turn.value for turn in challenge.turn_sequence],
        digits=challenge.digits,
    ).path
    with clip.open("rb") as video:
        upload = models.CameoCreateInputRequest(
            handle="alice_cam",
            kind=models.CameoKindEnum.SELF,
            challenge_id=challenge.id,
            video=generated.package.types.File(payload=video, file_name="selfie.mp4", mime_type="video/mp4"),
        )
        cameo = expect(api.cameos.cameos_create.sync_detailed(client=alice, body=upload), 202, models.CameoOutput)
    assert cameo.status == models.CameoOutputStatusEnum.VERIFYING

    told = alice_events.until(
        lambda e: e["event"] == "cameo.verification.finished" and e["payload"]["cameo"] == cameo.id, 150
    )
    assert told and told["payload"]["status"] == "verified", (alice_events.closed, alice_events.received)

    def verification_over():
        checked = expect(api.cameos.cameos_retrieve.sync_detailed(cameo.id, client=alice), 200, models.CameoOutput)
        return checked if checked.status != models.CameoOutputStatusEnum.VERIFYING else None

    cameo = wait_for(verification_over, 30, step=0.5)
    assert cameo and cameo.status == models.CameoOutputStatusEnum.VERIFIED, cameo
    notifications = expect(
        api.notifications.notifications_list.sync_detailed(client=alice), 200, models.PaginatedNotificationOutputList
    )
    assert [
        n.data.cameo for n in notifications.items if n.kind == models.NotificationOutputKindEnum.CAMEO_VERIFICATION
    ] == [cameo.id]
    laps["verified"] = time.monotonic()

    # She lets approved people cast her, and approves Bob
    approved_only = models.PatchedCameoUpdateInputRequest(level=models.LevelEnum.APPROVED)
    cameo = expect(
        api.cameos.cameos_partial_update.sync_detailed(cameo.id, client=alice, body=approved_only),
        200,
        models.CameoOutput,
    )
    assert cameo.level == models.LevelEnum.APPROVED
    grant = expect(
        api.cameos.cameos_grants_create.sync_detailed(
            cameo.id, client=alice, body=models.GrantInputRequest(handle="bob")
        ),
        201,
        models.GrantOutput,
    )
    grants = expect(
        api.cameos.cameos_grants_list.sync_detailed(cameo.id, client=alice), 200, models.PaginatedGrantOutputList
    )
    assert [g.id for g in grants.items] == [grant.id] and grants.next_cursor is None

    # Bob generates a video with her and follows it on his event socket
    started = api.generations.generations_create.sync_detailed(
        client=bob, body=video_request(models, "@alice_cam waves on a beach")
    )
    job = render(generated, bob, bob_events, started)
    laps["rendered"] = time.monotonic()
    assert job.cameos == ["@alice_cam"] and job.video_url and job.hidden_reason is None

    # He publishes it
    post = expect(
        api.posts.posts_create.sync_detailed(client=bob, body=models.PostCreateInputRequest(generation_id=job.id)),
        201,
        models.PostItemOutput,
    )
    assert post.is_mine and post.author.handle == "bob"

    # Both read both feeds; Alice's first page with a video also asks how she is doing
    for_you = {}
    following = {}
    for name, person in (("alice", alice), ("bob", bob)):
        for_you[name] = feed_page(generated, person, "for_you")
        following[name] = feed_page(generated, person, "following")
    assert post.post.id in feed_post_ids(models, for_you["alice"])
    assert post.post.id in feed_post_ids(models, following["alice"])
    check_ins = [
        item
        for item in for_you["alice"].items + following["alice"].items
        if isinstance(item, models.FeedCheckInItemOutput)
    ]
    assert check_ins, "a wellness check-in was due on Alice's first page with a video"
    check_in = check_ins[0]
    assert check_in.type_ == models.FeedCheckInItemOutputTypeEnum.WELLNESS_CHECK
    assert "ok" in check_in.check_in.answers
    expect(
        api.wellness.wellness_create.sync_detailed(
            client=alice, body=models.WellnessInputRequest(mood=models.MoodEnum.OK)
        ),
        201,
        models.WellnessOutput,
    )

    # Alice likes it and comments on it
    liked = expect(api.posts.posts_like_create.sync_detailed(post.post.id, client=alice), 200, models.LikeOutput)
    assert liked.liked and liked.like_count == 1
    comment = expect(
        api.posts.posts_comments_create.sync_detailed(
            post.post.id, client=alice, body=models.CommentCreateInputRequest(body="That beach looks like mine")
        ),
        201,
        models.CommentOutput,
    )
    comments = expect(
        api.posts.posts_comments_list.sync_detailed(post.post.id, client=bob),
        200,
        models.PaginatedCommentOutputList,
    )
    assert [c.id for c in comments.items] == [comment.id]

    # Bob remixes his post; the remix renders too, and is published as a remix of it
    started = api.posts.posts_remix_create.sync_detailed(
        post.post.id, client=bob, body=video_request(models, "@alice_cam waves on a beach at night")
    )
    remix = render(generated, bob, bob_events, started)
    assert remix.parent_post == post.post.id
    remix_post = expect(
        api.posts.posts_create.sync_detailed(client=bob, body=models.PostCreateInputRequest(generation_id=remix.id)),
        201,
        models.PostItemOutput,
    )
    remixes = expect(
        api.posts.posts_remixes_list.sync_detailed(post.post.id, client=alice), 200, models.PostListOutput
    )
    assert [item.post.id for item in remixes.items] == [remix_post.post.id]
    laps["remixed"] = time.monotonic()

    # Alice revokes Bob's grant: both videos vanish, and Bob's own generation says why
    assert api.cameos.cameos_grants_destroy.sync_detailed(cameo.id, "bob", client=alice).status_code == 204
    for generation_id in (job.id, remix.id):
        hidden = expect(
            api.generations.generations_retrieve.sync_detailed(generation_id, client=bob), 200, models.GenerationOutput
        )
        assert hidden.hidden_reason == models.HiddenReasonEnum.CONSENT_REVOKED
        assert hidden.video_url is None and hidden.poster_url is None
    for viewer in (alice, bob):
        for gone in (post, remix_post):
            missing = expect(api.posts.posts_retrieve.sync_detailed(gone.post.id, client=viewer), 404, models.Error)
            assert missing.code == "post_not_found"
        for kind in ("for_you", "following"):
            assert not {post.post.id, remix_post.post.id} & feed_post_ids(models, feed_page(generated, viewer, kind))

    # Alice, signed in on another phone, finds neither video in her feeds there either
    alice_elsewhere = generated.signed_in(base_url, allauth_sign_in(base_url, "alice"))
    for kind in ("for_you", "following"):
        assert not {post.post.id, remix_post.post.id} & feed_post_ids(
            models, feed_page(generated, alice_elsewhere, kind)
        )

    # Bob reports Alice's profile; his report comes back with the handle as its target
    report = expect(
        api.reports.reports_create.sync_detailed(
            client=bob,
            body=models.ReportCreateInputRequest(
                target_type=models.TargetTypeEnum.PROFILE,
                target_id="@alice",
                reason=models.ReportReasonEnum.OTHER,
                text="Testing the report form",
            ),
        ),
        201,
        models.ReportOutput,
    )
    assert report.target_id == "alice"
    reports = expect(api.reports.reports_list.sync_detailed(client=bob), 200, models.PaginatedReportOutputList)
    assert [r.id for r in reports.items] == [report.id]

    laps["end"] = time.monotonic()
    spans = {b: round(laps[b] - laps[a], 1) for a, b in itertools.pairwise(laps)}
    print(f"app up in {app_running.startup_s:.1f} s; journey steps (s): {spans}")  # noqa: T201


def video_request(models, prompt: str):
    """The smallest video: one second at 360p."""
    return models.GenerationCreateInputRequest(
        prompt=prompt, duration_s=1, resolution=models.ResolutionEnum("360p"), seed=4
    )


def render(generated: GeneratedClient, owner, events: EventSocket, started):
    """Follow a generation just started (the response that started it) on the owner's socket to its success, with
    progress on the way, and poll it with the generated client until it is finished; the finished generation."""
    models = generated.models
    job = expect(started, 202, models.GenerationOutput)

    def about_this_job(event: dict) -> bool:
        return event["event"].startswith("generation.") and event["payload"].get("id") == job.id

    finished = events.until(lambda e: about_this_job(e) and e["payload"].get("state") in FINISHED, 120)
    seen = [e for e in events.received if about_this_job(e)]
    assert finished and finished["payload"]["state"] == "succeeded", (events.closed, events.received)
    assert any(e["event"] == "generation.progress" for e in seen), seen

    def generation_over():
        polled = expect(
            generated.api.generations.generations_retrieve.sync_detailed(job.id, client=owner),
            200,
            models.GenerationOutput,
        )
        return polled if polled.state in {models.GenerationOutputStateEnum(s) for s in FINISHED} else None

    polled = wait_for(generation_over, 30, step=0.5)
    assert polled and polled.state == models.GenerationOutputStateEnum.SUCCEEDED, polled
    return polled


def feed_page(generated: GeneratedClient, person, kind: str):
    models = generated.models
    page = expect(
        generated.api.feed.feed_retrieve.sync_detailed(client=person, kind=models.FeedRetrieveKind(kind)),
        200,
        models.FeedOutput,
    )
    assert page.kind == kind and page.state == models.ListStateEnum.OK
    return page


def feed_post_ids(models, page) -> set[int]:
    return {item.post.id for item in page.items if isinstance(item, models.FeedPostItemOutput)}
