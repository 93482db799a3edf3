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
    # The same two people as plain ids, kept when an account is deleted (the foreign keys above become NULL): the
    # invite lineage must not break when a middle account goes, or a teen's invitee's invitee could become the
    # teen's parent (accounts.selectors.invited_down_lineage_of walks these).
    created_by_user_id = models.BigIntegerField(null=True, blank=True, editable=False)
    redeemed_by_user_id = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)
    # An operator's code, from its first save: a code with no creator id is otherwise one whose creator was deleted
    # before the ids above were kept (migration 0004 tells the two apart as well as the data allows), and the
    # lineage walk must not take such a code for the start of a chain.
    minted_by_operator = models.BooleanField(default=False, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs) -> None:
        # Every save keeps the ids (bulk inserts set them themselves: accounts.services.invites_mint).
        kept = []
        if self._state.adding and self.created_by_id is None and self.created_by_user_id is None:
            self.minted_by_operator = True
        if self.created_by_id is not None and self.created_by_user_id != self.created_by_id:
            self.created_by_user_id = self.created_by_id
            kept.append("created_by_user_id")
        if self.redeemed_by_id is not None and self.redeemed_by_user_id != self.redeemed_by_id:
            self.redeemed_by_user_id = self.redeemed_by_id
            kept.append("redeemed_by_user_id")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = list(dict.fromkeys([*kwargs["update_fields"], *kept]))
        super().save(*args, **kwargs)

    @property
    def state(self) -> str:
        if self.redeemed_at is not None:
            return self.State.REDEEMED
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.AVAILABLE
