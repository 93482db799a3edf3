"""A fuzz run: schemathesis, driven by the project's own OpenAPI schema, against the live app in process.

Every operation of /api/v1/schema/ gets a bounded number of generated requests (valid ones, then invalid ones),
sent by a signed-in member with a session token. It passes when no answer is a 5xx and every answer matches the
schema: a documented status code, the documented content type and a body of the documented shape.
Examples are derandomized, so CI runs the same requests every time; SORA_FUZZ_EXAMPLES raises the count locally.
"""

from __future__ import annotations

import datetime
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

VALID_EXAMPLES = int(os.environ.get("SORA_FUZZ_EXAMPLES", "12"))
INVALID_EXAMPLES = max(1, VALID_EXAMPLES // 2)
CONFORMANCE = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _labels() -> list[str]:
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return [
        f"{method.upper()} {path}"
        for path, item in sorted(paths.items())
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]


LABELS = _labels()
_LIVE: dict[str, schemathesis.BaseSchema] = {}


def live_schema() -> schemathesis.BaseSchema:
    """The schema as the running app serves it, bound to that app (loaded once per process)."""
    if "schema" not in _LIVE:
        from django.core.wsgi import get_wsgi_application

        _LIVE["schema"] = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    return _LIVE["schema"]


@pytest.fixture
def session_token(db):
    """A member signed up through the app's own headless API, as the phone app does."""
    from django.test import Client

    from sora_social.accounts.services import invites_mint
    from sora_social.moderation.models import ContentRule

    # The sentence model is loaded once either way; category rules stay on so screening is fuzzed for real.
    assert ContentRule.objects.filter(enabled=True).exists()
    response = Client().post(
        "/_allauth/app/v1/auth/signup",
        {
            "username": "fuzzer",
            "email": "fuzzer@example.org",
            "password": "a-long-enough-pass-123",
            "invite_code": invites_mint(count=1)[0].code,
            "birth_date": datetime.date(1990, 1, 1).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


def _run(operation, *, mode: str, examples: int, checks: list, headers: dict) -> None:
    from schemathesis import GenerationMode

    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    @given(case=operation.as_strategy(generation_mode=GenerationMode(mode)))
    def fuzz(case):
        case.call_and_validate(headers=headers, checks=checks)

    fuzz()


@pytest.mark.parametrize("label", LABELS)
def test_fuzz_operation(label, session_token):
    operation = live_schema().find_operation_by_label(label)
    assert operation is not None, f"{label} is in the generated schema but not in the served one"
    headers = {"X-Session-Token": session_token}
    _run(operation, mode="positive", examples=VALID_EXAMPLES, checks=CONFORMANCE, headers=headers)
    # Invalid input must be refused as a 4xx, never crash the server.
    _run(operation, mode="negative", examples=INVALID_EXAMPLES, checks=[not_a_server_error], headers=headers)
