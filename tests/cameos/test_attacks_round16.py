"""Attack round 16 on the rewritten restriction parser (cameos/restrictions.py: parse_restriction,
restriction_clauses, _parse_clause, _topic_items, _in_the_sense_of, the quote and say-word branches,
_restriction_emoji_as_words).

Attacked, with phrasings people type on a phone: allowances inside a ban ("no violence but guns are fine",
"it's fine to swear but no politics") that _ALLOWED drops whole; negated allowances and "a hard no" with a
free-text topic ("pranks aren't ok"); a reason and its rule in one clause ("I'm vegan so no meat"); scare quotes
("no "political" content") that turn a category into one literal word; a say-word clause that swallows a second
rule; _in_the_sense_of swallowing whole topics that a neighbour's definition merely mentions ("no violence or
animals"); emoji whose name names no category (🔫, 🔞, 🤬); reasons, allowances and exceptions read as
bans by the only-categories fallback ("As a Christian, no swearing", "ok with swearing, not ok with politics",
"no violence. Except boxing"); sign-offs and reasons kept as junk free-text topics ("sorry", "end of story",
"no exceptions"); and a typed placeholder ("quoted0") that raises.

Written with 40 cases in 7 tests; 37 got through when written (each case's `through(...)` says what and where),
3 guards held. 36 are fixed: clauses are also cut inside a piece at "but", "so", "except", "unless"... and at
"and no ..."; "X is not ok", "X is a hard no", "not ok with X" and "I hate X" are rule forms; "ok with X" and
"anything goes" are allowances; "except" after "everything is fine" is the ban, and after a ban it is not
modelled (the ban stands whole); a clause giving the owner's reason ("I'm Muslim", "as a Christian", "... reasons")
names nothing; a neighbour's sense needs the category's own word before it in the definition ("political
parties"); scare quotes around a category's word name it; a said phrase is words unless it names a kind of thing
to say ("bad words"); a few emoji are read by what they mean (🔫 guns); sign-offs "sorry", "end of story", "no
exceptions"; quotes are held by a private-use character. One stays xfail: a reason with no starter word.
"""

from __future__ import annotations

import pytest

from cameos.restrictions import parse_restriction


def through(reason: str) -> tuple:
    """What an attack that got through when the round was written got through by; fixed since, so no mark."""
    return ()


ALLOWED_ITEM = "'but/though ... is fine' stays inside one list item; _topic_items drops the item whole via _ALLOWED"
ALLOWED_CLAUSE = "no form matches a clause led by an allowance; _parse_clause returns nothing once _ALLOWED matches"
NEGATED_ALLOWANCE = "'X aren't ok' / 'X is a hard no' matches no _TOPIC_FORMS; the fallback keeps only categories"
REASON_SO = "'<reason> so no X' is one clause starting with a starter; no form matches; only categories kept"
SCARE_QUOTES = "a clause with a quote is read as literal words only (parse_restriction 'continue'); categories lost"
SENSE = "_in_the_sense_of swallows a whole topic because a neighbour's definition mentions the word"
EMOJI = "the emoji's CLDR name names no category, so _restriction_emoji_as_words drops it"
FALLBACK = "the only-categories fallback reads every category named in a reason or allowance clause"
SIGN_OFF = "a sign-off / reason piece not in _CLAUSE_STARTERS continues the list and becomes a free-text topic"


# --- 1. Under-enforcement: what the owner rules out must be read -----------------------------------------------


