"""Cameo owners' restrictions ("no political content", "never say the word banana") checked against every text
that goes with their likeness: a prompt and its dialogue, a caption, a remix's prompt, a comment.

A restriction is free text. ``parse_restriction`` reads what it bans:

- *words*: "never say (the word) X", "don't use the word X", or anything in quoted. These match as words
  only (case-insensitive, on word boundaries, plurals and -ing/-ed forms included).
- *categories*: a topic ("no X", "nothing X", "don't show me X", "avoid X", "keep X out of it", "X is off
  limits", or just "X") that names one of the written categories (politics, alcohol, drugs, tobacco,
  violence, sexual, romance, brands, religion, gambling, profanity, horror: ``restriction_categories.toml``,
  with each one's definition). A text breaks a category by one of its lexicon's unambiguous words
  ("ballot", "tequila"), unless the word is inside one of the category's other senses ("drunk on sunshine"),
  or when the trained classifier (``restriction_classifier``) reads the text, or one of its clauses or
  dialogue lines, as in the category.
- *free-text topics*: any other topic ("never show me crying"). It matches by word (the topic itself) and
  by meaning: the topic and the topic in a frame ("a video about X") are embedded with the local sentence
  model and compared with the text and each of its clauses (``text_embedding.closeness``: the mean of a
  clause's two best cosine similarities). A score at or above ``SEMANTIC_THRESHOLD`` is a conflict.

A restriction is read clause by clause (``restriction_clauses``): "no drugs, alcohol or smoking" is one list,
"no ads, I'm not a walking billboard" a rule and a reason. Reasons, allowances ("alcohol is fine"), manners
("not even as a joke") and sign-offs ("for real") name nothing, so they never become free-text topics that refuse
texts near their words. A restriction that says what to keep ("keep it family friendly") is read as the categories
it rules out. One that cannot be read at all is reported by ``parse_restriction`` as not enforceable, so the app can
tell its owner it is not enforced automatically.

Every text is also read as its screening skeleton (look-alike letters, digit swaps and invisible characters
undone), by keyword and, when the skeleton differs from the text beyond case, by meaning.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from cameos.restriction_classifier import (
    categories_named_by,
    category_classifier,
    category_scores,
    restriction_categories,
)
from cameos.restriction_spelling import look_alike_words, mend_topic, mend_typos, unglue_words
from sora_social import text_embedding
from sora_social.accounts.validators import handle_skeleton
from sora_social.content_policy.normalize import emoji_as_words, hashtags_as_words, text_skeleton
from sora_social.content_policy.screening import term_regex

# For free-text topics only (categories have their trained classifier). Calibrated, before the categories
# existed, on the pairs in tests/cameos/test_restrictions.py. Every labelled pair is right from 0.36
# to 0.42. Over the 384 pairs that no keyword decides (labelled, paraphrases, and an everyday-prompt x
# topic grid), 0.385-0.40 had the fewest errors: 3 misses and 1 false conflict.
SEMANTIC_THRESHOLD = 0.39

Match = Literal["keyword", "semantic"]


@dataclass(frozen=True)
class RestrictionConflict:
    """A prompt that breaks one of a cameo's restrictions."""

    restriction: str
    index: int  # Position of the restriction in the list given.
    how: Match  # "keyword" (a banned word appears) or "semantic" (the prompt is about the topic).
    score: float  # 1.0 for a keyword; for a semantic match, the closeness of the prompt to the topic.
    matched: str  # The word found, or the prompt clause closest to the topic.


@dataclass(frozen=True)
class ParsedRestriction:
    """What a restriction bans: words to match literally, categories (restriction_categories.toml) read by the
    trained classifier, and free-text topics matched by word and by closeness of meaning."""

    text: str
    words: tuple[str, ...]
    categories: tuple[str, ...]
    topics: tuple[str, ...]
    # Things named in words that spell a category ("fruit punch" spells violence, "seaweed snacks" drugs), refused
    # where their names are written, beside the category: read by meaning, the thing is what was read as the category.
    things: tuple[str, ...] = ()

    @property
    def enforceable(self) -> bool:
        """Whether anything in the restriction could be understood."""
        return bool(self.words or self.categories or self.topics or self.things)


_QUOTED = re.compile(r"[\"“”‘’]([^\"“”‘’]+)[\"“”‘’]|(?<!\w)'([^']+)'(?!\w)")
_NEG = r"(?:never|don'?t|dont|do\s+not|doesn'?t|does\s+not|not|no\s+one\s+should|nobody\s+should|please\s+don'?t)"
_SAY_WORD = re.compile(
    rf"^(?:{_NEG}\s+)?(?:ever\s+)?(?:make\s+me\s+|let\s+me\s+|have\s+me\s+)?"
    r"(?:say|says|saying|use|utter|write|spell|sing|speak|swear)\s+"
    r"(?:the\s+|any\s+|these\s+|those\s+|the\s+following\s+|any\s+of\s+these\s+)?(?:words?|phrases?|terms?|names?)"
    r"(?:\s+like)?\s*:?\s+(?P<x>.+)$"
    rf"|^(?:i\s+)?{_NEG}\s+(?:ever\s+)?(?:(?:want|wanna)\s+(?:to\s+)?)?(?:make\s+me\s+|let\s+me\s+|have\s+me\s+)?"
    r"(?:say|says|saying|utter|uttering|speak|speaking)\s+(?P<y>.+)$"
    # "no saying banana" ("no speaking roles" is a topic).
    r"|^no\s+(?:saying|uttering)\s+(?P<u>.+)$"
    # "the word banana is banned", "banned words: banana, moist".
    r"|^(?:the\s+)?(?:words?|phrases?|terms?)\s+(?P<z>.+?)\s+(?:is|are)\s+(?:banned|forbidden|off[\s-]+limits|not\s+allowed)$"
    r"|^(?:banned|forbidden|no)\s+(?:words?|phrases?|terms?)\s*:\s*(?P<v>.+)$"
)
# "Say bad words", "say anything political", "say the n word": a kind of thing to say, not the words themselves.
_SAID_IN_GENERAL = re.compile(
    r"\b(?:words?|language|stuff|things|anything|something|slurs?|terms|phrases|profanity|swears?|swearing|"
    r"cuss(?:ing|es)?|curses|cursing|insults?)\b"
)
# The head of a list of what is not wanted: "Things I don't want:", "Hard nos:", "Please avoid:".
_HEADER = re.compile(
    r"\b(?:don'?t|dont|do\s+not|won'?t|never|not\s+(?:ok|okay|fine|allowed)|no[\s-]?go|nos|no's|avoid|off[\s-]+limits|banned|forbidden|"
    r"dealbreakers?|limits|restrictions|restricted|rules"
    # "Hard no:", "Nope:", "Pass on:" head bans too: a title list under one is no bio (attack round 46).
    r"|(?:hard|big|absolute|firm)\s+(?:no|nos|pass|passes)|nope|pass\s+on|refuse)\b.*:$"
)
_BARE_NO = re.compile(
    r"^(?:(?:hell|heck|oh|absolutely|definitely|god|lord|fuck|f\*+k|big|hard)\s+)?(?:no|nope|nah|never|not)$"
    r"|^(?:absolutely|definitely|certainly)\s+not$|^no\s+(?:way|thanks|thank\s+you|chance)$|^not\s+(?:a\s+chance|here|"
    r"for\s+me|really|ok|okay|ever)$|^(?:rather|prefer)\s+not$|^(?:hard\s+)?pass$|^(?:the\s+)?answer\s+is\s+no$"
    r"|^that'?s\s+a\s+(?:hard\s+|big\s+)?no$"
)
# Words of a hesitation after a yes ("wait", "actually"): they say nothing yet, and a no after them takes the yes back.
_HESITATING = r"wait|actually|hmm+|umm*|oh|no\s+wait|on\s+second\s+thought|second\s+thought|hold\s+on"
_HESITATION = re.compile(rf"^(?:{_HESITATING})$")
# A yes taken back in the next breath: "wait no", "actually, no", "on second thought no", "jk no", "scratch that",
# "just not in my videos".
_ANSWER_TAKEN_BACK = re.compile(
    rf"^(?:(?:{_HESITATING}|lol)\W*\s*)*"
    r"(?:(?:no|nope|nah)\W*\s*)*(?:no|nope|nah|never|not\s+ok|not\s+okay|not\s+really)$"
    r"|^(?:please\s+|pls\s+)?(?:don'?t|dont|do\s+not)(?:\s+(?:please|pls|do\s+it|include(?:\s+it)?|show(?:\s+it)?))?$"
    r"|^(?:avoid\s+at\s+all\s+costs|when\s+pigs\s+fly|over\s+my\s+dead\s+body|absolutely\s+not|hell\s+no|psyche?|"
    r"(?:nope\s+|no\s+)?not\s+happening|still\s+(?:no|nope|a\s+no)|said\s+no\s+one\s+ever)$"
    r"|^(?:(?:wait|actually|hmm+|lol)\W*\s*)*(?:(?:jk)+|j/k|just\s+kidding|kidding|nvm|never\s*mind|scratch\s+that|no\s+wait|"
    r"changed\s+my\s+mind|on\s+second\s+thought)(?:\W*\s*(?:no|nope|nah|never))?$"
    r"|^(?:but\s+)?(?:just\s+)?not\s+(?:(?:in|on|for|with)\s+(?:my|me|mine)\b.*|(?:(?:on|in\s+front\s+of)\s+(?:the\s+)?"
    r"(?:camera|cam|video|screen|film)|in\s+(?:the\s+|any\s+)?(?:videos?|clips?|vids?)(?:\s+of\s+me)?)"
    r"(?:\s+(?:though|tho|pls|please|thx|thanks|lol))?)$"
    # ...or said in sarcasm ("sure... in your dreams"), or a yes to the question whether it is restricted, then
    # spelled out: "Nudity? Yes. Obviously banned.", "Drugs? Yes. Please avoid."
    r"|^(?:in\s+your\s+dreams|as\s+if|yeah\s+right)$"
    r"|^(?:(?:obviously|definitely|absolutely|totally|strictly|please|so|just)\s+)*(?:banned|ban\s+it|not\s+allowed|"
    r"forbidden|off[\s-]limits|avoid(?:\s+(?:it|that|them))?|blocked|prohibited|a\s+no[\s-]go|no[\s-]go)"
    r"(?:\s+(?:obviously|definitely|tho|though|pls|please|lol))?$"
)
# "kissing? sure", "ok with kissing? yes": a bare yes answers the clause before it too.
_BARE_YES = re.compile(
    # ("hell yes", "absolutely yeah": an emphatic yes is a yes)
    r"^(?:(?:hell|heck|oh|absolutely|definitely)\s+)?(?:yes|yep|yeah|yup)$|"
    r"^(?:yes|yep|yeah|yup|sure|of\s+course|totally|fine|ok|okay|go\s+for\s+it|np|no\s+problem|all\s+(?:you|u)\s+want|"
    r"all\s+(?:fine|good|ok|okay|"
    r"allowed|cool)|(?:totally\s+)?fine\s+by\s+me|(?:that'?s|that\s+is|which\s+is|thats)\s+(?:fine|ok|okay|cool|allowed))$"
)
# Indifference as the answer to a question ("swearing? idc", "gore? whatever", "swearing? yes please"): an allowance, as a
# bare yes is; only after a question mark, since after a statement it is no answer ("drugs are off limits, idc" still
# bans them).
_BARE_INDIFFERENT = re.compile(
    r"^(?:(?:eh|meh|honestly|tbh|lol)\s+)?(?:idc|idgaf|i\s+don'?t\s+care|i\s+dont\s+care|don'?t\s+care|dont\s+care|"
    r"whatever|i\s+don'?t\s+mind|i\s+dont\s+mind|don'?t\s+mind|dont\s+mind|"
    r"(?:yes|yep|yeah|sure)\s+(?:please|pls|thanks|thank\s+you)|sure\s+thing|totally\s+(?:fine|ok|okay|cool))$"
)
_SAID_NO = re.compile(
    r"^(?!(?:no|nothing|never|not|don'?t|dont|avoid|zero)\b)(?P<x>[^=:]+?)(?<!\bsay)(?<!\bsays)(?<!\bjust)"
    r"(?:\s*[=:]\s*|\s+)(?:no|nope|never|banned|hard\s+no|absolutely\s+not|not\s+ok(?:ay)?|not\s+allowed|no\s+way)$"
)
# A question a "yes" answers with a ban: "Do I mind swearing? yes", "Is gore a dealbreaker? yes", "Exclude nudity?
# yes" (attack round 46). Its "no", and indifference ("idc"), allow what was asked: "Do I mind swearing? no" is "I don't
# mind" (until 2026-12-06 it was read as a ban; attack round 47).
_ASKED_AVERSE = re.compile(
    r"^(?:do|would|will)\s+i\s+(?:mind|hate|object\s+to|care\s+about)\s+(?P<a>.+)$"
    r"|^(?:am|would)\s+i\s+(?:be\s+)?(?:against|opposed\s+to|uncomfortable\s+with|bothered\s+by|offended\s+by)\s+(?P<b>.+)$"
    r"|^(?:is|are|would)\s+(?P<c>.+?)\s+(?:be\s+)?(?:an?\s+)?(?:dealbreakers?|deal\s+breakers?|no[\s-]?gos?|off[\s-]+limits|banned|"
    r"problem|issue|hard\s+no|hard\s+pass)(?:\s+for\s+me)?$"
    r"|^(?:does|do|would|will)\s+(?P<d>.+?)\s+(?:bother|upset|offend|trigger|annoy|scare|gross\s+out)\s+me$"
    r"|^(?:does|do|would|will)\s+(?P<e>.+?)\s+make\s+me\s+(?:uncomfortable|upset|sick|cringe|angry)$"
    r"|^(?:should|must)\s+(?P<f>.+?)\s+be\s+(?:avoided|banned|excluded|left\s+out|skipped|removed|cut)$"
    r"|^(?:exclude|ban|remove|leave\s+out|cut\s+out|block|veto)\s+(?P<g>.+)$"
    # "Do I hate swearing?" reaches here cut after "do".
    r"|^i\s+(?:mind|hate|object\s+to)\s+(?P<h>.+)$"
)
# The answers to a question about a dislike that say the owner does not mind: "Do I mind swearing? no", "Is gore a
# dealbreaker? idc", "not at all", "no problem", "hell no". An emphatic "no way!" may be the ban itself, and "yes
# please", "sure thing" and "rather not" are averse: those are read the stricter way, as a ban.
_DONT_MIND_ANSWER = re.compile(
    r"^(?:(?:eh|meh|honestly|tbh|lol)\s+)?(?:no|nope|nah|naw|(?:hell|heck)\s+no|not\s+really|not\s+at\s+all|not\s+for\s+me|no\s+problem|"
    r"np|nbd|not\s+bothered|"
    r"idc|idgaf|i\s+don'?t\s+care|don'?t\s+care|dont\s+care|whatever|i\s+don'?t\s+mind|don'?t\s+mind|dont\s+mind|"
    r"(?:no|nope|nah),?\s+(?:i\s+)?don'?t\s+(?:mind|care))(?:\s+(?:lol|tbh|really|honestly))?$"
)
# "ok with nudity? no": the answer is to what was asked, not to "ok with".
_ASKED_OK = re.compile(r"^(?:are\s+you\s+|r\s+u\s+|u\s+)?(?:ok|okay|fine|cool|comfortable|down)\s+(?:with|for)\s+")
# What goes further than an allowed category: "kissing is fine, anything more is not" rules out sexual content.
_FURTHER = re.compile(r"^(?:anything|something|stuff)?\s*(?:more|further|beyond(?:\s+that)?|past\s+that)(?:\s+than\s+that)?$")
# "I don't mind kissing scenes but nothing beyond that".
_NOTHING_FURTHER = re.compile(
    r"^(?:nothing|no|not\s+anything)\s+(?P<x>(?:more|further|beyond(?:\s+that)?|past\s+that)(?:\s+than\s+that)?)$"
)
_GOES_FURTHER = {"romance": "sexual content", "alcohol": "getting drunk"}
_CONTRAST = re.compile(
    r"^(?!(?:no|nothing|never|not|don'?t|dont|i|i'm|im|it|that|this)\b)(?P<x>[\w' -]+?)\s+"
    r"(?:does|do|is|are|is\s+not|isn'?t|are\s+not|aren'?t|not|not\s+so\s+much)$"
)
# "I'm really not ok with", "I'm also not comfortable with", "i just hate": an adverb does not make a rule a reason.
_ADVERBS = r"(?:(?:really|just|also|honestly|simply|totally|definitely|absolutely|so|truly|seriously|personally|rly|super|that|too|very|overly|all\s+that)\s+)*"
_TOPIC_FORMS = [
    re.compile(
        rf"^(?:i'm\s+|im\s+|i\s+am\s+)?{_ADVERBS}not\s+(?:ok|okay|fine|cool|comfortable|down)\s+(?:with|w/?)\s+(?P<x>.+)$"
    ),
    re.compile(rf"^i\s+{_ADVERBS}(?:hate|can'?t\s+stand|don'?t\s+like|do\s+not\s+like|dislike|despise)\s+(?P<x>.+)$"),
    re.compile(
        rf"^(?:i'm|im|i\s+am)\s+{_ADVERBS}(?:not\s+{_ADVERBS}(?:into|(?:a\s+|the\s+)?(?:big\s+|huge\s+|biggest\s+)?fan\s+of|comfortable\s+with|down\s+for|here\s+for)|"
        r"against|done\s+with)\s+(?P<x>.+)$"
    ),
    # "I can't be shown drinking", "I shouldn't be seen with a cigarette".
    re.compile(
        r"^i\s+(?:can'?t|cannot|can\s+not|shouldn'?t|should\s+not|mustn'?t|must\s+not)\s+(?:be\s+)?"
        r"(?:shown|seen|filmed|depicted|used|put|appear|associated)\s+(?:(?:in|with|doing|as|near|at)\s+)?(?P<x>.+)$"
    ),
    # "I'd rather not do pranks", "I'd prefer no politics".
    re.compile(
        r"^(?:i'?d|i\s+would)\s+(?:rather|prefer)\s+(?:not|no|you\s+didn'?t|you\s+don'?t)\s+"
        r"(?:(?:do|be\s+in|appear\s+in|have|be\s+shown\s+(?:in|doing))\s+)?(?P<x>.+)$"
    ),
    re.compile(
        r"^(?P<x>.+?)\s+(?:(?:is|are)\s+(?:(?:not|never)(?:\s+(?:really|ever))?\s+(?:ok|okay|fine|allowed|cool)"
        r"|a\s+(?:hard\s+|big\s+)?(?:no(?:[\s-]no)?|pass))"
        r"|(?:isn'?t|aren'?t)\s+(?:ok|okay|fine|allowed|cool))(?:\s+either|\s+for\s+me|\s+with\s+me|\s+by\s+me)?$"
    ),
    # "my business name stays out of it too", "politics stays out": what stays out is banned.
    re.compile(
        r"^(?P<x>(?!(?:it|this|that|they|he|she)\b).+?)\s+(?:stays?|remains?|(?:has|have|needs?)\s+to\s+stay|must\s+stay|should\s+stay)"
        r"\s+out(?:\s+of\s+(?:it|this|them|everything|my\s+(?:videos?|cameos?|content)))?(?:\s+(?:too|also|please|pls|thanks))?$"
    ),
    # "pranks = no", "religion: no", "politics no" (after an allowance: "politics ok, religion no").
    _SAID_NO,
    re.compile(r"^(?:absolutely\s+|strictly\s+)?(?:no|nothing|none\s+of|zero|ban|banned)\s+(?P<x>.+)$"),
    # "hard pass on pranks", "I'd like no pranks", "I'd appreciate no pranks".
    re.compile(r"^(?:a\s+)?(?:hard\s+|big\s+)?pass\s+on\s+(?P<x>.+)$"),
    re.compile(r"^(?:i'?d|i\s+would)\s+(?:like|love|appreciate|prefer|want)\s+(?:no|nothing\s+(?:with|involving)?)\s+(?P<x>.+)$"),
    # "Hard nos: politics, pranks", "dealbreakers: gore".
    re.compile(
        r"^(?:only\s+|my\s+|the\s+|our\s+)?(?:hard\s+|big\s+)?(?:nos?|no's|no\s+gos?|no-gos?|dealbreakers?|limits|"
        r"off[\s-]+limits|banned|don'?ts|not\s+(?:ok(?:ay)?|fine|cool|acceptable)(?:\s+with)?|nope|never|not\s+permitted|not\s+allowed|prohibited|forbidden|"
        r"restricted)\s*:\s*(?P<x>.+)$"
    ),
    # "What's not fine: racist jokes", "Things I don't want: pranks".
    re.compile(
        r"^(?:what'?s|what\s+is|whats|what|things?|stuff)\s+(?:(?:i'?m|im|i\s+am)\s+)?(?:not\s+(?:ok|okay|fine|allowed|cool)"
        r"(?:\s+with)?|(?:i\s+)?(?:don'?t|do\s+not|won'?t)\s+(?:want|allow|do))\s*:\s*(?P<x>.+)$"
    ),
    # "hard no on drugs", "big no to politics", "nah to pranks" (read nothing before attack round 53: only a category
    # named in it was found); "neither is booze", "nor anything about cheating".
    re.compile(r"^(?:a\s+)?(?:(?:hard|big|huge)\s+no|(?:(?:hard|big|huge)\s+)?(?:nah|nope|naw))\s+(?:on|to|for)\s+(?P<x>.+)$"),
    re.compile(r"^(?:and\s+)?(?:neither|nor)\s+(?:is|are|do\s+i\s+want)\s+(?P<x>.+)$"),
    # "STOP PUTTING ME IN FAKE VACCINE VIDEOS".
    re.compile(
        r"^(?:stop|quit)\s+(?:putting|showing|making|using|casting|tagging)\s+(?:(?:me|my\s+face|my\s+cameo)\b)?\s*"
        r"(?:(?:in|into|with|as|doing)\b)?\s*(?P<x>.+)$"
    ),
    re.compile(
        rf"^{_NEG}\s+(?:you\s+)?(?:dare\s+)?(?:ever\s+)?(?:want\s+(?:to\s+)?)?"
        # Each optional word ends at a word boundary: "don't mention meth" once read the topic "th".
        r"(?:(?:show|put|make|depict|film|have|let|use|include|feature|portray|involve|mention|place|cast|"
        r"see|be|do|appear|get)\b)?\s*"
        r"(?:(?:me|my\s+cameo|my\s+face|my\s+likeness|myself|i)\b)?\s*"
        r"(?:(?:be|appear)\b)?\s*(?:(?:in|doing|being|with|as|near|around|into|on|for)\b)?\s*(?P<x>.+)$"
    ),
    re.compile(
        r"^(?:avoid|without|stay\s+away\s+from|keep\s+(?:me|it|my\s+cameo)\s+(?:away\s+from|out\s+of))\s+(?P<x>.+)$"
    ),
    re.compile(
        r"^i\s+(?:(?:also|really|just|seriously|definitely|absolutely)\s+)?(?:don'?t|do\s+not|never)\s+want\s+(?:to\s+(?:be|appear)\s+)?(?:(?:shown|seen|filmed|depicted|used)\s+)?(?:(?:in|with|near|doing)\s+)?(?P<x>.+)$"
    ),
    re.compile(
        r"^(?:i|we)\s+(?:won'?t|will\s+not|refuse\s+to|never|don'?t|do\s+not)\s+(?:do|be\s+in|appear\s+in|be\s+part\s+of|film|allow)"
        r"\s+(?P<x>.+)$"
    ),
    re.compile(
        r"^(?:you|u|they|creators?|people|others|nobody|no\s+one)\s+(?:can'?t|cannot|can\s+not|may\s+not|must\s+not|"
        r"shouldn'?t|should\s+not|won'?t|are\s+not\s+allowed\s+to)\s+(?:(?:show|put|make|use|have|depict|film|cast|see)\b)?\s*"
        r"(?:(?:me|my\s+cameo|my\s+face|my\s+likeness)\b)?\s*(?:(?:be|appear)\b)?\s*"
        r"(?:(?:in|doing|being|with|as|near|into|on|for)\b)?\s*(?P<x>.+)$"
    ),
    re.compile(
        r"^(?:keep|leave)\s+(?P<x>.+?)\s+(?:out(?:\s+of\s+(?:it|this|that|them|my\s+\w+|\w*\s*videos?))?|away(?:\s+from\s+me)?"
        r"|off(?:\s+of)?\s+(?:it|this|that|them|me|my\s+\w+|\w*\s*videos?))$"
    ),
    re.compile(
        r"^(?P<x>.+?)\s+(?:is|are)\s+(?:not\s+allowed|forbidden|off[\s-]+limits|banned|prohibited|a\s+no[\s-]go|off\s+the\s+table|"
        r"out\s+of\s+the\s+question|not\s+happening)$"
    ),
    # "(that goes for weed too)": the ban reaches one more thing.
    re.compile(r"^(?:that|this|same|the\s+same)\s+(?:goes|applies)\s+(?:for|to)\s+(?P<x>.+?)(?:\s+too|\s+as\s+well|\s+also)?$"),
    # "Keeping politics out of it is great", "my business name must not be used".
    re.compile(
        r"^(?:keeping|leaving)\s+(?!(?:it|things|me)\s)(?P<x>.+?)\s+out(?:\s+of\s+(?:it|this|that|them|my\s+\w+))?\s+(?:is|would\s+be)\s+"
        r"(?:great|appreciated|good|best|nice|ideal|preferred|important)$"
    ),
    re.compile(
        r"^(?:keeping|keep)\s+(?:it|me|things|my\s+cameo)\s+out\s+of\s+(?P<x>.+?)"
        r"(?:\s+(?:is|would\s+be)\s+(?:great|appreciated|good|best|nice|ideal|preferred|important))?$"
    ),
    re.compile(
        r"^(?P<x>.+?)\s+(?:must|should|can|may)\s*(?:not|n'?t)\s+be(?:\s+(?:used|shown|mentioned|included|featured|seen|in\s+it|"
        r"in\s+(?:them|videos?|anything|any\s+videos?)))?$"
    ),
    # "my family business logo stays out pls".
    re.compile(
        r"^(?P<x>.+?)\s+(?:stays?|stay|must\s+stay|should\s+stay)\s+(?:out|private|offline|off\s+camera)(?:\s+of\s+(?:it|this|that|them|my\s+\w+|\w*\s*videos?))?"
        r"(?:\s+(?:pls|please|plz|thanks|thx))?$"
    ),
    # "I don't need to be in anything political".
    re.compile(r"^i\s+(?:don'?t|do\s+not)\s+(?:need|have)\s+to\s+be\s+(?:in|part\s+of|seen\s+in)\s+(?P<x>.+)$"),
]
# "Keep it family friendly" names what to keep; read it as what it rules out.
_POSITIVE_FORMS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (
        re.compile(
            r"\b(?:family[\s-]+friendly|kid[\s-]+friendly|kid[\s-]+(?:appropriate|safe)|child[\s-]+(?:friendly|appropriate|safe)|"
            r"all[\s-]+ages|wholesome|clean\s+content|pg|p\.g|g[\s-]+rated|safe\s+for\s+work|sfw)\b"
        ),
        ("sexual", "violence", "drugs", "profanity"),
    ),
    # "Only clean language please": what to keep is the language, so it rules out profanity alone.
    (
        re.compile(
            r"\b(?:clean|polite|decent)\s+(?:language|mouth|words|vocabulary)\b|\b(?:language|mouth)\s+(?:\w+\s+){0,2}clean\b"
            r"|\bwatch\s+(?:your|the|my|ur|yo)\s+(?:language|mouth|words)\b"
        ),
        ("profanity",),
    ),
    # "keep my clothes on", "fully clothed at all times".
    (
        re.compile(
            r"\bkeep\s+(?:(?:my|me|our|his|her|their|the)\s+)?clothes\s+on\b|\bfully\s+(?:clothed|dressed)\b"
            r"|\b(?:stay|keep\s+(?:me|us|him|her|them|everyone)|remain|always)\s+(?:fully\s+)?(?:clothed|dressed)\b"
            r"|^clothes\s+(?:stay\s+|must\s+stay\s+|remain\s+)?on\b"
        ),
        ("sexual",),
    ),
]
# What to keep, said not to be needed: "I don't have to be fully clothed", "clean language isn't required".
_NOT_REQUIRED = re.compile(
    r"\b(?:isn'?t|is\s+not|aren'?t|not|don'?t|doesn'?t|no)\b.*\b(?:required|requirement|necessary|needed|have\s+to|must|need\s+to)\b"
    r"|\b(?:don'?t|doesn'?t|do\s+not|does\s+not|no\s+need\s+to)\s+(?:have|need)\s+to\b"
)
# The owner's likeness, by more of it than the face: "my face, body or voice", "my own body", "my face and/or body".
_LIKENESS_PART = r"(?:own\s+)?(?:face|body|voice|likeness|image|cameo|self|person|look|looks)"
_MY_LIKENESS = (
    rf"my\s+{_LIKENESS_PART}(?:(?:\s*,\s*(?:(?:and|or|and/or|&)\s+)?|\s+(?:and|or|and/or|&|n)\s+|\s*/\s*)(?:my\s+)?"
    rf"{_LIKENESS_PART}\b)*"
)
# After a category: "nothing sexual with my body", "no horror with my face, voice, or body". Not "with my body showing":
# what is shown of it is a ban of its own.
_LIKENESS_AFTER_A_BAN = re.compile(
    rf"\b(?P<verb>with|involving|featuring|using)\s+{_MY_LIKENESS}"
    r"\b(?!\s*(?:showing|shown|exposed|visible|bare|naked|nude|out\b|on\s+(?:display|show)|parts?\b|hair|shape|type|count))"
)
# Before what it is put in: "don't put my face or body in anything political", "never use my voice for ads".
_LIKENESS_PUT_IN = re.compile(
    rf"\b(?P<verb>put|puts|putting|use|uses|using|feature|features|featuring|place|placing)\s+{_MY_LIKENESS}"
    r"(?=\s+(?P<object>(?:in|into|for|on)\s+[^.!?;,\n]*))"
)
# What ends the words a likeness is read beside: a clause's mark, or a word that starts another ban or a reason ("no
# drugs and no videos with my body" bans the body; "never use my voice since I sing in church" has no category).
_BESIDE_ENDS = re.compile(
    r"[.!?;,\n]|\b(?:and|or|but|nor|no|not|nothing|never|don'?t|dont|do|because|since|cause|cuz|so|please|pls|especially|"
    r"particularly|except|unless|if|for\s+(?:god|christ|heaven|pete)'?s\s+sake)\b"
)


