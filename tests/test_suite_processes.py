"""`make test` runs the suite in several processes (pytest-xdist); what keeps them from stepping on each other."""

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from moderation.permissions import MODERATORS_GROUP
from sora_social.content_policy.models import ContentRule
from sora_social.content_policy.screening import DEFAULT_RULES
from sora_social.settings.test import _redis_database_of_worker


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/0", "gw0", "redis://127.0.0.1:6379/0"),
        ("redis://127.0.0.1:6379/0", "gw1", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/9", "gw3", "redis://127.0.0.1:6379/12"),
        # Never 14 (tests/generation/test_worker_killed.py's own) nor 15: past 13 it wraps round.
        ("redis://127.0.0.1:6379/13", "gw1", "redis://127.0.0.1:6379/0"),
        ("redis://:secret@cache.internal:6380", "gw2", "redis://:secret@cache.internal:6380/2"),
    ],
)
def test_each_process_of_the_suite_has_a_redis_database_of_its_own(url, worker, expected):
    assert _redis_database_of_worker(url, worker) == expected


def test_this_process_uses_its_own_redis_database_and_hands_it_to_processes_it_starts():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not (settings.REDIS_URL and worker.startswith("gw")):
        pytest.skip("only when the suite runs in several processes against Redis (make test in CI)")
    from sora_social.settings.test import _SHARED_REDIS_URL

    assert settings.REDIS_URL == _redis_database_of_worker(_SHARED_REDIS_URL, worker)
    assert os.environ["REDIS_URL"] == settings.REDIS_URL
    assert settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]["address"] == settings.REDIS_URL


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_moderators_group_and_the_default_content_rules_in_place():
    call_command("flush", interactive=False, verbosity=0)

    group = Group.objects.get(name=MODERATORS_GROUP)
    assert group.permissions.filter(codename="view_post").exists()
    assert set(ContentRule.objects.values_list("code", flat=True)) == {rule.code for rule in DEFAULT_RULES}
