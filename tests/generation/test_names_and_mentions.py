"""Normalised names and mentions: homoglyph, zero-width, digit-swap, spelled-out and reordered protected names are
caught, ordinary prompts still pass, full-width at signs mention cameos, and a mention of no cameo is refused."""

import pytest

from generation.mentions import MENTION, mentioned_handles, mentions_canonical
from generation.models import GenerationJob
from sora_social.content_policy.normalize import text_fold, text_skeleton
from sora_social.content_policy.screening import screen_prompt
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

PROTECTED = ["Rose Leslie", "Barack Obama", "Taylor Swift", "Martin Luther King"]

ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"

# Each is a prompt a person wrote to get a protected name past the screen.
ATTACKS = {
    # Look-alike letters from other scripts (Unicode TR39 confusables).
    "cyrillic o": "Rоse Leslie dancing in the rain",
    "cyrillic e": "Rose Lеsliе dancing in the rain",
    "cyrillic a": "Bаrаck Obаmа eating ice cream",
    "cyrillic capitals": "ВАRАСK ОВАМА gives a speech",
    "greek omicron": "Rοse Leslie on a red carpet",
    "cherokee and latin": "ᏒOSE LESLIE waves",
    "dotless i": "Rose Leslıe waves",
    "mathematical bold": "𝐑𝐨𝐬𝐞 𝐋𝐞𝐬𝐥𝐢𝐞 on stage",
    "full width": "Ｒｏｓｅ　Ｌｅｓｌｉｅ on stage",
    "accents": "Rósé Lèslîé on stage",
    "rn for m": "Barack Obarna at a rally",
    "capital i for l": "Rose LesIie on stage",
    # Zero-width and format characters.
    "zero-width space inside": f"Ro{ZWSP}se Les{ZWSP}lie waves",
    "zero-width joiners": f"R{ZWJ}o{ZWNJ}s{ZWJ}e L{WJ}e{BOM}slie waves",
    "soft hyphen": f"Rose Les{SHY}lie waves",
    "zero-width instead of space": f"Rose{ZWSP}Leslie waves",
    "zero-width spelled out": f"R0se L{ZWSP}e{ZWSP}s{ZWSP}l{ZWSP}i{ZWSP}e waves",
    # Digits and symbols for letters.
    "R0se": "R0se Leslie on a beach",
    "l33t": "R0s3 L3sl13 on a beach",
    "one for l and i": "Rose Les1ie and Rose Lesl1e",
    "at and dollar": "B@r@ck Ob@m@ and Tayl0r $wift",
    "five and seven": "Tayl0r 5wif7 sings",
    "pipe": "Rose Les|ie sings",
    # Spelled out, joined, or turned round.
    "spelled out": "R o s e L e s l i e sings",
    "dotted": "R.o.s.e L.e.s.l.i.e sings",
    "joined": "RoseLeslie sings",
    "underscored": "rose_leslie sings",
    "hyphenated": "Rose-Leslie sings",
    "reordered": "Leslie, Rose sings",
    "reordered obama": "Obama, Barack at the podium",
    "reordered three words": "King, Martin Luther gives a speech",
    "reordered, swapped and hidden": f"L3sl{ZWSP}1e,R0se sings",
    "possessive, curly": "Rose Leslie’s wedding",
    "mixed everything": f"Ｒ0ѕ{ZWSP}e  L e s l i e",
}

# Ordinary prompts, some with a protected name's word in them: they must still pass.
ORDINARY = [
    "a rose garden in spring",
    "leslie the dog chases a ball",
    "4 cats on a sofa",
    "a single red rose on a table",
    "Rose walks her dog in the park",
    "Leslie bakes bread in the morning",
    "rose petals fall on a wooden floor",
    "a swift taylor mends a coat",
    "@alice sings like taylor swiftly",
    "the king gives a speech to his martin",
    "a barrack in the desert at dawn",
    "Leslie and her friend Rose play chess",
    "leslie the dog sniffs a rose",
    "a red rose. Leslie waters it every day",
    "Rose, who is Leslie's sister, paints",
    "mix 2 cups of flour with 3 eggs",
    "a 1970s disco with 300 dancers",
    "route 66 at sunset in 4k",
    "a robot counts 1 2 3 4 5 out loud",
    "the score was 3-0 at half time",
    "call me at 555-0199 about the bike",
    "send it to bob@example.com today",
    "a b c d e written in chalk",
    "@alice and @bob play chess in a park",
    "a dog surfing at sunset",
    "an astronaut eats noodles on the moon",
    "grandma's apple pie cooling on a window sill",
    "a time-lapse of clouds over mountains",
    "c++ code scrolling on a monitor",
    "a mug that says World's #1 Dad",
    "a snow leopard in the Himalayas",
    "Taylor the tailor sews a jacket",
    "obama prism refracts light in a lab",
    "a street musician plays swift jazz",
]


