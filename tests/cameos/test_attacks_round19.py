"""Attack round 19 on the restriction parser (cameos/restrictions.py), aimed at the rules added in rounds 17 and 18:
_BARE_NO answering the clause before, _SAID_NO / _SAID_OK / _CONTRAST, _ALLOWED searched inside list items,
_ALLOW_EVERYTHING + _exception_read + _INSTRUCTION, _EXCEPT_INSIDE, _SAID_OF_PEOPLE, _KEEP_IT_CLEAN, the yes/no
emoji, and the keep/leave form beside a sign-off. Restrictions are written as owners type them on a phone.

Attacked: a real ban lost (the owner's consent broken) when a question is answered by anything but "no"/"nope"/"nah"
("pranks? never", "absolutely not", "no way", "not here", "no thanks"); when the ban is said as a "pass", "not ok with
me", "I'd like no" or "I'd appreciate no"; when an allowance pattern matches a ban ("i like my videos alcohol-free",
"nothing that says vaping is cool", "don't make drugs look like they're ok"); when the "no" half of a pair is
phrased "ok with nudity? no" or marked with 👎; when "except:" takes a colon; when "anything but" is followed by a
verb the instruction list knows ("anything but make me cry"); when "whatever you do" leads a ban without a comma;
when a sign-off follows "keep X out" in the same breath. And junk added: refusals of everything but one thing ("I
won't do anything except comedy", "everything except religion is off limits") read as bans of that one thing; "yes"
halves read as bans ("drinking yes drugs no", "kissing? sure. nudity? no", "politics 👍 religion 👎", "nudity ❌
kissing ✅"); clauses ending in "do" / "not" / "is no" read by _CONTRAST and _SAID_NO as topics ("you", "have fun i",
"rather", "more", "answer is"); reasons with no starter word read as items ("they're divisive", "nobody needs",
"personal choice"); and "trying to stay clean" (sobriety) read as "keep it PG".

54 cases in 16 tests: 41 got through when written (each case's `through(...)` says what and where), 13 guards held.
All 41 are fixed: a bare answer ("never", "absolutely not", "no way", "no thanks", "rather not", "the answer is no")
bans the clause before it, and a bare yes ("sure") allows it, each closing that clause, and "ok with X? no" answers
X; "pass on X", "X is a hard pass", "not ok with me", "I'd like no", "I'd appreciate no" are rules; what a clause is
"free of" or "X-free" is ruled out; inside a ban, making X look good ("vaping is cool", "look like they're ok") is
X; 👎 is no; ✅ and ❌ answer what follows them on a line that starts with one or has them only mid-line, and what
comes before them on a line that ends with one; "except:" takes a colon; "anything but make me X" bans X; "whatever
you do" and "no matter what" lead a clause and name nothing; a ban's own sign-off ("keep politics out ok") is no
part of it, and a bare "X ok" never starts with keep/leave/avoid; a refusal of everything ("I won't do anything")
is no allowance of everything, and its exception is not modelled unless it says what to keep ("anything except
family friendly content"); "everything except X is off limits" bans nothing; a contrast ("Y does", "Y is not") is a
ban only after an allowance, and "anything more" after kissing is sexual content; "they're", "nobody" and "that's"
start clauses, and "personal choice" is a sign-off; "stay clean" (sobriety) is not "keep it clean".
"""

from __future__ import annotations

import pytest

from cameos.restrictions import parse_restriction


def through(reason: str) -> tuple:
    """What an attack that got through when the round was written got through by; fixed since, so no mark."""
    return ()


def _named(parsed, item: str) -> bool:
    """The item is banned: as a category, or as (part of) a free-text topic."""
    return item in parsed.categories or any(item in topic.split() or item == topic for topic in parsed.topics)


def _in_a_topic(parsed, word: str) -> bool:
    """The word is part of some free-text topic (a junk topic refuses every text near it)."""
    return any(word in topic.split() for topic in parsed.topics)


# --- 1. A question answered by something other than "no", "nope" or "nah" is still answered ----------------------


