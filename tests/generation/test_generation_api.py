"""Submitting generations: input checks, quotas, content policy, restrictions and consent, each with a clear code."""

import threading

import pytest
from django.db import connection

from cameos.models import ConsentDecision
from generation.models import GenerationJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_dispatch(monkeypatch):
    """Keep jobs queued: these tests are about what happens before a worker."""
    sent: list[int] = []
    monkeypatch.setattr("generation.services._queue_render", lambda job: sent.append(job.pk))
    return sent


def submit(client, **fields):
    body = {"prompt": "a dog surfing at sunset", "duration_s": 2, "resolution": "360p", **fields}
    return client.post("/api/v1/generations/", body, format="json")


def test_a_valid_request_is_queued_on_the_gpu_queue(make_user, client_for, no_dispatch):
    response = submit(client_for(make_user("alice")))
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["state"] == "queued"
    assert no_dispatch == [body["id"]]
    assert GenerationJob.objects.get(pk=body["id"]).state_times["queued"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"prompt": ""}, "prompt"),
        ({"prompt": "x" * 2001}, "prompt"),
        ({"duration_s": 0}, "duration_s"),
        ({"duration_s": 21}, "duration_s"),
        ({"resolution": "4k"}, "resolution"),
        ({"aspect_ratio": "4:3"}, "aspect_ratio"),
        ({"style": "vaporwave"}, "style"),
        ({"seed": -1}, "seed"),
        ({"duration_s": "ten"}, "duration_s"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(make_user, client_for, no_dispatch, fields, field):
    response = submit(client_for(make_user("alice")), **fields)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not GenerationJob.objects.exists()


def test_an_unknown_handle_is_refused(make_user, client_for, no_dispatch):
    response = submit(client_for(make_user("alice")), prompt="@nobody_here dances")
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_cameo"
    assert response.json()["cameo"] == "@nobody_here"
    assert "@nobody_here" in response.json()["message"]


def test_more_than_two_cameos_is_refused(make_user, make_cameo, client_for, no_dispatch):
    owner = make_user("owner")
    for handle in ("one_a", "two_b", "three_c"):
        make_cameo(owner, handle=handle)
    response = submit(client_for(owner), prompt="@one_a @two_b and @three_c play cards")
    assert response.status_code == 422
    assert response.json()["code"] == "too_many_cameos"


def test_a_cameo_not_permitted_is_a_403_naming_it_and_the_denial_is_audited(make_user, make_cameo, client_for, no_dispatch):
    cameo = make_cameo(make_user("owner"), handle="shy_one", level="only_me")
    response = submit(client_for(make_user("alice")), prompt="@shy_one rides a horse")
    assert response.status_code == 403
    assert response.json() | {"message": ""} == {
        "code": "cameo_not_permitted",
        "message": "",
        "fields": {},
        "cameo": "@shy_one",
        "reason": "only_me",
    }
    # The refusal did not roll the audit back.
    assert ConsentDecision.objects.filter(cameo=cameo, allowed=False, reason="only_me").count() == 1
    assert not GenerationJob.objects.exists()


def test_a_restriction_conflict_is_a_422_naming_the_cameo(make_user, make_cameo, client_for, no_dispatch):
    make_cameo(make_user("owner"), handle="calm_one", restrictions=["never say the word banana"])
    response = submit(client_for(make_user("alice")), prompt='@calm_one says "a banana split, please"')
    assert response.status_code == 422
    assert response.json()["code"] == "cameo_restriction_conflict"
    assert response.json()["cameo"] == "@calm_one"


def test_the_content_policy_blocks_with_reason_codes(make_user, client_for, no_dispatch):
    response = submit(client_for(make_user("alice")), prompt="a naked person on a beach")
    assert response.status_code == 422
    assert response.json()["code"] == "content_policy"
    assert "sexual_content" in response.json()["reasons"]


def test_the_daily_cap_and_the_in_flight_limit(make_user, client_for, no_dispatch, settings):
    settings.ADULT_DAILY_GENERATIONS = 3
    client = client_for(make_user("alice"))
    assert submit(client).status_code == 202
    assert submit(client).status_code == 202
    in_flight = submit(client)
    assert in_flight.status_code == 429 and in_flight.json()["code"] == "too_many_in_flight"
    GenerationJob.objects.update(state=GenerationJob.State.SUCCEEDED)
    assert submit(client).status_code == 202
    capped = submit(client)
    assert capped.status_code == 429 and capped.json()["code"] == "daily_cap_reached"


def test_a_parents_generation_cap_wins(make_user, client_for, no_dispatch):
    from sora_social.accounts.services import parental_controls_update, parental_link_code_create, parental_link_redeem

    teen, parent = make_user("teen", age=15), make_user("parent", age=44)
    link = parental_link_redeem(user=parent, code=parental_link_code_create(user=teen).code)
    parental_controls_update(link=link, actor=parent, daily_generation_cap=1)
    client = client_for(teen)
    assert submit(client).status_code == 202
    GenerationJob.objects.update(state=GenerationJob.State.SUCCEEDED)
    assert submit(client).json()["code"] == "daily_cap_reached"


def test_cancel_and_foreign_ids(make_user, client_for, no_dispatch):
    alice, bob = make_user("alice"), make_user("bob")
    job_id = submit(client_for(alice)).json()["id"]
    assert client_for(bob).get(f"/api/v1/generations/{job_id}/").status_code == 404
    assert client_for(bob).delete(f"/api/v1/generations/{job_id}/").status_code == 404
    cancelled = client_for(alice).delete(f"/api/v1/generations/{job_id}/")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    again = client_for(alice).delete(f"/api/v1/generations/{job_id}/")
    assert again.status_code == 409 and again.json()["code"] == "not_cancellable"


def test_my_generations_list_costs_constant_queries(make_user, client_for, no_dispatch, django_assert_max_num_queries):
    alice = make_user("alice")
    for _ in range(2):
        submit(client_for(alice))
    GenerationJob.objects.update(state=GenerationJob.State.SUCCEEDED)
    for _ in range(2):
        submit(client_for(alice))
    with django_assert_max_num_queries(5):
        response = client_for(alice).get("/api/v1/generations/")
    assert len(response.json()["items"]) == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_requests_against_a_cap_of_five_create_exactly_five(require_postgres, make_user, settings, no_dispatch, generation_rate_unlimited):
    from rest_framework.test import APIClient

    settings.ADULT_DAILY_GENERATIONS = 5
    settings.MAX_JOBS_IN_FLIGHT = 100
    alice = make_user("alice")
    # Load the sentence model before the race, as a warmed-up worker would have it.
    from sora_social.content_policy.screening import screen_prompt
    from sora_social.content_policy.selectors import screening_rules

    screen_prompt("a dog surfing at sunset", rules=screening_rules())
    barrier = threading.Barrier(30)
    statuses: list[int] = []

    def attempt() -> None:
        try:
            client = APIClient()
            client.force_authenticate(alice)
            barrier.wait(timeout=30)
            statuses.append(submit(client).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(statuses) == [202] * 5 + [429] * 25
    assert GenerationJob.objects.filter(owner=alice).count() == 5


def test_political_speech_with_a_real_persons_cameo_is_not_mistaken_for_hate(make_user, make_cameo, client_for, no_dispatch):
    make_cameo(make_user("owner"), handle="orator", level="everyone")
    response = submit(client_for(make_user("alice")), prompt="@orator gives a campaign speech at a rally for the election")
    assert response.status_code == 202, response.json()