def _likeness_as_whom(lines: str) -> str:
    """ "nothing sexual with my face or body", "don't put my face or body in anything political": where a category is
    banned in the same words, the owner's likeness beside it, named by more of it than the face, is whom the ban keeps
    out ("body" was a topic that refused every text with a body in it, "horror voice" a thing). Where it is not ("don't
    use my voice", "no drugs and no videos with my body", "never use my voice since I sing in church"), the likeness is
    what is banned, and is left as it is."""

    def after_a_ban(found: re.Match[str]) -> str:
        before = _BESIDE_ENDS.split(lines[: found.start()])[-1]
        return f"{found.group('verb')} my face" if categories_named_by(before) else found.group(0)

    def put_in(found: re.Match[str]) -> str:
        into = _BESIDE_ENDS.split(found.group("object"))[0]
        return f"{found.group('verb')} my face" if categories_named_by(into) else found.group(0)

    return _LIKENESS_PUT_IN.sub(put_in, _LIKENESS_AFTER_A_BAN.sub(after_a_ban, lines))


# "Keep it clean" is read as "keep it PG", unless the restriction already rules out one of those: then it restates
# that ban ("no drugs, keep my cameo clean" means drug-free, "no swearing, keep my mouth clean" means no swearing).
_KEEP_IT_CLEAN = re.compile(
    r"\bkeep(?:ing)?\s+(?:it|things|everything|stuff|my\s+(?:cameo|videos?|content|likeness|face|image|stuff|page|channel|feed|"
    r"language|mouth)|this|them|me|content|videos?)\s+(?:\w+\s+)?clean\b"
    r"|^\s*clean\b|\bsqueaky\s+clean\b|\bclean\s+(?:content|videos?|stuff|only)\b"
)
# "Shooting" as a game, a chat or a camera's work, each with the words it is read as.
_SHOOTING_IN_ANOTHER_SENSE = re.compile(
    r"\bshoot(?:s|ing)?\s+(?:"
    r"(?P<pool>(?:(?:some|a\s+game\s+of|a\s+round\s+of)\s+)?(?:pool|billiards|snooker|eight[\s-]?ball|8[\s-]?ball))"
    r"|(?P<craps>dice|craps)"
    r"|(?P<breeze>the\s+breeze)"
    r"|(?P<camera>(?:(?:a|an|some|my|our|the|his|her|their)\s+)?(?:photos?|pictures?|pics|portraits?|headshots?|selfies?|"
    r"photoshoots?|vlogs?|reels?|tiktoks?|youtube\s+videos?|footage|b[\s-]?roll|content|commercials?))"
    r")\b"
)
_SHOOTING_MEANS = {"pool": "billiards", "craps": "craps", "breeze": "chatting idly", "camera": "taking photos or filming"}
_LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\bor\b|\band\b|\bnor\b|\bni\b|&)\s*")
_FILLER = frozenset(
    """a an the any anything something anyone anybody someone of me my myself to in with at all ever
    please content contents stuff things thing videos video clips scenes scene themes theme topics topic
    related kind kinds sort type types whatsoever references reference situations imagery
    depictions ones pls plz even thx thanks ty tysm lol lmao tbh too either also whatever etc like that this those
    similar such them it nothing anywhere everywhere cameo doing mr mrs ms dr ie eg incl us""".split()
)
# A restriction often goes on after its list with a clause of its own: a reason ("I scare easy", "I'm not a
# billboard"), a restatement ("keep me single in these") or a second rule ("nothing nicotine"). Read as more items
# of the list, each became a free-text topic and refused texts close to its words in meaning: "keep me single in
# these" refused texts about single life. A piece after a comma or a full stop that starts like a clause is read
# as a restriction of its own; one that does not ("no drugs, alcohol or smoking") stays part of the list.
_CLAUSE_PIECES = re.compile(r"\s*\n\s*|\s*(?:[,.]+|\s-+)\s+|\s*[;!?–—()]+\s*")
# "1. no politics", "2) no religion", "a. no pranks": the marks of a list on lines are not items of it.
_LINE_MARK = re.compile(
    r"(?m)^\s*(?:\(?\d{1,2}[.):]|[a-z][.)]|[-*•·▪►➡→>]+)\s*(?=\S)|(?<=\s)\(?\d{1,2}[.)]\s+"
)
_CLAUSE_STARTERS = frozenset(
    """keep leave i i'm im i'd id i've ive i'll me my mine not never no nothing none don't dont do does doesn't
    doesnt it it's its this that these those just only because cause cuz since so but we you u make let avoid
    without stay also plus if unless as they he she bc lol thx thanks thank ty tysm ok okay for period though
    although except everything anything sorry soy they're theyre nobody noone that's thats neither nor stick obviously
    she's shes he's hes she he honey hun babe sweetie darling bestie""".split()
)
# A piece that starts with "my" or "me" and one more word (or a list of such) is a list item ("..., my wife or my
# house"); a longer one is a clause ("my grandma watches these").
_POSSESSIVE_ITEM = re.compile(r"^(?:my|me)\s+\S+(?:\s+\S+)?(?:\s+(?:or|and|nor|&)\s+(?:my\s+)?\S+(?:\s+\S+)?)*$")
# "Nothing you make will bother me", "nothing bothers me": nothing the owner could be shown in bothers them. Read as
# a ban, it banned "you make will bother" (attack round 41).
_NOTHING_BOTHERS = (
    r"^nothing\s+(?:really\s+)?(?:(?:you|u)\s+(?:make|do|post|film|create)\s+)?(?:(?:will|would|could|can)\s+(?:really\s+)?(?:bother|offend|upset)|"
    r"bothers|offends|upsets)\s+me\b"
)
# Allowances that start as bans do: "No problem with alcohol", "Not bothered by swearing", "No need to avoid
# romance", "Don't hold back on the horror", "Alcohol isn't off limits", "It doesn't have to be family friendly".
_ALLOWED_LIKE_A_BAN = re.compile(
    r"^(?:no|never\s+(?:had|have)\s+(?:a|any)|not\s+(?:a|any))\s+(?:real\s+)?(?:problems?|issues?|objections?|concerns?|worries)"
    r"\s+(?:with|to|about|re)\b"
    r"|^no\s+need\s+to\s+(?:avoid|worry|keep\s+(?:it|things)|skip|hide|shy|censor|tone|filter|bleep|restrict|limit|hold\s+back|"
    r"(?:ask|tag|credit|check|pay|thank)(?:\s+(?:me|us))?|mention\s+(?:me|us)|be\s+(?:so\s+|too\s+|that\s+|very\s+)?(?:nice|polite|"
    r"kind|gentle|careful|respectful|serious|formal|perfect))\b"
    r"|^(?:don'?t|dont|do\s+not|no\s+need\s+to)\s+(?:worry|hold\s+back|hesitate|be\s+shy|shy\s+away|sweat|stress)\b"
    r"|^(?:(?:i'?m|im|i\s+am)\s+)?not\s+(?:at\s+all\s+|really\s+|too\s+|that\s+|very\s+)?(?:against|bothered|afraid|scared|"
    r"worried|opposed|fussed|strict|picky|squeamish|easily\s+offended|anti[\s-]?\w+)\b"
    # "Alcohol isn't off limits", "Swearing is not forbidden", "clean language isn't required": said of a thing
    # alone, with no ban beside it ("politics is a no-go and religion isn't taboo" keeps its ban).
    r"|^(?:(?!(?:no|not|never|and|but|or|is|are|nothing)\b)[\w'-]+\s+)+"
    r"(?:isn'?t|is\s+not|aren'?t|are\s+not|'s\s+not|'re\s+not)\s+(?:off[\s-]+limits|a\s+(?:hard\s+)?(?:no[\s-]?go|"
    r"deal[\s-]?breaker|no)|forbidden|banned|prohibited|an?\s+issue|taboo|required|necessary|needed|a\s+must|mandatory)"
    r"(?:\s+(?:either|at\s+all|for\s+me|really))?$"
    r"|^(?:i\s+|it\s+|they\s+|things\s+|videos?\s+|content\s+)?(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+(?:have|need)\s+to\s+be\b"
    r"(?!\s+(?:in|part\s+of|seen|shown|associated|used|involved|featured)\b)"
    r"|^nothing\s+(?:is\s+|'s\s+)?off[\s-]+limits$"
    # "nothing bothers me if theres" is an allowance whose condition is the next clause ("... no nudity": round 44).
    rf"|{_NOTHING_BOTHERS}(?:\s+(?:at\s+all|lol|lmao|tbh))?(?:$|\s+(?:if|as\s+long\s+as)\s+(?:there'?s|theres|there\s+is|it'?s|its)$)"
)
# "nothing bothers me, jk no nudity", "nothing bothers me, gore though": what follows the comma is read as a clause of
# its own, an allowance ("..., politics is fine") or what does bother the owner (attack round 44).
_NOTHING_BOTHERS_THEN = re.compile(
    rf"{_NOTHING_BOTHERS}(?:\s+(?:at\s+all|lol|lmao|tbh))?,\s*(?:(?:jk|j/k|lol|lmao|but|though|tho|just|ok|okay)\s+)*(?P<rest>\S.*)$"
)
# "Nothing bothers me besides racism", "nothing offends me like racist jokes do": the one thing that does is the ban.
_NOTHING_BOTHERS_BUT = re.compile(
    rf"{_NOTHING_BOTHERS}\s+(?:besides|except(?:\s+for)?|other\s+than|apart\s+from|but|more\s+than|like)\s+(?P<x>.+?)"
    r"(?:\s+(?:do|does|did|would|will))?$"
)
# "idc what else", "don't care how artsy", "idc how you spin it": an aside that the owner is firm, not a topic, inside a
# ban list or after it (attack round 44). Short, and with no ban of its own in it.
_DONT_CARE_ASIDE = re.compile(
    r"^(?:i\s+)?(?:idc|(?:don'?t|dont|do\s+not)\s+(?:really\s+)?care|(?:couldn'?t|could\s+not)\s+care\s+less)\s+"
    r"(?:what(?:ever)?|how|who|where|when|why|whether|which)\b(?!.*\b(?:no|not|never|nothing|without|except|but|unless|"
    r"long\s+as)\b|.*n't\b)(?:\s+[\w']+){0,4}$"
)
# An answer that there is nothing to rule out: "no restrictions", "nothing really", "Nothing comes to mind".
_NOTHING_TO_BAN = re.compile(
    r"^(?:no|none|zero|nothing|not\s+any)\s+(?:real\s+|special\s+|particular\s+|specific\s+)?(?:restrictions?|limits?|rules?|"
    r"preferences?|concerns?|objections?|boundaries|limitations|requirements|worries|problems?|issues?|comments?|"
    r"requests?|conditions?)(?:\s+(?:really|at\s+all|here|from\s+me|whatsoever|for\s+me|on\s+my\s+end|that\s+i\s+know\s+of))?$"
    r"|^(?:nothing|not|no|none)\s+really$|^nothing\s+(?:comes\s+to\s+mind|i\s+can\s+think\s+of|specific|in\s+particular)$"
    r"|^none\s+of\s+the\s+above$|^no\s+(?:[\w-]+\s+){1,3}(?:requirements?|rules?)$"
    r"|^no\s+(?:problems?|issues?|worries|concerns?)\s+(?:if|as\s+long\s+as|provided)(?:\s+(?:there'?s|there\s+is|it'?s))?$"
    r"|^no\s+[\w-]+\s+(?:needed|necessary|required)$|^no\s+need\s+to\s+be$"
)
# What the owner allows ("alcohol is fine") and sign-offs ("for real", "thank you", "period") name nothing to rule out.
_ALLOWED = re.compile(
    r"\b(?:is|are|'s|'re|(?<!rated\s)(?<!rated-)r)\s+(?:totally\s+|perfectly\s+|obviously\s+|absolutely\s+|completely\s+|always\s+|all\s+|"
    r"definitely\s+)?(?:fine|ok|okay|allowed|cool|good|great|welcome|awesome|acceptable|alright|all\s+right|aloud)\b"
    r"|\b(?:is|are|'s|'re|(?<!rated\s)(?<!rated-)r)\s+(?:literally\s+|basically\s+)?(?:part\s+of\s+)?my\s+(?:whole\s+)?(?:act|brand|job|thing|style|content|life|favs?|"
    r"living|music|art|work|craft|culture|favou?rite|fave)\b|\ball\s+(?:you|u)\s+want$|\bas\s+much\s+as\s+(?:you|u)\s+(?:want|like)$"
    r"|^(?:i'm\s+|im\s+|i\s+am\s+)?(?:totally\s+)?(?:ok|okay|fine|cool|down)\s+with\b|^anything\s+goes\b"
    rf"|^i\s+{_ADVERBS}(?:love|like|enjoy|adore|don'?t\s+mind|do\s+not\s+mind|have\s+no\s+problem\s+with)\b"
    r"|\b(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+bother\s+me\b|\bno\s+problem$"
    r"|\b(?:isn'?t|is\s+not|aren'?t|are\s+not|'s\s+not)\s+(?:a\s+|an\s+)?(?:big\s+)?(?:problem|issue|deal|concern)\b"
    r"|\b(?:isn'?t|is\s+not|aren'?t)\s+(?:scary|offensive|triggering)\s+(?:to|for)\s+me\b|\bgo\s+wild\b"
    r"|^(?:i\s+have|i'?ve|ive|i\s+got)\s+(?:no\s+(?:problem|issue|issues)|nothing\s+against)\b|^yes\b"
    # "I don't care about politics", "I wouldn't mind a horror video", "Okay: drinking" ("I don't care for" dislikes).
    rf"|^i\s+{_ADVERBS}(?:don'?t|dont|do\s+not)\s+(?:really\s+)?care\s+(?:about|if)\b|^i\s+(?:wouldn'?t|would\s+not)\s+mind\b"
    # "idc about swearing", "couldn't care less about beer": the same in other words (attack round 44).
    r"|^(?:idc|idgaf|(?:don'?t|dont)\s+(?:really\s+)?care|(?:i\s+)?(?:couldn'?t|could\s+not)\s+care\s+less)\s+(?:about|if)\b"
    # "kissing is whatever", "cussing is whatevs": said of a thing, it is fine (attack round 52).
    r"|\b(?:is|are|'s|'re)\s+(?:just\s+|kinda\s+|honestly\s+)?(?:whatever|whatevs|w/e|nbd|no\s+big\s+deal|chill)$"
    # "Swearing, beer, whatever, I don't care": said alone or after a list, it allows the list (attack round 41); not
    # at the end of a ban ("no nudity i don't care" is emphatic), which has no comma before it, nor after a list said
    # to be banned ("nudity, gore are off limits, idc": attack round 44).
    # A ban verb before the comma keeps the ban: "hate drugs, idc", "cut the drugs, whatever, idc" (2026-12-06).
    # Not "drop", "lose", "without" or "cut loose": "drop a few f-bombs, idc", "lose the filter, idc" allow (round 46).
    r"|^(?!.*(?:\b(?:no|nope|nah|not|never|nothing|banned|forbidden|prohibited|off[\s-]+limits|avoid|skip|zero|hate|"
    r"cut(?!\s+loose)|nix|ban|ditch|keep|remove|stop)\b|=).*,)"
    rf"(?:.*,\s*)?(?:i\s+)?{_ADVERBS}(?:(?:don'?t|dont|do\s+not)\s+(?:really\s+)?(?:care|mind)|(?:couldn'?t|could\s+not)\s+care\s+less"
    r"|idc)(?:\s+(?:at\s+all|lol|lmao|tbh))?$"
    r"|\b(?:i'?m|im|i\s+am)\s+(?:totally\s+)?(?:fine|ok|okay|cool|good)\s+with\s+(?:all|any|every)\s*(?:of\s+)?(?:it|that|them|this|thing)\b"
    r"|\bas\s+\w+\s+as\s+(?:you|u)\s+(?:like|want)\b|^(?:leaving|leave)\s+(?:the\s+)?[\w' -]+?\s+in(?:\s+(?:is|would\s+be)\s+\w+)?$"
    r"|\b(?:can|may)\s+be\s+(?:used|shown|included|in\s+it)\b|\bdon'?t\s+make\s+(?:it|me)\s+(?:boring|lame|cringe|weird|awkward)$"
    r"|^(?:ok|okay|fine|allowed|cool|yes)\s*:\s*\S|\ball\s+(?:good|fine|ok|okay|welcome|allowed|cool)\b(?:\s+(?:with|by)\s+me)?$"
    r"|" + _ALLOWED_LIKE_A_BAN.pattern
)
# A whole clause that says a thing is ok: "politics ok, religion no". Not read inside a list ("no politics ok").
_SAID_OK = re.compile(
    r"^(?!(?:keep|leave|avoid|stay|without)\b)(?!.*(?:\b(?:not|never|no|nothing|none|zero)\b|n't\b))[\w' /=:,-]+?\s*"
    r"(?:\s|=|:)(?:all\s+)?(?:ok|okay|fine|allowed|cool|good|yes|yep|yeah|only)$"
)
# "Everything is fine except politics": what follows "except" is the ban. After a ban ("no drinking except at
# weddings") an exception is not modelled: the ban stands whole, the stricter reading.
_ALLOW_EVERYTHING = re.compile(
    r"^nothing\s+(?:is\s+|'s\s+)?off[\s-]+limits\b|"
    rf"{_NOTHING_BOTHERS}|"
    r"^(?!(?:no|nothing|never|not|don'?t|dont|do\s+not|avoid|zero|keep|without|i\s+(?:won'?t|wont|will\s+not|"
    r"(?:don'?t|dont|do\s+not)(?!\s+mind)|never|refuse)|won'?t)\b)"
    r"(?:.*\b(?:anything|everything|whatever)\b|(?:all|the\s+rest)\b.*\b(?:fine|ok|okay|good|goes|allowed|welcome)\b)"
)
# "everything except religion is off limits": the exception is what is allowed.
_OFF_LIMITS_END = re.compile(r"\b(?:is|are)\s+(?:off[\s-]+limits|banned|forbidden|not\s+(?:ok|okay|allowed)|a\s+no)$")
# "anything goes other than politics": the allowance and its exception in one clause.
_EXCEPT_INSIDE = re.compile(
    r"^(?P<allow>.*\b(?:anything|everything|whatever|nothing\s+(?:is\s+|'s\s+)?off[\s-]+limits)\b.*?)\s+(?:other\s+than|besides|apart\s+from|except(?:\s+for)?)\s*:?\s+"
    r"(?P<rest>.+)$"
)
# "Go ahead unless it's political", "Sure, unless there's swearing", "I'm okay with it unless it involves religion".
_GO_AHEAD = re.compile(
    r"^(?:(?:go\s+(?:ahead|for\s+it|wild|nuts|crazy)|feel\s+free(?:\s+to\s+use\s+me)?|(?:it'?s\s+|its\s+)?all\s+(?:good|fine|welcome)|"
    r"(?:it'?s|its|it\s+is)\s+(?:fine|ok|okay|cool)|i\s+(?:don'?t|do\s+not)\s+mind|"
    r"(?:(?:i'?m|im|i\s+am)\s+)?(?:pretty\s+|really\s+|very\s+|super\s+)?(?:easy(?:[\s-]?going)?|down|game|flexible|chill|relaxed|open)"
    r"(?:\s+(?:about|with|for)\s+(?:most|everything|anything)(?:\s+(?:stuff|things))?)?|do\s+(?:what(?:ever)?\s+(?:you|u)\s+(?:want|like|please)|anything|"
    r"your\s+thing)|sure(?:\s+thing)?|(?:totally\s+|perfectly\s+)?fine(?:\s+by\s+me)?|ok(?:ay)?|(?:i'?m\s+|im\s+|i\s+am\s+)?"
    r"(?:totally\s+)?(?:ok|okay|fine|cool|good|down)\s+with\s+(?:it|that|anything|everything|most\s+things)|use\s+me(?:\s+(?:however|"
    r"for\s+anything|freely|as\s+you\s+like|any\s+way))?(?:\s+(?:you|u)\s+(?:want|like))?|have\s+fun(?:\s+with\s+it)?|all\s+good)"
    r"(?:\s+and\s+(?:use\s+me|have\s+fun|go\s+wild))?)(?:\s+(?:with|by)\s+me)?$"
)
# What an "unless" says before its thing: "unless it's political", "unless there's swearing", "unless it involves".
_IT_IS = re.compile(
    r"^(?:it'?s|its|it\s+is|there'?s|there\s+is|there\s+are|it\s+(?:involves?|has|includes?|shows?|gets|becomes|turns|"
    r"contains|goes)|they'?re|they\s+are|they\s+(?:involve|include|show|get|have)|(?:the\s+)?videos?\s+(?:has|have|involves?|shows?|"
    r"includes?))\s+(?:into\s+|about\s+)?"
)
_FINE_END = re.compile(r"\s+(?:is|are)\s+(?:all\s+|totally\s+)?(?:fine|ok|okay|good|cool|allowed|great)$")
# After "anything but", an instruction is no exception: "anything goes but be respectful", "... but ask me first".
_INSTRUCTION = re.compile(
    r"^(?:be|ask|keep|make(?!\s+me\b)|tell|let|check|do|please|stay|give|use|tag|credit|send|dm|message|show|remember|try)\b"
)
# After such an allowance "but", "besides" or "other than" is an exception like "except": "I don't mind anything
# but pranks".
_BUT_AFTER_ALLOWANCE = re.compile(r"^(?:but|besides|other\s+than|apart\s+from)\s+")
# What someone close would do to the owner, said as a reason: "my gf would kill me", "my coach is gonna murder me".
_WOULD_DO_TO_ME = (
    r"my\s+[\w'-]+(?:\s+[\w'-]+)?\s+(?:would|will|'d|is\s+gonna|gonna|might)\s+(?:\w+\s+)?"
    r"(?:kill|murder|disown|ground|freak|flip|lose\s+it|cancel)\b"
)
# A clause that gives the owner's reason ("I'm Muslim", "as a Christian", "I work in politics") names no ban, even
# when a category's word is in it.
_REASON_START = re.compile(
    r"^(?:i'm|im|i\s+am|i\s+was|i've|ive|i\s+have|i\s+work|i\s+used\s+to|as\s+an?|because|cause|cuz|bc|since|"
    r"my\s+(?:job|work|religion|faith|boss|parents?|mom|dad|kids?|family|grandma|husband|wife|employer|company|"
    r"contract|agency|agent|manager|label|school|church|team|union|career|position|brand|channel|page|account|vibe|whole\s+thing)"
    # "my uncle is the church sexton": who someone is, said as a reason.
    r"|my\s+(?:uncle|aunt|auntie|brother|sister|grandpa|grandfather|grandmother|cousin|son|daughter|nephew|niece|partner|"
    r"stepdad|stepmom|in-laws?)\s+(?:is|was|works|used\s+to)"
    rf"|{_WOULD_DO_TO_ME}"
    r"|due\s+to|given\s+(?:my|that)|soy|(?:she|he|they)(?:'s|'re|\s+is|\s+are)\s+(?:very\s+|really\s+|super\s+)?religious)\b"
)
# A whole clause is a reason in more ways than an item of a list can be.
_REASON = re.compile(
    _REASON_START.pattern
    + r"|^(?:(?:sponsored|signed|partnered|exclusive|contracted)\s+(?:by|with)|(?:brand\s+)?ambassador\s+for)\b"
    r"|\breasons?$"
    # "I sell it", "it kills the vibe": what the owner does, what a thing does to them.
    r"|^i\s+(?:sell|make|grow|brew|serve|pour|bartend|deal|review|teach|coach|play|stream|host|write|model|talk\s+about|cover|"
    r"podcast|curse|swear|cuss|drink|smoke|vape|gamble|bet|fight|box|wrestle|pray|worship|fast|do\s+(?:magic|shows?|comedy|stand-?up|music|art|makeup|"
    r"videos|content|reviews|sets|gigs))\b(?!\s+(?:not|no|never|you|u|ya|if|to\s+god|that|i|on\s+my)\b)|\bfor\s+a\s+living\b"
    r"|^(?:it|that|this|they)\s+(?:kills|ruins|makes|gets|would|will|hurts|triggers|upsets|bothers|annoys|freaks|scares|"
    r"stresses)\b"
)
# Only a whole clause, never an item of a list ("no politics here" is a ban): "teacher here", "mom here".
_FAITH_AND_I = re.compile(
    r"^(?:jewish|muslim|christian|catholic|hindu|sikh|buddhist|mormon|lds|baptist|vegan|vegetarian|sober|pregnant)"
    r"\s+and\s+i\b"
)
_TITLES = (
    r"here|creator|account|page|channel|model|influencer|artist|pro|vet|veteran|mom|dad|coach|nurse|teacher|comic|"
    r"comedian|fan|lover|nerd|geek|buff|junkie|activist|advocate|sommelier|bartender|worker|skeptic|owner|attendant|"
    r"fighter|boxer|wrestler|player|streamer|podcaster|budtender|brewer|magician|dentist|member|pastor|missionary|"
    r"coach|novelist|writer|author|host|gamer|dad|father|mother|grandma|grandpa|student|queen|king|performer|director|keeper|"
    r"clown|dj|witch|reader|tech|skater|monk|"
    r"zookeeper|guide|farmer|dealer|librarian|dancer|goalie|trucker|researcher|pharmacist|surgeon|judge|planner|barber|cosplayer|"
    # Attack round 44: "Crypto trader and poker player", "Youth pastor and worship leader" are bios.
    r"trader|grower|volunteer|leader|counselor|counsellor|educator|mixologist"
)
# One title with a word or two before it ("wedding dj", "tattoo lover"), not someone's ("my mom"); after one such,
# a bare title too ("wedding dj and bartender").
_NOT_SOMEONES = r"(?!(?:my|our|his|her|their|your|the|a|an)\s)"
_TITLED = rf"{_NOT_SOMEONES}(?:[\w'+-]+\s+)?[\w'+-]+\s+(?:{_TITLES})"
_TITLED_TOO = rf"{_NOT_SOMEONES}(?:[\w'+-]+\s+){{0,2}}(?:{_TITLES})"
_WHO_I_AM = re.compile(
    # Not a ban by its verb: "skip drunk dad & stoner mom" (attack round 44), "nope weed grower & drug dealer" (46).
    r"^(?!(?:no|nothing|never|not|nope|nah|zero)\b|(?:skip|cut|hate|nix|ban|ditch|avoid|please|pls|plz|drop|refuse|veto|lose|"
    r"remove|exclude|stop|forget|pass\s+on|hard\s+(?:no|pass)|not\s+into)\s)(?:(?!.*\b(?:or|and|nor)\b)(?:[\w'+-]+\s+by\s+(?:trade|profession)|"
    rf"(?:[\w'+-]+\s+)?[\w'+-]+\s+(?:{_TITLES})(?:\s+(?:in|from|at|of|for)(?:\s+[\w' -]+)?|\s+by\s+(?:day|night|trade))?"
    r"|(?:jewish|muslim|christian|catholic|hindu|sikh|buddhist|mormon|lds|baptist|vegan|vegetarian|sober|pregnant)"
    r"(?:\s+(?:here|family|mom|dad|woman|man|girl|guy|creator|so\b.*))?)"
    # "Wedding DJ and part-time bartender", "Nail tech & tattoo lover": two titles are who the owner is too; read as a
    # list, "wedding" read romance and "lover" romance (attack round 41).
    rf"|{_TITLED}(?:\s*(?:&|\+|,|\band\b)\s*{_TITLED_TOO})+)$"
)
# What an item ends with that is no part of the thing: "no politics here", "no pranks ok?", "no alcohol for
# religious reasons", "no pranks im serious".
_ITEM_TAIL = re.compile(
    r"\s+(?:here|on\s+here|in\s+here|ok|okay|pls|plz|please|thx|thanks|tho|though|i'?m\s+serious|im\s+serious|"
    r"for\s+real|fr|no|either|ever|thank\s+(?:you|u)|ty)$"
    r"|\s+(?:thanks|thank\s+(?:you|u)|thx|ty|cheers)(?:\s+[\w']+){1,3}$"
    r"|\s+(?:for|because\s+of|due\s+to)\s+(?:\w+\s+)?reasons?$"
)
# What is said of people is a reason, not an item, unless it is what they do on screen ("people getting hurt",
# "people using needles", "people in underwear"): "no politics, people get so heated".
_SAID_OF_PEOPLE = re.compile(
    r"^(?:people|ppl|folks|everyone|everybody|some\s+people|they)\s+"
    r"(?!(?:who|that|which|with|in|on|at|of|from|like|and|or|being|having)\b)[a-z']+(?<!ing)\b"
)
# Who sees the videos is a reason too, though it starts with no starter word: "no pranks, kids watch my stuff",
# "nothing gory, students follow me". Such a piece after a comma is a clause, not one more item of the list.
_AUDIENCE_NOUNS = (
    r"kids|children|teens|minors|students|pupils|family|parents|people|coworkers|co-workers|colleagues|clients|"
    r"customers|followers|fans|viewers|grandparents|grandkids|nieces|nephews|everyone|everybody|grandma|grandpa|"
    r"granny|nana|mom|mum|mother|dad|father|boss|pastor|students|son|daughter|constituents|voters|congregation|patients|"
    r"subscribers|audience|members|community|parishioners|church|employer|school"
)
_AUDIENCE = re.compile(
    r"^(?!if\b)(?!.*\b(?:who|that|which|where)\b)(?:[\w'-]+\s+){0,2}"
    rf"(?:(?:{_AUDIENCE_NOUNS})\s+(?:watch|see|follow|view|read|use|(?:are|r|is)\s+(?:watching|on\s+here|following))"
    r"(?:es|s)?\b"
    r"|[\w'-]+\s+(?:watch|see|follow|view|read)(?:es|s)?\s+(?:my|me|this|these|it|us|our|them|everything)\b)"
)
# "I do not want my kids to see that": who would see it, a reason.
_AUDIENCE_SEEING = re.compile(
    rf"^(?:my\s+|our\s+)?(?:\w+\s+)?(?:{_AUDIENCE_NOUNS})\s+(?:to\s+)?(?:see|watch|hear|find|know)\b(?:\s+(?:that|this|it|them))?$"
)
_SIGN_OFF = re.compile(
    r"^(?:for\s+real|fr|thank\s+you(?:\s+so\s+much)?|thanks(?:\s+so\s+much)?|period|full\s+stop|i\s+mean\s+it|got\s+it|"
    r"understood|respectfully|seriously|ok|okay|k|so\s+on|the\s+like|whatnot|more|etcetera|sorry|end\s+of\s+story|"
    r"no\s+exceptions?|no\s+ifs,?\s+ands,?\s+or\s+buts|at\s+all|ever|no\s+matter\s+what|thank\s+u|have\s+fun|"
    r"enjoy|cheers|xoxo|party\s+on|stay\s+safe|make\s+it\s+funny|that'?s\s+(?:about\s+)?(?:it|all)|that\s+is\s+(?:it|all)|nothing\s+else|i'?m\s+(?:so\s+)?serious|"
    r"im\s+(?:so\s+)?serious|i\s+am\s+serious|(?:hell|heck|oh|absolutely|definitely|uh|um|god|lord|fuck|f\*+k)\s+no(?:pe)?|"
    r"(?:god|lord)\s+bless(?:\s+\w+)?|semper\s+fi|shabbat\s+shalom|eid\s+mubarak|jazakallah(?:\s+khair)?|godspeed|"
    r"(?:stay|be)\s+blessed|much\s+love|one\s+love|please\s+and\s+thank\s+(?:you|u)|thanks\s+in\s+advance|"
    r"bless(?:ings|ed)?|amen|peace(?:\s+out)?|namaste|shalom|salaam|inshallah|"
    r"(?:very\s+|many\s+)thank\s+you|thank\s+you\s+very\s+much|many\s+thanks|love\s+(?:you|ya|u)(?:\s+all)?|xo+|"
    r"nope|no|personal\s+(?:choice|reasons?|preference)|(?:just\s+)?(?:a|my)\s+(?:preference|choice)|my\s+call|"
    r"go\s+(?:wild|nuts|crazy|for\s+it|ahead)|none(?:\s+at\s+all|\s+whatsoever)?|(?:hugs\s+and\s+)?kisses|hugs|x{2,}|(?:then\s+|just\s+)?ask\s+(?:me\s+)?first|"
    r"(?:but\s+)?(?:don'?t|do\s+not)\s+make\s+(?:it|me)\s+(?:boring|lame|cringe|weird|awkward|ugly)|"
    # "Not a fan of swearing, so please don't", "..., please don't use my face": the ban said again.
    r"(?:so\s+)?(?:please\s+)?(?:don'?t|dont|do\s+not)(?:\s+(?:do\s+(?:it|that)|please|ever))?|"
    r"(?:so\s+)?(?:please\s+)?(?:don'?t|dont|do\s+not|never)\s+(?:use|include|put|show|cast|feature)\s+"
    r"(?:my\s+(?:face|cameo|likeness|image|character)|me)(?:\s+(?:in\s+it|then|there|in\s+that|in\s+those))?)$"
)
# How, not what: "not even as a joke", "even in the background". Such a clause names nothing to rule out.
_MANNER = re.compile(
    r"^(?:not\s+)?(?:even\s+)?(?:(?:(?:as|in|for|on|at)\s+|(?<=even\s))(?:a\s+|an\s+|the\s+)?"
    r"(?:jokes?|prank|bit|gag|meme|skit|parody|satire|fun|laughs?|background|fiction|cartoons?|costume|dream)s?"
    r"|jokingly|ironically|once|implied|hinted|subtly|a\s+little|slightly|remotely|kind\s+of|sort\s+of|off[\s-]?screen"
    r"|blurred|censored|pixell?ated|partial(?:ly)?|suggested|briefly|in\s+passing|hidden|covered(?:\s+up)?|off[\s-]?camera"
    r"|(?:a|one)\s+(?:sip|drop|puff|drag|hit|bite|taste|little\s+bit|tiny\s+bit))"
    r"(?:\s+(?:either|too|pls|please|thanks|thx))?$"
)


