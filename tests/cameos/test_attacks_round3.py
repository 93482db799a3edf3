"""Round 3 of attacks on owners' restrictions: READING tricks, not wording the classifier misjudges.

Each test is one attack, written as the product rule it must not break, and asserts the safe outcome (the text is
refused). An attack that gets through is kept, marked ``xfail(strict=True)`` with what got through and why, so the
gap stays recorded. The restriction classifier and the sentence model are real, never mocked; no database is used.
"""

import pytest

from cameos.restrictions import find_restriction_conflicts, parse_restriction
from generation.services import MAX_PROMPT_CHARS
from sora_social.content_policy.normalize import emoji_as_words, text_skeleton
from sora_social.content_policy.screening import ScreeningRule, screen_prompt
from sora_social.text_embedding import MAX_TEXT_CHARS

NO_SMOKING = ["no smoking"]
NO_POLITICS = ["no political content"]
NO_ROMANCE = ["no kissing or romance"]

# A run-on clause: no punctuation and no "and then", so prompt_clauses reads it as one piece (and in 48-word windows).
RIVER = ("@ann walks slowly along the quiet river with her old dog and looks at the ducks and the reeds and the little boats " * 6).split()


def refused(restrictions: list[str], text: str) -> bool:
    return bool(find_restriction_conflicts(restrictions, text))


def run_on_with(inserted: str) -> str:
    middle = len(RIVER) // 2
    return " ".join([*RIVER[:middle], *inserted.split(), *RIVER[middle:]])


def padded_to_limit(unit: str, tail: str) -> str:
    text = (unit * 400)[: MAX_PROMPT_CHARS - len(tail)] + tail
    assert len(text) <= MAX_PROMPT_CHARS
    return text


# ---- controls: the plain forms of what the attacks hide are refused ---------------------------------------------


@pytest.mark.parametrize(
    ("restrictions", "text"),
    [
        (NO_SMOKING, "@ann on the balcony smoking"),
        (NO_SMOKING, "@ann walks on the beach and lights up a smoke"),
        (NO_ROMANCE, "@ann and @bob at the game on the kiss cam"),
        (NO_ROMANCE, "@ann kisses @bob on the lips"),
        (NO_ROMANCE, "@ann walks on the beach 😘💏"),
    ],
)
def test_the_plain_forms_of_the_hidden_things_are_refused(restrictions, text):
    assert refused(restrictions, text)


# ---- attacks that are refused -----------------------------------------------------------------------------------


def test_a_camel_case_hashtag_does_not_hide_a_campaign_slogan():
    assert refused(NO_POLITICS, "#VoteDan")
    assert refused(NO_POLITICS, "@ann holds a sign: VoteForDan2024")


def test_snake_case_does_not_hide_a_forbidden_word():
    assert refused(NO_SMOKING, "@ann lighting_a_cigarette on the balcony")
    assert refused(NO_POLITICS, "@ann holds a sign: vote_for_dan")


def test_a_hashtag_does_not_hide_a_forbidden_word():
    assert refused(NO_SMOKING, "@ann on the balcony, watching the cars, #smoking")
    assert refused(NO_SMOKING, "#SmokeBreakVibes on the balcony")


def test_letters_spaced_out_one_by_one_are_read_as_the_word():
    assert refused(NO_SMOKING, "@ann on the balcony s m o k i n g")
    assert refused(NO_SMOKING, "@ann on the balcony, S.M.O.K.I.N.G.")
    assert refused(NO_POLITICS, "@ann holds a sign that says V O T E  D A N")


def test_full_width_letters_and_soft_hyphens_do_not_hide_a_word():
    assert refused(NO_SMOKING, "@ann on the balcony ｓｍｏｋｉｎｇ")
    assert refused(NO_SMOKING, "@ann on the balcony s\u00admok\u00ading")


def test_strikethrough_combining_marks_do_not_hide_a_word():
    assert refused(NO_SMOKING, "@ann on the balcony c̶i̶g̶a̶r̶e̶t̶t̶e̶")