@pytest.mark.parametrize(
    ("restriction", "banned", "junk"),
    [
        pytest.param(
            "pranks? never",
            "pranks",
            None,
            id="pranks-never",
            marks=through(
                "_BARE_NO knows only no/nope/nah: 'never' stays a clause of its own that names nothing, and "
                "'pranks' alone goes to the only-categories fallback: pranks lost, not enforceable"
            ),
        ),
        pytest.param(
            "pranks? absolutely not",
            "pranks",
            None,
            id="pranks-absolutely-not",
            marks=through(
                "'absolutely' is no clause starter, so the piece continues the list as 'pranks, not', which no form "
                "reads and the fallback names no category: pranks lost, not enforceable"
            ),
        ),
        pytest.param(
            "pranks? no way",
            "pranks",
            "way",
            id="pranks-no-way",
            marks=through(
                "'no way' is no _BARE_NO: the no-form reads it as a ban of topic 'way', and 'pranks' alone goes to "
                "the fallback: pranks lost, junk topic 'way'"
            ),
        ),
        pytest.param(
            "pranks? not here",
            "pranks",
            "here",
            id="pranks-not-here",
            marks=through(
                "'not here' is read by the _NEG form as a ban of topic 'here' ('here' is an item tail only after "
                "a thing), and 'pranks' alone goes to the fallback: pranks lost, junk topic 'here'"
            ),
        ),
        pytest.param(
            "pranks, no thanks",
            "pranks",
            None,
            id="pranks-no-thanks",
            marks=through(
                "'no thanks' is a clause (starter 'no') whose only item 'thanks' is filler, and it does not answer "
                "the clause before as _BARE_NO does; 'pranks' alone goes to the fallback: pranks lost"
            ),
        ),
        pytest.param(
            "pranks? nah. politics? never",
            "pranks",
            None,
            id="nah-then-never",
            marks=through(
                "'nah' makes 'pranks = no', but the next piece 'politics' (no starter) continues it as "
                "'pranks = no, politics', which no form reads; the fallback finds politics only: pranks lost"
            ),
        ),
        pytest.param("pranks? nope", "pranks", None, id="guard-pranks-nope"),
    ],
)
def test_an_answer_to_a_question_is_a_ban(restriction: str, banned: str, junk: str | None) -> None:
    parsed = parse_restriction(restriction)
    assert _named(parsed, banned)
    if junk:
        assert junk not in parsed.topics


def test_guard_nah_then_never_keeps_politics() -> None:
    assert "politics" in parse_restriction("pranks? nah. politics? never").categories


# --- 2. Everyday ways of saying no that no form knows --------------------------------------------------------------

NO_FORM = (
    "no _TOPIC_FORMS knows '{how}', and the only-categories fallback reads a clause that names no category as "
    "nothing: pranks lost, not enforceable"
)


@pytest.mark.parametrize(
    "restriction",
    [
        pytest.param("hard pass on pranks", id="hard-pass-on", marks=through(NO_FORM.format(how="hard pass on X"))),
        pytest.param(
            "pranks are a hard pass",
            id="are-a-hard-pass",
            marks=through(NO_FORM.format(how="X are a hard pass ('a hard no' only)")),
        ),
        pytest.param(
            "pranks are not ok with me",
            id="not-ok-with-me",
            marks=through(
                "the 'X are not ok' form ends at 'ok' (then only 'either' / 'for me'), not 'with me'; _SAID_OK "
                "refuses the 'not'; the fallback names no category: pranks lost, not enforceable"
            ),
        ),
        pytest.param("i'd like no pranks", id="id-like-no", marks=through(NO_FORM.format(how="I'd like no X"))),
        pytest.param(
            "I'd appreciate no pranks", id="id-appreciate-no", marks=through(NO_FORM.format(how="I'd appreciate no X"))
        ),
        pytest.param("no thanks to pranks", id="guard-no-thanks-to"),
    ],
)
def test_other_ways_of_saying_no(restriction: str) -> None:
    assert _named(parse_restriction(restriction), "pranks")


# --- 3. An allowance pattern inside a ban does not make it an allowance --------------------------------------------

INSIDE = (
    "_topic_items drops any item that _ALLOWED.search matches, and '{what}' inside the item '{item}' does: "
    "{lost} lost, not enforceable"
)
I_LIKE = (
    "_ALLOWED ('^i like') reads the whole clause as an allowance; no form knows '{how}' and there is no 'no' to "
    "cut at: {lost} lost, not enforceable"
)


