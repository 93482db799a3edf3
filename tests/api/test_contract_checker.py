"""The schema check every API test runs (tests/contract.py) catches what it is there to catch: a field the schema
does not name, a status it does not document, an answer outside the error shape on an unknown route."""

import pytest
from rest_framework.response import Response

from tests.contract import ResponseOutsideTheContract

pytestmark = pytest.mark.django_db


def me_sent_with(monkeypatch, **changed) -> None:
    """GET /api/v1/me/ answers as usual, but with these keys changed or added."""
    from sora_social.accounts.api import views

    serialize = views.s.MeOutputSerializer.to_representation
    monkeypatch.setattr(
        views.s.MeOutputSerializer, "to_representation", lambda self, user: {**serialize(self, user), **changed}
    )


def test_a_field_the_schema_does_not_name_fails_the_test_that_received_it(make_user, client_for, monkeypatch):
    me_sent_with(monkeypatch, secret=1)
    with pytest.raises(ResponseOutsideTheContract, match="secret"):
        client_for(make_user("leaky")).get("/api/v1/me/")


def test_a_status_the_schema_does_not_document_fails(make_user, client_for, monkeypatch):
    from sora_social.accounts.api import views

    monkeypatch.setattr(views.MeApi, "get", lambda self, request: Response({"teapot": True}, status=418))
    with pytest.raises(ResponseOutsideTheContract, match="418"):
        client_for(make_user("teapot")).get("/api/v1/me/")


def test_a_wrong_type_fails(make_user, client_for, monkeypatch):
    me_sent_with(monkeypatch, handle=7)
    with pytest.raises(ResponseOutsideTheContract, match="handle"):
        client_for(make_user("typed")).get("/api/v1/me/")


def test_an_unknown_route_may_only_be_refused_in_the_error_shape(client):
    from django.http import HttpResponse

    from tests.contract import check_response

    shaped = client.get("/api/v1/no-such-thing/")  # our JSON 404: passes the check
    assert shaped.status_code == 404 and shaped.json()["code"] == "not_found"
    html = HttpResponse(b"<h1>Not Found</h1>", status=404, content_type="text/html")
    html.wsgi_request = shaped.wsgi_request
    with pytest.raises(ResponseOutsideTheContract, match="error shape"):
        check_response(html)
    answered = HttpResponse(b"{}", status=200, content_type="application/json")
    answered.wsgi_request = shaped.wsgi_request
    with pytest.raises(ResponseOutsideTheContract, match="not in the schema"):
        check_response(answered)