def test_markup_inside_a_word_does_not_hide_it():
    assert refused(NO_SMOKING, "@ann on the balcony with a smo**king** habit")
    assert refused(NO_SMOKING, "@ann on the balcony <b>ciga</b>rette")
    assert refused(NO_SMOKING, "@ann on the balcony with a ciga-\nrette")


def test_a_one_word_clause_after_dashes_brackets_bars_or_blank_lines_is_read():
    for text in (
        "@ann on the balcony,\n\nsmoking",
        "@ann on the balcony — smoking — watching the cars",
        "@ann on the balcony (smoking) watching the cars",
        "@ann on the balcony | smoking | watching the cars",
    ):
        assert refused(NO_SMOKING, text), text


def test_quotes_in_other_scripts_do_not_hide_a_dialogue_line():
    tail = " and they walk to the garden to look at the flowers together in the sun with the kids"
    assert refused(NO_SMOKING, "@ann waves at @bob «let's go have a smoke»" + tail)
    assert refused(NO_SMOKING, "@ann waves at @bob 「let's go have a smoke」" + tail)


def test_an_emoji_with_a_skin_tone_or_a_zwj_kiss_is_read_by_its_name():
    assert refused(NO_SMOKING, "@ann on the balcony, 🚬🏿")
    assert refused(NO_ROMANCE, "@ann and @bob 💏🏽 on the beach")


def test_a_cigarette_emoji_at_the_end_of_a_full_length_prompt_is_refused():
    text = padded_to_limit("@ann walks in the park 🌳. ", " 🚬")
    assert refused(NO_SMOKING, text)


def test_a_lexicon_word_in_a_long_run_on_clause_is_refused():
    assert refused(NO_SMOKING, run_on_with("and she lights a cigarette and"))


def test_the_romance_rule_also_rules_out_sexual_content_for_its_usual_phrasings():
    for restriction in ("no kissing", "no dating", "no dates", "no making out", "no smooching", "nothing romantic",
                        "don't make me kiss anyone", "no kissing scenes"):
        assert "sexual" in parse_restriction(restriction).categories, restriction
    assert refused(["no kissing"], "@ann undresses @bob in a nude bedroom scene")
    assert refused(["no dating"], "@ann undresses @bob in a nude bedroom scene")


# ---- attacks that get through ------------------------------------------------------------------------------------


def test_repeated_letters_do_not_hide_a_forbidden_word():
    assert refused(NO_SMOKING, "@ann on the balcony smoooookiiiing")


def test_letters_spaced_with_two_spaces_are_read_as_the_word():
    assert refused(NO_SMOKING, "@ann on the balcony c  i  g  a  r  e  t  t  e")


def test_letters_separated_by_commas_or_slashes_are_read_as_the_word():
    assert refused(NO_SMOKING, "@ann on the balcony c,i,g,a,r,e,t,t,e") and refused(
        NO_SMOKING, "@ann on the balcony c/i/g/a/r/e/t/t/e"
    )


def test_a_word_written_one_letter_a_line_is_read_as_the_word():
    assert refused(NO_SMOKING, "@ann on the balcony\nc\ni\ng\na\nr\ne\nt\nt\ne")


@pytest.mark.xfail(strict=True, reason="Letters interleaved with an emoji ('c🔥i🔥g🔥…') are read neither joined by the skeleton nor by the emoji reading ('c fire i fire g').")
def test_letters_interleaved_with_emoji_are_read_as_the_word():
    assert refused(NO_SMOKING, "@ann on the balcony c🔥i🔥g🔥a🔥r🔥e🔥t🔥t🔥e")


def test_squared_letter_symbols_are_read_as_the_word():
    assert refused(NO_SMOKING, "@ann on the balcony 🅲🅸🅶🅰🆁🅴🆃🆃🅴")


def test_regional_indicator_letters_are_read_as_the_word():
    assert refused(NO_SMOKING, "@ann on the balcony 🇨 🇮 🇬 🇦 🇷 🇪 🇹 🇹 🇪")