@pytest.mark.parametrize(
    ("restriction", "banned"),
    [
        pytest.param(
            "i like to keep my stuff free of swearing",
            "profanity",
            id="like-free-of",
            marks=through(I_LIKE.format(how="free of X", lost="profanity")),
        ),
        pytest.param(
            "I like my videos alcohol-free",
            "alcohol",
            id="like-x-free",
            marks=through(I_LIKE.format(how="X-free", lost="alcohol")),
        ),
        pytest.param(
            "nothing that says vaping is cool",
            "tobacco",
            id="says-vaping-is-cool",
            marks=through(INSIDE.format(what="is cool", item="that says vaping is cool", lost="tobacco")),
        ),
        pytest.param(
            "don't make it look like smoking is cool",
            "tobacco",
            id="look-like-smoking-is-cool",
            marks=through(INSIDE.format(what="is cool", item="it look like smoking is cool", lost="tobacco")),
        ),
        pytest.param(
            "don't make drugs look like they're ok",
            "drugs",
            id="look-like-theyre-ok",
            marks=through(INSIDE.format(what="'re ok", item="drugs look like they're ok", lost="drugs")),
        ),
        pytest.param("i like my privacy so no politics", "politics", id="guard-like-privacy-so-no"),
    ],
)
def test_an_allowance_pattern_inside_a_ban_keeps_the_ban(restriction: str, banned: str) -> None:
    assert banned in parse_restriction(restriction).categories


def test_guard_ok_with_anything_just_dont_make_me_cry() -> None:
    assert _named(parse_restriction("I'm ok with anything, just don't make me cry"), "cry")


# --- 4. Yes/no pairs: the yes half allowed, the no half banned ------------------------------------------------------


@pytest.mark.parametrize(
    ("restriction", "banned", "allowed"),
    [
        pytest.param(
            "ok with kissing? yes. ok with nudity? no",
            "sexual",
            "romance",
            id="ok-with-x-no",
            marks=through(
                "_BARE_NO turns the last clause into 'ok with nudity = no'; _SAID_NO reads x='ok with nudity', and "
                "_topic_items drops it because _ALLOWED ('^ok with') matches it: sexual lost, not enforceable"
            ),
        ),
        pytest.param(
            "drinking yes drugs no",
            "drugs",
            "alcohol",
            id="x-yes-y-no-one-breath",
            marks=through(
                "no comma: _SAID_NO reads the whole clause with x='drinking yes drugs', one item that names alcohol "
                "as well as drugs: alcohol refused"
            ),
        ),
        pytest.param(
            "kissing? sure. nudity? no",
            "sexual",
            "romance",
            id="sure-then-no",
            marks=through(
                "'sure' is no starter, no _SAID_OK word and no allowance, so it continues the list: the clause "
                "'kissing, sure, nudity = no' bans romance and the junk topic 'sure'"
            ),
        ),
        pytest.param(
            "politics 👍 religion 👎",
            "religion",
            "politics",
            id="thumbs-up-thumbs-down",
            marks=through(
                "👎 is no _NO_EMOJI and is dropped; 👍 becomes 'yes': the one clause 'politics yes religion' goes "
                "to the only-categories fallback, which reads both: politics refused"
            ),
        ),
        pytest.param(
            "nudity ❌ kissing ✅",
            "sexual",
            "romance",
            id="no-emoji-after-then-yes-emoji-after",
            marks=through(
                "'nudity no kissing yes' is one clause (_reason_then_ban cuts at 'no' only after a ban, reason or "
                "allowance start), which the fallback reads whole: romance refused"
            ),
        ),
        pytest.param("✅ kissing ❌ nudity", "sexual", "romance", id="guard-yes-emoji-before"),
    ],
)
def test_the_yes_half_is_allowed_and_the_no_half_banned(restriction: str, banned: str, allowed: str) -> None:
    parsed = parse_restriction(restriction)
    assert banned in parsed.categories
    assert allowed not in parsed.categories
    assert "sure" not in parsed.topics


@pytest.mark.parametrize(
    "restriction",
    [
        pytest.param(
            "pranks 👎",
            id="thumbs-down-after",
            marks=through(
                "👎 is no _NO_EMOJI and is dropped like any emoji; 'pranks' alone goes to the only-categories "
                "fallback: pranks lost, not enforceable"
            ),
        ),
        pytest.param("pranks ❌", id="guard-cross-after"),
    ],
)
def test_a_thumbs_down_is_a_no(restriction: str) -> None:
    assert _named(parse_restriction(restriction), "pranks")


# --- 5. "anything except X": an allowance of everything, not a refusal of everything ------------------------------

REFUSAL = (
    "_ALLOW_EVERYTHING matches any clause with '{any}' that does not start with a negation word, so the refusal "
    "'{clause}' counts as an allowance of everything and _exception_read reads the one thing allowed as "
    "'no {thing}': {what}"
)