@pytest.mark.parametrize("prompt", list(ATTACKS.values()), ids=list(ATTACKS))
def test_disguised_protected_names_are_caught(prompt):
    result = screen_prompt(prompt, rules=[], protected_names=PROTECTED)

    assert result.reason == "public_figure", text_skeleton(prompt)


@pytest.mark.parametrize("prompt", ORDINARY)
def test_ordinary_prompts_still_pass(prompt):
    assert screen_prompt(prompt, rules=[], protected_names=PROTECTED).allowed, text_skeleton(prompt)


def test_the_figures(print_figures):
    caught = sum(not screen_prompt(p, rules=[], protected_names=PROTECTED).allowed for p in ATTACKS.values())
    passed = sum(screen_prompt(p, rules=[], protected_names=PROTECTED).allowed for p in ORDINARY)
    print_figures(f"\nprotected names: {caught}/{len(ATTACKS)} disguises caught, {passed}/{len(ORDINARY)} ordinary pass")
    assert caught == len(ATTACKS) and passed == len(ORDINARY)


def test_a_first_name_alone_never_matches_a_two_word_name():
    for prompt in ("Rose dances", "R0se dances", "Leslie dances", "Taylor sings", "Barack waves", "Martin Luther"):
        assert screen_prompt(prompt, rules=[], protected_names=PROTECTED).allowed, prompt


def test_term_rules_see_through_the_same_disguises():
    from sora_social.content_policy.screening import ScreeningRule

    rules = [ScreeningRule(code="sexual_content", kind="term", value="nude")]
    for prompt in ("a nud3 beach", f"a nu{ZWSP}de beach", "a nudе beach", "the n u d e beach"):
        assert screen_prompt(prompt, rules=rules).reason == "sexual_content", prompt
    assert screen_prompt("a nudibranch in a reef", rules=rules).allowed


def test_the_skeleton_and_the_fold():
    assert text_skeleton(f"R0se{ZWSP} L e s l i e") == "rose leslie"
    assert text_skeleton("Rоse Lеslie") == "rose leslie"  # Cyrillic о and е
    assert text_skeleton("4 cats on a sofa") == "4 cats on a sofa"  # a lone number stays a number
    # Letters strung between emoji are a word; a lone letter beside an emoji is not joined to anything.
    assert text_skeleton("R🔥o🔥s❤️e L👍🏽e👍🏽s👍🏽l👍🏽i👍🏽e") == "roseleslie"  # as "r o s e l e s l i e" is
    assert text_skeleton("the c🔥i❤️g👍🏽a🔥r") == "the cigar"
    # (The heart's variation selector draws nothing and is dropped, as it is inside a word: "Tay\ufe0flor".)
    assert text_skeleton("I ❤️ U so much, a 🔥 day") == "i ❤ u so much, a 🔥 day"
    # The fold only normalises: digits stay, look-alikes from other scripts stay (mentions read this).
    assert text_fold("＠Ｂｏｂ2024") == "@bob2024"
    assert text_fold(f"A{ZWSP}lice") == "alice"


def test_hashtags_are_read_as_the_words_they_run_together():
    from sora_social.content_policy.normalize import hashtags_as_words

    assert hashtags_as_words("at the game #KissCam #smoke_break #Vote2028") == "at the game Kiss Cam smoke break Vote 2028"
    assert hashtags_as_words("C# and F# code, no tags") == "C# and F# code, no tags"


# --- mentions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "handles"),
    [
        ("@alice dances", ["alice"]),
        ("＠alice dances", ["alice"]),  # full-width at sign
        ("﹫alice dances", ["alice"]),  # small at sign
        ("＠ＡＬＩＣＥ dances", ["alice"]),  # full-width letters, folded
        ("@Alice and @ALICE", ["alice"]),
        (f"@al{ZWSP}ice dances", ["alice"]),  # a zero-width space does not cut the handle
        ("@аlice dances", ["alice"]),  # Cyrillic а: read as the letter it looks like
        ("with @bob2024.", ["bob2024"]),  # digits in a handle stay digits; the full stop ends the sentence
        ("@aliceが踊る", ["alice"]),  # a script without spaces ends the handle
        ("@josé dances", ["jose"]),
        ("write to bob@example.com", []),
        ("bob＠example.com", []),
        ("meet @ noon", []),
        ("@" + "x" * 31, ["x" * 31]),  # too long for a handle: kept whole, never cut to a shorter one
        ("@ⴰⵣⵓⵍ dances", ["ⴰⵣⵓⵍ"]),  # letters with no ASCII look-alike: no cameo can have this handle
    ],
)
def test_mentions_are_read_after_nfkc_and_case_folding(prompt, handles):
    assert mentioned_handles(prompt) == handles