# Topics that are not restriction categories (restriction_categories.toml) but common enough to deserve more
# than their bare name: short descriptions and example scenes to embed (a prompt embeds closer to a scene than
# to a bare word) and a lexicon of unambiguous words that count as keyword hits.
@dataclass(frozen=True)
class _KnownTopic:
    recognise: re.Pattern[str]
    descriptions: tuple[str, ...]
    lexicon: tuple[str, ...]


def _known(recognise: str, descriptions: str, examples: tuple[str, ...], lexicon: str) -> _KnownTopic:
    """A common topic: comma-separated descriptions, example scenes (embedded too) and a lexicon."""
    return _KnownTopic(
        re.compile(recognise),
        (*(part.strip() for part in descriptions.split(",")), *examples),
        tuple(part.strip() for part in lexicon.split(",")),
    )


# "filming kids", "pictures of my house": showing the thing is the thing.
_SHOWING = r"(?:(?:filming|showing|recording|posting|videos?\s+of|pics?\s+of|photos?\s+of|pictures?\s+of|footage\s+of)\s+)?"
_KNOWN_TOPICS: list[_KnownTopic] = [
    _known(
        r"death|dead|dying|\bdie\b|funeral|\bkill",
        "death, dying, a dead body, a funeral, being killed",
        ("someone dies", "a dead body on the floor", "a funeral for someone who died"),
        "death, dead, dies, dying, corpse, funeral, killed, murder, coffin",
    ),
    _known(
        r"animal|\bpets?\b|wildlife",
        "animals, a dog, a cat, a horse, birds, wildlife, pets",
        ("an animal", "someone with a dog or a cat", "wild animals at a zoo", "someone rides a horse"),
        "animal, pet, dog, puppy, cat, kitten, horse, bird, cow, pig, wildlife",
    ),
    # What owners most often keep out by name (attack round 33), each only when it is the whole topic: "jokes about
    # my kids" is about jokes. Their lexicons are the cameo's own ("her son", "his ex"): a bare "son" refused "Sons
    # and Lovers", and "tarantula" the Tarantula Nebula (attack round 35).
    _known(
        rf"^{_SHOWING}(?:kids?|children|child|sons?|daughters?)$",
        "children, kids, a son or a daughter",
        (),
        ", ".join(f"{whose} {who}" for whose in ("her", "his") for who in (
            "son", "sons", "daughter", "daughters", "children", "kids", "toddler", "little boy", "little girl", "boys", "girls"
        )),
    ),
    _known(
        rf"^{_SHOWING}(?:ex|exes|exs|ex'?s|ex[\s-](?:husband|wife|boyfriend|girlfriend|partner))$",
        "an ex-partner, a former husband or wife, a former boyfriend or girlfriend",
        (),
        ", ".join(f"{whose} {who}" for whose in ("her", "his") for who in (
            "ex", "ex-husband", "ex-wife", "ex-boyfriend", "ex-girlfriend", "ex-partner", "former husband", "former wife",
            "former boyfriend", "former girlfriend"
        )),
    ),
    _known(
        rf"^{_SHOWING}(?:house|home|apartment|flat|where\s+i\s+live)$",
        "a house, a home, inside a home",
        (),
        ", ".join(f"{whose} {what}" for whose in ("her", "his") for what in (
            "house", "home", "apartment", "living room", "front door", "backyard", "front yard", "kitchen"
        )),
    ),
    _known(
        rf"^{_SHOWING}(?:workplace|work|job|office|where\s+i\s+work)$",
        "a workplace, at work, in an office",
        (),
        ", ".join(f"{whose} {what}" for whose in ("her", "his") for what in ("office", "job", "workplace", "coworkers", "shift")),
    ),
    _known(r"^(?:girlfriend|gf)$", "a girlfriend", (), "her girlfriend, his girlfriend, her gf, his gf"),
    # The game, not a swimming pool ("no shooting pool" is read as billiards: _SHOOTING_IN_ANOTHER_SENSE).
    _known(
        r"^(?:playing\s+)?(?:billiards|snooker|pool\s+(?:games?|tables?|cues?))$",
        "billiards, snooker, a cue sport",
        ("someone leans over a felt table and lines up a shot with a cue", "someone sinks the last ball in the corner pocket"),
        "billiards, snooker, pool table, pool tables, pool cue, cue stick, eight ball, 8-ball, game of pool, games of pool, "
        "shoots pool, shooting pool, shot pool, plays pool, playing pool, played pool, pool hall, pool halls, racks the balls, "
        "racks up the balls",
    ),
    _known(r"^(?:boyfriend|bf)$", "a boyfriend", (), "her boyfriend, his boyfriend, her bf, his bf"),
    _known(
        r"^pranks?$",
        "pranks, a practical joke played on someone",
        (),
        "prank, pranks, pranked, pranking, practical joke, whoopee cushion",
    ),
    _known(
        r"^(?:dangerous\s+|extreme\s+)?stunts?$",
        "dangerous stunts, daredevil tricks",
        (),
        "stunt, stunts",
    ),
    _known(
        r"^spiders?$",
        "spiders, a spider, a tarantula",
        (),
        "spider, spiders",
    ),
    _known(
        r"^blackface$",
        "blackface",
        (),
        "blackface",
    ),
]
# A topic's word in another sense, not counted as a keyword ("house music" under "don't show my house").
_TOPIC_WORD_SENSES = {
    "house": re.compile(
        r"(?i)\bhouse\s+music\b|\bthe\s+white\s+house\b|\bhouse\s+of\s+(?:cards|representatives|commons|lords|worship)\b|\bfull\s+house\b"
        r"|\bin-house\b|\bon\s+the\s+house\b|\b(?:opera|haunted|fun|green|field|light|boat|tree|dog|guest|coffee|steak|club)\s*house\b"
        r"|\bhouse\s+(?:salad|wine|special|rules|party\s+music)\b|\bhousing\b"
    ),
    "kids": re.compile(r"(?i)\bkid(?:s|ding)?\s+around\s+with\b|\bjust\s+kidding\b|\bkid\s+gloves\b"),
    "ex": re.compile(r"(?i)\bex-(?!(?:husband|wife|boyfriend|girlfriend|partner|fianc))\w+|\bex\s+machina\b"),
    "stunts": re.compile(
        r"(?i)\bstunted\b|\bpublicity\s+stunts?\b|\b(?:pull|pulls|pulled|pulling)\s+(?:a|the|that|this)\s+(?:same\s+)?stunts?\b"
    ),
    "address": re.compile(
        r"(?i)\b(?:graduation|keynote|commencement|inaugural|farewell|opening|closing)\s+address\b"
        r"|\baddress(?:es|ed|ing)?\s+the\s+(?:crowd|audience|class|nation|room|issue|problem)\b"
    ),
    "cancer": re.compile(r"(?i)\bcancer\b(?=[^.]*\b(?:horoscope|star\s+sign|zodiac)\b)|\b(?:horoscope|zodiac)\b[^.]*\bcancer\b"),
    "miscarriage": re.compile(r"(?i)\bmiscarriages?\s+of\s+justice\b"),
    "spiders": re.compile(
        r"(?i)\bspider-?man\b|\bspider\s*(?:plants?|rolls?|solitaire|monkeys?|crabs?|veins?|webs?\s+cracks?)\b|\bspiderweb\s+cracks?\b"
    ),
}
# Every topic is also embedded in this frame: a bare word embeds poorly against a sentence.
_TOPIC_FRAME = "a video about {}"


# Inside a piece, a clause starts at "but", "so", "except"... ("no violence but guns are fine", "I'm vegan so no
# meat") and at "and" or "or" before a new rule ('never say "hello" and no politics').
# "as long as there's no violence" is the ban "no violence".
_CONDITION = re.compile(
    r"^(?:as\s+long\s+as|so\s+long\s+as|provided|only\s+if|if)\s+(?:there'?s|there\s+is|there\s+are|it'?s|its|it\s+is)?\s*"
    r"(?=(?:no|nothing|never|not)\b)"
)
# "As long as nobody is smoking, it's fine" is the ban "no smoking".
_NOBODY_DOING = re.compile(
    r"^(?:as\s+long\s+as|so\s+long\s+as|provided|only\s+if|if)\s+(?:nobody|no\s+one|no-one)\s+"
    r"(?:is|are|gets?|starts?|does|goes)\s+"
)
# "I'm fine with anything that doesn't involve politics", "Anything that isn't political is fine", "Anything without
# swearing is fine": an allowance of everything but one thing.
_ANYTHING_WITHOUT = re.compile(
    r"^(?:honestly\s+|really\s+|basically\s+)?(?:(?:i'?m|im|i\s+am)\s+)?(?:(?:totally\s+)?(?:fine|ok|okay|cool|good|happy|down)\s+with\s+)?"
    r"(?:anything|everything|whatever|stuff)\s+(?:that\s+|which\s+)?"
    r"(?:doesn'?t|does\s+not|don'?t|do\s+not|isn'?t|is\s+not|aren'?t|are\s+not|without|w/o|minus|free\s+of)\s+"
    r"(?:(?:involve|include|have|feature|show(?:\s+me)?|contain|mention|touch\s+on|deal\s+with|get\s+into)\s+)?(?P<x>.+?)"
    r"(?:\s+(?:is|are)\s+(?:all\s+|totally\s+|perfectly\s+)?(?:fine|ok|okay|cool|good|allowed|great)(?:\s+(?:by|with)\s+me)?)?$"
)
_INLINE_CLAUSE = re.compile(
    r"\s+(?=(?:but|though|although|except|unless|so|because|cuz|since|as\s+long\s+as)\s)"
    # "cause" as "because" only before who ("cause i'm a teacher"; "vaccines cause autism" is one clause).
    r"|\s+(?=cause\s+(?:i|i'?m|im|my|it'?s|it|we|they|you|u|he|she|people|kids)\b)"
    # "drinking yes drugs no": a yes closes its clause.
    r"|(?<=[a-z]\syes)\s+(?=[a-z])|(?<=[a-z]\syeah)\s+(?=[a-z])|(?<=[a-z]\syep)\s+(?=[a-z])"
    # "politics is a no-go and religion isn't taboo": two things said of two things.
    # "Nudity is forbidden and swearing isn't an issue": two things said of two things.
    r"|(?:(?<=forbidden)|(?<=banned)|(?<=no-go)|(?<=\sa\sno)|(?<=not\sok)|(?<=limits)|(?<=allowed)|(?<=\sfine)|(?<=\sok)|"
    r"(?<=okay)|(?<=\sissue)|(?<=problem)|(?<=taboo))\s+(?:and|but)\s+(?=[\w'-]+\s+(?:is|are|isn'?t|aren'?t)\s)"
    r"|\s+(?:and|or|&)\s+(?:also\s+)?(?=(?:no|nothing|never|don't|dont|do\s+not|avoid|keep|not|i\s+(?:don'?t|dont|do\s+not|"
    r"never|won'?t|can'?t))\s)"
    # Voice-to-text runs clauses together: "combat vet w ptsd please no fireworks", "no bad words my church friends
    # watch these", "dont show me eating beef im hindu".
    r"|\s+(?=please:?\s+(?:no|don'?t|dont|do\s+not|never|nothing|avoid|keep)\b)"
    # "no clowns i hate clowns", "anywhere real i have a restraining order".
    r"|(?<!where)(?<!when)(?<!\bif)(?<!that)(?<!while)\s+(?=i\s+(?:hate|can'?t\s+stand|despise|have|had|got|was)\b)"
    # Not after "where", "that", "which" or "when", which tie it to what comes before ("no videos where my mom would see
    # them" was cut to the junk topic "where").
    r"|(?<!want)(?<!wanna)(?<!\blet)(?<!make)(?<!where)(?<!that)(?<!which)(?<!when)\s+(?=(?:my|our)\s+(?:[\w'-]+\s+){0,2}(?:watch|watches|see|sees|follow|follows|view|"
    r"views|are\s+watching)\b)"
    r"|(?<!when)(?<!while)(?<!\bif)(?<!that)(?<!cause)(?<!since)(?<!\bas)(?<!where)(?<!like)(?<!think)(?<!\bif)(?<!though)"
    r"\s+(?=(?:i'?m|im|i\s+am)\s+(?:a|an|only|just|hindu|muslim|jewish|christian|catholic|sikh|buddhist|mormon|vegan|"
    r"vegetarian|sober|pregnant|\d+|in\s+recovery|a\s+\w+)\b)"
)
# What is left of a clause whose quote was taken out, when it only said to say or hear it ("I never want to hear").
_SAYING_END = re.compile(
    r"(?:^|\s*\b(?:and|or|but)\s+|^)(?:i\s+)?(?:never|don'?t|do\s+not|not)?\s*(?:(?:want|like)\s+to\s+)?(?:ever\s+)?"
    r"(?:make\s+me\s+|let\s+me\s+)?(?:say|says|saying|hear|use|write|utter|mention|spell|sing)"
    r"(?:\s+(?:the|any)\s+(?:words?|phrases?))?(?:\s+like)?\s*:?$"
)
_COURTESY = re.compile(r"^(?:(?:please|pls|plz|kindly|oh|and)\b[\s,:]*)+")
_POLITE = re.compile(
    r"^(?:please|pls|kindly|seriously|just|absolutely|strictly|also|plus|and|oh|so|but|basically|yeah|like|obviously|honey|hun|babe|"
    r"sweetie|darling|bestie|bro|dude|fam|y'?all|guys|folks|"
    # ("lol no twerking", "ngl no drugs": a laugh or a hedge before the ban)
    r"lol|lmao|lmfao|rofl|ngl|tbh|fr|frfr|honestly|bruh|yo|srsly|"
    r"whatever\s+(?:you|u)\s+do|"
    r"whatever\s+happens|no\s+matter\s+what)\b[\s,:]*"
)


def _clean(text: str) -> str:
    """Lower-case, one space, no end punctuation, no leading "please"."""
    cleaned = re.sub(r"\s+", " ", _straight_apostrophes(text).strip().lower()).strip(" .,!?")
    while _POLITE.match(cleaned):
        cleaned = _POLITE.sub("", cleaned, count=1)
    return cleaned