@pytest.mark.parametrize(
    ("restriction", "not_banned"),
    [
        pytest.param(
            "I won't do anything except comedy",
            "comedy",
            id="wont-do-anything-except",
            marks=through(
                REFUSAL.format(
                    any="anything", clause="i won't do anything", thing="comedy", what="topic 'comedy' refused"
                )
            ),
        ),
        pytest.param(
            "I won't appear in anything but comedy",
            "comedy",
            id="wont-appear-in-anything-but",
            marks=through(
                REFUSAL.format(
                    any="anything",
                    clause="i won't appear in anything",
                    thing="comedy",
                    what="'but' made 'except' by _BUT_AFTER_ALLOWANCE; topic 'comedy' refused",
                )
            ),
        ),
        pytest.param(
            "everything except religion is off limits",
            "religion",
            id="everything-except-x-is-off-limits",
            marks=through(
                "_CLAUSE_PIECES/_INLINE_CLAUSE cut at 'except': 'everything' is an allowance of everything and "
                "'except religion is off limits' becomes 'no religion is off limits': the one thing the owner "
                "allows, religion, is refused"
            ),
        ),
    ],
)
def test_only_x_does_not_ban_x(restriction: str, not_banned: str) -> None:
    parsed = parse_restriction(restriction)
    assert not_banned not in parsed.categories
    assert not _in_a_topic(parsed, not_banned)


# Got through when written: _ALLOW_EVERYTHING reads "i don't want anything" as an allowance of everything;
# _exception_read makes 'no family friendly content': topic 'family friendly' refused, the PG categories not read
def test_only_family_friendly_is_keep_it_family_friendly() -> None:
    """Through today: REFUSAL on "i don't want anything" makes "no family friendly content", topic 'family friendly'
    (refusing every family-friendly text) and none of the categories family friendly rules out."""
    parsed = parse_restriction("I don't want anything except family friendly content")
    assert not _in_a_topic(parsed, "family")
    assert "sexual" in parsed.categories


@pytest.mark.parametrize(
    "restriction",
    [
        pytest.param(
            "I'm open to anything except: politics, religion",
            id="except-colon",
            marks=through(
                "_EXCEPT_INSIDE needs a space after 'except', so the colon keeps the clause whole, and _REASON "
                '("^i\'m") reads it as a reason: politics and religion lost, not enforceable'
            ),
        ),
        pytest.param("do whatever you want except politics, religion", id="guard-whatever-except"),
    ],
)
def test_anything_except_colon_bans_the_list(restriction: str) -> None:
    parsed = parse_restriction(restriction)
    assert {"politics", "religion"} <= set(parsed.categories)


# --- 6. "anything but" + a verb the instruction list knows is still an exception ------------------------------------

INSTRUCTION = (
    "_INSTRUCTION ('make') keeps '{rest}' as it is instead of 'no {rest}'; no form reads it and the only-categories "
    "fallback finds no category: {thing} lost, not enforceable"
)


@pytest.mark.parametrize(
    ("restriction", "banned"),
    [
        pytest.param(
            "anything but make me cry",
            "cry",
            id="anything-but-make-me-cry",
            marks=through(INSTRUCTION.format(rest="make me cry", thing="crying")),
        ),
        pytest.param(
            "anything but make me look dumb",
            "dumb",
            id="anything-but-make-me-look-dumb",
            marks=through(INSTRUCTION.format(rest="make me look dumb", thing="looking dumb")),
        ),
        pytest.param("anything but make me drink", "alcohol", id="guard-anything-but-make-me-drink"),
    ],
)
def test_anything_but_make_me_x_bans_x(restriction: str, banned: str) -> None:
    assert _named(parse_restriction(restriction), banned)


# --- 7. "whatever you do" and "like I do" are no contrasts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("restriction", "banned", "junk"),
    [
        pytest.param(
            "whatever you do, no nudity",
            "sexual",
            "you",
            id="whatever-you-do-comma",
            marks=through(
                "_CONTRAST reads the clause 'whatever you do' as 'X does' (a ban after an allowance): junk topic "
                "'you', refusing every text with 'you' in it"
            ),
        ),
        pytest.param(
            "whatever you do dont show my kids",
            "kids",
            None,
            id="whatever-you-do-no-comma",
            marks=through(
                "one clause that no form reads (it starts with 'whatever') and _reason_then_ban does not cut before "
                '"dont" (only after a reason, allowance or ban); the fallback names no category: kids lost'
            ),
        ),
        pytest.param(
            "have fun with it like i do",
            None,
            "fun",
            id="like-i-do",
            marks=through("_CONTRAST reads the sign-off as 'X does': junk topic 'have fun i'"),
        ),
        pytest.param("pranks are fine, dares are not", "dares", "pranks", id="guard-dares-are-not"),
    ],
)
def test_do_at_the_end_is_no_contrast(restriction: str, banned: str | None, junk: str) -> None:
    parsed = parse_restriction(restriction)
    if banned:
        assert _named(parsed, banned)
    assert not _in_a_topic(parsed, junk)


