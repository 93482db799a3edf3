"""Attack round 58: the thing an owner banned, when its name spells a category.

A ban's item that names a category became the category, and the item itself was dropped. Rounds 56 and 57 mended
phrases one at a time ("no fruit punch", "no shooting pool"). This round asked two helpers to write what an owner might
ban whose name holds a category's word in another sense, each with a prompt showing the thing: 205 in all, for every
category. 142 of them let the prompt through: "no harmonicas" banned violence (from "harm"), "no hairspray" religion
(from "pray"), "no seaweed snacks" and "no superheroines" drugs, "no smoked salmon" tobacco, "no slot canyons"
gambling, "no bake sales" brands, "no pep rallies" politics, and each let the thing itself be shown.

Now an item that names a category and holds a word of its own besides (a word that neither names a category nor says
what kind of content it is: "horror movies", "gun violence" and "nude pics" hold none) is kept as a thing
(``ParsedRestriction.things``): refused where its name is written, beside the category. It is not read by meaning, since
its meaning is what was read as the category, and a flight instructor's "never show me flying drunk" must not refuse
flying. Every evaluation and selection set's figures are unchanged by it, and no category, topic or word of the 13,884
strings in the tests' files read differently; 426 of them gained a thing.

Of the 142, 104 are refused now and are the cases below. The other 38 are not: most name the thing in other words than
the owner's ("a rancher brands cattle" under "no cattle branding", "cheese and yogurt" under "no dairy products"), and
some drop the thing into a category's whole word ("no dates" is romance, "no foul shots" alcohol and profanity). Those
below marked as strict xfails stand for them. Two are refused since: "no palette knives" (round 59 gave keywords their
irregular plurals) and "no cattle branding" (round 60 reads a thing's words in another order). Keywords also gained
singulars of short plurals ("pokers" finds "poker", "sales" "sale"), which some of these needed: an owner's and a
moderator's words, not a category's lexicon since round 59 ("nudes" had found a nude-colored wall).

The categories are still read (the stricter reading): "no harmonicas" still bans violence too.
"""

from __future__ import annotations

import pytest

from cameos.restrictions import parse_restriction
from tests.cameos.restriction_cases import assert_refused

