"""Attack round 61: the owner's own likeness, named by more of it than the face, is not a thing banned.

"no sexual stuff with my face or body" read "with my face" as whom the ban keeps out, and the "body" after it as one
more banned topic: any text with a body in it was refused ("@ann does a full-body stretch after her run"). "nothing
sexual with my body" banned the thing "sexual body", "don't put my face or body in anything political" the thing
"body political", and "no horror with my voice" the thing "horror voice". Found by a fresh evaluation set written this
round, whose restriction said "with my face or body". What is shown of the body ("nothing with my body showing") and
what is said about it ("no jokes about my body", "no body shaming") are still bans of their own, and so is the
likeness where the words beside it ban nothing else ("don't use my voice", "no videos with my body"). A first version
looked for a category anywhere in the clause; a helper's review found 22 restrictions it made worse, each losing a ban
("no politics and don't use my voice" lost the voice). A category now counts only in the words right before the
likeness ("nothing sexual with my body") or in what it is put in ("don't put my body in anything political"), up to a
word that starts another ban or a reason ("and", "no", "since").
"""

from __future__ import annotations

import pytest

from cameos.restrictions import parse_restriction
from tests.cameos.restriction_cases import assert_refused, refusal

LIKENESS_READ_AS_A_BAN = [
    ("no sexual stuff with my face or body", ("sexual",)),
    ("nothing sexual with my body", ("sexual",)),
    ("nothing sexual with my face, body or voice", ("sexual",)),
    ("no sexual stuff w my face/body pls", ("sexual",)),
    ("no sexual stuff with my body or face", ("sexual",)),
    ("nothing sexual involving my body", ("sexual",)),
    ("don't put my face or body in anything political", ("politics",)),
    ("don't use my face or body for ads", ("brands",)),
    ("no horror with my voice", ("horror",)),
    ("no horror with my face and body", ("horror",)),
    ("no horror with my voice, face, or body", ("horror",)),
    ("no horror with my voice and/or body", ("horror",)),
    ("nothing sexual with my own body", ("sexual",)),
    ("no nsfw with my body", ("sexual",)),
    ("never use my voice for ads", ("brands",)),
    ("don't use my body for fight scenes", ("violence",)),
]


@pytest.mark.parametrize(("restriction", "categories"), LIKENESS_READ_AS_A_BAN)
def test_the_owners_likeness_is_whom_the_ban_keeps_out_not_a_topic(restriction, categories):
    parsed = parse_restriction(restriction)
    assert parsed.categories == categories
    assert parsed.topics == ()
    assert parsed.things == ()
    assert parsed.words == ()


# Where the clause bans nothing else, the likeness is what is banned, and stays so.
LIKENESS_AS_THE_BAN = [
    ("don't use my voice", "voice"),
    ("no videos with my body", "body"),
    ("nothing featuring my body", "body"),
    ("nothing with my body, no politics", "body"),
    # A helper's review of the first version, which read any category in the clause: each of these lost its ban.
    ("no drugs and no videos with my body", "body"),
    ("no weed and no videos featuring my body or voice", "voice"),
    ("no politics and don't use my voice", "voice"),
    ("Don't use my voice or anything sexual", "voice"),
    ("never use my voice since i sing in church", "voice"),
    ("no sexual or violent stuff and please don't put my body in anything", "body"),
]


@pytest.mark.parametrize(("restriction", "topic"), LIKENESS_AS_THE_BAN)
def test_a_likeness_banned_on_its_own_stays_banned(restriction, topic):
    assert topic in parse_restriction(restriction).topics


CASES = [
    refusal(
        "no sexual stuff with my face or body",
        "@ann does a full-body stretch after her morning run",
        False,
        "full-body-stretch",
        through="refused",
    ),
    refusal(
        "nothing sexual with my face, body or voice",
        "@ann records a voice memo for her grandma's birthday",
        False,
        "voice-memo",
        through="refused",
    ),
    refusal(
        "don't put my face or body in anything political",
        "@ann's body of work fills the gallery's main hall",
        False,
        "body-of-work",
    ),
    # The ban itself still holds.
    refusal("no sexual stuff with my face or body", "@ann poses topless for the camera", True, "topless-still-refused"),
    refusal("don't put my face or body in anything political", "@ann campaigns for a senator", True, "politics-still-refused"),
    refusal("no horror with my voice", "@ann is chased by a zombie horde", True, "horror-still-refused"),
    # Guards: what is shown of the body, or said about it, is a ban of its own.
    refusal("nothing with my body showing", "@ann shows off her body on the beach", True, "guard-body-showing"),
    refusal("no jokes about my body", "@bob makes jokes about @ann's body", True, "guard-jokes-about-my-body"),
]


@pytest.mark.parametrize(("restriction", "prompt", "expected"), CASES)
def test_a_likeness_named_by_its_body_or_voice_refuses_only_the_ban(restriction, prompt, expected):
    assert_refused(restriction, prompt, expected)
