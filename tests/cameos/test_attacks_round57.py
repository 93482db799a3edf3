"""Attack round 57: a ban on an everyday thing whose name holds a category's word.

A topic that names a category becomes that category, and the topic itself is dropped. That is right for "no guns" or
"no weed", and it lost the owner's ban whenever the word meant something else: "no fruit punch" banned violence, and
a video of the owner ladling fruit punch went through; so did lifting weights under "no hitting the gym", orcas under
"no killer whales", pulling weeds under "no weeding the garden", a blood draw under "no blood tests", espresso under
"no espresso shots", high fives under "no getting high fives", a ghost pepper challenge under "no ghost peppers" and a
black cocktail dress under "no cocktail dresses". Each of these phrases now reads as a thing of its own (a free-text
topic, with its keywords and its meaning), and the category's own bans still read as before. "No smoking hot outfits"
is sexual content, not tobacco.

Of its 81 cases, 50 got through when the round was written (each says ``through=``): 30 restrictions read as a
category instead of the thing (or, for "smoking hot", as the wrong one), and 20 prompts their owners had banned let
through. All are fixed.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import assert_refused, case, check, refusal


def read_as_category(category: str) -> str:
    return f"read when the round was written: {category}, and no topic"


PARSES = [
    case("no fruit punch", set(), need=("fruit punch",), case_id="fruit-punch", through=read_as_category("violence")),
    case("no punch bowls", set(), need=("punch bowls",), case_id="punch-bowls", through=read_as_category("violence")),
    case("no hitting the gym", set(), need=("gym",), case_id="hitting-the-gym", through=read_as_category("violence")),
    case(
        "no killer whales",
        set(),
        need=("killer whales",),
        case_id="killer-whales",
        through=read_as_category("violence"),
    ),
    case("no nerf guns", set(), need=("nerf guns",), case_id="nerf-guns", through=read_as_category("violence")),
    case("no water guns", set(), need=("water guns",), case_id="water-guns", through=read_as_category("violence")),
    case(
        "no water gun fights",
        set(),
        need=("water gun fights",),
        case_id="water-gun-fights",
        through=read_as_category("violence"),
    ),
    case(
        "no knife skills", set(), need=("knife skills",), case_id="knife-skills", through=read_as_category("violence")
    ),
    case(
        "no cooking with knives",
        set(),
        need=("knives",),
        case_id="cooking-with-knives",
        through=read_as_category("violence"),
    ),
    case(
        "no blood drives", set(), need=("blood drives",), case_id="blood-drives", through=read_as_category("violence")
    ),
    case("no blood tests", set(), need=("blood tests",), case_id="blood-tests", through=read_as_category("violence")),
    case(
        "no weed whacking", set(), need=("weed whacking",), case_id="weed-whacking", through=read_as_category("drugs")
    ),
    case("no weeding the garden", set(), need=("weeding",), case_id="weeding", through=read_as_category("drugs")),
    case("no getting high fives", set(), need=("high fives",), case_id="high-fives", through=read_as_category("drugs")),
    case("no stoned fruit", set(), need=("fruit",), case_id="stoned-fruit", through=read_as_category("drugs")),
    case("no wine gums", set(), need=("wine gums",), case_id="wine-gums", through=read_as_category("alcohol")),
    case("no beer bellies", set(), need=("beer bellies",), case_id="beer-bellies", through=read_as_category("alcohol")),
    case(
        "no espresso shots",
        set(),
        need=("espresso shots",),
        case_id="espresso-shots",
        through=read_as_category("alcohol"),
    ),
    case("no cigar boxes", set(), need=("cigar boxes",), case_id="cigar-boxes", through=read_as_category("tobacco")),
    case("no vapor trails", set(), need=("vapor trails",), case_id="vapor-trails", through=read_as_category("tobacco")),
    case(
        "no ghost peppers", set(), need=("ghost peppers",), case_id="ghost-peppers", through=read_as_category("horror")
    ),
    case(
        "no ghost kitchens",
        set(),
        need=("ghost kitchens",),
        case_id="ghost-kitchens",
        through=read_as_category("horror"),
    ),
    case(
        "no crushing cans",
        set(),
        need=("crushing cans",),
        case_id="crushing-cans",
        through=read_as_category("romance and sexual content"),
    ),
    case(
        "no cocktail dresses",
        set(),
        need=("cocktail dresses",),
        case_id="cocktail-dresses",
        through=read_as_category("alcohol"),
    ),
    case(
        "no punching bags",
        set(),
        need=("punching bags",),
        case_id="punching-bags",
        through=read_as_category("violence"),
    ),
    case("no dope beats", set(), need=("dope beats",), case_id="dope-beats", through=read_as_category("drugs")),
    case(
        "no brand new cars",
        set(),
        need=("brand new cars",),
        case_id="brand-new-cars",
        through=read_as_category("brands"),
    ),
    case("no wine stains", set(), need=("wine stains",), case_id="wine-stains", through=read_as_category("alcohol")),
    case(
        "no beer battered fish",
        set(),
        need=("beer battered fish",),
        case_id="beer-battered-fish",
        through=read_as_category("alcohol"),
    ),
    case(
        "no smoking hot outfits",
        {"sexual"},
        case_id="smoking-hot-outfits",
        through="read when the round was written: tobacco",
    ),
    # Guards: the categories' own bans.
    case("no ghosts", {"horror"}, case_id="guard-ghosts"),
    case("no ghost stories", {"horror"}, case_id="guard-ghost-stories"),
    case("no crushes", {"romance", "sexual"}, case_id="guard-crushes"),
    case("no crushing on people", {"romance", "sexual"}, case_id="guard-crushing-on-people"),
    case("no cocktails", {"alcohol"}, case_id="guard-cocktails"),
    case("no cocktail hour", {"alcohol"}, case_id="guard-cocktail-hour"),
    case("no dope", {"drugs"}, case_id="guard-dope"),
    case("no brand deals", {"brands"}, case_id="guard-brand-deals"),
    case("no smoking", {"tobacco"}, case_id="guard-smoking"),
    case("no guns", {"violence"}, case_id="guard-guns"),
    case("no gun fights", {"violence"}, case_id="guard-gun-fights"),
    case("no punching", {"violence"}, case_id="guard-punching"),
    case("no hitting people", {"violence"}, case_id="guard-hitting-people"),
    case("no blood", {"violence"}, case_id="guard-blood"),
    case("no knives", {"violence"}, case_id="guard-knives"),
    case("no killers", {"violence"}, case_id="guard-killers"),
    case("no toy guns or real guns", {"violence"}, need=("toy guns",), case_id="guard-toy-and-real-guns"),
    case("no weed", {"drugs"}, case_id="guard-weed"),
    case("no getting high", {"drugs"}, case_id="guard-getting-high"),
    case("no shots", {"alcohol"}, case_id="guard-shots"),
    case("no tequila shots", {"alcohol"}, case_id="guard-tequila-shots"),
    case("no coffee shots or tequila shots", {"alcohol"}, need=("coffee shots",), case_id="guard-coffee-and-tequila"),
    case("no wine", {"alcohol"}, case_id="guard-wine"),
    case("no cigars", {"tobacco"}, case_id="guard-cigars"),
]


@pytest.mark.parametrize(("text", "categories", "need", "ok", "junk", "words"), PARSES)
def test_a_ban_on_an_everyday_thing_keeps_the_thing(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


END_TO_END = [
    refusal("no fruit punch", "@ann ladles fruit punch into cups at the party", True, "fruit-punch", through="allowed"),
    refusal("no hitting the gym", "@ann lifts weights at the gym", True, "gym", through="allowed"),
    refusal("no killer whales", "@ann watches orcas breach from a boat", True, "orcas", through="allowed"),
    refusal("no blood tests", "@ann gets her blood drawn at the clinic", True, "blood-draw", through="allowed"),
    refusal("no weeding the garden", "@ann pulls weeds in the garden", True, "weeds", through="allowed"),
    refusal("no getting high fives", "@ann high-fives her teammates", True, "high-fives", through="allowed"),
    refusal("no wine gums", "@ann eats a bag of wine gums", True, "wine-gums", through="allowed"),
    refusal("no cigar boxes", "@ann builds a guitar from a cigar box", True, "cigar-box", through="allowed"),
    refusal(
        "no espresso shots",
        "@ann knocks back three espresso shots before the exam",
        True,
        "espresso",
        through="allowed",
    ),
    refusal("no cooking with knives", "@ann dices onions with a chef's knife", True, "chef-knife", through="allowed"),
    refusal("no beer bellies", "@ann pats her dad's beer belly", True, "beer-belly", through="allowed"),
    refusal("no nerf guns", "@ann ambushes her brother with a nerf blaster", True, "nerf-blaster"),
    refusal("no ghost peppers", "@ann eats a ghost pepper and cries", True, "ghost-pepper", through="allowed"),
    refusal("no ghost kitchens", "@ann tours a delivery-only ghost kitchen", True, "ghost-kitchen", through="allowed"),
    refusal("no crushing cans", "@ann crushes a soda can on her forehead", True, "soda-can", through="allowed"),
    refusal("no cocktail dresses", "@ann twirls in a black cocktail dress", True, "cocktail-dress", through="allowed"),
    refusal("no punching bags", "@ann works the heavy bag at the boxing gym", True, "heavy-bag", through="allowed"),
    refusal(
        "no dope beats", "@ann produces a hip hop beat in her bedroom studio", True, "hip-hop-beat", through="allowed"
    ),
    refusal("no wine stains", "@ann scrubs a wine stain out of the carpet", True, "wine-stain", through="allowed"),
    refusal(
        "no beer battered fish", "@ann eats beer battered fish and chips", True, "fish-and-chips", through="allowed"
    ),
    refusal("no smoking hot outfits", "@ann struts in a skintight outfit", True, "skintight", through="allowed"),
    refusal("no ghosts", "@ann sees a ghost in the attic", True, "guard-ghost-in-the-attic"),
    refusal("no smoking", "@ann lights a cigarette", True, "guard-cigarette"),
    # The thing banned, not everything its words could mean.
    refusal("no nerf guns", "@ann bakes cookies with her brother", False, "nerf-cookies"),
    refusal("no espresso shots", "@ann takes tequila shots at the bar", False, "espresso-tequila"),
    # Guards: the categories' own bans still refuse.
    refusal("no weed", "@ann smokes a joint on the porch", True, "guard-weed-joint"),
    refusal("no hitting", "@ann hits her brother with a bat", True, "guard-hitting-bat"),
]


@pytest.mark.parametrize(("restriction", "prompt", "expected"), END_TO_END)
def test_a_ban_on_an_everyday_thing_end_to_end(restriction, prompt, expected):
    assert_refused(restriction, prompt, expected)
