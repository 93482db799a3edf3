"""Validation of handles and birth dates."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone

MINIMUM_AGE = 13
ADULT_AGE = 18
# Older than anyone alive: a birth date like 0001-01-01 is a made-up one.
MAXIMUM_AGE = 120

# \A and \Z, not ^ and $: "$" also matches before a final newline, so "alice\n" would pass.
HANDLE_PATTERN = r"\A[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])\Z"
RESERVED_HANDLES = frozenset({"admin", "api", "me", "support", "moderator", "sora", "sora_social", "everyone"})

handle_format_validator = RegexValidator(
    HANDLE_PATTERN,
    message="A handle is 3 to 30 letters, digits, underscores or inner dots.",
    code="handle_invalid",
)


def validate_handle_not_reserved(value: str) -> None:
    # Nobody holds a reserved handle, so the look-alike check finds none: "supp0rt" and "rnoderator" are refused here.
    if value.lower() in RESERVED_HANDLES or set(handle_skeletons(value)) & _RESERVED_SKELETONS:
        raise ValidationError("This handle is reserved.", code="handle_reserved")


handle_validators = [handle_format_validator, validate_handle_not_reserved]

# Handles are ASCII, so the look-alikes that matter are ASCII too (Unicode TR39's confusables within ASCII, and the
# digits people swap for letters): "rnara_cam" reads as "mara_cam", "b0b_cam" as "bob_cam", "a1ice_vv" as "alice_w".
# Not TR39's "cl" for "d": it would make "clara" and "dara", "clove" and "dove" one handle. The digits are leetspeak's
# for the letters they are drawn like: "8ob_cam" and "6ob_cam" read as "bob_cam", "9reta" as "greta", "li2a" as "liza".
_HANDLE_LOOKALIKE_DIGIT_PAIRS = tuple(zip("0134572689", "oleastzbbg", strict=True))
_HANDLE_LOOKALIKE_DIGITS = str.maketrans(dict((ord(digit), letter) for digit, letter in _HANDLE_LOOKALIKE_DIGIT_PAIRS))
_HANDLE_LOOKALIKE_PAIRS = (("rn", "m"), ("vv", "w"))


def handle_skeleton(handle: str, *, one_as: str = "l") -> str:
    """The form two handles that look alike share: no two people's handles, nor cameos', may have the same one.
    A 1 is drawn like both an l and an i; ``one_as="i"`` gives the reading with every 1 an i (`handle_skeletons`)."""
    skeleton = handle.lower().replace("1", one_as).translate(_HANDLE_LOOKALIKE_DIGITS)
    for pair, letter in _HANDLE_LOOKALIKE_PAIRS:
        skeleton = skeleton.replace(pair, letter)
    return skeleton


def handle_skeletons(handle: str) -> tuple[str, ...]:
    """Every way a handle reads: its skeleton, and, when it has a 1, the skeleton with each 1 read as an i. Read only
    as an l, "adm1n" was not "admin" and "b1ll" beside a member "bill" was no look-alike
    (tests/accounts/test_account_attacks_round4.py). Two handles look alike when their readings meet."""
    skeleton = handle_skeleton(handle)
    if "1" not in handle:
        return (skeleton,)
    return tuple(dict.fromkeys((skeleton, handle_skeleton(handle, one_as="i"))))


def handle_alike(handle: str):
    """The rows (users or cameos) whose handle reads as one of this handle's readings, in either of theirs."""
    from django.db.models import Q

    readings = handle_skeletons(handle)
    return Q(handle_skeleton__in=readings) | Q(handle_skeleton_one_as_i__in=readings)


_RESERVED_SKELETONS = frozenset(handle_skeleton(handle) for handle in RESERVED_HANDLES)


def handle_skeleton_expression(field: str = "handle", *, one_as: str = "l"):
    """`handle_skeleton` as a database expression, for a generated column: the database keeps the skeleton right on
    every write, a bulk create or an `update()` included, and fills it for the rows already there."""
    from django.db.models import Value
    from django.db.models.functions import Lower, Replace

    expression = Lower(field)
    if one_as != "l":  # the digit pairs read 1 as l
        expression = Replace(expression, Value("1"), Value(one_as))
    for digit, letter in (*_HANDLE_LOOKALIKE_DIGIT_PAIRS, *_HANDLE_LOOKALIKE_PAIRS):
        expression = Replace(expression, Value(digit), Value(letter))
    return expression


# The last time zone to begin a day. A birthday has begun everywhere once it has begun there, and the app does not
# know where a person lives: ages read on the server's UTC date made someone west of UTC an adult (or old enough to
# join) up to 12 hours before their birthday began at home (tests/accounts/test_account_attacks_round4.py).
LAST_TIME_ZONE_TO_BEGIN_A_DAY = datetime.timezone(datetime.timedelta(hours=-12))


def age_day() -> datetime.date:
    """The day ages are read on: today's date in the last time zone to begin it. A person is 13, or 18, from the
    moment their birthday has begun everywhere; east of UTC that is up to 26 hours after it began where they are."""
    return timezone.now().astimezone(LAST_TIME_ZONE_TO_BEGIN_A_DAY).date()


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years between a birth date and a day."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


def adult_birth_cutoff(today: datetime.date) -> datetime.date:
    """People born on or before this day are adults today."""
    try:
        return today.replace(year=today.year - ADULT_AGE)
    except ValueError:  # 29 February
        return today.replace(year=today.year - ADULT_AGE, day=28)


def validate_birth_date(value: datetime.date) -> None:
    today = age_day()
    if value > today:
        raise ValidationError("The birth date is in the future.", code="birth_date_invalid")
    if age_on(value, today) < MINIMUM_AGE:
        raise ValidationError(f"You must be at least {MINIMUM_AGE} to join.", code="age_restricted")
    if age_on(value, today) > MAXIMUM_AGE:
        raise ValidationError("Enter your real birth date.", code="birth_date_invalid")
