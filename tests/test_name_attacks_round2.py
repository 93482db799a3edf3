# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Attacks on name normalisation and mention parsing (issue 17), round 2, through the real HTTP API.

Each test is the product rule an attacker tries to break. A failing test is a hole. Where a rule is a judgement call
(would a reader really see the name?) the test says so. Nothing here is mocked except the render queue.

31 attacks; 18 got through when written (2026-12-05). 16 are fixed: a mention straight after Japanese, Chinese or
Thai text; cameo and sign-up handles that look like a live one ("rnara_cam", "b0b_cam", "a1ice_vv") or equal another's
cameo handle; a protected name joined by a Unicode dash, with a full middle name, spelt with bullets or colons
between letters, with "€" or "(" for letters, or a possessive without its apostrophe; a protected name in a cameo's
preferences. 2 stay as strict xfails, with reasons: a sound-alike spelling ("Swiph") and a name only partly spelt out
("Ta y l o r").
"""

import datetime
import io

import pytest
from django.test import Client
from PIL import Image

from cameos.models import Cameo, ProtectedPerson
from generation.models import GenerationJob
from sora_social.accounts.models import User
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

SIGNUP = "/_allauth/app/v1/auth/signup"


@pytest.fixture
def protected(db):
    """Protected public figures; category rules off (only the name screen is under test, and it stays fast)."""
    from sora_social.content_policy.models import ContentRule

    ContentRule.objects.filter(kind="category").update(enabled=False)
    for name in ("Rose Leslie", "Barack Obama", "Taylor Swift", "Cher"):
        ProtectedPerson.objects.create(name=name)


@pytest.fixture
def shy(make_user, make_cameo):
    """A cameo only its owner may use, and a stranger who wants it."""
    cameo = make_cameo(make_user("shy"), handle="shy_cam", level="only_me")
    return cameo, make_user("stranger")


def submit(client, prompt: str):
    return client.post("/api/v1/generations/", {"prompt": prompt, "duration_s": 2, "resolution": "360p"}, format="json")


def pet_png() -> io.BytesIO:
    png = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 200, 10)).save(png, format="PNG")
    png.seek(0)
    png.name = "pet.png"
    return png


def sign_up(handle: str, invite_code: str):
    return Client().post(
        SIGNUP,
        {
            "username": handle,
            "email": f"{handle.replace('.', '')}@example.org",
            "password": "a-long-enough-pass-123",
            "invite_code": invite_code,
            "birth_date": "1980-05-05",
        },
        content_type="application/json",
    )


def assert_public_figure(response, prompt):
    assert response.status_code == 422, (prompt, response.status_code, response.content[:300])
    body = response.json()
    assert body["code"] == "content_policy" and "public_figure" in body["reasons"], (prompt, body)


# ==== 1. mentions that must reach the consent door ===========================================================


@pytest.mark.parametrize(
    "prompt",
    [
        "猫と@shy_camが公園で踊る",  # Japanese: no space before the mention, as the language is written
        "ฉันกับ@shy_cam เต้นรำ",  # Thai
    ],
    ids=["japanese", "thai"],
)
def test_a_mention_written_straight_after_cjk_or_thai_text_still_asks_the_door(shy, client_for, no_dispatch, prompt):
    # Given: a private cameo, and a stranger writing in a script without spaces between words
    _, stranger = shy

    # When: the mention follows a word with no space (normal in Japanese, Chinese, Thai)
    response = submit(client_for(stranger), prompt)

    # Then: the mention is read (the door refuses) or refused as unknown; never a queued video with nobody cast
    # while a reader of the prompt sees @shy_cam in it.
    assert response.status_code in (403, 422), response.content
    assert not GenerationJob.objects.filter(owner=stranger).exists()


@pytest.mark.parametrize(
    "prompt",
    [
        "@shy\u180b_cam reads a book",  # Mongolian free variation selector: a mark, not Cf, inside the handle
        "@s\u02b0y\U000e0041\U000e0100_\u034fc\u3164am reads a book",  # modifier h, tag char, VS17, CGJ, Hangul filler
        "﹫𝐬𝐡𝐲＿ｃａｍ reads a book",  # small at sign, mathematical bold, full-width low line
        'a cat says:\n\U0001f525@SHY_CAM\u2019s line: "hello there"',  # dialogue line, emoji before, upper case, possessive
    ],
)
def test_disguised_mentions_of_a_private_cameo_never_cast_it_unasked(shy, client_for, no_dispatch, prompt):
    # Given: a private cameo
    _, stranger = shy

    # When: a stranger writes its handle in disguise
    response = submit(client_for(stranger), prompt)

    # Then: refused, by the door (403) or as an unknown handle (422); never queued, with or without the cameo
    assert response.status_code in (403, 422), response.content
    assert response.json()["code"] in ("cameo_not_permitted", "unknown_cameo")
    assert not GenerationJob.objects.filter(owner=stranger).exists()


def test_one_cameo_written_three_ways_is_one_cast_member(make_user, make_cameo, client_for, no_dispatch):
    # Given: two open cameos
    alice_cam = make_cameo(make_user("alice"), handle="alice_cam")
    bob_cam = make_cameo(make_user("bob"), handle="bob_cam")
    creator = make_user("creator")

    # When: one is written three ways (plain, full-width capitals, Cyrillic а) next to the other
    response = submit(client_for(creator), "@alice_cam, ＠ＡＬＩＣＥ_ｃａｍ and @\u0430lice_cam dance with @bob_cam")

    # Then: two cameos cast, not "too many", and the stored prompt names them plainly
    assert response.status_code == 202, response.content
    job = GenerationJob.objects.get(pk=response.json()["id"])
    assert set(job.cameos.all()) == {alice_cam, bob_cam}
    assert job.prompt == "@alice_cam, @alice_cam and @alice_cam dance with @bob_cam"


def test_a_mention_of_no_cameo_inside_a_dialogue_line_is_refused(make_user, make_cameo, client_for, no_dispatch):
    # Given: an open cameo
    make_cameo(make_user("alice"), handle="alice_cam")
    creator = make_user("creator")

    # When: a line of dialogue mentions a handle that names nobody, disguised
    response = submit(client_for(creator), '@alice_cam says "thanks, ＠Ｇｈｏｓｔ\u200b_cam!"')

    # Then: 422 unknown_cameo naming it; nothing queued
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "unknown_cameo" and response.json()["cameo"] == "@ghost_cam"
    assert not GenerationJob.objects.exists()


def test_a_remix_prompt_mentioning_a_private_cameo_in_disguise_asks_the_door(
    shy, make_user, client_for, publish, no_dispatch
):
    # Given: a public post, and a private cameo
    _, stranger = shy
    parent = publish(make_user("author"), prompt="a cat surfs")

    # When: the stranger remixes it, casting the private cameo with look-alike letters and a small at sign
    response = client_for(stranger).post(
        f"/api/v1/posts/{parent.pk}/remix/",
        {"prompt": "the same, with ﹫\u0455hy_c\u0430m", "duration_s": 3},
        format="json",
    )

    # Then: the door refuses; no remix queued
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "cameo_not_permitted"
    assert not GenerationJob.objects.filter(owner=stranger).exists()


def test_a_remix_prompt_mentioning_a_cameo_right_after_cjk_text_asks_the_door(
    shy, make_user, client_for, publish, no_dispatch
):
    # Given: a public post, and a private cameo
    _, stranger = shy
    parent = publish(make_user("author"), prompt="a cat surfs")

    # When: the remix prompt is Japanese, the mention run on to the word before it
    response = client_for(stranger).post(
        f"/api/v1/posts/{parent.pk}/remix/", {"prompt": "同じ猫と@shy_camが踊る", "duration_s": 3}, format="json"
    )

    # Then: refused by the door or as unknown; never a remix queued with the mention silently unread
    assert response.status_code in (403, 422), response.content
    assert not GenerationJob.objects.filter(owner=stranger).exists()


def test_a_caption_mentioning_a_cameo_never_adds_it_to_the_video(shy, make_user, client_for, make_draft):
    # Given: a draft of the stranger's with nobody cast
    cameo, stranger = shy
    draft = make_draft(stranger, prompt="a cat surfs")

    # When: the stranger publishes it with a caption mentioning the private cameo (and an unknown one)
    response = client_for(stranger).post(
        "/api/v1/posts/",
        {"generation_id": draft.pk, "caption": "starring ＠ｓｈｙ_ｃａｍ and @nobody_here"},
        format="json",
    )

    # Then: whatever the answer, the video's cast is unchanged: a caption casts nobody
    assert response.status_code in (201, 403, 422), response.content
    assert not GenerationJob.objects.get(pk=draft.pk).cameos.exists()


# ==== 2. handles that collide =================================================================================


@pytest.mark.parametrize(
    ("existing", "lookalike"),
    [
        ("mara_cam", "rnara_cam"),  # "rn" drawn like "m" (TR39 confusables.txt)
        ("bob_cam", "b0b_cam"),  # "0" drawn like "o"
    ],
)
def test_a_cameo_handle_confusable_with_a_live_one_is_refused(make_user, make_cameo, client_for, existing, lookalike):
    # Given: someone's live cameo
    make_cameo(make_user("owner"), handle=existing)
    impostor = make_user("impostor")

    # When: another person registers a handle with the same TR39 skeleton
    response = client_for(impostor).post(
        "/api/v1/cameos/", {"kind": "pet", "handle": lookalike, "media": pet_png()}, format="multipart"
    )

    # Then: refused as taken; a reader of "@rnara_cam" must not be casting someone other than the "@mara_cam" they see
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "handle_looks_taken"
    assert not Cameo.objects.filter(handle=lookalike).exists()


def test_signup_cannot_take_another_persons_live_cameo_handle(make_user, make_cameo):
    # Given: a live cameo "@mara_cam" (handles of cameos and of people are one namespace)
    owner = make_user("owner")
    make_cameo(owner, handle="mara_cam")
    from sora_social.accounts.models import InviteCode

    code = InviteCode.objects.filter(created_by=owner, redeemed_by__isnull=True).first().code

    # When: someone signs up as "MARA_CAM"
    response = sign_up("MARA_CAM", code)

    # Then: refused; no account answers to the cameo's handle
    assert response.status_code == 400, response.content
    assert not User.objects.filter(handle="mara_cam").exists()


def test_signup_cannot_take_a_handle_confusable_with_another_persons(make_user):
    # Given: a person "@alice_w"
    alice = make_user("alice_w")
    from sora_social.accounts.models import InviteCode

    code = InviteCode.objects.filter(created_by=alice, redeemed_by__isnull=True).first().code

    # When: someone signs up as "a1ice_vv" (1 for l, vv for w: the same TR39 skeleton)
    response = sign_up("a1ice_vv", code)

    # Then: refused
    assert response.status_code == 400, response.content
    assert not User.objects.filter(handle="a1ice_vv").exists()


# ==== 3. protected names in prompts ===========================================================================


@pytest.mark.parametrize(
    "prompt",
    ["Taylor\u2013Swift sings", "Rose\u2010Leslie waves"],
    ids=["en-dash", "unicode-hyphen"],
)
def test_a_protected_name_joined_by_a_unicode_dash_is_refused(protected, make_user, client_for, no_dispatch, prompt):
    # "Rose-Leslie" is refused; a dash that only looks different must be too.
    assert_public_figure(submit(client_for(make_user()), prompt), prompt)


@pytest.mark.xfail(
    strict=True,
    reason="GOT THROUGH: a full middle name is matched only when a moderator lists it as an alias; any word between a "
    "name's words refused 'Taylor loves Swift cars' (see the test below)",
)
@pytest.mark.parametrize("prompt", ["Barack Hussein Obama gives a speech"])
def test_a_protected_name_with_the_full_middle_name_is_refused(protected, make_user, client_for, no_dispatch, prompt):
    # "Barack H. Obama" is refused; the middle name written out is the same person (their real full name).
    assert_public_figure(submit(client_for(make_user()), prompt), prompt)


def test_a_full_middle_name_listed_as_an_alias_is_refused(protected, make_user, client_for, no_dispatch):
    ProtectedPerson.objects.filter(name="Barack Obama").update(aliases=["Barack Hussein Obama"])
    prompt = "Barack Hussein Obama gives a speech"
    assert_public_figure(submit(client_for(make_user()), prompt), prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Taylor loves Swift cars",  # a word between a name's words is no middle name
        "a glass of cola with ice cubes",  # a plural after a name is no possessive
        "whisky on the rocks",
        "Chris rocks the karaoke night",
        "Rose and Leslie plant tulips",
    ],
)
def test_ordinary_words_around_a_protected_names_words_are_not_the_name(make_user, client_for, no_dispatch, prompt):
    from sora_social.content_policy.models import ContentRule

    ContentRule.objects.filter(kind="category").update(enabled=False)
    for name in ("Taylor Swift", "Ice Cube", "The Rock", "Chris Rock", "Rose Leslie"):
        ProtectedPerson.objects.create(name=name)
    assert submit(client_for(make_user()), prompt).status_code == 202, prompt


@pytest.mark.parametrize(
    "prompt",
    [
        "R\u2022o\u2022s\u2022e L\u2022e\u2022s\u2022l\u2022i\u2022e waves",  # bullets
        "R:o:s:e L:e:s:l:i:e waves",  # colons
    ],
    ids=["bullets", "colons"],
)
def test_a_protected_name_interleaved_with_punctuation_is_refused(
    protected, make_user, client_for, no_dispatch, prompt
):
    # "R.o.s.e L.e.s.l.i.e" is refused; other separators between single letters read the same to a person.
    assert_public_figure(submit(client_for(make_user()), prompt), prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Ros\u20ac L\u20acsli\u20ac dances",  # € for e
        "Bara(k Obama waves",  # ( for c
        pytest.param(
            "Taylor Swiph sings",  # ph for f: a judgement call, phonetic rather than visual, but a common evasion
            marks=pytest.mark.xfail(
                strict=True,
                reason="GOT THROUGH: names are matched as they look (TR39, digit and symbol swaps), not as they sound; "
                "a sound-alike table (ph/f, ck/k, z/s) would also refuse many ordinary words near a name",
            ),
        ),
    ],
    ids=["euro-e", "paren-c", "ph-f"],
)
def test_a_protected_name_in_leetspeak_beyond_digits_is_refused(protected, make_user, client_for, no_dispatch, prompt):
    assert_public_figure(submit(client_for(make_user()), prompt), prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        pytest.param(
            "Ta y l o r Swift sings",
            marks=pytest.mark.xfail(
                strict=True,
                reason="GOT THROUGH: only runs of three or more single letters are joined (normalize._SPELLED_OUT); "
                "joining a two-letter word to the letters after it would also join 'to a b c'",
            ),
        )
    ],
)
def test_a_protected_name_with_its_letters_partly_spaced_is_refused(
    protected, make_user, client_for, no_dispatch, prompt
):
    # Judgement call: "T a y l o r" is refused; leaving two letters together ("Ta y l o r") still reads as the name.
    assert_public_figure(submit(client_for(make_user()), prompt), prompt)


@pytest.mark.xfail(
    strict=True,
    reason="GOT THROUGH: an 's' after a name is also a plural or a verb ('ice cubes', 'Chris rocks'); refusing it "
    "refused those (see test_ordinary_words_around_a_protected_names_words_are_not_the_name)",
)
def test_a_protected_name_possessive_without_its_apostrophe_is_refused(protected, make_user, client_for, no_dispatch):
    # Judgement call: "Rose Leslies wedding" is the common misspelling of "Rose Leslie's wedding", which is refused.
    assert_public_figure(submit(client_for(make_user()), "Rose Leslies wedding dress"), "Rose Leslies")


def test_a_protected_name_hidden_in_a_cameos_preferences_never_reaches_a_video(
    protected, make_user, make_cameo, client_for, no_dispatch
):
    # Given: a drawing cameo open to everyone; its owner writes a protected name into its preferences, which every
    # render puts into the model's prompt (diffusers_backend.compose_prompt)
    owner = make_user("owner")
    cameo = make_cameo(owner, handle="sketch_cam", kind="drawing", level="everyone")
    patched = client_for(owner).patch(
        f"/api/v1/cameos/{cameo.pk}/", {"preferences": "drawn to look exactly like T4ylor Sw1ft"}, format="json"
    )

    # When: anyone generates with the cameo
    response = submit(client_for(make_user("fan")), "@sketch_cam sings on a stage")

    # Then: the name is refused at one of the two doors: the preferences are not saved, or the video is refused
    if patched.status_code == 200:
        assert_public_figure(response, "preferences")
    else:
        assert patched.status_code == 422, patched.content
        assert "public_figure" in str(patched.json())


def test_preferences_saved_before_a_name_was_protected_refuse_the_video_naming_the_cameo_not_the_prompt(
    make_user, make_cameo, client_for, no_dispatch
):
    # Given: an open cameo whose preferences name someone who was not protected then
    cameo = make_cameo(make_user("owner"), handle="sketch_cam", kind="drawing", level="everyone")
    Cameo.objects.filter(pk=cameo.pk).update(preferences="drawn to look like Rose Leslie")

    # When: that person becomes protected, and a fan casts the cameo
    ProtectedPerson.objects.create(name="Rose Leslie")
    response = submit(client_for(make_user("fan")), "@sketch_cam sings on a stage")

    # Then: refused because of the cameo's preferences, which it names without quoting what broke the policy
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "cameo_preferences_content_policy" and body["cameo"] == "sketch_cam", body
    assert "reasons" not in body


def test_a_name_is_not_read_across_a_prompt_and_a_cameos_preferences(make_user, make_cameo, client_for, no_dispatch):
    ProtectedPerson.objects.create(name="Taylor Swift")
    make_cameo(make_user("bob"), handle="bob_cam", level="everyone")
    cameo = make_cameo(make_user("owner"), handle="mover_cam", level="everyone")
    Cameo.objects.filter(pk=cameo.pk).update(preferences="swift moves, always in a red cap")

    response = submit(client_for(make_user("fan")), "@bob_cam dances with @mover_cam and Taylor")

    assert response.status_code == 202, response.content


def test_a_disguised_protected_name_in_a_remix_prompt_is_refused(
    protected, make_user, client_for, publish, no_dispatch
):
    parent = publish(make_user("author"), prompt="a cat surfs")
    prompt = "the same, with Le\u200bsl1e, R\u043es\u0435 M. on the board"  # inverted, middle initial, disguised

    response = client_for(make_user("remixer")).post(
        f"/api/v1/posts/{parent.pk}/remix/", {"prompt": prompt, "duration_s": 3}, format="json"
    )

    assert_public_figure(response, prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Ｔ ａ ｙ ｌ ｏ ｒ  $\u0461i\u200bft sings",  # full width, spaced, $ and a Cyrillic omega for w, zero width
        "B@r@ck\nOb@m@ waves",  # @ for a, split over a line
    ],
)
def test_layered_disguises_of_a_protected_name_are_refused(protected, make_user, client_for, no_dispatch, prompt):
    assert_public_figure(submit(client_for(make_user()), prompt), prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "the Cher0kee trail at dawn",  # a digit swap inside a word that holds "cher"
        "rose petals, leslie's favourite",  # the words across a comma, in order
    ],
)
def test_ordinary_words_holding_a_name_are_not_refused(protected, make_user, client_for, no_dispatch, prompt):
    response = submit(client_for(make_user()), prompt)

    assert response.status_code == 202, (prompt, response.content)


def test_a_display_name_that_names_a_protected_person_is_refused(protected, make_user, make_cameo, client_for):
    # Given: an ordinary person's cameo
    owner = make_user("owner")
    cameo = make_cameo(owner, handle="owner_cam")

    # When: its owner names it after a protected person, disguised
    answer = client_for(owner).patch(f"/api/v1/cameos/{cameo.pk}/", {"display_name": "T4ylor  Sw1ft"}, format="json")

    # Then: refused, and the name it had is kept
    assert answer.status_code == 422, answer.content
    assert answer.json()["code"] == "display_name_names_protected_person"
    cameo.refresh_from_db()
    assert cameo.display_name != "T4ylor  Sw1ft"


def test_a_protected_persons_own_cameo_may_carry_their_name(protected, make_user, make_cameo, client_for):
    # Given: the protected person's own cameo, linked by a moderator
    owner = make_user("the_real_one")
    cameo = make_cameo(owner, handle="real_ts")
    ProtectedPerson.objects.filter(name="Taylor Swift").update(own_cameo=cameo)

    # When / Then: they may show their own name
    answer = client_for(owner).patch(f"/api/v1/cameos/{cameo.pk}/", {"display_name": "Taylor Swift"}, format="json")
    assert answer.status_code == 200, answer.content


@pytest.mark.parametrize(
    ("one", "other", "alike"),
    [
        ("mara_cam", "rnara_cam", True),
        ("bob_cam", "b0b_cam", True),
        ("alice_w", "a1ice_vv", True),
        ("clara", "dara", False),  # TR39 lists "cl" for "d"; two ordinary names, kept apart
        ("mara_cam", "mara.cam", False),
    ],
)
def test_handles_that_look_alike_share_a_skeleton(one, other, alike):
    from sora_social.accounts.validators import handle_skeleton

    assert (handle_skeleton(one) == handle_skeleton(other)) is alike


def test_the_database_keeps_the_skeleton_python_computes_on_every_write(make_user):
    from sora_social.accounts.validators import handle_skeleton

    # Given: handles written by save(), by update() and by bulk_create()
    saved = make_user("rnara_0ne")
    User.objects.filter(pk=saved.pk).update(handle="vvi11ow_5ky")
    User.objects.bulk_create([User(handle="cl3ar.d4y", email="b@example.org", birth_date=datetime.date(1990, 1, 1))])

    # Then: the stored skeleton is the one handle_skeleton gives, so a look-alike of any of them is refused
    for user in User.objects.filter(handle__in=["vvi11ow_5ky", "cl3ar.d4y"]):
        assert user.handle_skeleton == handle_skeleton(user.handle)


def test_a_persons_display_name_that_names_a_protected_person_is_refused(protected, make_user, client_for):
    # Given: a person whose display name shows beside every post and comment of theirs
    person = make_user("fan_account")

    # When: they name themself after a protected person
    answer = client_for(person).patch("/api/v1/me/", {"display_name": "Rose Leslie"}, format="json")

    # Then: refused, in the API's error format; an ordinary name is fine
    assert answer.status_code == 422, answer.content
    assert answer.json()["code"] == "display_name_names_protected_person"
    assert client_for(person).patch("/api/v1/me/", {"display_name": "Rosie L."}, format="json").status_code == 200