@pytest.mark.parametrize(
    ("restriction", "categories", "topics"),
    [
        pytest.param(
            "no violence but guns are fine", ("violence",), (), id="ban-but-allowance", marks=through(ALLOWED_ITEM)
        ),
        pytest.param(
            "no politics but memes are fine", ("politics",), (), id="ban-but-allowance-2", marks=through(ALLOWED_ITEM)
        ),
        pytest.param(
            "no pranks though stunts are fine", (), ("pranks",), id="ban-though-allowance", marks=through(ALLOWED_ITEM)
        ),
        pytest.param(
            "no pranks, stunts are fine but no dares",
            (),
            ("pranks", "dares"),
            id="ban-after-allowance",
            marks=through(ALLOWED_ITEM),
        ),
        pytest.param(
            "it's fine to swear but no politics", ("politics",), (), id="allowance-first", marks=through(ALLOWED_CLAUSE)
        ),
        pytest.param(
            "everything is fine except politics", ("politics",), (), id="fine-except", marks=through(ALLOWED_CLAUSE)
        ),
        pytest.param("pranks are not ok", (), ("pranks",), id="negated-allowance", marks=through(NEGATED_ALLOWANCE)),
        pytest.param("pranks are a hard no", (), ("pranks",), id="hard-no", marks=through(NEGATED_ALLOWANCE)),
        pytest.param("I'm vegan so no meat", (), ("meat",), id="reason-so-ban", marks=through(REASON_SO)),
        pytest.param(
            "I'm Muslim so no alcohol or pork",
            ("alcohol",),
            ("pork",),
            id="reason-so-ban-2",
            marks=through(REASON_SO + "; 'muslim' is read as religion too"),
        ),
        pytest.param(
            "no pranks unless they're harmless",
            (),
            ("pranks",),
            id="unless-harmless",
            marks=through(
                "form 1 takes 'pranks unless they're harmless' as one item; violence's \\bharm matches 'harmless', so the item is read as violence and pranks is lost"
            ),
        ),
        pytest.param(
            "no violence or animals",
            ("violence",),
            ("animals",),
            id="sense-animals",
            marks=through(SENSE + ' ("Hurting people or animals")'),
        ),
        pytest.param(
            "no gambling or sports",
            ("gambling",),
            ("sports",),
            id="sense-sports",
            marks=through(SENSE + ' ("sports betting")'),
        ),
        pytest.param(
            "no romance or my partner",
            ("romance", "sexual"),
            ("partner",),
            id="sense-partner",
            marks=through(SENSE + ' ("being someone\'s partner")'),
        ),
        pytest.param(
            "no 🔫 please", ("violence",), (), id="emoji-pistol", marks=through(EMOJI + ' (🔫 is now "water pistol")')
        ),
        pytest.param("no 🔞", ("sexual",), (), id="emoji-18", marks=through(EMOJI + ' ("no one under eighteen")')),
        pytest.param(
            "no 🤬", ("profanity",), (), id="emoji-cursing", marks=through(EMOJI + ' ("face with symbols on mouth")')
        ),
        # Guards that hold.
        pytest.param("alcohol is NOT fine", ("alcohol",), (), id="guard-not-fine"),
        pytest.param("no politics. weed isn't ok either", ("politics", "drugs"), (), id="guard-isnt-ok-either"),
    ],
)
def test_a_ban_the_owner_wrote_is_read(restriction: str, categories: tuple, topics: tuple) -> None:
    parsed = parse_restriction(restriction)
    assert (parsed.categories, parsed.topics) == (categories, topics)


@pytest.mark.parametrize(
    ("restriction", "category"),
    [
        pytest.param('no "political" content', "politics", id="scare-quotes-politics", marks=through(SCARE_QUOTES)),
        pytest.param('no "adult" content', "sexual", id="scare-quotes-adult", marks=through(SCARE_QUOTES)),
        pytest.param(
            'never say "hello, world" and no politics',
            "politics",
            id="say-word-swallows-rule",
            marks=through(
                "the say-word branch on a quote clause reads 'and no politics' as more words to say: word 'no politics'"
            ),
        ),
    ],
)
def test_a_quote_does_not_hide_a_category(restriction: str, category: str) -> None:
    parsed = parse_restriction(restriction)
    assert category in parsed.categories
    assert "no politics" not in parsed.words


@pytest.mark.parametrize(
    ("restriction", "word"),
    [
        pytest.param(
            "never say god damn",
            "god damn",
            id="say-two-words-with-category",
            marks=through(
                "_parse_clause: a say clause naming a category with a multi-word item returns the category only; literal 'god damn' lost"
            ),
        ),
        pytest.param(
            "never say my ex's name, Jake",
            "jake",
            id="say-name-after-category",
            marks=through(
                "_parse_clause: 'my ex' names romance and there are 2 items, so the say clause returns categories only; 'jake' lost"
            ),
        ),
    ],
)
def test_a_word_the_owner_bans_saying_is_kept(restriction: str, word: str) -> None:
    assert word in parse_restriction(restriction).words