def _straight_apostrophes(text: str) -> str:
    """Phone keyboards type "don’t": an apostrophe inside a word is an apostrophe, not the end of a quote."""
    return re.sub(r"(?<=\w)[’‘`](?=\w)", "'", text)


# "nothing that goes against my faith": the owner's reason, not a ban on religion.
_AGAINST_MY = re.compile(r"^(?:goes|go|going|is|are|would\s+go|runs?)\s+against\s+(?:my\s+)?(?:faith|religion|beliefs?|values|morals|principles|culture|convictions)$")
_LEADING_RELATION = re.compile(
    r"^(?:(?:(?:where|when|while|if)\s+)?(?:i'?m|im|i\s+am)\s+(?=\w+ing\b|drunk|high|naked|nude|shirtless|topless|wasted|"
    r"stoned|undressed|smoking)|(?:where|when|while)\s+(?!i\s+(?:live|work|stay|sleep|study|go\s+to\s+school)\b))?(?:(?:my\s+)?(?:face|cameo|likeness)\s+(?:in\s+(?:the\s+)?(?:videos?|anything|stuff|clips?)\s+)?"
    r"(?:(?:with|of|doing|near|in|next\s+to)\b)?\s*)?(?:(?:involving|including|featuring|regarding|concerning|related\s+to|about)\b)?\s*"
)
_LEADING_KIND = re.compile(
    r"^(?:(?:fake|ai|deepfake)\s+)?(?:stuff|content|things|videos?|clips?|posts?|pics?|photos?|images?|anything|something)\s+"
    r"(?=(?:about|involving|including|featuring|regarding|concerning|of|with|that|which|showing)\b)"
    r"|^(?:that|which)\s+(?:shows?|involves?|includes?|features?|mentions?|reveals?)\s+"
    r"|^(?:of|with)\s+(?=my\b)"
)
_QUALIFIERS = frozenset(
    """fake small little tiny mild light short quick minor soft harmless cute friendly cartoon animated
    fictional pretend jokey toy plastic real""".split()
)


# Inside a ban, making a thing look good is the thing: "nothing that says vaping is cool", "don't make drugs look
# like they're ok".
_GOOD = r"(?:cool|ok|okay|fine|good|normal|fun|funny|glamorous|sexy|attractive)"
_GLAMOUR = re.compile(
    rf"^(?:.*\b(?:look|looks|seem|seems|say|says|like|as\s+if)\s+)(?P<x>.+?)\s+(?:is|are|'s|'re)\s+{_GOOD}$"
    rf"|^(?:it\s+)?(?P<y>.+?)\s+(?:look|looks|seem|seems)\s+(?:like\s+)?(?:they'?re|it'?s|its|is|are|)\s*{_GOOD}$"
)


_RIVALS = re.compile(
    r"^(?:any\s+)?(?:other|rival|competing|competitors?'?)\s+(?:[\w'-]+\s+)*?(?:brands?|companies|company|sponsors?|labels?)$"
)
_PARTNERS = frozenset("girlfriend boyfriend gf bf fiance fiancee fiancé fiancée crush".split())
_FUNCTION_WORDS = frozenset("without with within in on out of for up down off over under near by from about into onto".split())
_SCOPE_NOUNS = r"(?:forms?|ways?|shapes?|contexts?|settings?|capacity|circumstances?|scenarios?|situations?|scenes?|videos?|cases?)"
_ANY_SCOPE = re.compile(rf"\s+(?:in|of|under|for)\s+(?:any|every|all)\s+(?:\w+\s+)?{_SCOPE_NOUNS}$")
_ANY_SCOPE_ALONE = re.compile(rf"^(?:in\s+|of\s+|under\s+)?(?:any|every|all)\s+(?:other\s+|single\s+|possible\s+)?{_SCOPE_NOUNS}$")
_RELATIONS = frozenset("on about against of toward towards at".split())
_GENERIC_TAIL = frozenset("logos logo merch products product gear apparel branding".split())
_PROMOTING = re.compile(r"\bpromot(?:e|es|ed|ing|ion\s+of)\b")
_GENERIC_TAIL_RE = re.compile(rf"\b(?:{'|'.join(sorted(_GENERIC_TAIL))}|brands?)\b")


def _topic_items(phrase: str) -> list[str]:
    """Split "drugs, alcohol or smoking" into items, dropping filler words, allowances and sign-offs."""
    items: list[str] = []
    for item in _LIST_SPLIT.split(phrase):
        # "no hate on bts or any group": "any group" is hate on any group.
        previous = items[-1].split() if items else []
        if re.match(r"\s*any\s+(?:other\s+)?\w+\s*$", item) and any(w in _RELATIONS for w in previous[:-1]):
            item = " ".join(previous[:-1]) + " " + item.strip().split()[-1]
        if _MANNER.match(item.strip()):
            continue
        glamour = _GLAMOUR.match(item.strip())
        if glamour:
            item = glamour.group("x") or glamour.group("y")
        elif _ALLOWED.search(item) or _SIGN_OFF.match(item.strip()):
            continue
        # "stuff about my body", "content involving my daughter", "nothing that shows where I live", "fake videos of
        # my kids", "make fun of my teeth": what the thing is said about is the thing.
        item = _LEADING_KIND.sub("", item.strip())
        item = re.sub(r"\b(?:make|making|made|makes)\s+fun\s+of\b|^fun\s+of\b", "mocking", item)
        item = _LEADING_RELATION.sub("", item.strip())
        while _ITEM_TAIL.search(item):
            item = _ITEM_TAIL.sub("", item)
        # "any other soda brand", "other liquor brands": a sponsor's rivals are no thing the platform can tell from
        # the sponsor's own, and ruling out the whole category would rule out the owner's own deal.
        if _RIVALS.match(item):
            continue
        # "in any form", "any context", "in any setting": how much of it, which is all of it.
        item = _ANY_SCOPE.sub("", item)
        if _ANY_SCOPE_ALONE.match(item.strip()):
            continue
        # "no bedroom scenes": the scene is what makes the bedroom sexual, and "scenes" is filler.
        item = re.sub(r"\bbedroom\s+(?:scenes?|stuff|content|moments?|activit(?:y|ies)|things)\b", "sex scenes", item)
        item = re.sub(r"\bcrime\s+scenes?\b", "crime-scene", item)
        item = re.sub(r"\bmusic\s+videos?\b", "music-video", item)
        # "Shooting" in the senses that hurt no one, read before the filler goes ("shooting at the pool" is still a
        # shooting): "no shooting pool" bans the game, not violence, and "no shooting dice" is craps.
        item = _SHOOTING_IN_ANOTHER_SENSE.sub(lambda found: _SHOOTING_MEANS[found.lastgroup], item)
        # "don't use my brewery's logo", "my shop's name": the owner's own business is advertising (round 24).
        item = re.sub(
            r"^my\s+(?:[\w'-]+'s\s+)?(?:logos?|(?:shop|store|business|company|brand|salon|studio|restaurant|bar)'?s?\s+name)"
            r"(?:\s+anywhere)?$",
            "own business advertising",
            item,
        )
        found = re.findall(r"[\w'&+-]+", item)
        # "keep my girlfriend out of it": one person of the owner's, not romance; "my" stays to say so.
        words = [
            word
            for at, word in enumerate(found)
            if word not in _FILLER or (word == "my" and at + 1 < len(found) and found[at + 1] in _PARTNERS)
        ]
        # "Never show me without it": a preposition alone is no thing ("without" would refuse every text with it).
        if words and all(word in _FUNCTION_WORDS for word in words):
            continue
        # "nothing naughty with my kids": the filler dropped between two words must not join them into a thing that
        # names no category ("naughty kids" are children who misbehave) when the words as written named one.
        if words and not categories_named_by(" ".join(words)) and categories_named_by(" ".join(w for w in found if w != "my")):
            words = [word for word in found if word not in _FILLER or word in _FUNCTION_WORDS or word == "my"]
        if words:
            items.append(" ".join(words))
    # "no pranks (even fake ones)", "no guns (even toy ones)": beside the thing, an item made only of how much or
    # what kind of it is no new thing. Alone ("nothing mild") it is all the owner said, and it is kept.
    things = [item for item in items if not all(word in _QUALIFIERS for word in item.split())]
    return things or items


# Words a restriction may star out a letter of ("no s*x, no dr*gs"); a starred swear word is left as it is.
_STARRED_VOCABULARY = tuple(
    """sex sexy porn nude nudes naked nudity drugs drug weed coke meth booze beer wine vodka alcohol drunk drinking
    smoking smoke vape vaping cigarettes cigs politics political religion religious gambling betting casino violence
    violent blood gore guns kill killing murder kissing dating romance swearing cursing horror scary ads brands
    slut sluts slutty whore whores hooker hookers pimp pimps stripper strippers stripping erotic lewd nsfw boob boobs
    boobies titty titties tits topless horny pornstar sexting cocaine heroin stoned stoner stoners crackhead crackheads
    cigarette cigar tobacco nicotine liquor gory bloody weapons stabbing rape suicide gay""".split()
)
# Swear words a starred word is read as before the vocabulary above: "s**t" is "shit", not "slut"; "a**" is no "ads".
_STARRED_SWEARS = tuple("shit fuck damn hell crap twat cunt dick cock piss ass arse bitch bastard prick".split())


def _spelled_out(text: str) -> str:
    """A restriction with the ways of writing a word that hide it undone: hashtags ("#NoAlcohol #NoDrugs",
    "#KeepItPG", "#nopolitics"), letters spaced or hyphenated out ("no p o l i t i c s", "N O  D R U G S",
    "p-o-r-n") and a starred letter ("s*x", "dr*gs")."""

    def ban_glued(word: str) -> str:
        glued = re.fullmatch(r"(?i)(no|zero|never|anti)([a-z]{3,})", word)
        return f"{glued.group(1)} {glued.group(2)}" if glued and categories_named_by(glued.group(2).lower()) else word

    def hashtag(found: re.Match[str]) -> str:
        words = hashtags_as_words(found.group(0))
        # A rule or a category in a tag is read as words ("#KeepItPG", "#NoDrugs"); any other tag is one thing
        # ("#MeToo jokes" are not jokes about "me" and "too").
        if " " in words and not (categories_named_by(words.lower()) or re.match(r"(?i)(?:no|keep|never|zero|stop|not)\b", words)):
            return found.group(0)[1:]
        return ban_glued(words)

    def starred(found: re.Match[str]) -> str:
        token = found.group(0).lower()
        if re.fullmatch(r"\*+", token):
            return "swear"
        shape = re.sub(r"\*+", lambda stars: f"[a-z]{{{len(stars.group(0))}}}", token)
        # "****ing", "**ed": stars and an ending only are a swear word, whatever word the letters might make.
        if re.fullmatch(r"\*+(?:ing|in|ed|er|ers|s)", token) or any(re.fullmatch(shape, swear) for swear in _STARRED_SWEARS):
            return "swear words"
        word = next((word for word in _STARRED_VOCABULARY if re.fullmatch(shape, word)), None)
        if word:
            return word
        # "no h*ll or d*mn", "no **** words": a starred word that is no category's is a swear word; a starred
        # name ("K*rdashian") keeps its letters.
        if restriction_categories()["profanity"].words_deciding(token) or re.fullmatch(r"\*{3,}|[a-z]\*+[a-z]{1,3}", token):
            return "swear words"
        return token.replace("*", "")

    def joined(found: re.Match[str]) -> str:
        word = re.sub(r"[ -]", "", found.group(0))
        return ban_glued(word) if len(word) >= 3 else found.group(0)

    text = re.sub(r"#\w+", hashtag, text)
    # Single letters with one space or hyphen between them are one word; two spaces part words.
    text = re.sub(r"(?<![\w*'])(?:[A-Za-z][ -])+[A-Za-z](?![\w*'])", joined, text)
    return re.sub(r"(?<![\w*])(?:[A-Za-z]+(?:\*+[A-Za-z]*)+|\*+[A-Za-z]+|\*{3,}(?=\s+words?\b))(?![\w*])", starred, text)


# Every check reads the cameo's restrictions again; an owner has a handful, and they seldom change.
@lru_cache(maxsize=4096)
def parse_restriction(text: str) -> ParsedRestriction:
    """Read the words, categories and free-text topics a restriction bans, clause by clause."""
    straight = _restriction_emoji_as_words(_spelled_out(_straight_apostrophes(text)))
    straight = re.sub(r"(?<=\s)(?:'n'?|n')(?=\s)", "and", straight)  # "drugs 'n' alcohol"
    quoted: list[str] = []

    def hold_quote(found: re.Match[str]) -> str:
        quoted.append(found.group(1) or found.group(2))
        return f" {_HELD}{len(quoted) - 1}{_HELD} "

    # Quoted words are taken out first, so that a comma inside a quote does not cut a clause. They are held by a
    # private-use character no one types, so a restriction's own text cannot stand for a quote.
    # Typos are mended after the quotes are held: a quoted word is banned as the owner wrote it.
    unquoted = mend_typos(_QUOTED.sub(hold_quote, straight.replace(_HELD, "")))
    words: list[str] = []
    categories: list[str] = []
    topics: list[str] = []
    things: list[str] = []
    clauses = restriction_clauses(unquoted)
    owner = _OwnerWords(
        names=_capitalised_names(unquoted),
        allowed=_allowed_categories(clauses),
        as_written=frozenset(word.lower() for word in re.findall(r"\b[A-Z][A-Za-z]*\b", unquoted)),
    )
    previous = ""
    for number, clause in enumerate(clauses):
        following = clauses[number + 1] if number + 1 < len(clauses) else ""
        clause, previous = _exception_read(clause, previous, following), clause
        held = [quoted[int(number)] for number in _HELD_QUOTE.findall(clause)]
        rest = _clean(_HELD_QUOTE.sub(" ", clause))
        if held and _QUOTE_THEN_KIND.fullmatch(rest):
            # "NO 'trap' jokes": the quoted word is the ban; "jokes" only says what kind of thing uses it.
            rest = ""
        if held:
            # "I never want to hear "YOLO"": the quote is the word; the rest of the clause only says so, unless it
            # names more words to say ('never say "hello, world" or banana') or is a rule of its own ('no politics
            # and never say "moist"'). Scare quotes around a category's word name it too ('no "political" content').
            words.extend(_quoted_word(word) for word in held if _quoted_word(word))
            saying = bool(_SAYING_END.search(rest) or _SAY_WORD.match(rest))
            if not saying:
                categories.extend(key for word in held for key in categories_named_by(word))
            rest = _SAYING_END.sub("", rest)
            said = _SAY_WORD.match(rest)
            if said:
                spoken = said.group("x") or said.group("y") or said.group("z") or said.group("v") or said.group("u")
                words.extend(_topic_items(spoken))
                continue
        clause_words, clause_categories, clause_topics = _parse_clause(rest, owner, things) if rest else ([], [], [])
        words.extend(clause_words)
        categories.extend(clause_categories)
        topics.extend(clause_topics)
    family_friendly = _POSITIVE_FORMS[0][1]
    kept_clean = [found for found in _KEEP_IT_CLEAN.finditer(unquoted.lower())]
    if kept_clean and not set(categories) & set(family_friendly) and not _NOT_REQUIRED.search(unquoted.lower()):
        categories.extend(family_friendly)
    return ParsedRestriction(
        text,
        tuple(dict.fromkeys(words)),
        tuple(dict.fromkeys(categories)),
        tuple(dict.fromkeys(topics)),
        tuple(thing for thing in dict.fromkeys(things) if thing not in topics),
    )


_QUOTE_THEN_KIND = re.compile(
    r"(?:no|nothing|never|zero|not)?\s*(?:with\s+)?(?:jokes?|memes?|comments?|references?|talk|content|stuff|videos?|posts?|"
    r"captions?|songs?|chants?)"
    # 'the word "moist" must not be used'
    r"|(?:the\s+)?(?:words?|phrases?|terms?)\s+(?:(?:must|should|can|may)\s*(?:not|n'?t)\s+be\s+(?:used|said)|(?:is|are)\s+"
    r"(?:banned|forbidden|not\s+allowed|off[\s-]+limits))"
)


@dataclass(frozen=True)
class _OwnerWords:
    """What the whole restriction says that reading one clause needs: the names it capitalises ("Pepsi", "Under
    Armour") and the categories it allows ("alcohol is fine")."""

    names: frozenset[str] = frozenset()
    allowed: frozenset[str] = frozenset()
    # Words written with a capital or in capitals ("Merlo", "ADHD"), kept as written when a topic's slips are mended.
    as_written: frozenset[str] = frozenset()


def _capitalised_names(text: str) -> frozenset[str]:
    """Words written with a capital inside a sentence: the names of things ("drinking Monster", "Under Armour
    logos"). A sentence's first word, "I'm" and words in capitals ("NO") are not names."""
    names: set[str] = set()
    for sentence in re.split(r"[.!?\n:;,()]+|\s[-–—]+\s|[^\w\s'&-]{2,}", text):
        words = re.findall(r"[A-Za-z][\w'&-]*", sentence)
        # ("T-shirts", "X-rays" are no names)
        capitalised = [
            word for word in words[1:] if word[0].isupper() and any(c.islower() for c in word[1:]) and not re.match(r"[A-Z]-", word)
        ]
        # "No Drinking, No Smoking", "Please No Swearing Thank You": a sentence in title case names nothing.
        if len(capitalised) * 2 > len(words) - 1 or (words and words[0][0].isupper() and len(words) <= 3):
            continue
        names.update(word.lower() for word in capitalised if not word.startswith("I'"))
    return frozenset(names)


def _allowed_categories(clauses: list[str]) -> frozenset[str]:
    """The categories an allowance names by their own head words ("alcohol is fine", "drinking is fine"). Then a ban
    of something narrower in it ("... but no getting drunk") is that thing, not the whole category. An allowance of
    something narrow ("no violence but guns are fine") allows no category: the ban stands whole."""
    return frozenset(
        key
        for clause in clauses
        if (_ALLOWED.search(clause) or _SAID_OK.match(clause))
        and not _starts_as_a_ban(clause)
        # "no cigarettes, even though smoking is my thing": a concession allows nothing.
        and not re.match(r"(?:even\s+)?(?:though|although|tho)\b", clause)
        and not _free_of(clause)
        and not _ANYTHING_WITHOUT.match(clause)
        for key, head in _HEAD_WORDS.items()
        if head.search(clause) and key in categories_named_by(clause)
        and not re.search(r"\b(?:non|no|free)[\s-]+(?:alcoholic|alcohol|smoking|drinking|violent|sexual)|-free\b", clause)
    )


# The words that name a whole category, as against one thing in it ("drinking", not "a beer").
_HEAD_WORDS = {
    key: re.compile(rf"\b(?:{words})\b")
    for key, words in {
        "politics": r"politics|political",
        "alcohol": r"alcohol|alcoholic|drinking(?!\s+(?:water|milk|tea|coffee|juice|soda))|booze",
        "drugs": r"drugs?",
        "tobacco": r"tobacco|smoking|nicotine|vaping",
        "violence": r"violence|violent",
        "sexual": r"sexual|sex|nsfw|nudity",
        "romance": r"romance|romantic|kissing|dating",
        "brands": r"brands?|ads|advertising|sponsored|sponsors?|sponsorships?|promotions?",
        "religion": r"religion|religious|christianity|islam|judaism|hinduism|buddhism|faith",
        "gambling": r"gambling|betting",
        "profanity": r"profanity|swearing|cursing|cussing|swear\s+words",
        "horror": r"horror|scary",
    }.items()
}


def _starts_as_a_ban(clause: str) -> bool:
    return bool(re.match(r"(?:no|nothing|never|not|don'?t|dont|avoid|keep|zero)\b", clause))


def _heads_a_ban(clause: str) -> bool:
    """Whether a clause starts as a ban, or under a ban's header before a colon ("Hard pass on these: ...")."""
    return _starts_as_a_ban(clause) or bool(":" in clause and _HEADER.search(clause.split(":", 1)[0] + ":"))


def _quoted_word(word: str) -> str:
    """A quoted word as the owner wrote it, lower-cased: "oh my god" keeps its "oh"."""
    return re.sub(r"\s+", " ", _straight_apostrophes(word).strip().lower()).strip(" .,!?")


_HELD = "\ue000"
_HELD_QUOTE = re.compile(rf"{_HELD}(\d+){_HELD}")


def _exception_read(clause: str, previous: str, following: str = "") -> str:
    """An "except" or "unless" clause: the ban after "everything is fine" ("... except politics" is "no politics")
    or around "go ahead" ("Unless it's violent, go ahead"), and nothing after a ban ("no drinking except at
    weddings" keeps the whole ban: exceptions are not modelled)."""
    inside = _EXCEPT_INSIDE.match(clause)
    # "everything except religion is off limits": the exception is what is allowed.
    if inside and _ALLOW_EVERYTHING.search(inside.group("allow")) and _OFF_LIMITS_END.search(clause):
        return ""
    if inside and _ALLOW_EVERYTHING.search(inside.group("allow")):
        # "Everything except swearing is fine": "is fine" is said of everything.
        clause, previous = f"except {_FINE_END.sub('', inside.group('rest'))}", inside.group("allow")
    found = re.match(r"^(?:except(?:\s+for)?|unless)\s*:?\s+(?P<rest>.+)$", clause)
    if not found:
        return clause
    rest = found.group("rest")
    if _ALLOW_EVERYTHING.search(previous) and _OFF_LIMITS_END.search(rest):
        return ""
    go_ahead = (
        _GO_AHEAD.match(previous)
        # "I don't mind pranks unless they involve my kids": the hole in any allowance is a ban.
        or ((_ALLOWED.search(previous) or _SAID_OK.match(previous)) and not _starts_as_a_ban(previous))
        or _ALLOWED_LIKE_A_BAN.match(previous)
        or (_ALLOWED.search(previous) and re.search(r"\b(?:anything|everything|whatever)\b", previous))
        # "Unless it's violent, go ahead" (not "no alcohol unless it's a toast, go ahead": the ban stands whole).
        or (clause.startswith("unless") and _GO_AHEAD.match(following) and not _starts_as_a_ban(previous))
    )
    a_ban_before = _starts_as_a_ban(previous) and not _ALLOWED_LIKE_A_BAN.match(previous)
    if go_ahead and not _ALLOW_EVERYTHING.search(previous) and not a_ban_before:
        # "Sure, unless my mom would hate it": a condition no reader can check names nothing.
        if re.match(r"(?:my|your|the|people|someone|anyone|somebody|they|he|she)\s+(?:\w+\s+)?(?:would|will|might|could|gets?|finds?)\b", rest):
            return ""
        return f"no {_IT_IS.sub('', rest)}"
    if _ALLOW_EVERYTHING.search(previous):
        # "anything but make me cry": what the owner will not be made to do is the exception.
        rest = re.sub(r"^(?:make|have|let)\s+me\s+(?:look\s+)?", "", rest)
        return rest if _INSTRUCTION.match(rest) else f"no {_IT_IS.sub('', rest)}"
    # After a ban the exception is not modelled: "no drinking except at weddings" keeps the whole ban. What the
    # owner wants instead may still say what to keep ("I don't want anything except family friendly content"), and
    # a second ban after it ("no drinking except wine no drugs") still stands.
    if any(form.search(rest) for form, _named in _POSITIVE_FORMS):
        return f"keep it {rest}"
    second = re.search(r"\s(?=(?:no|nothing|never|don'?t|dont)\s)", rest)
    return rest[second.end() :] if second else ""


# Emoji whose names do not name their category ("water pistol", "no one under eighteen").
# Emoji that say "no": "🚫 pranks", "pranks ❌" ("no pranks or dares 🙅" leaves "dares no", whose "no" an item drops).
# Disgust says no too: "nudity 🤢 idc" banned nothing when the emoji was dropped (attack round 46).
_NO_EMOJI = re.compile(r"[🚫❌⛔🙅✖❎👎🤢🤮][\ufe0f\u200d♀♂\U0001f3fb-\U0001f3ff]*")
# And "✅ kissing" is an allowance.
_YES_EMOJI = re.compile(r"[✅✔👍🆗][\ufe0f\U0001f3fb-\U0001f3ff]*")
_RESTRICTION_EMOJI = {
    "🔫": "guns",
    "🔞": "adult content",
    "🤬": "swearing",
    "🍆": "sexual",
    # A peach in a restriction is a body, as an eggplant is ("no 🍑 content", attack round 52).
    "🍑": "sexual",
    "🖕": "middle finger",
    # A syringe in a restriction is the stricter reading of a needle: drugs.
    "💉": "drug needles",
}


def _yes_and_no_emoji_as_words(text: str) -> str:
    """✅ and ❌ as "yes" and "no", before what they answer on a line that starts with one ("✅ kissing ❌ nudity")
    or has them only mid-line, and after it on a line that ends with one ("nudity ❌ kissing ✅"), each closing its
    clause."""
    lines = []
    for line in text.split("\n"):
        either = rf"(?:{_NO_EMOJI.pattern}|{_YES_EMOJI.pattern})"
        # Mid-line only ("pranks are fine 🚫 politics"), an emoji says no to what follows.
        before = bool(re.match(rf"\s*{either}", line)) or not re.search(rf"{either}\W*$", line)
        for emoji_pattern, word in ((_NO_EMOJI, "no"), (_YES_EMOJI, "yes")):
            line = emoji_pattern.sub(f", {word} " if before else f" {word}, ", line)
        lines.append(line)
    return "\n".join(lines)


def _restriction_emoji_as_words(text: str) -> str:
    """A restriction's emoji as the words of the category they name ("no 🚬 or 🍺"); any other emoji ("🙏") is
    dropped, so it does not end up inside a free-text topic."""
    if emoji_as_words(text) == text:
        return text
    import emoji

    text = _yes_and_no_emoji_as_words(text)
    # "Wine influencer 🍷 so ...", "Sommelier here 🍷": an emoji after who the owner is ends that clause.
    text = re.sub(rf"(?i)\b({_TITLES})\s*[^\w\s,.!?'\"]+", r"\1, ", text)
    # A kiss or a heart at the end is a sign-off ("no politics pls 😘"), not romance.
    text = re.sub(r"(?:\s*[😘😍🥰😚😙💋❤💕💖💗💓💞♥🫶][\ufe0f]?)+\s*$", "", text)

    def named(chars: str, data: dict) -> str:
        name = _RESTRICTION_EMOJI.get(chars) or data["en"].strip(":").replace("_", " ")
        # Any other emoji is dropped, and cuts a clause as a full stop would: "Christian here ✝️ no demons".
        return f" {name} " if categories_named_by(name) else ", "

    return emoji.replace_emoji(text, replace=named)


