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
    if value.lower() in RESERVED_HANDLES or _looks_reserved(value):
        raise ValidationError("This handle is reserved.", code="handle_reserved")


handle_validators = [handle_format_validator, validate_handle_not_reserved]

# Handles are ASCII, so the look-alikes that matter are ASCII too (Unicode TR39's confusables within ASCII, and the
# digits people swap for letters): "rnara_cam" reads as "mara_cam", "b0b_cam" as "bob_cam", "a1ice_vv" as "alice_w".
# Not TR39's "cl" for "d": it would make "clara" and "dara", "clove" and "dove" one handle. The digits are leetspeak's
# for the letters they are drawn like: "8ob_cam" and "6ob_cam" read as "bob_cam", "9reta" as "greta", "li2a" as "liza".
_HANDLE_LOOKALIKE_DIGIT_PAIRS = tuple(zip("0134572689", "oleastzbbg", strict=True))
_HANDLE_LOOKALIKE_PAIRS = (("rn", "m"), ("vv", "w"))


_HANDLE_LOOKALIKE_DIGITS_BUT_ONE = str.maketrans(
    {ord(digit): letter for digit, letter in _HANDLE_LOOKALIKE_DIGIT_PAIRS if digit != "1"}
)
# A 1 is drawn like an l and like an i, so it may be read as either, one 1 at a time: "adm1n" is "admin", "b1ll" is
# "bill", "b11l" is "bill" too (one 1 an i, the other an l). An l and an i are told apart: "ali" and "all" are two.
_ONE_READS_AS = frozenset("1li")


def _handle_letters(handle: str) -> str:
    letters = handle.lower().translate(_HANDLE_LOOKALIKE_DIGITS_BUT_ONE)
    for pair, letter in _HANDLE_LOOKALIKE_PAIRS:
        letters = letters.replace(pair, letter)
    return letters


def handle_shape(handle: str) -> str:
    """The handle as it looks, with each 1 kept, and each w as the vv it is drawn like: what `handles_look_alike`
    compares. A w read as one letter left "vw", "wv" and "vvv" three handles (tests/test_later_changes_attacks.py)."""
    return _handle_letters(handle).replace("w", "vv")


def handle_skeleton(handle: str) -> str:
    """The handle as it looks, with each 1 read as an l (how mentions and the name screen read a handle)."""
    return _handle_letters(handle).replace("1", "l")


def handle_collapsed(handle: str) -> str:
    """The handle as it looks, with every 1, l and i one letter. Handles that look alike share it, so it is what the
    database looks them up by and what a claim locks; sharing it is not enough ("ali" and "all" share it), so each
    one found is compared (`handles_look_alike`). Two readings of a 1, every 1 an l or every 1 an i, missed "b11l"
    beside "bill" (tests/test_todays_changes_attacks.py)."""
    return handle_shape(handle).replace("1", "l").replace("i", "l")


def shapes_look_alike(first: str, second: str) -> bool:
    return len(first) == len(second) and all(
        a == b or ("1" in (a, b) and a in _ONE_READS_AS and b in _ONE_READS_AS) for a, b in zip(first, second, strict=True)
    )


def handles_look_alike(first: str, second: str) -> bool:
    """Whether two handles look alike: the same shape, a 1 in either reading as the other's 1, l or i."""
    return shapes_look_alike(handle_shape(first), handle_shape(second))


def handles_alike_in(rows, handle: str) -> list[str]:
    """The handles of `rows` (a queryset of users or of cameos) that look like `handle`: found by the indexed
    collapsed form, then every one compared (the first 20 only, twenty decoys hid a look-alike)."""
    shape = handle_shape(handle)
    found = rows.filter(handle_skeleton_collapsed=handle_collapsed(handle)).values_list("handle", flat=True)
    return [other for other in found.iterator() if shapes_look_alike(handle_shape(other), shape)]


def _reserved_shape(handle: str) -> str:
    # A dot or an underscore inside does not make a reserved name another: "sora.social", "ad.min" and "supp.ort" read
    # as the site's staff in comments and mentions (tests/accounts/test_signin_and_invite_attacks_round5.py).
    return handle_shape(handle).replace(".", "").replace("_", "")


_RESERVED_SHAPES = frozenset(_reserved_shape(handle) for handle in RESERVED_HANDLES)


def _looks_reserved(handle: str) -> bool:
    shape = _reserved_shape(handle)
    return any(shapes_look_alike(shape, reserved) for reserved in _RESERVED_SHAPES)


def handle_skeleton_expression(field: str = "handle", *, collapsed: bool = False):
    """`handle_skeleton` (or `handle_collapsed`) as a database expression, for a generated column: the database keeps
    it right on every write, a bulk create or an `update()` included, and fills it for the rows already there."""
    from django.db.models import Value
    from django.db.models.functions import Lower, Replace

    expression = Lower(field)
    for digit, letter in (*_HANDLE_LOOKALIKE_DIGIT_PAIRS, *_HANDLE_LOOKALIKE_PAIRS):
        expression = Replace(expression, Value(digit), Value(letter))
    if collapsed:
        expression = Replace(Replace(expression, Value("w"), Value("vv")), Value("i"), Value("l"))
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