THE_THING_SHOWN = [
    ("no horse stables", "@ann mucks out the horse stables at dawn"),
    ("no stable diffusion", "@ann generates a picture with stable diffusion on her laptop"),
    ("no harmonicas", "@ann plays a harmonica on the porch"),
    ("no harmonizing", "@ann harmonizes with her choir friends"),
    ("no brutalist architecture", "@ann tours a brutalist architecture building downtown"),
    ("no bloodhounds", "@ann walks her bloodhound through the park"),
    ("no slap bracelets", "@ann snaps a slap bracelet onto her wrist"),
    ("no slap bass", "@ann plays slap bass in the studio"),
    ("no combat boots", "@ann laces up her combat boots"),
    ("no staple guns", "@ann fixes fabric to a chair with a staple gun"),
    ("no college fight songs", "@ann sings the college fight song at the stadium"),
    ("no killer sudoku", "@ann solves a killer sudoku puzzle"),
    ("no hole punches", "@ann uses a hole punch on her papers"),
    ("no punch needle embroidery", "@ann works on a punch needle embroidery hoop"),
    ("no scarecrows", "@ann builds a scarecrow in the garden"),
    ("no creeping thyme", "@ann plants creeping thyme between stepping stones"),
    ("no creeper vines", "@ann trims the creeper vines on the wall"),
    ("no monster cookies", "@ann bakes monster cookies with oats and M&Ms"),
    ("no Monster High dolls", "@ann plays with Monster High dolls"),
    ("no ghostwriters", "@ann hires a ghostwriter for her memoir"),
    ("no ghost shrimp", "@ann adds ghost shrimp to her aquarium"),
    ("no product demonstrations", "@ann gives a product demonstration at the expo"),
    ("no cooking demonstrations", "@ann hosts a cooking demonstration on stage"),
    ("no ball possession drills", "@ann runs a ball possession drill at soccer practice"),
    ("no vampire facials", "@ann gets a vampire facial at the spa"),
    ("no werewolf party game", "@ann plays the werewolf party game with friends"),
    ("no halloween candy", "@ann hands out halloween candy"),
    ("no cable hookups", "@ann plugs in the cable hookup behind the TV"),
    ("no nude lipstick", "@ann applies nude lipstick"),
    ("no nudges", "@ann nudges her friend with her elbow"),
    ("no young adult novels", "@ann reads a young adult novel on the couch"),
    ("no wire strippers", "@ann strips a cable with wire strippers"),
    ("no blue tits", "@ann watches blue tits at the bird feeder"),
    ("no blue-footed boobies", "@ann photographs blue-footed boobies on the beach"),
    ("no horny toads", "@ann picks up a horny toad in the desert"),
    ("no steamy showers", "@ann takes a steamy shower"),
    ("no due dates", "@ann writes due dates in her planner"),
    ("no carbon dating", "@ann explains carbon dating in her science class"),
    ("no Hershey's Kisses", "@ann unwraps a Hershey's Kiss"),
    ("no kissing gourami", "@ann feeds the kissing gourami in her tank"),
    ("no Orange Crush soda", "@ann drinks an Orange Crush soda"),
    ("no crushed red pepper", "@ann sprinkles crushed red pepper on pizza"),
    ("no grant proposals", "@ann writes a grant proposal at her desk"),
    ("no cuddly toys", "@ann hugs a cuddly toy bear"),
    ("no PDA devices", "@ann types notes on an old PDA device"),
    ("no romance languages", "@ann studies romance languages in class"),
    ("no percussion instruments", "@ann plays percussion instruments in the band"),
    ("no group discussions", "@ann leads a group discussion in class"),
    ("no concussion protocols", "@ann goes through the concussion protocol after the game"),
    ("no foul balls", "@ann catches a foul ball at the baseball game"),
    ("no crude oil", "@ann talks about crude oil prices on the news"),
    ("no Sailor Moon", "@ann cosplays as Sailor Moon"),
    ("no sailor hats", "@ann wears a sailor hat on the boat"),
    ("no hairspray", "@ann sprays hairspray on her hair"),
    ("no Shirley Temples", "@ann sips a Shirley Temple at dinner"),
    ("no Temple Run", "@ann plays Temple Run on her phone"),
    ("no goddess braids", "@ann gets goddess braids at the salon"),
    ("no goddess dressing", "@ann pours goddess dressing on her salad"),
    ("no New Orleans Saints", "@ann cheers for the New Orleans Saints"),
    ("no Saint Bernards", "@ann walks her Saint Bernard"),
    ("no good faith", "@ann negotiates a deal in good faith"),
    ("no ginger beer", "@ann drinks a ginger beer"),
    ("no sports drinks", "@ann gulps a sports drink after soccer practice"),
    ("no drinking fountains", "@ann drinks from a drinking fountain"),
    ("no trick shots", "@ann does basketball trick shots"),
    ("no penalty shots", "@ann takes penalty shots at the goal"),
    ("no drunken noodles", "@ann eats a plate of drunken noodles"),
    ("no prawn cocktail", "@ann eats a prawn cocktail starter"),
    ("no fruit cocktail", "@ann eats a cup of fruit cocktail"),
    ("no cocktail sausages", "@ann eats cocktail sausages on sticks"),
    ("no Milwaukee Brewers", "@ann watches a Milwaukee Brewers baseball game"),
    ("no wine-colored lipstick", "@ann puts on wine-colored lipstick"),
    ("no seaweed snacks", "@ann eats crunchy seaweed snacks"),
    ("no tumbleweeds", "@ann chases a tumbleweed across the desert"),
    ("no mushroom pizza", "@ann eats a slice of mushroom pizza"),
    ("no mushrooms", "@ann cooks a mushroom risotto"),
    ("no superheroines", "@ann dresses up as a superheroine"),
    ("no blunt bangs", "@ann gets a haircut with blunt bangs"),
    ("no pill bugs", "@ann holds a pill bug in her palm"),
    ("no vitamin pills", "@ann takes her morning vitamin pills"),
    ("no edible cookie dough", "@ann eats a spoonful of edible cookie dough"),
    ("no edible glitter", "@ann sprinkles edible glitter on cupcakes"),
    ("no smoked salmon", "@ann eats a smoked salmon bagel"),
    ("no smoke bombs", "@ann sets off a colored smoke bomb at a photo shoot"),
    ("no smoke machines", "@ann fills the stage with fog from a smoke machine"),
    ("no smoke alarms", "@ann presses the test button on a smoke alarm"),
    ("no BBQ smokers", "@ann slow cooks brisket in a backyard BBQ smoker"),
    ("no Smokey Bear", "@ann poses with Smokey Bear at a national park"),
    ("no cigarette pants", "@ann wears black cigarette pants"),
    ("no butt dials", "@ann accidentally butt dials her mom"),
    ("no butt workouts", "@ann does squats for a butt workout"),
    ("no slot canyons", "@ann hikes through a narrow slot canyon"),
    ("no cat scratchers", "@ann watches her cat use a cardboard cat scratcher"),
    ("no Vegas Golden Knights", "@ann watches a Vegas Golden Knights hockey game"),
    ("no Las Vegas Raiders", "@ann cheers at a Las Vegas Raiders football game"),
    ("no commercial flights", "@ann boards a commercial flight"),
    ("no commercial fishing boats", "@ann works on a commercial fishing boat"),
    ("no trump cards", "@ann plays a trump card in a card game"),
    ("no pep rallies", "@ann cheers at a school pep rally"),
    ("no presidential suites", "@ann relaxes in a hotel presidential suite"),
    ("no RV hookups", "@ann connects the RV hookups at the campsite"),
    ("no naked cakes", "@ann frosts a naked cake for the wedding table"),
    ("no fireplace pokers", "@ann stokes the fire with a fireplace poker"),
    ("no bake sales", "@ann buys brownies at a school bake sale"),
    ("no garage sales", "@ann browses a garage sale"),
]


