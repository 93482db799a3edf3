"""How a request's person is found: by handle or email and password at sign-in, by id on every request after."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from sora_social.accounts.models import User
from sora_social.compiled_query import CompiledQuery, Param, instance_from_row

USER_FIELDS = tuple(field.attname for field in User._meta.concrete_fields)

USER_BY_ID = CompiledQuery(
    lambda *, user_id, variant: User.objects.filter(pk=user_id).order_by().values(*USER_FIELDS), user_id=Param.INT
)


class AccountBackend(AuthenticationBackend):
    """Django's ModelBackend, then allauth's (handle or email, any case), as one backend; and `get_user` as a
    compiled query.

    `get_user` runs on every authenticated request (session cookie and X-Session-Token alike). Through the ORM
    it cost about 2 ms here, building and compiling the same SELECT each time; compiled once it is one
    prepared statement."""

    def authenticate(self, request, **credentials):
        user = ModelBackend.authenticate(self, request, **credentials) or super().authenticate(request, **credentials)
        if user is None and credentials.get("password"):
            # The legacy backends would check the same credentials the same way: stop here, so a wrong password
            # is not hashed again by each of them.
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        try:
            rows = USER_BY_ID.rows(user_id=int(user_id))
        except (TypeError, ValueError, OverflowError):
            return None
        if not rows:
            return None
        user = instance_from_row(User, rows[0])
        return user if self.user_can_authenticate(user) else None
