"""The authentication and permission classes every API view starts from."""

from allauth.headless.contrib.rest_framework.authentication import XSessionTokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission


class SessionTokenAuthentication(XSessionTokenAuthentication):
    """allauth headless's `X-Session-Token`, answering 401 (not 403) when it is missing, expired or unknown.

    DRF sends 401 only when the first authentication class names a `WWW-Authenticate` challenge; allauth's class
    names none, so every anonymous request got 403. A token that was sent but names no live session fails here
    (as DRF's TokenAuthentication does) instead of passing the request on as anonymous.
    """

    def authenticate(self, request):
        token = self.get_session_token(request)
        if not token:
            return None
        # A NUL reached the session lookup, which PostgreSQL refuses in text: a 500 (test_account_attacks_round4).
        found = None if "\x00" in token else super().authenticate(request)
        if found is None:
            raise AuthenticationFailed(
                "The session token is expired or not valid. Sign in again.", code="session_invalid"
            )
        return found

    def authenticate_header(self, request) -> str:
        # No registered scheme fits a header token; this names ours and the header that carries it.
        return 'SessionToken realm="api", header="X-Session-Token"'


class IsActiveMember(BasePermission):
    """Signed in, active and not banned. Anonymous requests never reach the message: DRF answers them 401."""

    message = "Your account cannot use the app."
    code = "account_inactive"

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.banned_at is None)


class IsNotRestricted(BasePermission):
    """Not suspended or banned right now: needed to publish, generate, comment and report."""

    message = "Your account is suspended."
    code = "account_suspended"

    def has_permission(self, request, view) -> bool:
        return not getattr(request.user, "is_restricted", False)


class IsActiveAccount(BasePermission):
    """Signed in and active, banned or not: only for the decisions about a person and their appeal, which is how a
    banned person contests the ban (a ban is appealable, and IsActiveMember refused the appeal)."""

    message = "Your account cannot use the app."
    code = "account_inactive"

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active)
