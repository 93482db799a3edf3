import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_link_code() -> str:
    return secrets.token_hex(4).upper()


class ParentalLinkCode(models.Model):
    """A one-time code that one side of a parent–teen pair gives the other; making it is that side's consent."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="link_codes")
    code = models.CharField(max_length=16, unique=True, default=new_link_code)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.code


class ParentalLink(models.Model):
    """A parent linked to a teen, with the controls the parent set (each only stricter than the default)."""

    # NULL once the parent's account is deleted: the ended link stays, so the teen keeps the parent's last choices
    # and a new link still starts in cooling-off (its active links are ended first, accounts.services).
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="teen_links"
    )
    teen = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parent_links")
    parent_consented_at = models.DateTimeField()
    teen_consented_at = models.DateTimeField()
    # Null while active; set when either side unlinks.
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the teen had a parent before: until then a former parent may contest the link, and the new
    # parent can approve nothing and only tighten controls (a teen cannot swap in a parent of their own making).
    cooling_off_until = models.DateTimeField(null=True, blank=True)
    # Set when a former parent contested the link (which ended it, with ended_by the former parent): such a
    # parent approved nothing that stands, and never counts as a former parent of this teen.
    contested_at = models.DateTimeField(null=True, blank=True)
    # Set when the parent's account was deleted while its birth date said it was not an adult: a teen was never
    # anyone's parent, so the controls it chose do not stand once the row no longer says who it was (limits).
    parent_not_adult_when_deleted = models.BooleanField(default=False)

    personalized_feed = models.BooleanField(default=True)
    continuous_scroll = models.BooleanField(default=True)
    # Null means the default teen cap applies; a value can only be lower than the default.
    daily_feed_videos_cap = models.PositiveIntegerField(null=True, blank=True)
    daily_generation_cap = models.PositiveIntegerField(null=True, blank=True)
    # Whether people the teen and they follow both ways may use the teen's cameo when it is open to mutuals. Off until
    # a parent turns it on: every grant of a teen waits for a parent, and without this a teen waiting on one could let
    # that person in alone by opening the cameo to mutuals and following them back (the door, cameos.policy).
    mutuals_may_use_cameo = models.BooleanField(default=False)
    # Who turned it on, and the latest birth date of an adult on the day they did. A new link inherits the switch with
    # both, and it counts only while the giver's birth date, as support knows it now, made them an adult that day (or
    # their account went: a deleted teen "parent's" switches are turned off first). So a teen "parent" found out gave
    # no leave, on their own link or on the links that copied it, nor does it come back on their 18th birthday.
    mutuals_allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mutuals_allowed_adult_born_by = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A teen has at most one active parental link.
            models.UniqueConstraint(
                fields=["teen"], condition=models.Q(ended_at__isnull=True), name="parental_link_one_active_per_teen"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent} ⇄ {self.teen}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def in_cooling_off(self, now: datetime.datetime | None = None) -> bool:
        return self.cooling_off_until is not None and (now or timezone.now()) < self.cooling_off_until