# A remark in brackets: "(parents freak out)", "(still adjusting lol)", "(gross)", "(don't ask)". One that bans or
# names a category ("(obviously no drugs)", "(people drinking or smoking)") or says which ("(that's political)", "(my
# kids or my wife)") is read.
_REMARK = re.compile(
    r"^(?:don'?t\s+ask|trust\s+me|long\s+story(?:\s+short)?|lol|lmao|haha\w*|gross|ew+|yuck|ick|sorry|seriously|obviously|"
    r"no\s+offen[cs]e(?:\s+(?:intended|meant|to\s+anyone))?|no\s+hate|just\s+saying|with\s+respect|respectfully|i'?m\s+serious|"
    r"it'?s\s+a\s+phobia|(?:my|house|our)\s+rules?|asthma|allergies|health(?:\s+reasons)?|medical(?:\s+reasons)?|doctor'?s\s+orders|"
    r"ptsd|trauma|anxiety|epilep\w+|pregnant|kids|children|family|work|job|students|jk|j/k|just\s+kidding|kidding|"
    r"(?:[\w.]+\s+)?(?:rules?|policy|policies|regulations?)|"
    r"for\s+(?:real|reasons)|personal\s+reasons|it'?s\s+a\s+long\s+story|you\s+know\s+why)$"
)
_ASIDE = re.compile(
    r"^(?:(?:people|ppl|folks|parents|kids|everyone|everybody|they|it|i|i'?m|im|we|he|she)\s+\w+"
    r"|still|just|lol|lmao|haha\w*|served|lived|been|sadly|unfortunately|quit|quitting|allergic|phobic|scared|afraid|terrified|"
    r"triggered|triggering|sober|recovering|in\s+recovery)\b"
)

# "(i do irl but not on here)", "(i say it at home, just not on camera)": what the owner does off camera, beside its
# ban, says the ban again; read, "not on here" was the topic "here" (attack round 41).
_DONE_ELSEWHERE = re.compile(
    r"^(?:i\s+(?:do|say)\s+(?:(?:it|that|this|them|both)\s+)?)?(?:irl|in\s+real\s+life|at\s+home|offline|off\s+camera|all\s+the\s+time|"
    r"a\s+lot)(?:\s+only)?,?\s+(?:but\s+)?(?:just\s+)?(?:not|never)\s+(?:on\s+here|here|on\s+cam(?:era)?|in\s+(?:the\s+|my\s+)?videos?)$"
)


def _aside_or_not(found: re.Match[str]) -> str:
    inside = found.group(1).strip()
    # "Please don't show (kids)": what the rule before it is about.
    if re.search(r"\b(?:show|include|post|film|feature|put|use|no|of|with|about)\s*$", found.string[: found.start()]):
        return found.group(0)
    # "I vape (i do irl but not on here)": the aside is the ban of what the owner just said they do; beside a ban
    # ("no vaping (i do irl...)") it only says it again.
    if _DONE_ELSEWHERE.match(inside):
        said_before = re.split(r"[.,;!?\n]", found.string[: found.start()])[-1].strip()
        return ", not on camera" if _I_DO.match(said_before) else ", "
    if _REMARK.match(inside):
        return ", "
    bans = re.search(r"\b(?:no|not|never|nothing|don'?t|dont|can'?t|cannot|won'?t|hate|avoid|except)\b", inside)
    faith = re.match(r"(?:we'?re|we\s+are|i'?m|im|i\s+am)\s+(?:\w+\s+)?(?:muslim|jewish|mormon|lds|christian|catholic|hindu|sikh|buddhist)\b",
                     inside)
    if not bans and (faith or _SAID_OF_PEOPLE.match(inside) or (_ASIDE.match(inside) and not categories_named_by(inside))):
        return ", "
    return found.group(0)


# Heads of a line that are no subject of its rule: "Note: no politics", "PS: no drugs", "Me: no pranks".
_NOT_A_SUBJECT = re.compile(
    r"^(?:notes?|quick\s+note|n\.?b|p\.?s|p\.?p\.?s|heads\s+up|update(?:\s+\d+)?|corrections?|sorry|oops|i\s+mean|important|"
    r"fyi|btw|edit|reminder|warning|disclaimer|"
    r"please|pls|request|tl;?dr|summary|basically|honestly|seriously|in\s+short|me|also|and|finally|lastly|q|a|question|answer|"
    r"(?:my\s+)?rules?(?:\s*#?\s*\d+)?|rule\s+number\s+\w+|(?:one|main|only|last|first)\s+(?:more\s+)?thing|pet\s+peeves?)$"
)
# What a rule under a subject says of it when it has no object of its own: "Gambling: avoid at all costs" bans it,
# "Politics: don't hold back" allows it, "Romance: keep it sweet" keeps it from going further.
_HEAD_BANNED = re.compile(
    r"^(?:avoid(?:\s+(?:at\s+all\s+costs|please|pls|entirely|completely))?|never(?:\s+ever)?|nope|nah|no(?:\s+(?:way|thanks|thank\s+you))?|"
    r"(?:hell|hard|big|strict|strictly)\s+no|please\s+no|not\s+(?:ok(?:ay)?|fine|cool|acceptable|allowed)|off[\s-]+limits|off\s+the\s+table|banned|"
    r"absolutely\s+not(?:\s+ever)?|no[\s-]go|zero\s+tolerance|not\s+my\s+thing|not\s+a\s+fan|not\s+for\s+me|never\s+did(?:\s+never\s+will)?|"
    r"i\s+don'?t(?:\s+so\s+no)?|keep\s+(?:it\s+)?out|leave\s+(?:it\s+)?out|not\s+even\b.*)$"
)
_HEAD_ALLOWED = re.compile(
    r"^(?:(?:i\s+)?(?:don'?t|do\s+not)\s+(?:care|mind(?:\s+it)?)|fine|ok(?:ay)?|sure|yes|yep|no\s+(?:issue|problem)s?|not\s+a\s+problem|"
    r"all\s+good|all\s+yours|welcome|go\s+for\s+it|love\s+it|like\s+it|(?:don'?t|do\s+not)\s+hold\s+back|"
    r"keep\s+(?:it|them)\s+(?:in|fun|real|funny|positive|classy|harmless|safe|kind|nice|friendly|on\s+message|on[\s-]brand))$"
)
_HEAD_KEPT_MILD = re.compile(
    r"^keep\s+(?:it|them)\s+(?:sweet|tasteful|tame|mild|cute|innocent|wholesome|light|respectful|classy|chill)$"
)
_KINDS = r"(?:videos?|clips?|content|pics?|pictures?|photos?|filming|footage|jokes?|memes?|posts?)"


def _headed_rule(found: re.Match[str]) -> str:
    """A rule under a subject on one line. A first piece with no object bans, allows or limits the subject
    ("Gambling: avoid at all costs", "Politics: don't hold back", "Romance: keep it sweet", "Swearing: not around
    kids"), and what follows it is read after that ("Swearing: fine, no slurs"); the subject fills the rule's pronoun
    ("My ex: no content with him") or its missing object ("My kids: no videos"); a rule with its own object is read
    alone ("Word of Wisdom stuff: no coffee")."""
    head, rule = found.group("head").strip(), found.group("rule").strip(" .!?")
    if _NOT_A_SUBJECT.match(head):
        return rule
    first, _, rest = (*re.split(r"(\s*,\s*|\s+but\s+)", rule, maxsplit=1), "", "")[:3]
    rest = rest.strip()
    said = ""
    if _HEAD_BANNED.match(first):
        said = f"no {head}"
        # "Kids: never, not even their hands", "Pranks: nope, not on my kids": the rest only says how far.
        rest = "" if re.match(r"(?:not|even|no\s+matter|never\s+will|ever|period|at\s+all)\b", rest) else rest
    elif _HEAD_ALLOWED.match(first):
        said = f"{head} is fine"
        # "Kids: fine, just no faces": what is banned is the subject's.
        narrow = re.fullmatch(r"(?:just\s+|only\s+)?(?:no|not)\s+([\w'-]+(?:\s+[\w'-]+)?)", rest)
        if narrow and not categories_named_by(narrow.group(1)):
            rest = f"no {head} {narrow.group(1)}"
    elif _HEAD_KEPT_MILD.match(first):
        beyond = [_GOES_FURTHER[key] for key in categories_named_by(head) if key in _GOES_FURTHER]
        if re.search(r"respectful$", first):
            beyond = [f"mocking {head}"]
        said = f"{head} is fine, no {beyond[0]}" if beyond else f"{head} is fine"
    elif re.match(r"not\s+(?:around|near|in\s+front\s+of|on|with|in)\s+", first):
        said = f"{head} is fine, no {head} {first.split(' ', 1)[1]}"
    if said:
        return f"{said}, {rest}" if rest else said
    if re.search(r"\b(?:it|them|him|her|their|its)\b", rule):
        return re.sub(r"\b(?:it|them|him|her)\b|\b(?P<own>their|its)\b", lambda pronoun: f"{head}'s" if pronoun.group("own") else head,
                      rule, count=1)
    bare_kinds = rf"(?:(?:no|nothing|never)\s+)?{_KINDS}(?:(?:\s*,\s*|\s+(?:or|and|nor)\s+)(?:(?:no|nothing|never)\s+)?{_KINDS})*"
    subject = categories_named_by(head) or head.startswith("my ") or any(known.recognise.search(head) for known in _KNOWN_TOPICS)
    if subject and re.fullmatch(rf"{bare_kinds}(?:\s+(?:ever|please|pls|at\s+all|period|whatsoever|thanks))?", rule):
        return ", ".join(
            f"no {kind} {'about' if re.match(r'jokes?|memes?|posts?', kind) else 'of'} {head}" for kind in re.findall(_KINDS, rule)
        )
    # "Keep it family friendly and please: NO fake emergencies": a head that is a rule of its own stays one.
    if _starts_as_a_ban(head) or any(form.search(head) for form, _named in _POSITIVE_FORMS):
        return f"{head}.\n{rule}"
    return rule


def restriction_clauses(text: str) -> list[str]:
    """A restriction cut into the clauses that are read one by one, each cleaned: "no fighting or gore, I don't want
    my face hurting anyone" is two; "no drugs, alcohol or smoking" is one list, and so is "no kids, my wife or my
    house"; "no politics" and "no pranks" on two lines are two."""
    clauses: list[str] = []
    header = ""
    lines = _LINE_MARK.sub("\n", _straight_apostrophes(text).strip().lower())
    # Voice-to-text: "um", "uh"; and what cuts a clause like a full stop: "lol", "period" mid-sentence, "w/".
    lines = re.sub(r"\b(?:u+m+|u+h+|erm|uhh+)\b", " ", lines)
    # After a question mark it cuts nothing more: "swearing? lol idc" is a question and its answer.
    lines = re.sub(r"(?<=[.!?])\s+(?:lol|lmao|lmfao|haha+|rofl|ngl|smh|tbh|imo|imho|fwiw|btw)\s+(?=\S)", " ", lines)
    lines = re.sub(
        r"\s+(?:lol|lmao|lmfao|haha+|jk|rofl|ngl|smh|idk|tbh|imo|imho|fwiw|btw)\s+"
        r"|\s+period\s+(?=(?:i|i'm|im|we|my|and|also|it|this|that|no|never|don't|dont|please|thanks|so)\b)",
        ", ",
        lines,
    )
    # "Real violence, blood or gore isn't.": a sentence that ends by denying names what it bans.
    lines = re.sub(
        r"(^|[.!?\n]\s*)(?![^.!?\n]*\b(?:fine|ok|okay|allowed|good|cool|yes|yeah|sure|my\s+(?:job|thing|life|act|brand)|"
        r"part\s+of)\b)([^.!?\n]+?)\s+(?:isn'?t|aren'?t|is\s+not|are\s+not)"
        r"\s*(?=[.!?\n]|$)",
        r"\1no \2",
        lines,
    )
    # "I'm a smoker (i do irl but not on here)": who smokes is what they do, read as "I smoke" is.
    lines = re.sub(
        r"\b(?:i'?m|im|i\s+am)\s+an?\s+(?:(?:heavy|social|big|casual|daily|chain|weekend|light|occasional)\s+)?"
        r"(smoker|drinker|vaper|gambler|stoner)\b(?!\s+(?:not|but\s+not)\s+an?\s)",
        lambda found: {"smoker": "i smoke", "drinker": "i drink", "vaper": "i vape", "gambler": "i gamble", "stoner": "i smoke weed"}[
            found.group(1)
        ],
        lines,
    )
    # "(parents freak out)", "(still adjusting lol)", "(gross)": an aside in brackets is no item of the list it is in.
    lines = re.sub(r"\(([^()\n]*)\)", _aside_or_not, lines)
    # "No politics of any sort, left or right": both sides are the whole of it, not two more things.
    lines = re.sub(r",?\s*\b(?:(?:left|right)\s+or\s+(?:left|right)|(?:on\s+)?(?:either|both|any)\s+sides?)\b", "", lines)
    # "Not permitted - violence": a header before a dash heads what follows as one before a colon does.
    lines = re.sub(
        r"(?m)^(\s*(?:not\s+permitted|not\s+allowed|prohibited|forbidden|banned|restricted|off[\s-]+limits|no[\s-]gos?|"
        r"hard\s+nos?|dealbreakers?|not\s+(?:ok(?:ay)?|fine|cool)(?:\s+with)?))\s*[-–—]+\s*",
        r"\1: ",
        lines,
    )
    # "Hard pass on these. Crack dealer, exotic dancer.": a ban of "these" heads the sentence after it, as a colon would.
    lines = re.sub(
        r"(?m)((?:^|(?<=[.!?]\s))\s*(?:(?:(?:hard|big|absolute|firm)\s+(?:no|pass)|no|nope|pass|not\s+doing|i\s+won'?t\s+(?:do|play))\s+"
        r"(?:on\s+|to\s+)?(?:all\s+(?:of\s+)?)?(?:these|the\s+following|this\s+list)(?:\s+\d+)?|these\s+are\s+(?:a\s+)?(?:hard\s+|big\s+)?"
        r"(?:no|nos|pass|no[\s-]?gos?)|(?:roles?|things?|characters?|parts?)\s+i\s+(?:won'?t|will\s+not|don'?t|refuse\s+to)\s+(?:play|do))"
        r"(?:\s+(?:roles?|things?|ones?|characters?|parts?))?)(?:\s*[.!,;]+\s+|[^\S\n]*\n\s*)(?=\S)",
        r"\1: ",
        lines,
    )
    # "before and after pics", "before/after transformations" are one thing.
    lines = re.sub(r"\bbefore\s*(?:and|&|/|n|-)\s*after\b", "before-after", lines)
    lines = re.sub(r"(?<=\w)\s+w\s+(?=[a-z])", " with ", lines)
    lines = _questions_under_a_ban_header(lines)
    # "Kids: no filming them", "Religion: no jokes", "Word of Wisdom stuff: no coffee": what heads a ban on its line.
    lines = re.sub(r"(?<=\w):\s*(ever|period|at\s+all|whatsoever|please|pls|thanks)\b", r" \1", lines)
    # "Alcohol: fine, Drugs: nope": two heads on one line are two lines; "Likes: horror. Dislikes: gore".
    lines = re.sub(r"[.;]\s*(?=[\w' ]{1,30}:\s)|(?<=:)(\s*[\w' ]{1,20}),\s*(?=[\w' ]{1,30}:\s)", lambda found: (found.group(1) or "") + "\n", lines)
    # "Favorite drink: water", "Religion: Catholic", "Hobbies: poker": a profile line says who the owner is, not a ban.
    lines = re.sub(
        r"(?m)(?:^|(?<=[.!?]\s))(?:favou?rite\s+\w+|fun\s+fact|hobbies|interests|(?:current\s+)?mood|occupation|job|profession|age|"
        r"location|pronouns|about\s+me|bio|name|religion|politics|faith)\s*:\s*+(?!(?:no|not|never|none|nope|nah|avoid|keep|leave|"
        r"zero|off|banned|hard\s+no|fine|ok|okay|yes|sure|love|like|don'?t|i\s+don'?t|stays?\s+out|out)\b)[^.!?\n,]*(?:[.!?]|,\s*)?",
        "",
        lines,
    )
    lines = re.sub(r"(?m)^([\w' ]{1,30}):\s*\d+\s*,\s*", r"\1: ", lines)
    lines = re.sub(
        r"(?m)(?:^|(?<=[.!?]\s))\s*(?:likes?|loves?|allowed|welcome|yes|ok|fine|things\s+i\s+(?:love|like|enjoy))\s*:\s*([^.!?\n]+)",
        r"\1 are fine", lines,
    )
    lines = re.sub(r"(?m)(?:^|(?<=[.!?]\s))\s*(?:dislikes?|hates?|red\s+flags?|things\s+i\s+(?:hate|dislike))\s*:\s*([^.!?\n]+)",
                   r"no \1", lines)
    lines = re.sub(
        r"(?m)(?:^|(?<=[.!?]\s))(?P<head>[^:\n.!?]{1,40}?):\s+(?P<rule>(?:no|nothing|never|nope|nah|don'?t|dont|avoid|zero|keep|leave|not|"
        r"fine|ok|okay|all\s+good|go\s+for|hard\s+no|hell\s+no|banned|off|absolutely|sure|yes|yep|love|like|welcome|please|strictly|"
        r"i\s+(?:don'?t|do\s+not|won'?t|never))\b[^\n.!?]*)",
        _headed_rule,
        lines,
    )
    # "chips and dip", "ghosts or spirits" are one thing each, not tobacco and liquor.
    lines = re.sub(r"\bchips\s+(?:and|&|n|'n')\s+dip\b", "chips-n-dip", lines)
    lines = re.sub(r"\s*,?\s*\b(?:in\s+)?any\s+(?:way\s*,?\s*)?shape\s*,?\s+or\s+form\b", "", lines)
    lines = re.sub(r"\b(?:shapes?|forms?|kinds?|types?|sorts?)\s+(?:or|and|/)\s+(?:shapes?|forms?|kinds?|types?|sorts?)\s+of\s+", "", lines)
    lines = re.sub(r"\b(tv|film|movie|video|game|cartoon|book|comic|anime)s?\s*/\s*(tv|film|movie|video|game|cartoon|book|comic|anime)s?\b",
                   r"\1-\2", lines)
    lines = re.sub(r"\b(ghosts?|demons?|hauntings?|paranormal\s+\w+)\s+(or|and|&|/)\s+spirits\b", r"\1 \2 evil spirits", lines)
    # "drinking and driving" is one thing, not drinking and driving.
    lines = re.sub(r"\b(drinking|drink|drunk)\s+(?:and|&|n)\s+(driving|drive)\b", r"\1-\2", lines)
    lines = re.sub(r"\bw/o\b", "without", lines)
    # "no weed my mom would kill me": a reason run on after a ban, with no comma, is a clause of its own.
    lines = _RUN_ON_REASON.sub(", ", lines)
    lines = re.sub(r"\bw/\s*", "with ", lines)
    lines = _likeness_as_whom(lines)
    # "no A/B testing", "no Q&A", "no A to Z lists": one thing, not a list of letters.
    lines = re.sub(r"\b([a-z])\s*(?:/|&|\bto\b)\s*([a-z])\b", r"\1-\2", lines)
    # "Mr. Trump", "i.e. beer", "U.S. politics": an abbreviation's full stop ends no sentence.
    lines = re.sub(r"\b([a-z])\.([a-z])\.", r"\1\2", lines)
    lines = re.sub(r"\b(mr|mrs|ms|dr|sen|gov|rep|pres|st|jr|sr|vs|etc|incl|approx|prof|lt|sgt|capt)\.", r"\1", lines)
    # A list does not go on past the end of its sentence: "I'm a nurse. Stop putting me in fake vaccine videos."
    pieces = []
    for sentence in re.split(r"(?<=[.!?])\s+|\s*\n\s*", lines):
        parts = [part for piece in _CLAUSE_PIECES.split(sentence) for part in _INLINE_CLAUSE.split(piece) if _clean(part)]
        # The last part of a sentence that ends in a question mark is asked ("swearing?"): what follows may answer it.
        pieces += [(part, index == 0, index == len(parts) - 1 and sentence.rstrip().endswith("?")) for index, part in enumerate(parts)]
    asked = False
    # A question joined to the list before it ("Drugs are a dealbreaker, swearing?"): (index of the clause, the clause
    # before the join, the question), so that a yes to it answers the question alone.
    joined_question: tuple[int, str, str] | None = None
    # The clause asked as a question under a ban's header ("Restricted:\ndrugs?"), which its answer decides.
    asked_under_ban: int | None = None
    # The clause a no just let be ("Do I mind swearing? no"), which a yes in the next breath takes back.
    let_be: int | None = None
    # Whether a question about a dislike was answered, so that a question cut short after it asks the same.
    asked_averse = False
    # The clause a thing and a yes just banned after such a question ("... no - but gore yes"), which the next may follow.
    said_yes_of: int | None = None
    # The index of the first clause of the sentence being read.
    sentence_start = previous_sentence_start = 0
    for raw, new_sentence, is_question in pieces:
        raw = raw.strip()
        if new_sentence:
            previous_sentence_start, sentence_start = sentence_start, len(clauses)
        after_a_question, asked = asked, is_question
        if clauses and _ALLOW_EVERYTHING.search(clauses[-1]) and _BUT_AFTER_ALLOWANCE.match(raw):
            raw = _BUT_AFTER_ALLOWANCE.sub("except ", raw)
        for piece in _reason_then_ban(_clean(raw)):
            if not piece or piece.isdigit():
                continue
            # "pranks? nope", "politics? hell no": a bare no answers the clause before it.
            # "Things I don't want:" and a list on lines: each line is one more thing not wanted.
            # "Restricted:\ndrugs? yes": a question under a ban's header is answered below it, not banned by it.
            if (
                header == "no"
                and is_question
                and not piece.endswith(":")
                and not (_ASKED_AVERSE.match(piece) or _ASKED_OK.match(piece) or re.search(r"\b(?:ok|okay|fine|allowed|cool)$", piece))
            ):
                _ban_unanswered(clauses, asked_under_ban)
                asked_under_ban = len(clauses)
                clauses.append(piece)
                continue
            if (
                header
                and new_sentence
                and not piece.endswith(":")
                and not re.match(r"(?:no|nothing|never|not|don'?t|dont|avoid|keep|i)\b", piece)
                and not (_ALLOWED.search(piece) or _SAID_OK.match(piece))
                # (not the answer to a question of a checklist under it: "Restricted:\ndrugs? y")
                and not (asked_under_ban == len(clauses) - 1 and _checklist_answer(piece) is not None)
            ):
                piece = f"{header} {piece}"
            if piece.endswith(":"):
                # "Things I don't want:" heads bans; "Things I'm ok with:" and "Things I don't mind:" allowances.
                allows = bool(_ALLOWED.search(piece) or re.search(r"\b(?:don'?t|do\s+not)\s+mind\b|(?<!not\s)\bok\b", piece))
                header = "ok with" if allows else "no" if _HEADER.search(piece) else header
                clauses.append(piece)
                continue
            says_yes = bool(_BARE_YES.match(piece) or (after_a_question and _BARE_INDIFFERENT.match(piece)))
            if says_yes and joined_question and joined_question[0] == len(clauses) - 1:
                # "Drugs are a dealbreaker, swearing? idc": the yes is to swearing; drugs stay banned.
                clauses[-1] = joined_question[1]
                clauses.append(joined_question[2])
            joined_question = None
            answered = clauses and not clauses[-1].startswith(("unless", "except", "if ")) and not re.match(
                r"(?:no|nothing|never|not|don'?t|dont|zero|keep|leave|avoid|stop|i\s+(?:never|don'?t|dont|do\s+not|won'?t))\b",
                clauses[-1],
            )
            # "Do I mind swearing? no, wait, yes", "Restricted:\ndrugs? no... actually yes": a no that let a thing be,
            # taken back by a yes in the next breath, is the ban after all.
            if let_be == len(clauses) - 1 and _YES_AFTER_ALL.match(piece):
                clauses[-1] = f"no {clauses[-1].removesuffix(' yes')}"
                let_be = None
                continue
            if let_be == len(clauses) - 1 and re.fullmatch(r"sorry|correction|i\s+mean|oops", piece):
                continue
            if not _HESITATION.match(piece):
                let_be = None
            averse = _ASKED_AVERSE.match(clauses[-1]) if answered else None
            # ("not for me" says so to "Is swearing an issue?", but to "Do I mind drugs?" it may say drugs are not for
            # the owner: read the stricter way there)
            if averse and _DONT_MIND_ANSWER.match(piece) and not (piece.startswith("not for me") and not averse.group("c")):
                # "Do I mind gore? no", "Is gore a dealbreaker? idc": what was asked is allowed.
                clauses[-1] = f"{next(thing for thing in averse.groups() if thing)} yes"
                let_be = len(clauses) - 1
                asked_averse = True
                continue
            checked = _checklist_answer(piece) if asked_under_ban == len(clauses) - 1 else None
            if checked is not None:
                # "Restricted:\ndrugs? yes\nswearing? no": under a ban's header, a yes is the ban and a no (or "idc")
                # lets it be.
                clauses[-1] = f"no {clauses[-1]}" if checked else f"{clauses[-1]} yes"
                let_be = None if checked else len(clauses) - 1
                asked_under_ban = None
                continue
            _ban_unanswered(clauses, asked_under_ban)
            asked_under_ban = None
            if answered and _BARE_NO.match(piece):
                titled = bool(_WHO_I_AM.match(clauses[-1]) and _title_names_a_category(clauses[-1]))
                clauses[-1] = f"{_ASKED_OK.sub('', clauses[-1])} = no"
                # "Crack dealer, exotic dancer, bartender - NO": the titles before it in its sentence too (the one before,
                # when the no is a sentence of its own: "... bartender? no").
                if titled:
                    _join_titles_before(clauses, previous_sentence_start if new_sentence else sentence_start)
                continue
            # "Nudity? fine. Wait, NO.": a hesitation after a yes says nothing yet; what follows it may take the yes back.
            if clauses and clauses[-1].endswith(" yes") and _HESITATION.match(piece):
                continue
            # "Nudity? fine. wait no.", "Smoking? sure.\nActually no.": the answer taken back in the next breath is a no.
            if clauses and clauses[-1].endswith(" yes") and _ANSWER_TAKEN_BACK.match(piece):
                clauses[-1] = f"{clauses[-1].removesuffix(' yes')} = no"
                continue
            if answered and says_yes:
                averse = _ASKED_AVERSE.match(clauses[-1])
                # ("... no, but drugs, yes": the thing between the let-be and the yes is asked the same, without a "?")
                asked_again = after_a_question or (len(clauses) > 1 and clauses[-2].endswith(" yes"))
                cut_short = _QUESTION_CUT_SHORT.fullmatch(clauses[-1]) if asked_again and asked_averse else None
                if averse:
                    clauses[-1] = f"no {next(thing for thing in averse.groups() if thing)}"
                    asked_averse = True
                elif cut_short:
                    # "Do I mind swearing? No. Drugs? Yes.", "Is swearing a problem? no. Is gore? yes": the next question
                    # cut short asks the same, read the stricter way: its yes bans.
                    clauses[-1] = f"no {cut_short.group('x')}"
                else:
                    clauses[-1] = f"{_ASKED_OK.sub('', clauses[-1])} yes"
                continue
            # "Do I mind swearing? no - but drugs yes": after a question about a dislike was answered, a thing and a yes
            # answer the same question of that thing, read the stricter way (as a question cut short is): it bans.
            # ("... gore yes, drugs yes": the next one after it too)
            # ("... Kissing? no. gore yes": after another answer, a no read as a ban, too)
            after_let_be = clauses and (clauses[-1].endswith((" yes", " = no")) or said_yes_of == len(clauses) - 1)
            yes_of = _SAID_YES_OF.fullmatch(piece) if asked_averse and after_let_be else None
            if yes_of:
                clauses.append(f"no {yes_of.group('x')}")
                said_yes_of = len(clauses) - 1
                continue
            # After an allowance, "nudity does", "drugs are not": what is contrasted is banned ("kissing is fine,
            # anything more is not" bans what goes further than a kiss).
            contrast = _CONTRAST.match(piece) or _NOTHING_FURTHER.match(piece)
            if contrast and clauses and (_ALLOWED.search(clauses[-1]) or _SAID_OK.match(clauses[-1])):
                further = _FURTHER.match(contrast.group("x"))
                allowed = categories_named_by(clauses[-1])
                beyond = [_GOES_FURTHER[key] for key in allowed if key in _GOES_FURTHER] if further else []
                if beyond or not further:
                    clauses.append(f"no {' or '.join(beyond) if further else contrast.group('x')}")
                continue
            # The starter is read before _clean drops a leading "just" or "also" ("just comedy" is what the owner
            # wants), but after "please" and "and" ("please keep my cameo clean" is a clause; "and religion" continues
            # the list).
            whole = piece == _clean(raw)
            first = (_COURTESY.sub("", re.sub(r"\s+", " ", raw)) if whole else piece).split(" ", 1)[0]
            # ", and anything with kids in it" goes on with the list; "anything goes", "anything except" do not.
            if first in ("anything", "everything") and not re.search(r"\b(?:goes|fine|ok|okay|allowed|except|but|good|cool)\b", piece):
                first = ""
            continues_list = (first not in _CLAUSE_STARTERS or _POSSESSIVE_ITEM.match(piece)) and not (
                _AUDIENCE.match(piece)
                or _ALLOWED_LIKE_A_BAN.match(piece)
                # "no blackface/brownface, horror cosplays are fine tho": an allowance after a ban is no item of it.
                or bool(clauses and _starts_as_a_ban(clauses[-1]) and (_ALLOWED.search(piece) or _SAID_OK.match(piece)))
                or _SAID_OF_PEOPLE.match(piece)
                or _SIGN_OFF.match(piece)
                or _SAID_NO.match(piece)
                or _SAID_OK.match(piece)
                or bool(clauses and clauses[-1].endswith((" = no", " yes")))
                or (
                    _WHO_I_AM.match(piece)
                    and (not categories_named_by(piece) or re.search(r"\bby\s+(?:day|night)$", piece))
                    # "no gore, pole dancer & lap dancer": titles joined in a ban's sentence go on with it (round 44), and
                    # so does one title that a category's own words name ("Hard pass on these: crack dealer, exotic
                    # dancer"), but not one said of the owner ("nurse here", "bartender by night").
                    and not (
                        clauses
                        and not new_sentence
                        and _heads_a_ban(clauses[-1])
                        and (
                            re.search(r"\s(?:&|\+|and)\s", piece)
                            or (_named_by_lexicon(piece) and not re.search(r"\b(?:here|by\s+(?:day|night)|irl)$", piece))
                        )
                    )
                )
                or _FAITH_AND_I.match(piece)
                or re.search(r"\breasons?$", piece)
            )
            # "so flirting, dates and romance are fine": the items before an allowance in its sentence are allowed.
            # And "Drunk driving, blackout drinking, or underage drinking = absolutely NOT": the items before it are banned.
            answer = _SAID_OK.match(piece) or _ALLOWED.search(piece) or _SAID_NO.match(piece)
            # Only read when there is an answer: the list before it grows with every piece (a long list was quadratic).
            bare_items = (
                answer
                and clauses
                and not new_sentence
                and len(clauses[-1].split()) <= 6
                and not (_SAID_NO.match(clauses[-1]) or _SAID_OK.match(clauses[-1]) or _ALLOWED.search(clauses[-1]))
                and re.fullmatch(r"(?!(?:no|nothing|never|not|don'?t|dont|keep|avoid|i|i'm|im)\b)[\w' ,-]+", clauses[-1])
                # "Nudity is forbidden, swearing isn't an issue": what comes before says its own thing.
                and not re.search(r"\b(?:is|are|isn'?t|aren'?t)\b", clauses[-1])
            )
            # (not "nothing is off limits", which allows everything, nor after who the owner is: "Drag queen, ...")
            if (
                answer
                and bare_items
                and len(clauses[-1].split()) <= 6
                and not _ALLOW_EVERYTHING.search(piece)
                # (but "Drug dealer, pimp & stripper = NO": a title that names a category, before a no, is one more
                # banned item, not who the owner is)
                and (not _WHO_I_AM.match(clauses[-1]) or (_SAID_NO.match(piece) and _title_names_a_category(clauses[-1])))
            ):
                clauses[-1] = f"{clauses[-1]}, {piece}"
                # "Crack dealer, exotic dancer, bartender = NO": every such title before it in its sentence too.
                if _SAID_NO.match(piece):
                    _join_titles_before(clauses, sentence_start)
            elif clauses and continues_list and not (new_sentence and piece == _clean(raw)):
                if is_question:
                    joined_question = (len(clauses) - 1, clauses[-1], piece)
                clauses[-1] = f"{clauses[-1]}, {piece}"
            else:
                clauses.append(piece)
    _ban_unanswered(clauses, asked_under_ban)
    return _kept_that_way(clauses)


