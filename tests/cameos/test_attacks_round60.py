"""Attack round 60: a banned thing, written in another order.

Round 58 keeps a thing an owner bans ("no cattle branding", "no smoked salmon") and refuses it where its name is
written, but only as written: "a rancher brands cattle" and "salmon she smoked herself" went through, and those were
most of the 38 bans round 58 still let through. A thing is not read by meaning (its meaning is the category's), so it
is now also found when all its words stand close together in the text, in any order and form, with at most two other
words among them (``_THING_WORDS_APART``), a comma included: "salmon, smoked over alder wood".

A first version took the words anywhere in one clause. A helper's review refused 18 innocent prompts with it: "smoked
a brisket and served salmon", "wears a red dress to her cousin's wedding", "goes solo on a road trip and buys a
harmonica". Those are guards below. Words far apart are still let through ("On the harmonica, @ann plays a long
solo"), and words that stand close in another sense are still refused ("@ann's harmonica sits solo on the shelf").
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import assert_refused, refusal

CASES = [
    refusal("no cattle branding", "@ann watches a rancher brand cattle", True, "cattle-branding", through="allowed"),
    refusal("no bake sales", "@ann runs a sale of baked goods for the school", True, "bake-sale", through="allowed"),
    refusal("no smoked salmon", "@ann eats salmon she smoked herself", True, "smoked-salmon", through="allowed"),
    refusal("no harmonica solos", "@ann plays a solo on her harmonica", True, "harmonica-solo", through="allowed"),
    refusal("no seaweed snacks", "@ann snacks on dried seaweed", True, "seaweed-snack", through="allowed"),
    refusal("no horse stables", "@ann brushes a horse in its stable", True, "horse-stable", through="allowed"),
    refusal("no smoked salmon", "@ann serves salmon, smoked over alder wood, at brunch", True, "salmon-comma-smoked"),
    refusal("no smoked salmon", "@ann eats the salmon, which she smoked herself", True, "salmon-which-she-smoked"),
    refusal("no chef's knives", "@ann chops onions with a chefs knife", True, "typed-possessive-dropped"),
    refusal("no butcher's knives", "@ann sharpens the butchers' knives", True, "typed-possessive-plural"),
    refusal("no chef’s knives", "@ann chops onions with a chefs knife", True, "typed-curly-possessive"),
    # Guards: the words far apart, or one of them alone, are not the thing.
    refusal("no bake sales", "@ann bakes bread, then shops at a garage sale", False, "guard-two-clauses"),
    refusal("no bake sales", "@ann's baked potato is on sale", False, "guard-baked-potato-on-sale"),
    refusal("no smoked salmon", "@ann smoked a brisket and served salmon", False, "guard-brisket-then-salmon"),
    refusal("no wedding dresses", "@ann wears a red dress to her cousin's wedding", False, "guard-dress-to-a-wedding"),
    refusal("no wedding dresses", "@ann dresses the kids for a wedding", False, "guard-dresses-the-kids"),
    refusal("no harmonica solos", "@ann goes solo on a road trip and buys a harmonica", False, "guard-solo-road-trip"),
    refusal(
        "no palette knives",
        "@ann picks a colour palette and butters toast with a knife",
        False,
        "guard-palette-and-a-knife",
    ),
    refusal("no smoked salmon", "@ann grills a salmon fillet for dinner", False, "guard-salmon-alone"),
    refusal("no harmonica solos", "@ann plays a guitar solo", False, "guard-solo-alone"),
    refusal(
        "never show me flying drunk or high",
        "@ann walks a student through the preflight checklist",
        False,
        "guard-flight-lesson",
    ),
    refusal("never show me flying drunk or high", "@ann flies a plane while drunk", True, "guard-flying-drunk"),
]


@pytest.mark.parametrize(("restriction", "prompt", "expected"), CASES)
def test_a_things_words_close_together_are_the_thing(restriction, prompt, expected):
    assert_refused(restriction, prompt, expected)