# --- 8. Reasons and replies with no starter word are no topics -----------------------------------------------------

JUNK_ITEM = (
    "'{first}' is no clause starter and no _SAID_OF_PEOPLE subject, so the reason continues the list: topic '{topic}'"
)


@pytest.mark.parametrize(
    ("restriction", "banned", "junk"),
    [
        pytest.param(
            "no politics, they're too divisive",
            "politics",
            "divisive",
            id="theyre-too-divisive",
            marks=through(
                "_SAID_OF_PEOPLE needs 'they' then a space, so \"they're too divisive\" continues the list: topic "
                '"they\'re divisive"'
            ),
        ),
        pytest.param(
            "no drugs, nobody needs that",
            "drugs",
            "nobody",
            id="nobody-needs-that",
            marks=through(JUNK_ITEM.format(first="nobody", topic="nobody needs")),
        ),
        pytest.param(
            "no religion, personal choice",
            "religion",
            "choice",
            id="personal-choice",
            marks=through(JUNK_ITEM.format(first="personal", topic="personal choice")),
        ),
        pytest.param(
            "politics? the answer is no",
            "politics",
            "answer",
            id="the-answer-is-no",
            marks=through("_SAID_NO reads 'the answer is no' as 'X no' with x='the answer is': topic 'answer is'"),
        ),
        pytest.param(
            "kissing? rather not",
            "romance",
            "rather",
            id="rather-not",
            marks=through("_CONTRAST reads 'rather not' as 'X not' with x='rather': topic 'rather'"),
        ),
        pytest.param(
            "kissing is fine, anything more is not",
            None,
            "more",
            id="anything-more-is-not",
            marks=through(
                "_CONTRAST reads 'anything more is not' with x='anything more'; 'anything' is filler: topic 'more', "
                "refusing every text with 'more' in it"
            ),
        ),
        pytest.param("no dares, people get hurt", "dares", "hurt", id="guard-people-get-hurt"),
    ],
)
def test_a_reason_or_reply_is_no_topic(restriction: str, banned: str | None, junk: str) -> None:
    parsed = parse_restriction(restriction)
    if banned:
        assert _named(parsed, banned)
    assert not _in_a_topic(parsed, junk)


# --- 9. Staying clean (sober) is not keeping it PG ---------------------------------------------------------------


# Got through when written: _KEEP_IT_CLEAN ('stay ... clean') reads sobriety as 'keep it PG', and alcohol is not one
# of the PG categories that would make it a restatement: sexual, violence and profanity refused
def test_staying_clean_in_recovery_is_not_keep_it_pg() -> None:
    parsed = parse_restriction("I'm in recovery and trying to stay clean, no alcohol")
    assert "alcohol" in parsed.categories
    assert "sexual" not in parsed.categories
    assert "profanity" not in parsed.categories
    assert "violence" not in parsed.categories


def test_guard_whatever_you_make_keep_it_clean_is_pg() -> None:
    parsed = parse_restriction("whatever you make, keep it clean")
    assert {"sexual", "violence", "drugs", "profanity"} <= set(parsed.categories)


# --- 10. "keep X out" with a sign-off in the same breath ------------------------------------------------------------


@pytest.mark.parametrize(
    ("restriction", "banned"),
    [
        pytest.param(
            "keep politics out ok",
            "politics",
            id="keep-out-ok",
            marks=through(
                "the keep/leave form must end at 'out'; with 'ok' after it no form matches and _SAID_OK (no negation "
                "word in the clause) reads the whole ban as an allowance: politics lost, not enforceable"
            ),
        ),
        pytest.param(
            "leave my kids out of it thanks",
            "kids",
            id="leave-out-of-it-thanks",
            marks=through(
                "the keep/leave form must end at 'out of it'; 'thanks' after it (an item tail only inside an item) "
                "leaves the clause to the only-categories fallback: kids lost, not enforceable"
            ),
        ),
        pytest.param("leave religion out of it thanks", "religion", id="guard-leave-religion-out-thanks"),
    ],
)
def test_keep_out_with_a_sign_off_keeps_the_ban(restriction: str, banned: str) -> None:
    assert _named(parse_restriction(restriction), banned)
