"""The door's audit of a denial outlives whatever the caller does next: a raised refusal, a crash, a rollback."""

import pytest
from celery import shared_task
from django.db import transaction

from cameos.models import ConsentDecision
from cameos.policy import ConsentRefused, Purpose, check_use, consent_audit_flush, require_uses
from sora_social.notifications.models import Notification


def denials(cameo):
    return list(ConsentDecision.objects.filter(cameo=cameo, allowed=False).values_list("subject", "reason"))


@pytest.mark.urls("tests.cameos.audit_urls")
def test_a_refusal_raised_by_an_endpoint_rolls_back_its_writes_but_keeps_the_audit_row(make_user, make_cameo, client_for):
    owner, stranger = make_user("owner"), make_user("stranger")
    cameo = make_cameo(owner, level="only_me")

    response = client_for(stranger).post(f"/probe/refuse/{cameo.pk}/")

    assert response.status_code == 403 and response.json()["code"] == "cameo_not_permitted"
    assert not Notification.objects.filter(recipient=stranger, data__probe=True).exists()  # rolled back
    assert denials(cameo) == [("probe", "only_me")]


@pytest.mark.urls("tests.cameos.audit_urls")
def test_an_endpoint_that_crashes_after_a_denial_keeps_the_audit_row(make_user, make_cameo, client_for):
    owner, stranger = make_user("owner"), make_user("stranger")
    cameo = make_cameo(owner, level="only_me")
    client = client_for(stranger)
    client.raise_request_exception = False

    response = client.post(f"/probe/crash/{cameo.pk}/")

    assert response.status_code == 500
    assert denials(cameo) == [("crash", "only_me")]


@shared_task(name="tests.cameos.refuse_then_fail_task")
def refuse_then_fail_task(cameo_id: int, actor_id: int) -> None:
    with transaction.atomic():
        check_use(cameo_id, actor_id, Purpose.RENDER, subject="task")
        raise RuntimeError("the task fails after the door said no")


def test_a_task_that_fails_after_a_denial_keeps_the_audit_row(make_user, make_cameo):
    owner, stranger = make_user("owner"), make_user("stranger")
    cameo = make_cameo(owner, level="only_me")

    with pytest.raises(RuntimeError):
        refuse_then_fail_task.apply(args=[cameo.pk, stranger.pk], throw=True)

    assert denials(cameo) == [("task", "only_me")]


def test_only_the_rows_a_rollback_took_are_written_again_and_never_twice(make_user, make_cameo):
    # Given one denial whose savepoint rolls back and one that stays in the open transaction
    owner, stranger = make_user("owner"), make_user("stranger")
    cameo = make_cameo(owner, level="only_me")
    with pytest.raises(ConsentRefused), transaction.atomic():
        require_uses([cameo], stranger, Purpose.GENERATE, subject="rolled back")
    check_use(cameo, stranger, Purpose.GENERATE, subject="kept")
    assert denials(cameo) == [("kept", "only_me")]

    # When the unit of work ends, twice
    assert consent_audit_flush() == 1
    assert consent_audit_flush() == 0

    # Then each denial is stored exactly once
    assert sorted(denials(cameo)) == [("kept", "only_me"), ("rolled back", "only_me")]


def test_an_allowed_use_rolled_back_with_its_work_is_still_audited(make_user, make_cameo):
    owner, friend = make_user("owner"), make_user("friend")
    cameo = make_cameo(owner, level="everyone")
    with pytest.raises(RuntimeError), transaction.atomic():
        assert check_use(cameo, friend, Purpose.GENERATE, subject="used").allowed
        raise RuntimeError("the work failed")

    consent_audit_flush()

    assert list(ConsentDecision.objects.filter(cameo=cameo).values_list("subject", "allowed")) == [("used", True)]


def test_nothing_is_written_again_for_a_cameo_that_the_rollback_itself_created(make_user, make_cameo):
    owner, stranger = make_user("owner"), make_user("stranger")
    with pytest.raises(ConsentRefused), transaction.atomic():
        cameo = make_cameo(owner, level="only_me")
        require_uses([cameo], stranger, Purpose.GENERATE, subject="gone")

    assert consent_audit_flush() == 0
    assert not ConsentDecision.objects.filter(subject="gone").exists()