def test_a_slashed_o_does_not_hide_a_forbidden_word():
    assert refused(NO_SMOKING, "@ann smøking on the balcony")


@pytest.mark.xfail(strict=True, reason="A camelCase hashtag '#KissCam' is one unknown token to the classifier, while 'kiss cam' spelled apart is refused.")
def test_a_camel_case_hashtag_does_not_hide_romance():
    assert refused(NO_ROMANCE, "@ann and @bob at the game #KissCam")


def test_kiss_emoji_at_the_end_of_a_full_length_prompt_are_read():
    text = padded_to_limit("@ann walks on the beach. ", " 😘💏")
    assert len(emoji_as_words(text)) > MAX_TEXT_CHARS  # the reading the emoji are named in is cut
    assert refused(NO_ROMANCE, text)


def test_homoglyphs_at_the_end_of_a_full_length_prompt_with_ellipses_are_read():
    tail = " and then @ann lights up a \u0455m\u043ek\u0435 on the balcony"  # Cyrillic ѕ, о, е
    text = padded_to_limit("@ann walks in the park… ", tail)
    assert len(text_skeleton(text)) > MAX_TEXT_CHARS
    assert refused(NO_SMOKING, text)


@pytest.mark.xfail(strict=True, reason="Joined by 'and' in a 120-word run-on clause, 'she is smoking' is diluted by the 47 other words of every 48-word window.")
def test_smoking_in_the_middle_of_a_long_run_on_clause_is_read():
    assert refused(NO_SMOKING, run_on_with("and she is smoking and"))


@pytest.mark.xfail(strict=True, reason="Joined by 'and' in a run-on clause, 'she kisses @bob on the lips' is diluted by the rest of its 48-word window.")
def test_a_kiss_in_the_middle_of_a_long_run_on_clause_is_read():
    assert refused(NO_ROMANCE, run_on_with("and she kisses @bob on the lips and"))


def test_no_love_scenes_rules_out_sexual_content():
    assert refused(["no love scenes"], "@ann and @bob have sex in a motel room")


def test_no_love_scenes_rules_out_kissing():
    assert refused(["no love scenes"], "@ann and @bob kiss passionately on the beach")


def test_no_snogging_rules_out_kissing_and_sexual_content():
    assert refused(["no snogging"], "@ann and @bob kiss passionately on the beach")
    assert refused(["no snogging"], "@ann and @bob have sex in a motel room")


def test_no_pda_rules_out_kissing():
    assert refused(["no PDA"], "@ann and @bob kiss passionately on the beach")


def test_no_hookups_rules_out_sexual_content():
    assert refused(["no hookups"], "@ann and @bob have sex in a motel room")


def test_a_moderators_term_rule_reads_letters_spaced_with_two_spaces():
    rule = ScreeningRule(code="tobacco", kind="term", value="cigarette")
    assert not screen_prompt("@ann on the balcony c  i  g  a  r  e  t  t  e", rules=[rule]).allowed


def test_a_moderators_term_rule_reads_emoji_with_a_skin_tone_by_name():
    rule = ScreeningRule(code="tobacco", kind="term", value="cigarette")
    assert not screen_prompt("@ann on the balcony 🚬🏿", rules=[rule]).allowed


# ---- ordinary texts that must not be refused ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("restrictions", "text"),
    [
        (NO_SMOKING, "@ann bakes sourdough bread in a sunny kitchen"),
        (NO_SMOKING, "@ann walks in the park 🌳 with her dog 🐕"),
        (NO_SMOKING, "@ann on the balcony, watering the plants, #gardening"),
        (NO_POLITICS, "@ann plays chess in the park, then buys an ice cream"),
        (NO_ROMANCE, "@ann and her team high-five after scoring a goal"),
        (NO_ROMANCE, " ".join(RIVER)),
    ],
)
def test_ordinary_texts_are_not_refused(restrictions, text):
    assert not refused(restrictions, text)