# A yes to a question of a checklist under a ban's header, besides the usual ones: "Restricted:\ndrugs? y".
_CHECKLIST_YES = re.compile(r"^(?:y|ya|ye|yea|ofc|duh|obviously|definitely|absolutely|100%?|for\s+sure)$")


# A reason run on after a ban with no comma: "no weed my mom would kill me", "no kissing 🙏 my gf would kill me", "no
# weed bc my mom would kill me". Only what someone would do to the owner: "nothing my boss would hate" and "nothing my
# church would frown on" are one ban, not a ban and a reason.
_RUN_ON_REASON = re.compile(
    rf"(?<![,.;:!?])(?<!\bbc)(?<!\bcuz)(?<!\bcause)(?<!\bbecause)(?<!\bsince)[^\S\n]+"
    rf"(?=(?:(?:bc|cuz|cause|because|since)\s+)?{_WOULD_DO_TO_ME})"
)
# A question cut short after a question about a dislike: "Drugs?", "Is gore?", "And nudity?", "What about drugs?".
_QUESTION_CUT_SHORT = re.compile(r"(?:(?:is|are|and|what\s+about|how\s+about)\s+)?(?P<x>[\w'-]+(?:\s+[\w'-]+)?)")
# A thing and a yes after a question about a dislike was answered: "Do I mind swearing? no - but drugs yes".
_SAID_YES_OF = re.compile(r"(?P<x>[\w'-]+(?:\s+(?:(?:and|or|&)\s+)?[\w'-]+){0,2})\s+(?:yes|yep|yeah|i\s+do)")


# A yes after a no that let a thing be, with the hesitation before it: "wait, yes", "actually yes", "jk yes I do".
_YES_AFTER_ALL = re.compile(
    r"^(?:(?:wait|actually|jk|jkjk|j/k|hmm+|oh|no\s+wait|on\s+second\s+thought|hold\s+on|correction:?|sorry|i\s+mean)[\s,.]+)*"
    r"(?:yes|yeah|yep|yup|ya|y)(?:\s+(?:i\s+do|actually|it\s+is|they\s+are|please|pls))?$"
    r"|^(?:(?:jk|jkjk|j/k|actually|wait|correction:?)[\s,.]+)*(?:it\s+is|i\s+do|they\s+are)$"
)


def _checklist_answer(piece: str) -> bool | None:
    """The answer to a question of a checklist under a ban's header: True for a yes (restricted), False for a no or
    indifference (let be), None for no answer. An emphatic no ("hell no", "no way") is read the stricter way, a yes."""
    if re.match(r"(?:hell|heck)\s+no$", piece):
        return True
    if _DONT_MIND_ANSWER.match(piece) or piece == "n" or (_BARE_INDIFFERENT.match(piece) and not re.match(r"(?:yes|yep|yeah|sure)\b", piece)):
        return False
    if _BARE_NO.match(piece) or _BARE_YES.match(piece) or _BARE_INDIFFERENT.match(piece) or _CHECKLIST_YES.match(piece):
        return True
    return None


def _questions_under_a_ban_header(lines: str) -> str:
    """A checklist under a ban's header asks each thing: "Restricted: drugs? yes, swearing? no" puts its questions on
    the lines after the header, and "drugs: yes" under it is "drugs? yes" (a "yes" there is the ban)."""
    out: list[str] = []
    under_ban = False
    for line in lines.split("\n"):
        head = re.match(r"^\s*([^:\n?]{1,40}:)\s*(.*)$", line)
        if head and _HEADER.search(head.group(1)) and not _ALLOWED.search(head.group(1)):
            under_ban = True
            if "?" in head.group(2):
                out.extend([head.group(1), head.group(2)])
                continue
            out.append(line)
            continue
        # ("swearing: no" there is left as it is written, a ban: it may say "no swearing" as well as "not restricted")
        answer = re.match(r"^\s*([\w' -]{1,30}):\s*(yes|yep|y)(?:\s+(?:please|pls))?\s*!*\s*$", line) if under_ban else None
        if answer:
            line = f"{answer.group(1)}? {answer.group(2)}"
        elif head and not re.match(r"^\s*[\w' -]{1,30}:\s*(?:no|nope|n)\s*!*\s*$", line):
            # Another head ("Fine with:", "Kids: never") ends the checklist; an answer "swearing: no" does not.
            under_ban = False
        out.append(line)
    return "\n".join(out)


def _join_titles_before(clauses: list[str], sentence_start: int) -> None:
    """Join to the last clause, a ban, every title before it in its sentence that names a category ("Crack dealer,
    exotic dancer, bartender = NO"): a list of roles, not who the owner is."""
    while len(clauses) - 2 >= sentence_start and _WHO_I_AM.match(clauses[-2]) and _title_names_a_category(clauses[-2]):
        clauses[-2:] = [f"{clauses[-2]}, {clauses[-1]}"]


def _title_names_a_category(title: str) -> bool:
    """Whether a title names a category by its words or its lexicon's ("drug dealer", "exotic dancer")."""
    return bool(categories_named_by(title) or _named_by_lexicon(_as_usually_spelled(title)))


def _ban_unanswered(clauses: list[str], asked_under_ban: int | None) -> None:
    """A question under a ban's header that no answer followed ("Restricted:\ndrugs?\nnudity?") is banned by it."""
    if asked_under_ban is not None and asked_under_ban < len(clauses):
        clauses[asked_under_ban] = f"no {clauses[asked_under_ban]}"


# "I'm not political, keep it that way": what the owner is not, they ask to stay.
_KEEP_IT_THAT_WAY = re.compile(r"^(?:so\s+|and\s+|let'?s\s+|please\s+)?keep\s+(?:it|me|things)\s+(?:that\s+way|like\s+that)$")
_WHAT_I_AM_NOT = re.compile(
    r"^(?:i'?m|im|i\s+am)\s+(?:not|never|no)\s+(?:(?:a|an|very|that|really|at\s+all)\s+)?(?P<x>.+)$"
    r"|^i\s+(?:don'?t|dont|do\s+not|never)\s+(?P<y>.+)$"
)

# "I'm not a junkie, don't make me look like one": "one" is what the owner just said they are not.
_SHOWN_AS_ONE = re.compile(
    r"^(?:please\s+|pls\s+|so\s+|and\s+)?(?:(?:i\s+)?(?:don'?t|dont|do\s+not)\s+want\s+to\s+(?:look|seem|be\s+shown)\s+(?:like|as)|"
    r"(?:don'?t|dont|do\s+not|never)\s+(?:make|show|portray|paint|turn|cast|depict)\s+me\s+"
    r"(?:look\s+like|seem\s+like|out\s+(?:to\s+be|as)|as|into|like))\s+(?:one|that|such)(?:\s+(?:either|please|pls|thanks|lol))?$"
)


# "I always wear hijab. Never show me without it": what "it" stands for is what the owner said they wear or keep.
_I_WEAR = re.compile(
    r"^i\s+(?:always\s+|usually\s+|only\s+|proudly\s+|never\s+|also\s+)?(?:wear|have\s+on|keep\s+on|carry|love|keep|have(?:\s+no)?|own|"
    r"raise)\s+(?:a\s+lot\s+of\s+|lots\s+of\s+|many\s+|some\s+|two\s+|three\s+|a\s+|an\s+|the\s+)?(?P<mine>my\s+)?(?P<x>[\w' -]+?)"
    r"(?:\s+(?:private|a\s+secret|secret|hidden|quiet|to\s+myself|offline))?$"
)
# "I smoke, don't show it", "I drink wine, but not on camera": what the owner does, kept off their cameo.
_I_DO = re.compile(
    r"^i\s+(?P<verb>smoke|drink|vape|gamble|bet|play|talk\s+about|use|curse|swear|cuss|party)\b(?:\s+(?P<x>.+))?$"
)
_NOT_SHOWN = re.compile(
    r"^(?:please\s+)?(?:don'?t|dont|do\s+not|never)\s+(?:show|film|include|put|post)\s+(?:it|that|them|me\s+(?:doing\s+(?:it|that)|"
    r"using|smoking|drinking))(?:\s+(?:on\s+camera|in\s+(?:videos?|my\s+videos?)))?$"
    r"|^(?:but\s+|just\s+)*(?:not|never)\s+(?:on\s+cam(?:era)?|on\s+here|here|(?:in|on)\s+(?:the\s+|my\s+|any\s+)?(?:videos?|clips?|content|cameos?))"
    r"(?:,?\s+(?:though|tho|please|pls|thanks|lol))?$"
    r"|^keep\s+it\s+off\s+camera$|^(?:please\s+)?(?:don'?t|dont|do\s+not)\s+(?:make\s+it\s+worse|add\s+to\s+it|encourage\s+it)$"
)
_AS_OFTEN = re.compile(
    r"\s+(?:a\s+lot|all\s+the\s+time|constantly|every\s+day|daily|sometimes|for\s+fun|on\s+my\s+(?:show|channel|podcast)|socially|"
    r"occasionally|casually|irl|in\s+real\s+life|at\s+home|on\s+weekends|rarely|a\s+(?:little|bit)|now\s+and\s+then|"
    r"once\s+in\s+a\s+while|moderately|responsibly)$"
)
_DOING = {"smoke": "smoking", "drink": "drinking", "vape": "vaping", "gamble": "gambling", "bet": "betting", "play": "playing",
          "use": "using", "curse": "cursing", "swear": "swearing", "cuss": "cussing", "party": "partying"}


# "Bible verse John 3:16 is fine, no mocking it": "it" is what was just allowed.
_ALLOWED_THING = re.compile(
    r"^(?!(?:it|they|they'?re|he|she|that|this)\b)(?P<mine>my\s+)?(?P<x>[\w' :-]+?)\s+(?:is|are)\s+(?:fine|ok|okay|cool|good|great|allowed)"
    r"(?:\s+in\s+(?:videos?|clips?|content|general)|\s+to\s+(?:mention|show|include|feature))?$"
)
# "My dad passed away, no jokes about him", "Christine is my daughter, keep her out": who was just named.
_SOMEONE_NAMED = re.compile(
    r"^(?:(?P<mine>my\s+)(?P<x>mom|dad|mother|father|son|daughter|kids?|children|wife|husband|partner|girlfriend|boyfriend|brother|"
    r"sister|grandma|grandpa|grandmother|grandfather|aunt|uncle|cousin|friend|best\s+friend|dog|cat|baby|ex|boss|pet)\s+"
    r"(?:passed(?:\s+away)?|died|is|was|has|had|lives|works)\b"
    r"|(?P<name>[\w'-]+)\s+is\s+my\s+\w+)"
)
# "It's hard being a mom, no jokes about it".
_HARD_BEING = re.compile(r"^it'?s\s+(?:hard|tough|not\s+easy|difficult|exhausting|rough)\s+(?P<x>being\s+[\w' -]+)$")
# The pronouns a later clause may use for what was said: "Leave her out of it", "He is off limits", "don't give me any".
_PRONOUN = re.compile(r"\b(?:it|them|her|him|he|she|they|any)\b")
# "Smoking is fine, keep it off my kids": what is allowed is banned only where the clause says.
_KEPT_FROM = re.compile(r"^keep\s+(?:it|them)\s+(?P<how>off|away\s+from|out\s+of)\s+(?P<y>.+)$")


def _kept_that_way(clauses: list[str]) -> list[str]:
    """Clauses that lean on the one before: "keep it that way", "don't show it" and pronouns for what was said."""
    kept: list[str] = []
    thing, allowed = "", False
    for clause in clauses:
        said = (
            (
                _I_WEAR.match(kept[-1])
                or _I_DO.match(kept[-1])
                or _ALLOWED_THING.match(kept[-1])
                or _HARD_BEING.match(kept[-1])
                or _SOMEONE_NAMED.match(kept[-1])
            )
            if kept
            else None
        )
        named = said and (said.groupdict().get("x") or said.groupdict().get("name"))
        if named:
            mine = "my " if said.groupdict().get("mine") and named.split()[0] in _PARTNERS else ""
            thing, allowed = mine + _AS_OFTEN.sub("", named), bool(_ALLOWED_THING.match(kept[-1]))
        kept_from = _KEPT_FROM.match(clause) if thing and allowed else None
        # "Alcohol is fine, keep it classy", "Kissing is fine, keep it sweet": how far, not a ban of it.
        if thing and allowed and (_HEAD_KEPT_MILD.match(clause) or _HEAD_ALLOWED.match(clause)):
            beyond = [_GOES_FURTHER[key] for key in categories_named_by(thing) if key in _GOES_FURTHER]
            if _HEAD_KEPT_MILD.match(clause) and beyond:
                kept.append(f"no {beyond[0]}")
            continue
        leans = re.match(
            r"(?:no|nothing|never|not|don'?t|dont|avoid|keep|zero|leave|stop|(?:he|she|they|it)(?:\s+(?:is|are)|'s|'re)\s+(?:off[\s-]+limits|"
            r"not\s+(?:ok|okay|allowed|fine)|a\s+no))\b",
            clause,
        )
        # "my brand is wholesome, keep it clean": "it" there is the videos.
        leans = leans and not (_KEEP_IT_CLEAN.search(clause) or any(form.search(clause) for form, _named in _POSITIVE_FORMS))
        if kept_from:
            clause = f"no {thing} {'in' if kept_from.group('how') == 'out of' else 'around'} {kept_from.group('y')}"
        elif thing and leans and not (kept and _NOT_SHOWN.match(clause) and _I_DO.match(kept[-1])) and not _ALLOWED.search(clause):
            clause = _PRONOUN.sub(thing, clause, count=1)
        done = _I_DO.match(kept[-1]) if kept and _NOT_SHOWN.match(clause) else None
        if done:
            verb, thing = done.group("verb"), _AS_OFTEN.sub("", " " + (done.group("x") or "")).strip()
            # "I drink and vape, but not on here", "I drink socially and smoke occasionally...": both things done are banned.
            also = re.fullmatch(r"(?:(?P<how>.*?)\s+)?(?:and|&|n|\+)\s+(?P<verb>\w+)(?:\s+(?P<x>.+))?", thing)
            if also and also.group("verb") in _DOING and not (also.group("how") and _AS_OFTEN.sub("", " " + also.group("how")).strip()):
                done_too = _AS_OFTEN.sub("", " " + (also.group("x") or "")).strip()
                kept[-1] = f"no {_DOING.get(verb, verb)}, no {_DOING[also.group('verb')]} {done_too}".strip()
                continue
            # "I drink wine", "I drink coffee a lot": the thing drunk is what is banned, alcohol or not.
            if thing and verb in ("talk about", "drink"):
                kept[-1] = f"no {thing}"
            else:
                kept[-1] = f"no {_DOING.get(verb, verb)} {thing}".strip()
            continue
        was = (
            _WHAT_I_AM_NOT.match(kept[-1])
            if kept and (_KEEP_IT_THAT_WAY.match(clause) or _SHOWN_AS_ONE.match(clause))
            else None
        )
        if was:
            kept[-1] = f"no {was.group('x') or was.group('y')}"
        else:
            kept.append(clause)
    return kept


def _reason_then_ban(piece: str) -> list[str]:
    """ "I'm a teacher no drugs", "my kids watch this no swearing": a reason and a ban in one breath are two clauses,
    and so are two bans ("no politics no religion", "🚫 politics 🚫 dares")."""
    # "As a teacher I can't be shown drinking", "As a hijabi I don't want...": the reason, then the rule.
    # And with no comma after a reason that starts with its own word: "Because I'm a nurse I can't be shown drunk",
    # "My job means I can't be shown drinking", "Due to religious reasons nothing with alcohol".
    rule_after_reason = re.match(
        r"^(?:as\s+an?\s+[\w' -]+?|[\w'-]+(?:\s+[\w'-]+)?\s+here"
        # (not before a list under a colon: "Since my wife died I can't handle certain things: no hospitals, ...")
        r"|(?!.*:)(?:(?:because|since|cause|cuz|bc|due\s+to|given)\b[\w' -]+?|my\s+[\w'-]+\s+(?:means|says|requires)))"
        # Not inside the reason: "since there's no way to stop it", "due to no fault of my own", "says nothing about".
        r"(?<!'s)(?<!\bis)(?<!\bare)(?<!\bto)(?<!\bhave)(?<!\bwith)(?<!\bof)"
        r"\s+(?!nothing\s+(?:about|on|regarding|against)\b|no\s+(?:one|way|matter|longer|doubt|idea|clue)\b)(?=(?:i\s+(?:can'?t|cannot|don'?t|dont|do\s+not|won'?t|"
        r"will\s+not|never|refuse|would\s+not|wouldn'?t|am\s+not|'m\s+not|shouldn'?t|should\s+not|must\s+not|"
        r"mustn'?t|would\s+rather|would\s+prefer)|i'?d\s+(?:rather|prefer)|no|nothing|never|please)\b)",
        piece,
    )
    if rule_after_reason:
        return [piece[: rule_after_reason.end()].strip(), *_reason_then_ban(piece[rule_after_reason.end() :])]
    if _REASON.search(piece) or _AUDIENCE.match(piece) or _ALLOWED.search(piece) or _SAID_OK.match(piece.split(" no ")[0]):
        # Not inside "I have no kids", "I'm no expert", "there's no problem".
        found = re.search(
            r"(?<!\bi)(?<!\bhave)(?<!'ve)(?<!\bive)(?<!\bgot)(?<!\bam)(?<!'m)(?<!\bim)(?<!\bis)(?<!'s)(?<!\bare)(?<!'re)"
            r"(?<!\bwith)(?<!\bto)"
            # "Because no one asked", "my contract says nothing about ads": no ban starts there.
            r"\s+(?!nothing\s+(?:about|on|regarding|against)\b|no\s+(?:one|way|matter|longer|doubt|idea|clue)\b)"
            # Nor at an allowance's own "don't": "cussing dont bother me" is one clause (attack round 52).
            r"(?=(?:no|nothing|never|don'?t(?!\s+(?:bother|mind|care)\b)|dont(?!\s+(?:bother|mind|care)\b)|zero)\s)",
            piece,
        )
    elif re.match(r"(?:no|nothing|never)\s", piece):
        found = re.search(r"(?<!\bsay)(?<!\bsays)(?<!\bsaying)\s+(?=(?:no|nothing|never)\s)", piece)
    else:
        found = None
    return [piece[: found.start()], *_reason_then_ban(piece[found.end() :])] if found else [piece]


_FREE_OF = re.compile(r"\bfree\s+(?:of|from)\s+(?P<x>.+)$")
# "drug free", not "shooting free throws": a "free" that begins a thing of its own says nothing is kept out.
_HYPHEN_FREE = re.compile(
    r"\b(?P<x>[\w]+)(?:-|\s+(?!free[\s-]+(?:throws?|kicks?|samples?|shipping|trials?|rides?|refills?|spins?|"
    r"weights?|parking|agents?|range)\b))free\b"
)


def _free_of(clause: str) -> list[str]:
    """What a clause says to keep the videos free of: "free of swearing", "alcohol-free", "drug free"."""
    found = _FREE_OF.search(clause)
    if found:
        return _topic_items(found.group("x"))
    return [
        match.group("x")
        for match in _HYPHEN_FREE.finditer(clause)
        if "-free" in match.group(0) or categories_named_by(match.group("x"))
    ]


_EXAMPLES = re.compile(r"\s+(?:like|such\s+as|e\.?g\.?|incl\.?|including)\s+")


