import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

# Unambiguous letters and digits: no 0/O, 1/I/L.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(10))


class InviteCode(models.Model):
    """An invite token, good for one signup."""

    class State(models.TextChoices):
        AVAILABLE = "available"
        REDEEMED = "redeemed"
        EXPIRED = "expired"

    # Stored uppercase; people type them, so lookups ignore case.
    code = models.CharField(max_length=32, unique=True, default=new_invite_code)
    # Null for codes an operator minted.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="invites_created"
    )
    redeemed_by = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="invite_redeemed"
    )
    redeemed_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.code

    @property
    def state(self) -> str:
        if self.redeemed_at is not None:
            return self.State.REDEEMED
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.AVAILABLE
