"""Validation of handles and birth dates."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone

MINIMUM_AGE = 13
ADULT_AGE = 18
# Older than anyone alive: a birth date like 0001-01-01 is a made-up one.
MAXIMUM_AGE = 120

HANDLE_PATTERN = r"^[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])$"
RESERVED_HANDLES = frozenset({"admin", "api", "me", "support", "moderator", "sora", "sora_social", "everyone"})

handle_format_validator = RegexValidator(
    HANDLE_PATTERN,
    message="A handle is 3 to 30 letters, digits, underscores or inner dots.",
    code="handle_invalid",
)


def validate_handle_not_reserved(value: str) -> None:
    if value.lower() in RESERVED_HANDLES:
        raise ValidationError("This handle is reserved.", code="handle_reserved")


handle_validators = [handle_format_validator, validate_handle_not_reserved]


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years between a birth date and a day."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


def validate_birth_date(value: datetime.date) -> None:
    today = timezone.localdate()
    if value > today:
        raise ValidationError("The birth date is in the future.", code="birth_date_invalid")
    if age_on(value, today) < MINIMUM_AGE:
        raise ValidationError(f"You must be at least {MINIMUM_AGE} to join.", code="age_restricted")
    if age_on(value, today) > MAXIMUM_AGE:
        raise ValidationError("Enter your real birth date.", code="birth_date_invalid")
