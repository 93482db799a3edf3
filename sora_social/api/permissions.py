"""Permission classes every API view starts from."""

from rest_framework.permissions import BasePermission


class IsActiveMember(BasePermission):
    """Signed in, active and not banned."""

    message = "Sign in to continue."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.banned_at is None)


class IsNotRestricted(BasePermission):
    """Not suspended or banned right now: needed to publish, generate, comment and report."""

    message = "Your account is suspended."
    code = "account_suspended"

    def has_permission(self, request, view) -> bool:
        return not getattr(request.user, "is_restricted", False)
