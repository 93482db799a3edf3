# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Attacks on generation quotas, teens' daily caps and the job lifecycle (2026-12-07, a round after
test_generation_attacks_round2.py and test_task_layer_attacks.py).

Tried: the teen's cap across their 18th birthday (which begins in UTC-12) and across a birth date support corrects
from an adult's to a teen's; a teen's remix and new video sent at once for the last slot (PostgreSQL, threads); a
cancel that lands while the worker is storing the draft, and one that races the render's start (PostgreSQL, threads,
the render real); a creator deactivated or banned (outside moderation's cancel) while a video with no cameo waits; a
protected person or a content rule added while a job waits; a prompt whose shot length overflows a float; forged
cursors and odd page sizes on `GET /generations/`, and what a page of remixes, posts and cameos costs in queries.
The pipeline is real (reference renderer, watermark, encode, output screening, signing); only the queue is kept off.

Not repeated here (test_generation_attacks_round2.py, test_task_layer_attacks.py, test_generation_api.py): requests
at once against the cap and the in-flight limit, cancel-and-recreate, a job blocked at render counting, the 24-hour
window's edge across the server's midnight, a remix spending the cap, a parent's cap winning, other people's job ids,
a cancel while the output is signed (sequential), redeliveries and the stuck-job sweep, a worker-lost retry counting
once, consent withdrawn mid-render; parental controls a teen or a puppet parent tries to widen (tests/accounts,
tests/cameos/test_attacks_round6.py and round10).

GOT THROUGH, all MENDED the same day: `generation.services._check_consent` refuses a creator who is inactive, banned or
suspended now, whatever the cast (`creator_cannot_create`: the creator's standing is not a likeness decision, so it is
not the door's), and before the render screens the prompt again with the video's policy as it stands
(`content_policy`); `split_shots` caps a shot at the longest video; `CreatedCursorPagination.decode_cursor` hands the
position to the query in UTC (the cursor test now asserts the page read from that moment).

As found (strict xfails until mended):
- test_a_creator_who_can_no_longer_make_anything_gets_no_video_from_a_queued_job[deactivated|banned]: a job with no
  cameo, queued before its creator was deactivated in the admin (or banned there, without moderation's cancel), is
  rendered, signed and stored as their draft, with a "finished" notification. The README says a deactivated or banned
  account makes nothing, and the door refuses such an actor (`actor_inactive`), but the render only asks the door
  about cameos: `generation.services._check_consent` loops over the cast, and with nobody cast it asks nothing, at
  the render or at the store. Fix: ask the actor's standing once per check whatever the cast (a door function,
  e.g. `cameos.policy.actor_may_make(actor)` reading is_active and banned_at, refusing with `actor_inactive`), at
  `_render_attempt` and `_store_output_once`.
- test_a_protected_name_or_a_content_rule_added_while_a_job_waits_stops_its_render[protected_person|term_rule]: the
  prompt is screened against the content policy and the protected names only at the request. Before the render the
  cast cameos' preferences are screened again with the policy as it stands (`_check_consent` ->
  `preferences_refused`), but the prompt beside them is not: a job queued naming someone minutes before moderators
  added them to the protected names (or before a rule was added against an abuse wave) is rendered and stored, while
  the same prompt sent now is refused. With a model backend the name alone makes the likeness, and nothing catches
  it when the protected person has no photo. Fix: in `_check_consent(..., Purpose.RENDER)` screen `job.prompt` with
  `_video_policy(job.owner, cast)` as `screen_generation_prompt` does, and block the job (`content_policy`) when it
  is refused.
- test_a_shot_length_in_the_prompt_cannot_crash_the_render: "shot 1 (<400 nines> s): ... shot 2: ..." is accepted
  (202), then `generation/backends/reference/scene.py:_frame_bounds` parses the length to float inf, scales it by 0
  and rounds NaN: ValueError, a traceback in the worker, and the job ends `failed` (`render_error:ValueError`), which
  `generation.quotas` books as our failure and does not count against the cap. Fix: cap a shot's length at the
  video's duration in `split_shots` (or refuse a length that is not finite), so a prompt never crashes the renderer.
- test_a_forged_cursor_with_an_offset_postgresql_cannot_hold_is_read_in_utc_not_a_500: a cursor whose position is
  "2020-01-01T00:00:00-23:59" (or +16:00, or an offset with fractional seconds) passes
  `sora_social/api/pagination.py: CreatedCursorPagination.decode_cursor`, which checks only the year, and PostgreSQL
  refuses it in the query ("time zone displacement out of range"): a 500 on `GET /generations/` and on every list
  that pages with it. Fix: convert the parsed position to UTC (and re-encode it) before it reaches the query, or
  refuse an offset outside +-15:59 in whole minutes as `invalid_cursor`.

HELD (passing):
- A parent's cap holds until the teen's 18th birthday has begun in UTC-12 (11:59 UTC: refused; 12:00 UTC: the adult
  cap, counted from the server's midnight).
- An adult corrected to a teen by support counts the last 24 hours at once: jobs from before the server's midnight
  still count.
- A teen's remix and new video sent at once for the last slot: one queued, the other 429 daily_cap_reached.
- A cancel that lands while the draft is being stored waits for the job's row lock and is refused (409
  not_cancellable); the draft, its files and its appearance stay, one "finished" notification.
- A cancel racing the render's start: the job ends cancelled, with no file, no appearance and no notification.
- `GET /generations/` costs the same queries with remixes, posts, cameos and a withdrawn appearance on the page.
Noted here, mended later (tests/test_api_basics.py): `?page_size=abc` on `/generations/` was served with the default
size, where the feed answers 400 `page_size_invalid`; every list now answers 400, and 0 or -1 is held to 1. A 20 s 1080p render holds about 3 GB of frames in one array; a worker
killed for its memory twice ends the job `failed` (`worker_lost`), which does not count against the cap either.
"""

from __future__ import annotations

import base64
import datetime
import threading
import time
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.utils import timezone

from cameos.models import Appearance, ProtectedPerson
from generation import services
from generation.models import GenerationJob
from sora_social.accounts.models import User
from sora_social.accounts.services import (
    parental_controls_update,
    parental_link_code_create,
    parental_link_redeem,
    user_birth_date_corrected,
)
from sora_social.content_policy.models import ContentRule
from sora_social.errors import ServiceError
from sora_social.notifications.models import Notification
from tests.feed.conftest import make_draft  # noqa: F401 - a shared fixture
from tests.generation.test_generation_attacks_round2 import race, warm_screening
from tests.generation.test_task_layer_attacks import media_files
from tests.moderation.world import published_post

pytestmark = pytest.mark.django_db

API = "/api/v1/generations/"
UTC = datetime.UTC
SHORT = {"duration_s": 1, "resolution": "360p", "seed": 7}


def submit(client, **fields):
    body = {"prompt": "a dog surfing at sunset", "duration_s": 1, "resolution": "360p", **fields}
    return client.post(API, body, format="json")


def new_job(owner, prompt: str = "a ball bounces on a beach") -> GenerationJob:
    """A queued job, submitted as the API submits it, never sent to a worker (the test is the worker)."""
    return services.generation_submit(owner=owner, prompt=prompt, **SHORT)


def finished(owner) -> None:
    GenerationJob.objects.filter(owner=owner).update(state=GenerationJob.State.SUCCEEDED)


def notifications(user, kind: str) -> int:
    return Notification.objects.filter(recipient=user, kind=kind).count()


def waits_on_a_row_lock(timeout: float = 10.0) -> bool:
    """Whether another connection of this database waits on a lock, polled from this connection (inside a transaction
    too: the activity snapshot is cleared before each look)."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


# ==== teens' caps: birthdays and corrected birth dates ==================================================================


@pytest.mark.parametrize(
    ("at", "allowed"),
    [
        (datetime.time(11, 59), False),  # the 18th birthday has begun in UTC, not yet in UTC-12: still a teen
        (datetime.time(12, 0), True),  # it has begun everywhere: an adult, the adult cap
    ],
)
def test_a_parents_cap_holds_until_the_18th_birthday_has_begun_everywhere(
    make_user, client_for, settings, no_dispatch, clock, at, allowed
):
    # Given a teen whose 18th birthday is 2026-06-15 and whose parent set a cap of 1
    settings.ADULT_DAILY_GENERATIONS = 5
    birthday = datetime.date(2026, 6, 15)
    clock(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    teen, parent = make_user("teen", age=16), make_user("parent", age=44)
    User.objects.filter(pk=teen.pk).update(birth_date=birthday.replace(year=2008))
    teen.refresh_from_db()
    link = parental_link_redeem(user=parent, code=parental_link_code_create(user=teen).code)
    parental_controls_update(link=link, actor=parent, daily_generation_cap=1)
    client = client_for(teen)
    # and a video made at 01:00 UTC on the birthday (17 in UTC-12)
    clock(datetime.datetime.combine(birthday, datetime.time(1, 0), tzinfo=UTC))
    assert submit(client).status_code == 202
    finished(teen)

    # When the teen asks for another later that day
    clock(datetime.datetime.combine(birthday, at, tzinfo=UTC))
    response = submit(client)

    # Then the parent's cap holds until the birthday has begun everywhere
    if allowed:
        assert response.status_code == 202
        assert GenerationJob.objects.filter(owner=teen).count() == 2
    else:
        assert (response.status_code, response.json()["code"], response.json()["limit"]) == (429, "daily_cap_reached", 1)
        assert GenerationJob.objects.filter(owner=teen).count() == 1


def test_an_adult_corrected_to_a_teen_counts_the_last_24_hours_at_once(make_user, client_for, settings, no_dispatch, clock):
    # Given an "adult" who made 2 videos at 23:00 UTC, before the server's midnight
    settings.TEEN_DAILY_GENERATIONS = 2
    evening = datetime.datetime(2026, 6, 10, 23, 0, tzinfo=UTC)
    clock(evening)
    member = make_user("member", age=30)
    client = client_for(member)
    assert submit(client).status_code == 202
    assert submit(client).status_code == 202
    finished(member)
    # When support corrects their birth date to a teen's, two hours later (a new server day)
    clock(evening + datetime.timedelta(hours=2))
    User.objects.filter(pk=member.pk).update(birth_date=datetime.date(2011, 3, 3))
    user_birth_date_corrected(user_id=member.pk)
    member.refresh_from_db()

    response = submit(client_for(member))

    # Then the teen's window is the last 24 hours: the evening's videos count, the server's new day gives nothing
    assert (response.status_code, response.json()["code"], response.json()["limit"]) == (429, "daily_cap_reached", 2)
    assert GenerationJob.objects.filter(owner=member).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_teens_remix_and_new_video_sent_at_once_share_the_last_slot(
    require_postgres, make_user, settings, no_dispatch, generation_rate_unlimited
):
    # Given a teen with one of two videos left today, and a public post to remix
    from rest_framework.test import APIClient

    settings.TEEN_DAILY_GENERATIONS = 2
    settings.MAX_JOBS_IN_FLIGHT = 10
    author, teen = make_user("author"), make_user("teen", age=15)
    post = published_post(author)
    new_job(teen)
    finished(teen)
    warm_screening()

    def attempt(index: int) -> tuple[int, str]:
        client = APIClient()
        client.force_authenticate(teen)
        if index == 0:
            response = client.post(f"/api/v1/posts/{post.pk}/remix/", {"prompt": "the same, at night"}, format="json")
        else:
            response = submit(client)
        return response.status_code, response.json().get("code", "")

    # When the remix and a new video are sent at the same moment
    results = race(2, attempt)

    # Then one is queued and the other meets the cap
    assert sorted(status for status, _ in results) == [202, 429], results
    assert [code for status, code in results if status == 429] == ["daily_cap_reached"]
    assert GenerationJob.objects.filter(owner=teen).count() == 2


# ==== the job's lifecycle ===============================================================================================


@pytest.mark.parametrize(
    "change",
    [{"is_active": False}, {"banned_at": "now"}],
    ids=["deactivated", "banned"],
)
def test_a_creator_who_can_no_longer_make_anything_gets_no_video_from_a_queued_job(
    make_user, no_dispatch, django_capture_on_commit_callbacks, change
):
    # Given a video with no cameo, queued
    creator = make_user("creator")
    job = new_job(creator)
    # When an operator deactivates the creator (or bans them) in the admin before a worker takes it
    User.objects.filter(pk=creator.pk).update(**{k: (timezone.now() if v == "now" else v) for k, v in change.items()})

    with django_capture_on_commit_callbacks(execute=True):
        services.generation_render(job_id=job.pk)

    # Then nothing is made for them: no draft, no file, no "finished" notification
    job.refresh_from_db()
    assert job.state in (GenerationJob.State.BLOCKED, GenerationJob.State.CANCELLED), (job.state, job.state_reason)
    assert not job.video and not job.poster
    assert media_files() == []
    assert notifications(creator, Notification.Kind.GENERATION_FINISHED) == 0


def _protected_person(prompt_name: str) -> None:
    ProtectedPerson.objects.create(name=prompt_name)


def _term_rule(term: str) -> None:
    ContentRule.objects.create(code="test_new_term", kind=ContentRule.Kind.TERM, value=term, severity=3)


@pytest.mark.parametrize(
    ("prompt", "added"),
    [
        ("Zendaya Coleman sings on a beach", lambda: _protected_person("Zendaya Coleman")),
        ("a zorblax bounces on a beach", lambda: _term_rule("zorblax")),
    ],
    ids=["protected_person", "term_rule"],
)
def test_a_protected_name_or_a_content_rule_added_while_a_job_waits_stops_its_render(
    make_user, no_dispatch, django_capture_on_commit_callbacks, prompt, added
):
    # Given a job queued with a prompt the policy allowed when it was sent
    creator = make_user("creator")
    job = new_job(creator, prompt=prompt)
    # When moderators add the name to the protected people (or a rule against the term) before a worker takes it
    added()
    with pytest.raises(ServiceError) as now_refused:
        new_job(creator, prompt=prompt)
    assert now_refused.value.code == "content_policy"  # the same prompt sent now is refused

    with django_capture_on_commit_callbacks(execute=True):
        services.generation_render(job_id=job.pk)

    # Then the render reads the policy as it stands: nothing is made
    job.refresh_from_db()
    assert job.state == GenerationJob.State.BLOCKED, (job.state, job.state_reason)
    assert not job.video and media_files() == []


def test_a_shot_length_in_the_prompt_cannot_crash_the_render(make_user, client_for, settings, no_dispatch):
    # Given a teen with one video a day
    settings.TEEN_DAILY_GENERATIONS = 1
    teen = make_user("teen", age=15)
    client = client_for(teen)
    prompt = "shot 1 (" + "9" * 400 + " s): a ball bounces on a beach. shot 2: a dog runs after it"

    response = submit(client, prompt=prompt)

    if response.status_code == 422:  # refused as written is fine too: nothing queued, nothing spent
        assert not GenerationJob.objects.filter(owner=teen).exists()
        return
    assert response.status_code == 202
    job = GenerationJob.objects.get(pk=response.json()["id"])
    try:
        services.generation_render(job_id=job.pk)
    except ValueError:
        pass  # the crash itself; what should have happened is asserted below
    job.refresh_from_db()
    # Then the prompt renders like any other, and it is the teen's video of the day
    assert job.state == GenerationJob.State.SUCCEEDED, (job.state, job.state_reason)
    again = submit(client)
    assert (again.status_code, again.json()["code"]) == (429, "daily_cap_reached")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_cancel_that_lands_while_the_draft_is_being_stored_is_refused_and_changes_nothing(
    require_postgres, make_user, make_cameo, monkeypatch, no_dispatch
):
    # Given a render of a video with a cameo, at its store step (the job's row locked)
    owner, creator = make_user("owner"), make_user("creator")
    make_cameo(owner, handle="star_one", level="everyone")
    job = new_job(creator, prompt="@star_one waves from a boat")
    real_hold = services.consent_hold
    answers: list = []
    threads: list[threading.Thread] = []
    lock_waited: list[bool] = []

    def cancel() -> None:
        try:
            services.generation_cancel(job=job, actor=creator)
            answers.append("cancelled")
        except ServiceError as refused:
            answers.append((refused.status, refused.code))
        finally:
            connection.close()

    def hold_and_let_the_cancel_in(cameo_ids) -> None:
        real_hold(cameo_ids)
        if not threads:
            # When the creator cancels now: the cancel reaches the job's row lock and waits there
            thread = threading.Thread(target=cancel)
            thread.start()
            threads.append(thread)
            lock_waited.append(waits_on_a_row_lock())

    monkeypatch.setattr(services, "consent_hold", hold_and_let_the_cancel_in)
    outcome = services.generation_render(job_id=job.pk)
    threads[0].join(timeout=60)

    # Then the store finishes, and the cancel that waited for it is refused: the draft stands, whole
    assert lock_waited == [True]
    assert outcome == GenerationJob.State.SUCCEEDED
    assert answers == [(409, "not_cancellable")]
    job.refresh_from_db()
    assert job.state == GenerationJob.State.SUCCEEDED and job.video and job.poster
    assert Appearance.objects.filter(job=job).count() == 1
    assert notifications(creator, Notification.Kind.GENERATION_FINISHED) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_cancel_racing_the_renders_start_leaves_no_video(require_postgres, make_user, make_cameo, no_dispatch):
    # Given a queued video with a cameo
    owner, creator = make_user("owner"), make_user("creator")
    make_cameo(owner, handle="star_one", level="everyone")
    job = new_job(creator, prompt="@star_one waves from a boat")

    # When a worker takes it at the moment its creator cancels it
    def attempt(index: int):
        if index == 0:
            return services.generation_render(job_id=job.pk)
        return services.generation_cancel(job=job, actor=creator).state

    results = race(2, attempt)

    # Then it ends cancelled, whichever came first, and nothing of it is kept
    job.refresh_from_db()
    assert results[1] == GenerationJob.State.CANCELLED
    assert job.state == GenerationJob.State.CANCELLED, (job.state, job.state_reason, results)
    assert not job.video and not job.poster and media_files() == []
    assert not Appearance.objects.filter(job=job).exists()
    assert notifications(creator, Notification.Kind.GENERATION_FINISHED) == 0
    assert notifications(owner, Notification.Kind.CAST_IN_VIDEO) == 0


# ==== the list of one's generations =====================================================================================


def _cursor(**position) -> str:
    return base64.b64encode(urlencode(position).encode()).decode()


@pytest.mark.parametrize(
    ("position", "items"),
    [("2999-01-01T00:00:00-23:59", 2), ("2999-01-01T00:00:00+16:00", 2), ("2020-01-01T00:00:00-23:59", 0)],
)
def test_a_forged_cursor_with_an_offset_postgresql_cannot_hold_is_read_in_utc_not_a_500(
    require_postgres, make_user, client_for, make_draft, position, items
):
    member = make_user("member")
    for _ in range(3):
        make_draft(member)

    response = client_for(member).get(API, {"cursor": _cursor(p=position), "page_size": 2})

    # The position is the moment it names, handed to PostgreSQL in UTC: a page from there (none older than 2020)
    assert response.status_code == 200, response.content
    assert len(response.json()["items"]) == items


def test_a_forged_cursor_with_an_offset_postgresql_can_hold_is_served(make_user, client_for, make_draft):
    # The control for the test above: +15:59 is inside PostgreSQL's range, and a position in the future pages from the top
    member = make_user("member")
    for _ in range(3):
        make_draft(member)

    response = client_for(member).get(API, {"cursor": _cursor(p="2999-01-01T00:00:00+15:59"), "page_size": 2})

    assert response.status_code == 200 and len(response.json()["items"]) == 2


def test_my_generations_list_costs_the_same_with_remixes_posts_and_cameos(
    make_user, make_cameo, client_for, make_draft, django_assert_max_num_queries
):
    from cameos.services import appearance_withdraw
    from feed.services.posts import post_publish

    # Given a page of drafts, posts and remixes with cameos, one of them withdrawn by its cameo's owner
    member, author, star = make_user("member"), make_user("author"), make_user("star")
    cameo = make_cameo(star, handle="star_one", level="everyone")
    parent = published_post(author)
    drafts = [make_draft(member, cameos=[cameo], parent_job=parent.job if i % 3 else None) for i in range(12)]
    for draft in drafts[::2]:
        post_publish(author=member, generation_id=draft.pk)
    appearance_withdraw(cameo=cameo, actor=star, job_id=drafts[1].pk)

    # When the member lists them
    with django_assert_max_num_queries(5):
        response = client_for(member).get(API, {"page_size": 20})

    # Then the page costs what a page of plain drafts costs (test_generation_api), and says what it should
    items = response.json()["items"]
    assert len(items) == 12
    by_id = {item["id"]: item for item in items}
    assert by_id[drafts[1].pk]["video_url"] is None
    assert by_id[drafts[1].pk]["hidden_reason"] == "removed_by_cameo_owner"
    assert by_id[drafts[2].pk]["parent_post"] == parent.pk and by_id[drafts[2].pk]["post_id"] is not None
    assert all(item["cameos"] == ["@star_one"] for item in items)
