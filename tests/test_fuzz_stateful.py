"""schemathesis's stateful mode: sequences of calls that feed one response into the next request.

The schema declares no OpenAPI links; schemathesis infers them from it (a created cameo's `id` into
`/cameos/{cameo_id}/...`, a post's `id` into `/posts/{post_id}/...`). Each scenario is a few steps long, run as the
fuzz world's owner (tests/test_fuzz.py). Besides a documented answer to every call, the checks follow the links:
a deleted object must be gone for the next call (use after free), and a created one must be there.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import ensure_resource_availability, use_after_free

from tests.test_fuzz import CONFORMANCE, keep_test_connection, live_schema, session_token, world  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SCENARIOS = int(os.environ.get("SORA_STATEFUL_SCENARIOS", "15"))
LINK_CHECKS = [*CONFORMANCE, use_after_free, ensure_resource_availability]


def test_linked_calls_answer_as_documented(world, session_token, keep_test_connection):  # noqa: F811
    schema = live_schema()
    machine = schema.as_state_machine()
    transitions = schema.statistic.transitions
    print(f"stateful: {transitions.total} links between operations inferred from the schema")  # noqa: T201
    # Without links there is nothing stateful to test: the inference found none, or the schema lost what it reads.
    assert transitions.total >= 10, transitions

    class OwnerJourney(machine):
        def get_call_kwargs(self, case):
            return {"headers": {"X-Session-Token": session_token}}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=LINK_CHECKS, transport_kwargs=kwargs or None)

    OwnerJourney.run(
        settings=hypothesis_settings(
            max_examples=SCENARIOS,
            stateful_step_count=6,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
