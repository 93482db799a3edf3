import datetime

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django_cleanup import cleanup

from sora_social.accounts.validators import ADULT_AGE, age_day, age_on, handle_skeleton_expression, handle_validators


class UserManager(BaseUserManager):
    def get_by_natural_key(self, handle: str) -> "User":
        # Handles are ASCII: PostgreSQL's UPPER() would find @alice_smith by "alıce_smith" or "alice_ſmith".
        if not str(handle).isascii():
            raise self.model.DoesNotExist
        return self.get(handle__iexact=handle)

    def create_user(self, handle: str, email: str, birth_date: datetime.date, password: str | None = None, **extra):
        user = self.model(handle=handle.lower(), email=self.normalize_email(email), birth_date=birth_date, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, handle: str, email: str, birth_date: datetime.date, password: str | None = None, **extra):
        """An operator's account (`createsuperuser`, `bootstrap_dev`): its handle is claimed as a sign-up's is, so an
        operator cannot be made "a1ice_vv" beside a member "alice_w". The unique index knows only the same spelling.
        A ValidationError is what `createsuperuser` shows as an error rather than a traceback."""
        # Imported here: the services import this module.
        from sora_social.accounts.services import HandleUnavailable, handle_claim

        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        with transaction.atomic(using=self._db):
            try:
                handle_claim(handle.lower())
            except HandleUnavailable as refused:
                raise ValidationError({"handle": refused.message}, code=refused.code) from refused
            return self.create_user(handle, email, birth_date, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account; their @handle is how others mention them."""

    # Stored lowercase; unique without regard to case (see the constraint below).
    handle = models.CharField(max_length=30, unique=True, validators=handle_validators)
    # The handle as it looks (validators.handle_skeleton): a new handle that looks like another's is refused.
    handle_skeleton = models.GeneratedField(
        expression=handle_skeleton_expression(),
        output_field=models.CharField(max_length=30),
        db_persist=True,
        db_index=True,
    )
    # With every 1, l and i one letter (validators.handle_collapsed): look-alikes are found by it, then compared.
    handle_skeleton_collapsed = models.GeneratedField(
        expression=handle_skeleton_expression(collapsed=True),
        output_field=models.CharField(max_length=30),
        db_persist=True,
        db_index=True,
    )
    email = models.EmailField()
    birth_date = models.DateField()
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    # Moderation: a suspended user cannot post or generate until this time; a banned one never again.
    suspended_until = models.DateTimeField(null=True, blank=True)
    banned_at = models.DateTimeField(null=True, blank=True)
    date_joined = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "handle"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email", "birth_date"]

    class Meta:
        ordering = ["handle"]
        constraints = [
            models.UniqueConstraint(Lower("handle"), name="user_handle_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"@{self.handle}"

    def save(self, *args, **kwargs):
        self.handle = self.handle.lower()
        super().save(*args, **kwargs)

    def age(self, on: datetime.date | None = None) -> int:
        return age_on(self.birth_date, on or age_day())

    @property
    def is_teen(self) -> bool:
        return self.age() < ADULT_AGE

    @property
    def is_adult(self) -> bool:
        return not self.is_teen

    @property
    def is_restricted(self) -> bool:
        """Banned, or suspended right now: such a user may not publish or generate."""
        if self.banned_at is not None:
            return True
        return self.suspended_until is not None and self.suspended_until > timezone.now()


@cleanup.select
class Profile(models.Model):
    """What a person shows about themselves."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=60, blank=True)
    bio = models.CharField(max_length=300, blank=True)
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id"]

    def __str__(self) -> str:
        return self.display_name or str(self.user)