def test_stored_prompts_write_mentions_plainly():
    assert mentions_canonical("＠Alice and ﹫ＢＯＢ surf, mail x@y.z") == "@alice and @bob surf, mail x@y.z"
    assert mentions_canonical(f"@al{ZWSP}ice's hat") == "@alice's hat"
    # The feed's steering reads stored prompts and captions with MENTION; full-width at signs count there too.
    assert MENTION.sub("someone", "＠alice waves at @bob") == "someone waves at someone"


# --- the API ----------------------------------------------------------------------------------------


@pytest.fixture
def no_dispatch(monkeypatch):
    sent: list[int] = []
    monkeypatch.setattr("generation.services._queue_render", lambda job: sent.append(job.pk))
    return sent


def submit(client, prompt):
    return client.post(
        "/api/v1/generations/", {"prompt": prompt, "duration_s": 2, "resolution": "360p"}, format="json"
    )


@pytest.mark.django_db
def test_a_mention_of_no_cameo_is_a_422_naming_it(make_user, make_cameo, client_for, no_dispatch):
    owner = make_user("owner")
    make_cameo(owner, handle="alice_cam")

    response = submit(client_for(owner), "@alice_cam and @alice_cma dance")

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "unknown_cameo" and body["cameo"] == "@alice_cma" and body["cameos"] == ["@alice_cma"]
    assert "@alice_cma" in body["message"]
    assert not GenerationJob.objects.exists()


@pytest.mark.django_db
def test_a_deleted_cameos_handle_is_unknown(make_user, make_cameo, client_for, no_dispatch):
    owner = make_user("owner")
    make_cameo(owner, handle="gone_cam", status="deleted")

    response = submit(client_for(owner), "@gone_cam waves")

    assert response.status_code == 422 and response.json()["code"] == "unknown_cameo"


@pytest.mark.django_db
def test_a_private_cameo_is_not_unknown_the_door_answers(make_user, make_cameo, client_for, no_dispatch):
    # Given a cameo only its owner may use, and one whose owner blocked the stranger
    from sora_social.accounts.services import user_block

    make_cameo(make_user("shy"), handle="shy_cam", level="only_me")
    stranger = make_user("stranger")
    blocker = make_user("blocker")
    make_cameo(blocker, handle="blocker_cam")
    user_block(blocker=blocker, blocked=stranger)

    # When the stranger mentions them
    private = submit(client_for(stranger), "@shy_cam rides a horse")
    blocked = submit(client_for(stranger), "@blocker_cam rides a horse")

    # Then the door answers, as before: a block reads like any unavailable cameo, never as "unknown"
    assert private.status_code == 403 and private.json()["code"] == "cameo_not_permitted"
    assert blocked.status_code == 403 and blocked.json()["code"] == "cameo_unavailable"


@pytest.mark.django_db
def test_a_full_width_mention_casts_the_cameo_and_is_stored_plainly(make_user, make_cameo, client_for, no_dispatch):
    owner = make_user("owner")
    cameo = make_cameo(owner, handle="alice_cam")

    response = submit(client_for(owner), "＠Ａｌｉｃｅ_ｃａｍ surfs")

    assert response.status_code == 202, response.json()
    job = GenerationJob.objects.get(pk=response.json()["id"])
    assert list(job.cameos.all()) == [cameo]
    assert job.prompt == "@alice_cam surfs"


@pytest.mark.django_db
def test_a_disguised_protected_name_is_refused_through_the_api(make_user, client_for, no_dispatch):
    from cameos.models import ProtectedPerson
    from sora_social.content_policy.models import ContentRule

    ContentRule.objects.filter(kind="category").update(enabled=False)
    ProtectedPerson.objects.create(name="Rose Leslie", aliases=["Rosie Leslie"])
    client = client_for(make_user("creator"))

    for prompt in ("Leslie, Rose reads a book", f"R0se L{ZWSP}е{ZWSP}slie reads a book"):
        response = submit(client, prompt)
        assert response.status_code == 422, prompt
        assert response.json()["code"] == "content_policy" and "public_figure" in response.json()["reasons"]
    assert submit(client, "leslie the dog reads a book").status_code == 202


@pytest.mark.django_db
def test_a_remix_mentioning_no_cameo_is_refused(make_user, client_for, publish, no_dispatch):  # noqa: F811
    alice, bob = make_user("alice"), make_user("bob")
    parent = publish(alice, prompt="a cat surfs")

    response = client_for(bob).post(
        f"/api/v1/posts/{parent.pk}/remix/", {"prompt": "the same, with ＠nobody_here", "duration_s": 3}, format="json"
    )

    assert response.status_code == 422 and response.json()["code"] == "unknown_cameo"
    assert response.json()["cameo"] == "@nobody_here"
    assert not GenerationJob.objects.filter(parent_job__isnull=False).exists()
