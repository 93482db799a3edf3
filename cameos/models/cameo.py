from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django_cleanup import cleanup

from sora_social.accounts.validators import handle_skeleton_expression, handle_validators


class Cameo(models.Model):
    """A verified likeness (a person, or a character such as a pet) that others may cast with consent."""

    class Kind(models.TextChoices):
        SELF = "self"
        PET = "pet"
        OBJECT = "object"
        DRAWING = "drawing"

    class Status(models.TextChoices):
        VERIFYING = "verifying"
        VERIFIED = "verified"
        # The face is close to an existing cameo or a protected person without clearly matching: a moderator
        # decides (cameos.services.cameo_review_decide). Nobody may use it meanwhile.
        PENDING_REVIEW = "pending_review"
        REJECTED = "rejected"  # holds no handle; the owner may retry it with a new challenge
        REVOKED = "revoked"  # a moderator withdrew it; nobody may use it
        DELETED = "deleted"  # the owner deleted it; biometric data is gone

    # Declared transitions; anything else is refused (see cameos.services.cameo_transition).
    TRANSITIONS = {
        Status.VERIFYING: {Status.VERIFIED, Status.PENDING_REVIEW, Status.REJECTED, Status.DELETED},
        Status.PENDING_REVIEW: {Status.VERIFIED, Status.REJECTED, Status.DELETED},
        # A protected person added later whose face this is sends a verified cameo back to review.
        # An account deactivated loses its biometrics, and its cameos verify again (cameos.services.retention).
        Status.VERIFIED: {Status.PENDING_REVIEW, Status.REVOKED, Status.REJECTED, Status.DELETED},
        Status.REJECTED: {Status.VERIFYING, Status.DELETED},
        Status.REVOKED: {Status.VERIFIED, Status.DELETED},
        Status.DELETED: set(),
    }

    class Level(models.TextChoices):
        ONLY_ME = "only_me"
        APPROVED = "approved"
        MUTUALS = "mutuals"
        EVERYONE = "everyone"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cameos")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SELF)
    # How prompts mention it, without the "@"; stored lowercase.
    handle = models.CharField(max_length=30, validators=handle_validators)
    # The handle as it looks (accounts.validators.handle_skeleton): a new handle that looks like a live one is refused.
    handle_skeleton = models.GeneratedField(
        expression=handle_skeleton_expression(),
        output_field=models.CharField(max_length=30),
        db_persist=True,
        db_index=True,
    )
    # With every 1, l and i one letter (accounts.validators.handle_collapsed): look-alikes are found by it, then compared.
    handle_skeleton_collapsed = models.GeneratedField(
        expression=handle_skeleton_expression(collapsed=True),
        output_field=models.CharField(max_length=30),
        db_persist=True,
        db_index=True,
    )
    display_name = models.CharField(max_length=60)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.VERIFYING)
    level = models.CharField(max_length=16, choices=Level.choices, default=Level.ONLY_ME)
    # Free text handed to the renderer, e.g. "always wears a red hat".
    preferences = models.TextField(blank=True, max_length=500)
    # Text rules such as "no political content"; a prompt that conflicts with one is denied.
    restrictions = models.JSONField(default=list, blank=True)
    # Bumped by every change that can affect consent, so a job can pin the version it saw.
    consent_version = models.PositiveIntegerField(default=1)
    rejection_reasons = models.JSONField(default=list, blank=True)
    # Why a cameo waits for a moderator when it was not its own verification that sent it there (a protected
    # person added later matched it): {"kind", "ref_id", "distance", "cause"}; for moderators only.
    review_matches = models.JSONField(default=list, blank=True)

    # Biometric data, Fernet-encrypted (cameos.biometrics). Never returned by the API.
    encodings_encrypted = models.BinaryField(null=True, blank=True, editable=False)
    reference_image_encrypted = models.BinaryField(null=True, blank=True, editable=False)
    voice_profile_encrypted = models.BinaryField(null=True, blank=True, editable=False)

    verified_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Set by a moderator's revocation, cleared by a reinstatement, in their transaction, and kept when the owner deletes
    # the cameo: while set, the owner's next self cameo waits for a moderator (cameos.services.verification).
    revoked_by_moderator_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A handle belongs to one live cameo; a deleted or rejected one frees it.
            models.UniqueConstraint(
                Lower("handle"),
                condition=~models.Q(status__in=["deleted", "rejected"]),
                name="cameo_handle_ci_unique_held",
            ),
        ]
        indexes = [models.Index(fields=["owner", "status"])]
        # Revoking is an act on someone's consent: it is granted (to the Moderators group), not implied by seeing the
        # list (the admin's bulk action was offered to anyone who could view cameos).
        permissions = [("revoke_cameo", "Can revoke a cameo (nobody may use it; its videos disappear)")]

    def __str__(self) -> str:
        return f"@{self.handle}"

    @property
    def has_biometrics(self) -> bool:
        return bool(self.encodings_encrypted or self.reference_image_encrypted or self.voice_profile_encrypted)


class CameoAwaitingReview(Cameo):
    """The moderators' queue: cameos whose face came close to another cameo or a protected person."""

    class Meta:
        proxy = True
        verbose_name = "cameo awaiting review"
        verbose_name_plural = "cameos awaiting review"


@cleanup.select
class ProtectedPerson(models.Model):
    """A public figure or an estate that opted out: their face and names may not be cast."""

    name = models.CharField(max_length=120)
    # Other names and spellings that prompts might use.
    aliases = models.JSONField(default=list, blank=True)
    photo = models.ImageField(upload_to="protected/", blank=True)
    encodings_encrypted = models.BinaryField(null=True, blank=True, editable=False)
    note = models.CharField(max_length=300, blank=True)
    # A protected person with their own verified cameo may permit use through it.
    own_cameo = models.ForeignKey(Cameo, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def names(self) -> list[str]:
        return [self.name, *[alias for alias in self.aliases if isinstance(alias, str)]]