# --- 2. Over-reading: what the owner allows, or gives as a reason, is not a ban ----------------------------------


@pytest.mark.parametrize(
    ("restriction", "categories", "topics"),
    [
        pytest.param(
            "ok with swearing, not ok with politics",
            ("politics",),
            (),
            id="ok-with-allowance",
            marks=through(FALLBACK + ' ("ok with" is no _ALLOWED form)'),
        ),
        pytest.param(
            "fine with alcohol but not drugs",
            ("drugs",),
            (),
            id="fine-with-allowance",
            marks=through(FALLBACK + ' ("fine with" is no _ALLOWED form)'),
        ),
        pytest.param("As a Christian, no swearing", ("profanity",), (), id="reason-faith", marks=through(FALLBACK)),
        pytest.param("I work in politics, no ads", ("brands",), (), id="reason-job", marks=through(FALLBACK)),
        pytest.param(
            "no pork, religious reasons",
            (),
            ("pork",),
            id="reason-after",
            marks=through(FALLBACK + ' ("religious reasons" continues the list)'),
        ),
        pytest.param(
            "I was in an abusive relationship so no violence",
            ("violence",),
            (),
            id="reason-relationship",
            marks=through(FALLBACK + ' ("relationship" is romance)'),
        ),
        pytest.param(
            "no drinking except at weddings",
            ("alcohol",),
            (),
            id="exception-read-as-ban",
            marks=through(
                "form 1 item 'drinking except at weddings' is checked whole by categories_named_by: 'weddings' adds romance"
            ),
        ),
        pytest.param(
            "no violence. Except boxing",
            ("violence",),
            (),
            id="exception-as-topic",
            marks=through(
                "'except' is not a starter: 'except boxing' continues the list as a free-text topic that refuses boxing"
            ),
        ),
        pytest.param(
            "no alcohol!!! not even a sip",
            ("alcohol",),
            (),
            id="manner-sip",
            marks=through("_MANNER has no 'not even a sip': topic 'sip' refuses sipping coffee"),
        ),
        # Guard that holds.
        pytest.param("I'm a nurse, no drugs", ("drugs",), (), id="guard-nurse"),
    ],
)
def test_an_allowance_or_reason_is_not_a_ban(restriction: str, categories: tuple, topics: tuple) -> None:
    parsed = parse_restriction(restriction)
    assert (parsed.categories, parsed.topics) == (categories, topics)


@pytest.mark.parametrize(
    ("restriction", "topics"),
    [
        pytest.param("no politics, sorry", (), id="sorry", marks=through(SIGN_OFF)),
        pytest.param("no politics, end of story", (), id="end-of-story", marks=through(SIGN_OFF)),
        pytest.param(
            "no politics or religion, no exceptions",
            (),
            id="no-exceptions",
            marks=through("'no exceptions' is a clause of its own and form 1 reads topic 'exceptions'"),
        ),
        pytest.param(
            "no pranks, kids watch my stuff",
            ("pranks",),
            # Got through when written: with no starter word it continued the list as the topic "kids watch".
            id="reason-kids-watch",
        ),
    ],
)
def test_a_sign_off_or_reason_is_no_free_text_topic(restriction: str, topics: tuple) -> None:
    assert parse_restriction(restriction).topics == topics


# Got through when written: _QUOTED read 'n' (drugs 'n' alcohol) as a quote, a junk word 'n', and the clause as words only.
def test_an_apostrophe_pair_is_no_quoted_word() -> None:
    parsed = parse_restriction("no drugs 'n' alcohol")
    assert (parsed.words, parsed.categories) == ((), ("drugs", "alcohol"))


# --- 3. Odd input ------------------------------------------------------------------------------------------------


# Got through when written: a typed 'quoted0' was taken for a placeholder, and quoted[0] raised IndexError.
@pytest.mark.parametrize("restriction", ["no quoted0"])
def test_text_that_looks_like_a_placeholder_does_not_raise(restriction: str) -> None:
    assert parse_restriction(restriction).enforceable