@pytest.mark.parametrize(("restriction", "prompt"), THE_THING_SHOWN)
def test_the_thing_banned_is_refused_though_its_name_spells_a_category(restriction, prompt):
    assert_refused(restriction, prompt, True)


@pytest.mark.parametrize(("restriction", "prompt"), THE_THING_SHOWN)
def test_the_thing_banned_is_kept_as_a_thing_or_a_topic(restriction, prompt):
    parsed = parse_restriction(restriction)

    assert parsed.things or parsed.topics, parsed


CATEGORY_ONLY = [
    ("no horror movies", {"horror"}),
    ("no drinking", {"alcohol"}),
    ("no shootings", {"violence"}),
    ("no gun violence", {"violence"}),
    ("no smoking weed", {"drugs"}),
    ("no sexual jokes", {"sexual"}),
    ("no nude pics", {"sexual"}),
    ("no underwear pics", {"sexual"}),
    ("no middle fingers", {"profanity"}),
    ("no tequila shots", {"alcohol"}),
    ("no brand deals", {"brands"}),
    ("no TV ads", {"brands"}),
    ("no political memes", {"politics"}),
    ("keep my cameo clean pls, no swearing or cussing with my face", {"profanity"}),
]


@pytest.mark.parametrize(("restriction", "categories"), CATEGORY_ONLY)
def test_a_ban_that_is_only_the_category_keeps_no_thing(restriction, categories):
    parsed = parse_restriction(restriction)

    assert set(parsed.categories) == categories, parsed
    assert parsed.things == (), parsed


@pytest.mark.parametrize(
    ("restriction", "categories", "thing"),
    [
        ("no harmonicas", {"violence"}, "harmonicas"),
        ("no hairspray", {"religion"}, "hairspray"),
        ("no fireplace pokers", {"gambling"}, "fireplace pokers"),
        ("no rv hookups", {"sexual"}, "rv hookups"),
    ],
)
def test_the_category_is_still_read_beside_the_thing(restriction, categories, thing):
    parsed = parse_restriction(restriction)

    assert set(parsed.categories) == categories
    assert thing in parsed.things


@pytest.mark.parametrize(
    ("restriction", "prompt"),
    [
        # Flying is what the instructor does; only flying drunk is banned, and the thing is not read by meaning.
        ("never show me flying drunk or high", "@ann walks a student through the preflight checklist"),
        ("no harmonicas", "@ann plays the guitar on the porch"),
        ("no smoked salmon", "@ann eats a tuna sandwich"),
        ("no slot canyons", "@ann hikes along a wide river valley"),
    ],
)
def test_a_thing_refuses_its_name_not_its_neighbours(restriction, prompt):
    assert_refused(restriction, prompt, False)


def gap(restriction: str, prompt: str, why: str, case_id: str):
    return pytest.param(
        restriction, prompt, id=case_id, marks=pytest.mark.xfail(strict=True, reason=f"GOT THROUGH: {why}")
    )


KNOWN_GAPS = [
    gap("no dairy products", "@ann eats cheese and yogurt", "the thing is said in other words", "dairy"),
    gap("no dates", "@ann eats medjool dates as a snack", "'dates' alone is romance's word; no thing is kept", "dates"),
]


@pytest.mark.parametrize(("restriction", "prompt"), KNOWN_GAPS)
def test_the_thing_said_in_other_words_is_refused(restriction, prompt):
    assert_refused(restriction, prompt, True)
