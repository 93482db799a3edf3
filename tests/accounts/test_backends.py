"""Who a request is: AccountBackend signs people in, and finds them again on every request."""

from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, authenticate
from django.test import Client

from sora_social.accounts.backends import AccountBackend
from sora_social.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def headless_login(**credentials) -> str:
    response = Client().post("/_allauth/app/v1/auth/login", {**credentials, "password": PASSWORD}, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


def session_signed_in_by(user: User, backend: str) -> str:
    """A session as Django's login() leaves it, naming the backend that signed the person in."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def test_the_phone_app_signs_in_by_handle_or_email_and_is_known_on_the_next_request(make_user):
    person = make_user("rosa")
    for credentials in ({"username": "ROSA"}, {"email": "rosa@example.org"}):
        token = headless_login(**credentials)
        response = Client().get("/api/v1/feed/?kind=following", HTTP_X_SESSION_TOKEN=token)
        assert response.status_code == 200, response.content
        store = import_module(settings.SESSION_ENGINE).SessionStore(token)
        assert store[BACKEND_SESSION_KEY] == "sora_social.accounts.backends.AccountBackend"
        assert store[SESSION_KEY] == str(person.pk)


@pytest.mark.parametrize(
    "legacy", ["django.contrib.auth.backends.ModelBackend", "allauth.account.auth_backends.AuthenticationBackend"]
)
def test_sessions_signed_in_before_account_backend_stay_valid(make_user, legacy):
    person = make_user("early")
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_signed_in_by(person, legacy)
    response = client.get("/api/v1/posts/")
    assert response.status_code == 200, response.content


def test_a_wrong_password_is_checked_once_per_way_of_signing_in_not_again_by_the_legacy_backends(make_user, monkeypatch):
    make_user("rosa")
    checks = []
    check_password = User.check_password
    monkeypatch.setattr(User, "check_password", lambda user, raw: checks.append(raw) or check_password(user, raw))
    assert authenticate(None, username="rosa", password="wrong") is None
    # ModelBackend's way (handle) and allauth's (handle, any case); the two legacy entries are not asked.
    assert len(checks) == 2
    assert authenticate(None, username="Rosa", password=PASSWORD).handle == "rosa"


def test_get_user_is_the_orm_user_and_refuses_deactivated_missing_and_garbage_ids(make_user):
    person = make_user("rosa")
    backend = AccountBackend()
    found = backend.get_user(str(person.pk))
    orm = User.objects.get(pk=person.pk)
    assert [getattr(found, f.attname) for f in User._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in User._meta.concrete_fields
    ]
    assert found.get_session_auth_hash() == orm.get_session_auth_hash()
    assert found._state.adding is False and found._state.db == "default"
    for user_id in (person.pk + 1000, "not a number", None, 2**70):
        assert backend.get_user(user_id) is None
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert backend.get_user(person.pk) is None


def test_a_deactivated_person_is_signed_out_of_their_session(make_user):
    person = make_user("rosa")
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_signed_in_by(person, settings.AUTHENTICATION_BACKENDS[0])
    assert client.get("/api/v1/posts/").status_code == 200
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert client.get("/api/v1/posts/").status_code in (401, 403)