def _parse_clause(
    clause: str, owner: _OwnerWords = _OwnerWords(), things: list[str] | None = None
) -> tuple[list[str], list[str], list[str]]:
    """The words, categories and free-text topics one clause of a restriction rules out; the things it names whose
    names only spell a category are added to ``things`` (``_more_than_the_category``)."""
    clause = _NOBODY_DOING.sub("no ", _CONDITION.sub("", clause))
    if _DONT_CARE_ASIDE.match(clause):
        return [], [], []
    then = _NOTHING_BOTHERS_THEN.match(clause)
    if then:
        return _parse_clause(then.group("rest"), owner, things)
    nothing_but = _NOTHING_BOTHERS_BUT.match(clause)
    if nothing_but:
        clause = f"no {nothing_but.group('x')}"
    # "I'm fine with anything that doesn't involve politics": the hole in the allowance is the ban.
    without = _ANYTHING_WITHOUT.match(clause)
    if without:
        clause = f"no {without.group('x')}"
    # "no need to be mean", "no need to show my kids": a polite ban (after the allowances: "no need to ask me first").
    if not _ALLOWED_LIKE_A_BAN.search(clause) and not _NOTHING_TO_BAN.match(clause):
        clause = re.sub(r"^no\s+need\s+(?:to|for)\s+(?:be\s+|show\s+|mention\s+|include\s+|have\s+|put\s+|use\s+)?", "no ", clause)
    if _NOTHING_TO_BAN.match(clause) or _ALLOWED_LIKE_A_BAN.search(clause):
        # "Not bothered by horror, gore is a no though": a ban after the allowance in the same clause still stands.
        rest = clause.split(", ", 1)[1] if ", " in clause else ""
        if rest and re.search(r"\b(?:no|not|never|nope)\b|n't\b", rest):
            return _parse_clause(rest, owner, things)
        return [], [], []
    # "I am not wanting my face in...", "Not want my face in...": non-native English for "I don't want".
    clause = re.sub(r"^(?:i\s+am\s+not\s+wanting|i'?m\s+not\s+wanting|im\s+not\s+wanting|i\s+not\s+want|not\s+want)\b",
                    "i don't want", clause)
    # "keep politics out ok", "leave my kids out of it thanks": a ban's sign-off is no part of it.
    if re.match(r"(?:keep|leave|no|nothing|never|don'?t|dont|avoid)\b", clause):
        clause = re.sub(r"(?<=\w)\s+(?:ok|okay|k|thanks|thx|ty|tysm|pls|please|plz|cool|good|alright|right|yeah|yea|got\s+it|understood)$",
                        "", clause)
    # "I like my videos alcohol-free", "keep it free of swearing": what it is free of is ruled out.
    free = _free_of(clause)
    if free:
        categories, topics = _with_categories(free, owner=owner, kept=things)
        return [], categories, topics
    if _MANNER.match(clause) or _SIGN_OFF.match(clause):
        return [], [], []
    said = _SAY_WORD.match(clause)
    if said:
        spoken = said.group("x") or said.group("y") or said.group("z") or said.group("v") or said.group("u")
        # "Don't make me say bad words" names a category; "never say god damn" and "never say the word politics"
        # name words, which is all the owner asked.
        in_general = bool(said.group("y") and _SAID_IN_GENERAL.search(spoken))
        named = categories_named_by(spoken) if in_general else []
        if named:
            return [], named, []
        # "Don't say anything mean": a kind of thing to say that names no category is a topic, not the word "mean".
        if in_general:
            return [], [], _topic_items(spoken)
        # "Don't say my name": the owner's own name is no literal word to refuse in every text.
        said_items = [part for part in _LIST_SPLIT.split(spoken) if not re.match(r"\s*my\s", part)]
        return _topic_items(", ".join(said_items)), [], []
    for form in _TOPIC_FORMS:
        found = form.match(clause)
        if found and _AUDIENCE_SEEING.match(found.group("x")):
            return [], [], []
        if found:
            # "horror movies like Saw or Scream", "brands like Nike": after a category, "like ..." gives examples of
            # it, not more things ("saw" would refuse every text with the word).
            examples = _EXAMPLES.search(found.group("x"))
            head = found.group("x")[: examples.start()] if examples else ""
            if head and categories_named_by(head):
                categories, free = _with_categories(_topic_items(head), owner=owner, kept=things)
                return [], categories, free
            items = [
                item
                for item in _topic_items(found.group("x"))
                if not (
                    _MANNER.match(item)
                    or _DONT_CARE_ASIDE.match(item)
                    or (_REASON_START.match(item) and not categories_named_by(item))
                    or _AGAINST_MY.search(item)
                )
            ]
            categories, free = _with_categories(items, owner=owner, kept=things)
            return [], categories, [item for item in free if not _in_the_sense_of(item, categories)]
    # "I like to keep things family friendly" says what to keep before it says what the owner likes.
    # Not when the owner says it is not needed: "I don't have to be fully clothed", "clean language isn't required".
    implied = [] if _NOT_REQUIRED.search(clause) else [category for form, named in _POSITIVE_FORMS if form.search(clause) for category in named]
    if implied:
        return [], implied, []
    if (
        _ALLOWED.search(clause)
        or _SAID_OK.match(clause)
        or _REASON.search(clause)
        or _WHO_I_AM.match(clause)
        or _FAITH_AND_I.match(clause)
        or _AUDIENCE.match(clause)
        or _SAID_OF_PEOPLE.match(clause)
    ):
        return [], [], []
    # No form we know ("politics pls", "nsfw", "I scare easy"): a clause that names a category still means it, and so
    # does each item of a list in it that names one ("Dont: crack dealer & exotic dancer": the dealer's word would
    # otherwise be the clause's only one read, and an item named by a lexicon word alone would be lost), when the
    # clause says it bans ("politics nahi chahiye, daaru chalega" allows its second item).
    categories, _free = _with_categories([clause], only_categories=True)
    if categories and _heads_a_ban(clause):
        items = [
            re.sub(r"\s+(?:lol|lmao|haha+|pls|please|thx|ty|thanks)$", "", item)
            for item in re.split(rf"{_LIST_SPLIT.pattern}|\s+n\s+", clause)
            if item
        ]
        if len(items) > 1:
            more, _free = _with_categories(items, only_categories=True)
            categories = list(dict.fromkeys([*categories, *more]))
    return [], categories, []


_NEIGHBOUR_SLANG = {
    "drugs": frozenset("pot grass blow smack dope crack ice speed acid snow herb green bud mary jane tree trees".split()),
    "violence": frozenset("guts gore bruises injuries wounds fists".split()),
    "alcohol": frozenset("shots goon cans pints rounds spirits bevvies sauce".split()),
    "tobacco": frozenset("dip chew snuff papers".split()),
    "gambling": frozenset("cards dice horses races tables chips".split()),
}


def _in_the_sense_of(item: str, categories: list[str]) -> bool:
    """Whether a list item that names no category on its own is one of its neighbours' things, as their
    definitions word it after a word of the category: "parties" in "no elections, parties or politicians" is
    politics' "political parties", not a free-text topic that refuses a birthday party."""
    words = item.split()
    if not categories or len(words) > 2:
        return False
    # "no weed or pot", "no blood and guts": slang that is its neighbour's thing beside it and something else alone.
    if any(item in _NEIGHBOUR_SLANG.get(key, ()) for key in categories):
        return True
    every = restriction_categories()
    for key in categories:
        # What the definition includes, not what it leaves out ("coffee or tea" is not alcohol's), and only as the
        # category's own kind of it: "political parties", not the "animals" of violence's "people or animals".
        included = re.findall(r"[\w'-]+", every[key].definition.lower().split("not included", 1)[0])
        for at in range(1, len(included) - len(words) + 1):
            if all(included[at + offset] in _word_forms(word) for offset, word in enumerate(words)):
                if key in categories_named_by(included[at - 1]):
                    return True
    return False


def _word_forms(word: str) -> set[str]:
    forms = {word, word + "s", word.removesuffix("s")}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    return forms


# Common misspellings and Spanish words of a category's own word, as owners type them: "no alchohol ni drogas".
_SPELLINGS = [
    (re.compile(r"\balc(?:h?oh?[ao]|a?ho|h?o)l"), "alcohol"),
    (re.compile(r"\bdrogas?\b"), "drugs"),
    (re.compile(r"\b(?:sen|gov|governor|mayor|congressman|congresswoman)\b"), "politicians"),
    (re.compile(r"\bcigg?(?:e|a)r+ett?e?s?\b"), "cigarettes"),
    (re.compile(r"\bnekkid\b|\bnakey\b|\bnudez\b"), "naked"),
    (re.compile(r"\boverdos(?:e|es|ing|ed)\b|\bod'?ing\b"), "drug overdose"),
    (re.compile(r"\bendors(?:ing|ement|ements|ed|es)\b"), "endorse"),
    (re.compile(r"\b(?:inappropriate|adult|colou?rful|harsh)\s+language\b"), "bad language"),
    (re.compile(r"\btak(?:e|es|ing)\s+(?:the\s+)?lord'?s\s+name\s+(?:in\s+)?vain\b"), "swearing"),
    (re.compile(r"(?:^|(?<=showing\s)|(?<=being\s)|(?<=looking\s)|(?<=acting\s)|(?<=getting\s)|(?<=\bim\s)|(?<=i'm\s))(?:me\s+)?high(?!-)(?!\s+(?:heels?|schools?|fives?|fashion|tea|waisted|jumps?|scores?|speeds?|ceilings?|notes?|chairs?))\b"),
     "getting high"),
    # Names people use for a category's things that its words do not know.
    (re.compile(r"\b(?:xanax|xannies|adderall|addy|percocet|percs?|oxycontin|oxys?|molly|codeine|vicodin)\b"), "pills"),
    (re.compile(r"(?<!skinny\s)\b(?:dipping|copenhagen|grizzly|snuff)\b"), "tobacco"),
    (re.compile(r"\b(?:hennessy|smirnoff|bacardi|white\s+claw|jack\s+daniel'?s|bud\s+light|jagermeister|patr[oó]n)\b"), "alcohol"),
    (re.compile(r"\bcigarr?os?\b|\bcigarrillos?\b"), "cigarettes"),
    (re.compile(r"\bapuestas?\b"), "betting"),
    (re.compile(r"\bpol[ií]tica\b"), "politics"),
    (re.compile(r"\bviolencia\b"), "violence"),
    (re.compile(r"\balc\b"), "alcohol"),
    (re.compile(r"\bdrugg(?:y|ie|ies)\b"), "drugs"),
    (re.compile(r"\bbleed(?:s|ing)?\b"), "blood"),
    (re.compile(r"\b(?:being|getting|get|gets|got)\s+hit\b"), "hitting"),
    (re.compile(r"\bbeat(?:en|s|ing)?\s+(?:\w+\s+)?up\b"), "beating up"),
    (re.compile(r"\bsmok(?:e|es|ing)\s+pot\b|\bpot\s+smok(?:ing|ers?)\b"), "smoking weed"),
    (re.compile(r"\b(?:card\s+games?|cards|games?|dice|pool|golf)\s+for\s+(?:real\s+)?(?:money|cash)\b|\bplay(?:s|ing)?\s+for\s+(?:money|cash)\b"),
     "gambling"),
    (re.compile(r"\b(?:rude|obscene|vulgar|offensive|crude)\s+(?:hand\s+)?gestures?\b"), "obscene gestures"),
    (re.compile(r"\bfags?\b"), "cigarettes"),
    (re.compile(r"\bpunt(?:ing|s)?\b"), "betting"),
    (re.compile(r"\bpiss[\s-]?ups?\b"), "getting drunk"),
    (re.compile(r"\bgutkh?a\b"), "tobacco"),
    (re.compile(r"\bbhang\b"), "cannabis"),
    (re.compile(r"\bdaa?ru\b"), "liquor"),
    # Alone, these are tobacco you chew ("no dip or chew"); in a phrase ("chips and dip") they are not.
    (re.compile(r"^(?:dip|chew|chaw)$"), "chewing tobacco"),
    # Alone, "pot" is cannabis ("no pot"); "pot plants" and "potluck" are not. "Smocking" alone is autocorrect's.
    (re.compile(r"^pot$"), "cannabis"),
    (re.compile(r"^smocking$"), "smoking"),
    # Algospeak, typed to get past filters, and clipped words: "seggs", "unalive", "pr0n", "relig".
    (re.compile(r"\bseggs\b|\bsecks\b"), "sex"),
    (re.compile(r"\bunaliv(?:e|ed|ing)\b"), "killing"),
    (re.compile(r"\bpron\b"), "porn"),
    (re.compile(r"\brelig\b"), "religion"),
    (re.compile(r"\bpotus\b"), "the president"),
    # Hurting people or animals, in words the violence definition's own do not use (attack round 41).
    (re.compile(r"\bspank(?:s|ed|ing)?\b"), "hitting kids"),
    (re.compile(r"\b(?:steroids?|roids|sarms|anabolics?)\b"), "drug use"),
    (re.compile(r"\b(?:weed|pot)\s+smoke\b"), "cannabis"),
    (re.compile(r"\bkidnapp?(?:s|ed|ing|ings)?\b"), "people getting hurt"),
    (re.compile(r"(?<!photo\s)(?<!bath\s)(?<!truth\s)(?<!stink\s)(?<!glitter\s)(?<!seed\s)"
                r"\b(?:homemade\s+|pipe\s+|car\s+)?bombs?\b(?!\s+(?:pops?|shots?|threads?))|\b(?:people\s+)?getting\s+burn(?:ed|t)\b"),
     "people getting hurt"),
    (re.compile(r"\bshark\s+finning\b|\bwhal(?:e|ing)\s+hunt(?:s|ing)?\b|\bwhaling\b"), "animal abuse"),
    (re.compile(r"\bscotus\b"), "the supreme court"),
    (re.compile(r"^(?:hit|hits)$"), "hitting"),
    (re.compile(r"\bmaul(?:ed|ing|s)?\b|\bbitten\b"), "animal attack"),
    (re.compile(r"\b(?:animal\s+)?cruelty\b"), "animal abuse"),
    (re.compile(r"\bdui\b|\bdwi\b|\bdriving\s+(?:drunk|under\s+the\s+influence)\b"), "drunk driving"),
    (re.compile(r"\blot\s+lizards?\b"), "sex workers"),
    (re.compile(r"(?<!coffee\s)(?<!tea\s)(?<!water\s)(?<!soda\s)(?<!milk\s)(?<!juice\s)(?<!coke\s)(?<!pepsi\s)(?<!kombucha\s)(?<!~\s)"
                r"\b(?:heavy\s+|binge\s+|social\s+)?drinkers?\b"),
     "drinking"),
    (re.compile(r"\bcrack\s*(?:users?|heads?|addicts?|cocaine|pipes?|houses?|dens?|smokers?)\b"), "crack cocaine"),
    (re.compile(r"\b[sbcdf][\s-]words?\b"), "swear words"),
    (re.compile(r"\b(?:black\s*|blue\s*|all\s*)?lives\s*matter\b|\bblm\b|\bmake\s*america\s*great\s*again\b"), "political movement"),
    (re.compile(r"\bthirst\s*traps?\b"), "thirst trap"),
    (re.compile(r"\b(?:taking|take|takes|took|tak)\s+(?:\w+\s+)?clothes\s+off\b"), "undressing"),
    # The sexual definition's "lingerie or underwear posing"; being seen in underwear alone stays a topic.
    (re.compile(r"\bunderwear\s+(?:photos?|pics?|shots?|posing|model(?:l?ing)?|photoshoots?|selfies?)\b|\bposing\s+in\s+underwear\b"),
     "lingerie posing"),
    (re.compile(r"\bdirty\s+(?:jokes?|humou?r|talk|memes?|dancing)\b"), "sexual innuendo"),
    (re.compile(r"\b(?:nativity|manger|baptisms?|baptiz\w+|christenings?|first\s+communions?|bar\s+mitzvahs?|bat\s+mitzvahs?)\b"),
     "religious ceremony"),
    (re.compile(r"^mature(?:\s+(?:themes?|rated|audiences?))?$"), "adult content"),
]
# Phrases whose words a category's own word would misread, read as what they mean before anything else: "shots
# fired" is gunfire, not a round of drinks.
_READ_AS = [
    (re.compile(r"\bgun\s*shots?\b|\bshots?\s+(?:were\s+)?fired\b"), "gunfire"),
    (re.compile(r"\bbloody\s+marys?\b"), "vodka cocktails"),
    (re.compile(r"\bbrand(?:y|ies)\b"), "liquor"),
    (re.compile(r"\b(?:evil|ghostly|restless|dark|malevolent|angry|vengeful|departed)\s+spirits?\b"), "ghosts"),
    (re.compile(r"\bdiet\s+pills?\b"), "diet supplements"),
    (re.compile(r"\battack\s+ads?\b"), "smear campaigns"),
    (re.compile(r"\bfreedom\s+fighters?\b"), "political rebels with weapons"),
    (re.compile(r"\b(wine|dog|cat|animal|music|food|book|coffee|nature|art|car|plant|pizza|beer|sports?|movie|film|horror|gaming|tea|"
                r"cheese|chocolate)\s+lovers?\b"), r"\1 fans"),
    (re.compile(r"(?<!birthday\s)(?<!dinner\s)(?<!house\s)(?<!pool\s)(?<!frat\s)\bparty\s+(?:logos?|signs?|flags?|symbols?|colou?rs)\b"),
     "political party logos"),
    (re.compile(r"\bshots?\s+on\s+(?:goal|target|net)\b"), "attempts on goal"),
    (re.compile(r"\bcheap\s+shots?\b"), "cheap jabs"),
    # Shots a camera takes: "no underwear shots", "no group shots", "no shots of my feet" (a "body shot" is a drink,
    # a "flu shot" an injection).
    (
        re.compile(
            r"\b(?P<what>lingerie|underwear|topless|nude|naked|bikini|group|close[\s-]?ups?|wide|action|head|mug|beach|crotch|"
            r"butt|booty|cleavage|upskirt|thirst|camera|drone|aerial|high[\s-]?angle|low[\s-]?angle|slow[\s-]?mo|tracking|"
            r"establishing|reaction|b[\s-]?roll|selfie|profile|glamou?r|photo|candid|side|front|back|full[\s-]?length|feet|"
            r"foot|leg|legs)\s+shots?\b"
        ),
        r"\g<what> photos",
    ),
    (
        re.compile(
            r"\bshots?\s+(?P<of>(?:of\s+)?(?:(?:my|me|him|her|them|the|our)\s+)?(?:people|faces?|feet|legs|kids?|children|body|"
            r"camera|crowd|city|room|beach|sky|view|house|home|family))\b"
        ),
        r"photos \g<of>",
    ),
    (re.compile(r"\b(?:flu|vaccine|booster|covid|allergy|insulin|b12)\s+shots?\b"), "injections"),
    # "no smoking hot outfits": sexy, not a cigarette.
    (re.compile(r"\bsmoking[\s-]+hot\b"), "sexy"),
    (re.compile(r"\b(?P<what>espresso|coffee|wheatgrass|ginger|protein|vitamin)\s+shots?\b"), r"\g<what> servings"),
]


# Words whose letters spell a category's word in another sense: "firefighter" (fight), "stan wars" (war).
_OTHER_SENSES = re.compile(
    r"\bfire\s*fight(?:er|ers|ing)\b|\b(?:stan|fan|console|price|flame|format|star|bidding|pillow)\s+wars?\b|"
    r"\bfood\s+fights?\b|\bsnowball\s+fights?\b|\bpillow\s+fights?\b"
    # Bars a prisoner is behind, and bars one eats or reads.
    r"|\bbehind\s+bars\b|\b(?:chocolate|candy|granola|protein|energy|cereal|snack|salad|sushi|oxygen|nail|juice|coffee|"
    r"espresso|monkey|pull[\s-]?up|chin[\s-]?up|grab|handle|status|tool|menu|search|title|progress|health|space|soap)\s+bars?\b"
    r"|\bbars?\s+(?:charts?|graphs?|codes?|exams?|association|mitzvahs?)\b|\bchampagne\s+(?:problems?|taste|wishes)\b"
    # Words with a category's letters in them: "spraying" holds "pray", "punching down" is mockery, "inspiration porn".
    r"|\bspray\w*|\bpunch(?:es|ing)?\s+down\b|\b(?:inspiration|food|poverty|misery|trauma|grief|disaster|ruin|cabin|"
    r"plant|book|real\s+estate|house|car|earth|travel|design)\s+porn\b"
    r"|\bmy\s+(?:girlfriend|boyfriend|gf|bf|fianc[ée]e?|crush)\b|\bwedding\s+(?:rings?|bands?)\b"
    # Christmas is mostly trees, presents and sweaters; Christina is a name ("no Christmas" is a topic).
    r"|\b(?:diet|cherry|vanilla)\s+coke\b|\bcoke\s+(?:zero|cans?|bottles?|floats?)\b|\bcoca[\s-]?cola\b"
    r"|\bchristmas\b(?!\s+(?:eve\s+)?(?:mass|service|carols?|nativity|church|sermon))|\bchrist(?:ina|ine|ie|y|opher|ophe)\b|\beaster\s+bunn(?:y|ies)\b"
    r"|\bboyfriend\s+(?:jeans|shirts?|fit|cardigans?|sweaters?|blazers?)\b|\beaster\s+eggs?(?:\s+hunts?)?\b"
    r"|\b(?:about|my|her|his|your|big|fat|nice)\s+butts?\b|\bbutt\s+(?:crack|jokes?|lift|workout|dial)\b|\bcrack\s+jokes\b"
    # A category's letters inside another word ("conspiracy" holds "racy", "neurotic" "erotic") and everyday senses of
    # its words ("spicy food", "adult supervision", "the naked eye", "whisk the eggs", "holy cow", "a hotel lobby").
    r"|\b\w+racy\b|\b\w+erotic\b|\bspicy\s+(?:food|foods|dish|dishes|noodles|wings|chicken|curry|ramen|chips|sauce|peppers?|challenge|"
    r"tacos|salsa|snacks?)\b|\badult\s+(?:supervision|teeth|education|learners?|children|life|coloring|swim)\b|\bnaked\s+eye\b"
    r"|\bwhisk(?:s|ed|ing)?\b(?!\s*(?:ey|y))|\bholy\s+(?:cow|moly|smokes|crap|guacamole)\b|\bdivine\s+(?:chocolate|food|dessert|taste)\b"
    r"|\bat\s+odds\b|\bkill(?:s|ed|ing)?\s+it\b|\b(?:hotel|building|office|main|front)\s+lobby\b|\bcar\s+rall(?:y|ies)\b"
    r"|\bpossessive\b|\bpossessions\b|\bterrific\b|\bsext(?:on|ons|ants?|ets?|iles?)\b|\bsexagenarians?\b"
    # "I bet you'll want...", "I swear if you...": idioms, not a wager or a curse.
    r"|\bi\s+bet\b|\bi\s+swear\s+(?:if|to\s+god|that|on)\b"
    r"|\b(?:heart|panic|anxiety|asthma)\s+attacks?\b|\broot\s+beers?\b|\bglue\s+guns?\b|\bkiller\s+(?:heels|app|look|outfit|"
    r"moves|workout|smile|views?)\b|\bpoker\s+face\b|\bsex\s+ed(?:ucation)?\b"
    # "smoky eye makeup", "punchlines", "the sex of my baby", "drunk on love", "shooting hoops", "Monster Energy".
    r"|\bsmoky\s+(?:eyes?|eyeshadow|makeup|look|voice|flavou?r|bbq|barbecue)\b|\bpunch\s*lines?\b"
    r"|\bsex\s+(?:of\s+)?(?:(?:my|the|our|his|her|their)\s+)?(?:baby|babies|child|kid|pet|dog|cat|puppy|kitten)\b"
    r"|\bdrunk[\s-]+on[\s-]+(?:love|power|life|sunshine|happiness|joy|success|fame|excitement|adrenaline|caffeine|sugar|"
    r"coffee|nostalgia|hope|freedom|victory|music|romance)\b"
    # A ban on these is a ban on the thing, not on the category their words spell (attack round 57): "no fruit punch",
    # "no hitting the gym", "no killer whales", "no nerf guns", "no blood tests", "no weeding the garden", "no high fives",
    # "no ghost peppers", "no crushing cans", "no cocktail dresses", "no punching bags", "no brand new cars".
    r"|\bfruit\s+punch\b|\bpunch\s+bowls?\b|\bhit(?:s|ting)?\s+(?:the\s+)?(?:gym|books|road|snooze|hay|sack|slopes|trails?|beach)\b"
    r"|\bkiller\s+whales?\b|\b(?:water|squirt|nerf|foam|toy)[\s-]?guns?(?:\s*fights?)?\b|\bknife\s+skills\b"
    r"|\bcook(?:s|ing)?\s+(?:with\s+)?knives\b|\bblood\s+(?:drives?|tests?|work|donations?|donors?|banks?|pressure|sugar|types?|oranges?)\b"
    r"|\bweed(?:s|ed|ing)?\s+(?:the\s+|my\s+)?(?:garden|yard|lawn|beds?|flower\s*beds?|patch|veggie\s+patch)\b|\bweeding\b"
    r"|\bweed[\s-]?(?:whack\w*|wack\w*|eaters?|killers?)\b|\bhigh[\s-]?fives?\b|\bstoned?\s+fruits?\b|\bwine\s+gums?\b"
    r"|\bvapou?r\s+trails?\b|\bcigar\s+box(?:es)?\b|\bbeer\s+bell(?:y|ies)\b"
    r"|\bghost\s+(?:peppers?|chil(?:i|e|li)(?:e?s)?|kitchens?|writ(?:ers?|ing|ten))\b|\bpunching\s+bags?\b|\bbrand[\s-]+new\b"
    r"|\bcrush(?:es|ed|ing)?\s+(?:soda\s+|beer\s+|pop\s+)?(?:cans?|ice|grapes|garlic|nuts|cookies|rocks|bottles)\b"
    r"|\bcocktail\s+(?:dress(?:es)?|rings?|napkins?|sauce|shrimp|tables?)\b|\bwine\s+stains?\b|\bbeer[\s-]+battered\b"
    r"|\bdope\s+(?:beats?|fits?|outfits?|shoes|sneakers|kicks|music|moves|tracks?|songs?|vibes?|edits?)\b"
    r"|\bshoot(?:s|ing)?\s+(?:hoops|baskets|free[\s-]+(?:throws|kicks)|penalt(?:y|ies)(?:\s+kicks?)?|(?:(?:at|on)\s+)?goals?|"
    r"three[\s-]+pointers|jump[\s-]*shots|jumpers|layups|"
    r"a\s+(?:film|video|movie|scene|photo|commercial))\b|\bmonster\s*energy\b"
    # "no bloody swearing": the British intensifier, before what is banned.
    r"|\bbloody(?=\s+(?:swear|curs|cuss|language|words|hell|politics|religio|ads?\b|booze|drink|smok|gambl))"
    # "a strict policy about endorsements", "company policy": an employer's rule, not government.
    r"|\b(?:company|strict|school|privacy|return|refund|work|house|content|insurance|employer'?s?|zero[\s-]tolerance|"
    r"tolerance)\s+"
    r"polic(?:y|ies)\b"
)


