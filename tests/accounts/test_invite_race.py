"""Invite redemption is atomic: on PostgreSQL, parallel signups with one code create exactly one account."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client

from sora_social.accounts.models import InviteCode, User
from sora_social.accounts.services import invites_mint

PARALLEL_SIGNUPS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_signups_with_one_code_create_one_account(require_postgres):
    invite = invites_mint(count=1)[0]
    barrier = threading.Barrier(PARALLEL_SIGNUPS)
    statuses: list[int] = []
    lock = threading.Lock()

    def attempt(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            response = Client().post(
                "/_allauth/app/v1/auth/signup",
                {
                    "username": f"racer{index}",
                    "email": f"racer{index}@example.org",
                    "password": "a-long-enough-pass-123",
                    "invite_code": invite.code,
                    "birth_date": datetime.date(1990, 5, 5).isoformat(),
                },
                content_type="application/json",
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(PARALLEL_SIGNUPS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(statuses) == PARALLEL_SIGNUPS
    assert statuses.count(200) == 1
    assert statuses.count(400) == PARALLEL_SIGNUPS - 1
    assert User.objects.filter(handle__startswith="racer").count() == 1
    invite.refresh_from_db()
    assert invite.state == InviteCode.State.REDEEMED
    assert invite.redeemed_by.handle.startswith("racer")