_RELIGIOUS_SYMBOLS = re.compile(
    r"(?<![\w-])(?:hijab|niqab|burqa|burka|turban|dastar|kippah|kippa|yarmulke|payos|tallit|rosary|crucifix|bindi|tilak|"
    r"pope|diwali|eid|ramadan|hanukkah|passover|easter|lent|vaisakhi|navratri|purim|yom\s+kippur|rabbi|imam|nun)s?(?![\w-])"
    # A cross only as the thing itself, at the topic's end ("no jokes about my cross"; not "cross-training", "red cross").
    r"|(?<!double\s)(?<!red\s)(?<![\w-])cross(?:\s+i\s+wear)?$"
)
_MOCKING = re.compile(r"\b(?:mock\w*|making\s+fun|make\s+fun|jokes?|joking|memes?|insult\w*|disrespect\w*|parod\w*|ridicul\w*)\b")


# A long list repeats its items, and each reading runs some 2,100 regexes: a restriction of 3,000 items took 27 s.
@lru_cache(maxsize=4096)
def _named_by_lexicon(spelled: str) -> tuple[str, ...]:
    """The categories whose unambiguous words are a topic's head ("no zaza", "no draftkings"), and those they rule out
    too; never brands (a named brand is no ban on all advertising)."""
    every = restriction_categories()
    named = [
        key
        for key, category in every.items()
        if key != "brands"
        and _names_the_head(category.words_deciding(spelled), spelled)
        # Religion's words name it only when mocked ("making fun of my kippah"): a religious owner names the
        # observances to keep ("no videos of me working on Shabbat"), a topic (round 22's kosher owner).
        and (key != "religion" or _MOCKING.search(spelled))
    ]
    # A religious symbol mocked is religion though no word of religion's names it: "no jokes about my hijab".
    if _MOCKING.search(spelled) and _RELIGIOUS_SYMBOLS.search(spelled) and "religion" not in named:
        named.append("religion")
    return tuple(dict.fromkeys([*named, *(also for key in named for also in every[key].also_rules_out)]))


def _names_the_head(found: str | None, topic: str) -> bool:
    """Whether a lexicon word found in a topic is its last word (its head, in English): "shoutouts draftkings"."""
    return found is not None and topic.rstrip().lower().endswith(found.lower())


def _reads_otherwise(topic: str) -> bool:
    """Whether a topic holds a phrase that means something other than its words' category ("group shots")."""
    return bool(_OTHER_SENSES.search(topic) or any(phrase.search(topic) for phrase, _meaning in _READ_AS))


def _as_usually_spelled(topic: str) -> str:
    """A topic with its misspellings mended and its dropped g's back ("drinkin", "smokin'", "vapin"), and with the
    words that spell a category only in another sense taken out ("firefighter")."""
    for phrase, meaning in _READ_AS:
        topic = phrase.sub(meaning, topic)
    topic = _OTHER_SENSES.sub("~", topic)
    # "no booooze": a letter held down is one letter twice at most.
    topic = re.sub(r"([a-z])\1{2,}", r"\1\1", topic)
    for misspelt, spelled in _SPELLINGS:
        topic = misspelt.sub(spelled, topic)
    return re.sub(r"\b(\w{3,}in)'?(?=\s|$)", r"\1g", topic)


# Names that are religion's own words, written with a capital: "God", "Muslim jokes".
_FAITH_NAMES = frozenset(
    """god gods allah jesus christ buddha krishna lord muslim muslims jewish jews christian christians hindu hindus
    sikh sikhs buddhist buddhists catholic catholics mormon mormons christmas easter ramadan eid diwali hanukkah
    passover""".split()
)


def _name_in(topic: str, owner: _OwnerWords) -> tuple[str, list[str]] | None:
    """The capitalised name inside a topic ("pepsi" in "drinking pepsi") and the categories the words around it
    name ("drinking": alcohol), or, with nothing around it, the categories its own letters spell. None when there is
    no name, or when the category's own words know it and it is not a brand ("Budweiser" is alcohol, "Xanax" drugs)."""
    words = topic.split()
    name = " ".join(word for word in words if word in owner.names)
    # "taking the Lord's name in vain" means its category as a whole phrase.
    if not name or (not categories_named_by(topic) and categories_named_by(_as_usually_spelled(topic))) or _reads_otherwise(topic):
        return None
    if name in _FAITH_NAMES or _RELIGIOUS_SYMBOLS.fullmatch(name):
        return None
    # "I dont want Violence": a category's own head word with a capital, for weight, is that category.
    if any(_HEAD_WORDS[key].fullmatch(name) for key in categories_named_by(name)):
        return None
    known = [key for key, category in restriction_categories().items() if category.words_deciding(name)]
    known = known or (categories_named_by(_as_usually_spelled(name)) if _as_usually_spelled(name) != name else [])
    if known and known != ["brands"]:
        return None
    rest = " ".join(word for word in words if word not in owner.names)
    around = (
        categories_named_by(rest)
        or [key for key in categories_named_by(_as_usually_spelled(rest)) if key in categories_named_by(_as_usually_spelled(topic))]
        if rest
        else []
    )
    # "mocking Hindu gods": the name is of the category the words around it name, so it is no brand.
    own = categories_named_by(name)
    if own and around and set(own) <= set(around):
        return None
    return name, [key for key in (around or own) if key != "brands" or known != ["brands"]]


def _categories_by_words(topic: str, spelled: str) -> list[str]:
    """The categories a topic's words name, as written or as usually spelled; only as spelled when a phrase in it
    means something else ("group shots")."""
    if _reads_otherwise(topic):
        return categories_named_by(spelled)
    return categories_named_by(topic) or categories_named_by(spelled)


def _names_a_category(topic: str) -> bool:
    """Whether a topic names a category, by its words or its lexicon's, as _with_categories reads it."""
    spelled = _as_usually_spelled(topic)
    return bool(_categories_by_words(topic, spelled) or _named_by_lexicon(spelled))


def _named_by_slang(topic: str, owner: _OwnerWords) -> list[str]:
    """The categories a topic's slang names ("twerking vids": sexual content; "no situationship vids": romance, and so
    sexual content too), unless the slang word was written as a name ("no Nic": a person called Nic)."""
    # Not in a reason run on after the topic: "no drinking bc my ex was a simp" bans no romance.
    lowered = re.split(r"\s+(?:bc|b/c|because|cuz|coz|cause|since)\s+", topic.lower())[0]
    named: list[str] = []
    for key, category in restriction_categories().items():
        found = category.slang.search(lowered) if category.slang else None
        if found and not any(word in owner.names for word in found.group(0).split()):
            named.extend([key, *category.also_rules_out])
    return list(dict.fromkeys(named))


# What a topic may add to a category's word and still be only the category: the kind of content it comes in ("horror
# movies", "political ads", "sexual jokes"), not a thing of its own.
_CONTENT_WORDS = frozenset(
    """movie movies film films show shows series tv scene scenes clip clips video videos vid vids pic pics photo photos
    picture pictures image images joke jokes meme memes reference references talk themes theme vibes vibe song songs
    music lyrics post posts caption captions comment comments language words word stuff content ads ad advert adverts
    commercial commercials promo promos stories story skits skit sketches sketch storylines plots roleplay rp
    edits edit trends trend challenges challenge shots footage imagery depictions depiction elements element parts part
    moments moment bits bit kind kinds type types sort selfie selfies game games gaming pose poses posing""".split()
)
# A thing's name is short ("fruit punch", "fireplace pokers", "merchant of venice"); a longer item is a clause the
# categories have read ("punishing kids for being naughty"), and as words it would refuse nothing anyway.
_MOST_WORDS_OF_A_THING = 3
# Words of the restriction around its ban, not of the thing banned ("nothing sexual with my face on it").
_FRAME_WORDS = frozenset(
    """face faces me i i'm im cameo cameos likeness likenesses no not nah nope pls plz please on off near around
    getting get gets got doing do does being be seen showing show shown involving involve featuring feature having
    have counts count allowed okay fine either neither ever really literally super totally""".split()
)
# A word named by a category's match only when the match is the word, or its start with an ending ("drinking",
# "shootings"); "harmonicas" is not "harm", nor "scarecrows" "scare".
_ENDINGS = frozenset("e s es ing ings ed er ers y ies ly ist ists ism al ness".split()) | {""}


def _more_than_the_category(topic: str) -> bool:
    """Whether a topic that names a category holds a word that neither names one nor says what kind of content it is:
    "fruit punch" (fruit), "seaweed snacks" (both), "harmonicas"; not "horror movies", "smoking weed", "gun violence"."""
    lowered = _as_usually_spelled(topic).lower()
    named_spans: list[tuple[int, int]] = []
    for category in restriction_categories().values():
        named_spans.extend(found.span() for found in category.recognise.finditer(lowered))
        # And what its lexicon or patterns decide ("middle fingers" is profanity's, as a whole).
        decided = category.words_deciding(lowered)
        at = lowered.find(decided.lower()) if decided else -1
        if at >= 0:
            named_spans.append((at, at + len(decided)))
    position = 0
    for word in re.findall(r"[a-z0-9'&+-]+", lowered):
        start = lowered.index(word, position)
        end = start + len(word)
        position = end
        if word in _CONTENT_WORDS or word in _FILLER or word in _FRAME_WORDS or word in _FUNCTION_WORDS or len(word) < 2:
            continue
        # A category's own word ("sexual", "smoking", "guns"), whatever its ending.
        if any(head.fullmatch(word) for head in _HEAD_WORDS.values()) or any(
            category.words_deciding(word) for category in restriction_categories().values()
        ):
            continue
        # Named when a match covers the word's start and leaves at most an ending of it.
        if any(
            begin <= start < match_end and word[min(match_end, end) - start :].removesuffix("-") in _ENDINGS
            for begin, match_end in named_spans
        ):
            continue
        return True
    return False


def _with_categories(
    topics: list[str],
    *,
    only_categories: bool = False,
    owner: _OwnerWords = _OwnerWords(),
    kept: list[str] | None = None,
) -> tuple[list[str], list[str]]:
    """Topics that name a category become that category; the rest stay free-text topics. A topic that names a
    category only around a capitalised name ("drinking Pepsi", "Under Armour logos") is that name; one whose
    category the owner allows elsewhere ("drinking is fine ... drunk") is a topic of its own."""
    categories: list[str] = []
    free: list[str] = []
    every = restriction_categories()
    for topic in topics:
        # "no twerking", "no loot boxes": slang bans its category, and stays a topic (what the slang names exactly).
        # Not in a clause of no form we know, which is read for its categories alone: slang there would lose its topic,
        # and "twerking is whatever" is no ban.
        slang = [] if only_categories else _named_by_slang(topic, owner)
        categories.extend(key for key in slang if key not in owner.allowed)
        # "no jokes about my wieght": a free-text topic's words are its keywords, so their slips are mended first;
        # but only a topic's that names no category, before or after ("martino" is no "martini", "gunma" no "gunman",
        # "sponcon" no "sponson"): the categories' own words are mended by the head words' typo table, which knows
        # seven languages, and the English dictionary knows one.
        # Nor is slang a slip ("no gyat" was mended to "goat", "no getting merked" to "getting marked").
        if not _names_a_category(topic) and not slang:
            mended = mend_topic(topic, owner.as_written)
            # "my girlfirend": the owner's partner, as "my girlfriend" is read (the "my" was let go with the slip).
            mended = f"my {mended}" if mended in _PARTNERS else mended
            topic = topic if _names_a_category(mended) else mended
        spelled = _as_usually_spelled(topic)
        named = _categories_by_words(topic, spelled)
        if not named:
            # "no s3x", "no n00dz": digits and look-alike letters for the category's word.
            skeleton = _as_usually_spelled(text_skeleton(topic).lower())
            named = categories_named_by(skeleton) if skeleton != spelled else []
        if not named:
            # A category's unambiguous words name it too ("no zaza", "no draftkings", "nothing lovey-dovey"); a
            # brand's do not: a named brand is no ban on all advertising.
            # Only as the topic's head ("shoutouts to draftkings"), not as what describes another thing ("nun
            # costumes" are costumes, not religion).
            named = list(_named_by_lexicon(spelled))
        # "drinking Pepsi", "Under Armour logos", "no Red Bull": the named thing is a topic. The category the words
        # around it name is kept too (the stricter reading: "drinking Corona" is beer), but not the one the name's
        # own letters happen to spell ("Monster" is no horror), and a named brand is not all advertising.
        named_thing = _name_in(topic, owner) if named else None
        if named_thing:
            name, around = named_thing
            categories.extend(
                key
                for key in around
                if (key != "brands" or not _GENERIC_TAIL_RE.search(topic)) and key not in owner.allowed
            )
            if not only_categories:
                free.append(name)
            continue
        direct = [key for key in named if every[key].recognise.search(_as_usually_spelled(topic))]
        # Said whole: the topic is the category's head word and nothing more ("drinking"), not "drinking games".
        said_whole = any(_HEAD_WORDS[key].fullmatch(topic) for key in direct)
        if named and direct and set(direct) <= owner.allowed and not said_whole:
            if not only_categories:
                free.append(topic)
            continue
        # "other tobacco products": products of tobacco, not advertising; "promotes gambling" makes gambling look good.
        if "brands" in named and len(named) > 1 and not every["brands"].recognise.search(
            _PROMOTING.sub("", _GENERIC_TAIL_RE.sub("", topic))
        ):
            named = [key for key in named if key != "brands"]
        if named:
            # "alcohol is fine ... no fights at the bar": the bar is allowed; the fight is not.
            categories.extend(key for key in named if key not in owner.allowed or said_whole or set(named) <= owner.allowed)
            # "no fruit punch", "no seaweed snacks", "no harmonicas": a thing whose name only spells a category keeps
            # its own ban beside the category's, or the owner's ban on the thing itself is lost (attack round 58). It
            # is kept as words to refuse, not as a topic read by meaning: a topic's meaning is what was just read as
            # the category, and as words a fragment the category left ("nsfw face") refuses nothing.
            if kept is not None and len(topic.split()) <= _MOST_WORDS_OF_A_THING and _more_than_the_category(topic):
                kept.append(topic)
        elif not only_categories:
            # "my girlfriend": "my" only kept the person from reading as romance; texts say "her girlfriend".
            free.append(re.sub(r"^my\s+", "", topic))
    return categories, free


# "Never show me without my hijab": a sentence model reads "without X" as about X, so such a topic refuses X worn as
# well as X taken off (attack round 33: a makeup tutorial under "without makeup", a hijab worn to an interview). That
# is the stricter reading, and it stays: contrasting "X taken off" with "X worn" in general words separated nothing
# (a bare face 0.351 against 0.349). The ways of saying X is off are its keywords too, and its descriptions.
_WITHOUT = re.compile(r"^without\s+(?P<x>.+)$")


def topic_descriptions(topic: str) -> list[str]:
    """The texts embedded for a free-text topic: itself, itself in a frame, a known topic's descriptions, and for
    "without X" X taken off."""
    descriptions = [topic, _TOPIC_FRAME.format(topic)]
    without = _WITHOUT.match(topic)
    if without:
        descriptions += [f"taking off {without.group('x')}", f"{without.group('x')} removed"]
    for known in _KNOWN_TOPICS:
        if known.recognise.search(topic):
            descriptions.extend(known.descriptions)
    return list(dict.fromkeys(descriptions))


def topic_words(topic: str) -> list[str]:
    """The words that break a free-text topic as keywords: the topic itself and a known topic's lexicon; for "without
    X", the ways of saying X is off."""
    without = _WITHOUT.match(topic)
    if without:
        thing = without.group("x")
        return [
            f"{how} {whose}{thing}"
            for how in ("without", "takes off", "taking off", "took off", "removes", "removing", "not wearing")
            for whose in ("", "her ", "his ", "their ")
        ]
    words = [topic]
    for known in _KNOWN_TOPICS:
        if known.recognise.search(topic):
            words.extend(known.lexicon)
    return list(dict.fromkeys(words))


# How many other words may stand among a thing's words when they come in another order or form: "salmon she smoked",
# "a sale of baked goods", "a solo on her harmonica", but not "smoked a brisket and served salmon" (attack round 60).
_THING_WORDS_APART = 2
_TOKEN = re.compile(r"\w+(?:['’]\w*)?")


def _thing_written_otherwise(thing: str, text: str) -> str | None:
    """The words of the text that name a thing in another order or form ("a rancher brands cattle" under "no cattle
    branding", "salmon she smoked herself" under "no smoked salmon"): every word of the thing, with at most
    ``_THING_WORDS_APART`` other words among them. Farther apart they are most often two things ("bakes bread, then
    shops at a garage sale"; "wears a red dress to her cousin's wedding")."""
    words = [
        word
        for word in re.findall(r"[a-z0-9'&]+", thing.lower())
        if len(word) > 1 and word not in _FILLER and word not in _FUNCTION_WORDS and word not in _CONTENT_WORDS
    ]
    if len(words) < 2:
        return None
    tokens = _TOKEN.findall(text)
    places = [{at for at, token in enumerate(tokens) if term_regex(word).fullmatch(token)} for word in words]
    if not all(places):
        return None
    width = len(words) + _THING_WORDS_APART
    for first in sorted(set().union(*places)):
        window = range(first, first + width)
        # One distinct word of the text for each word of the thing, all inside the window.
        for chosen in itertools.product(*([at for at in window if at in found] for found in places)):
            if len(set(chosen)) == len(words):
                return " ".join(tokens[min(chosen) : max(chosen) + 1])
    return None


# A handle as written in a restriction or a text's reading ("@mallory"; a full-width at sign is folded by then).
_HANDLE_WRITTEN = re.compile(r"(?<![\w@])@([A-Za-z0-9_.]*[A-Za-z0-9_])")
# Words that say only where the banned person stands: "never show me next to @mallory" reads the topic "next
# mallory", which is the handle.
_BESIDE_WORDS = frozenset({"next", "alongside", "beside", "besides", "near", "with", "by", "around", "together", "close"})


def _topic_is_the_handle(topic: str, handle: str) -> bool:
    """Whether a parsed topic is the handle itself ("mallory", "eve smith" for "@Eve.Smith"), perhaps with words that
    say only where its person stands ("next mallory")."""
    words = topic.split()
    handle_words = handle.replace(".", " ").split()
    if words[-len(handle_words) :] != handle_words and topic != handle:
        return False
    return topic == handle or set(words[: -len(handle_words)]) <= _BESIDE_WORDS


def _keyword_conflict(
    index: int, restriction: str, parsed: ParsedRestriction, texts: Sequence[str]
) -> RestrictionConflict | None:
    """The restriction's own words ("never say banana") and its free-text topics' words are looked for as written;
    its categories' words and patterns by each category, which knows the phrases that use them in another sense.
    A handle the owner named is found as the handle screen finds one: "@rnallory" and "@ma11ory" are "@mallory"
    (attack round 3 on names), as no one but Mallory could hold them."""
    categories = restriction_categories()
    # Only a handle that is a whole topic ("never show me with @mallory"): one inside a thing ("never show @ann_cam
    # drinking", often the cameo's own handle) bans the thing, not every text that names the handle.
    named_handles = {
        handle_skeleton(handle)
        for handle in _HANDLE_WRITTEN.findall(text_skeleton(restriction))
        if any(_topic_is_the_handle(topic, handle) for topic in parsed.topics)
    }
    if named_handles:
        for text in texts:
            for found in _HANDLE_WRITTEN.finditer(text):
                if handle_skeleton(found.group(1)) in named_handles:
                    return RestrictionConflict(restriction, index, "keyword", 1.0, found.group(0))
    own_words = list(
        dict.fromkeys([*parsed.words, *parsed.things, *(word for topic in parsed.topics for word in topic_words(topic))])
    )
    for text in texts:
        for word in own_words:
            senses = next(
                (
                    _TOPIC_WORD_SENSES[key]
                    for part in word.split()
                    for key in (part, f"{part}s", part.removesuffix("s"))
                    if key in _TOPIC_WORD_SENSES
                ),
                None,
            )
            spans = [sense.span() for sense in senses.finditer(text)] if senses else []
            for found in term_regex(word).finditer(text):
                # A keyword that overlaps a phrase in another sense ("her house" in "her house music") does not count.
                if not any(found.start() < end and start < found.end() for start, end in spans):
                    return RestrictionConflict(restriction, index, "keyword", 1.0, found.group(0))
        for thing in parsed.things:
            found_words = _thing_written_otherwise(thing, text)
            if found_words is not None:
                return RestrictionConflict(restriction, index, "keyword", 1.0, found_words)
        for key in parsed.categories:
            found_text = categories[key].words_deciding(text)
            if found_text is not None:
                return RestrictionConflict(restriction, index, "keyword", 1.0, found_text)
    return None


def _readings(prompt: str) -> list[str]:
    """The text as written, as its screening skeletons, with its emoji as words ("🚬🚬🚬" says cigarette to
    every reader, and so it does here), with its hashtags as words ("#KissCam" as "Kiss Cam"), and with its typos
    of the categories' head words mended ("@ann sips wisky", "cigerettes": attack round 40), with a word run into
    a category's word split in two ("chugsbeer": rounds 40 and 43), and with letters drawn by look-alikes read as
    the handle screen reads them ("vvine", "rnojito", "9oat", "@rnallory": attack round 3 on names)."""
    skeleton = text_skeleton(prompt)
    return list(
        dict.fromkeys(
            [
                prompt,
                skeleton,
                text_skeleton(prompt, one_as="i"),
                emoji_as_words(prompt),
                hashtags_as_words(prompt),
                mend_typos(skeleton, rule_words=False),
                unglue_words(prompt),
                look_alike_words(skeleton),
            ]
        )
    )


def clauses_read_for_meaning(prompt: str, readings: Sequence[str] | None = None) -> list[str]:
    """The clauses find_restriction_conflicts embeds for a text: those of every reading that differs from the text
    beyond case ("V0te for Dan" is read as "vote for dan" too). A batch job embeds these first, in one go."""
    clauses: list[str] = []
    for reading in readings if readings is not None else _readings(prompt):
        if reading is prompt or reading != prompt.casefold():
            clauses.extend(text_embedding.prompt_clauses(reading))
    return list(dict.fromkeys(clauses))


def find_restriction_conflicts(
    restrictions: Sequence[str], prompt: str, *, threshold: float = SEMANTIC_THRESHOLD
) -> list[RestrictionConflict]:
    """The restrictions (by index) that a text breaks, at most one conflict each, keywords first.

    The text is read as written and as its screening skeleton (``text_skeleton``: look-alike letters, digit
    swaps and invisible characters undone), so "b00ze" or a Cyrillic "е" does not hide a banned word; a "1" in a
    word is read both as an l and as an i ("k1ss").
    """
    parsed_list = [parse_restriction(restriction) for restriction in restrictions]
    if not any(parsed.enforceable for parsed in parsed_list):
        return []
    readings = _readings(prompt)
    conflicts: dict[int, RestrictionConflict] = {}
    semantic: list[tuple[int, str, list[str]]] = []
    by_category: list[tuple[int, str, str]] = []
    for index, (restriction, parsed) in enumerate(zip(restrictions, parsed_list, strict=True)):
        conflict = _keyword_conflict(index, restriction, parsed, readings)
        if conflict is not None:
            conflicts[index] = conflict
            continue
        by_category.extend((index, restriction, key) for key in parsed.categories)
        # Scored topic by topic: "drugs or alcohol" is broken by either one.
        semantic.extend((index, restriction, topic_descriptions(topic)) for topic in parsed.topics)
    clauses = clauses_read_for_meaning(prompt, readings) if semantic or by_category else []
    if not clauses:
        return [conflicts[index] for index in sorted(conflicts)]
    if by_category:
        _category_conflicts(by_category, clauses, conflicts)
    if semantic:
        _topic_conflicts(semantic, clauses, conflicts, threshold)
    return [conflicts[index] for index in sorted(conflicts)]


def _category_conflicts(
    by_category: list[tuple[int, str, str]], clauses: list[str], conflicts: dict[int, RestrictionConflict]
) -> None:
    keys = category_classifier().keys
    scores = category_scores(clauses)  # clauses x categories; >= 0 is in the category
    for index, restriction, key in by_category:
        column = keys.index(key)
        clause_index = int(scores[:, column].argmax())
        score = float(scores[clause_index, column])
        if score >= 0.0 and index not in conflicts:
            conflicts[index] = RestrictionConflict(restriction, index, "semantic", round(score, 4), clauses[clause_index])


def _topic_conflicts(
    semantic: list[tuple[int, str, list[str]]],
    clauses: list[str],
    conflicts: dict[int, RestrictionConflict],
    threshold: float,
) -> None:
    flat = [text for _, _, descriptions in semantic for text in descriptions]
    vectors = text_embedding.embed_texts([*clauses, *flat])
    clause_vectors, description_vectors = vectors[: len(clauses)], vectors[len(clauses) :]
    start = 0
    for index, restriction, descriptions in semantic:
        score, clause_index = text_embedding.closeness(
            clause_vectors, description_vectors[start : start + len(descriptions)]
        )
        start += len(descriptions)
        if score >= threshold and score > (conflicts[index].score if index in conflicts else 0.0):
            conflicts[index] = RestrictionConflict(restriction, index, "semantic", round(score, 4), clauses[clause_index])
