# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Attacks on name normalisation and mention parsing (round 4), through the real HTTP API.

The rule under attack (README, content_policy/normalize.py, generation/mentions.py): text is normalised before it
is screened or parsed for mentions (NFKC, zero-width and format characters stripped, case folded, TR39 skeleton,
digit swaps folded, names matched in any order); "＠" and "﹫" start a mention like "@"; a mention that names no
cameo gets 422 unknown_cameo.

Earlier rounds tried look-alike scripts, zero-width characters, digit and symbol swaps, spelled-out letters, dashes,
hashtags with a year, middle initials, the remix prompt, preferences, display names, disguised at signs and
handles. This round tries forms and routes they did not: a name that is listed with an apostrophe; a name whose words
are split by an emoji or by everyday punctuation; invisible marks that are not format characters (Khmer inherent
vowels, Mongolian free variation selectors); enclosing marks drawn around letters; a spelled-out name after an
article; a name run into a camel-case word outside a hashtag; initials plus a surname; a right-to-left override in a
display name; a mention hidden or cut short by an invisible Khmer mark; and some that hold (a mention split across a
line break, trailing punctuation, a name at the very end of the longest prompt).

A hole is written as the rule it breaks and marked xfail(strict=True) with what got through. Nothing is mocked but
the render queue.

When written: 29 attack cases got through (two of them, initial plus surname, are a documented design choice, marked
as such); the controls, the longest-prompt case and seven mention forms held. The other 27 are mended: characters
that draw nothing (Default_Ignorable) and enclosing marks are dropped (normalize), one more name reading holds a
name's words apart at emoji, bullets, "+", a colon, capitals and an article before spelled-out letters and drops an
apostrophe inside a word (screening._name_words_apart), and a display name may not change its writing direction.
"""

import pytest

from cameos.models import ProtectedPerson
from generation.models import GenerationJob
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

MAX_PROMPT_CHARS = 2000


@pytest.fixture
def protected(db):
    """Protected public figures as a moderator lists them; category rules off (only names are under test)."""
    from sora_social.content_policy.models import ContentRule

    ContentRule.objects.filter(kind="category").update(enabled=False)
    for name in (
        "Rose Leslie",
        "Barack Obama",
        "Taylor Swift",
        "Cher",
        "Conan O'Brien",
        "Shaquille O’Neal",
        "Lupita Nyong'o",
    ):
        ProtectedPerson.objects.create(name=name)


@pytest.fixture
def shy(make_user, make_cameo):
    """A cameo only its owner may use, and a stranger who wants it."""
    cameo = make_cameo(make_user("shy"), handle="shy_cam", level="only_me")
    return cameo, make_user("stranger")


def submit(client, prompt: str):
    return client.post("/api/v1/generations/", {"prompt": prompt, "duration_s": 2, "resolution": "360p"}, format="json")


def assert_public_figure(response, prompt):
    assert response.status_code == 422, (prompt, response.status_code, response.content[:300])
    body = response.json()
    assert body["code"] == "content_policy" and "public_figure" in body["reasons"], (prompt, body)


def refused_as_public_figure(client_for, make_user, prompt: str) -> None:
    creator = make_user()
    assert_public_figure(submit(client_for(creator), prompt), prompt)
    assert not GenerationJob.objects.filter(owner=creator).exists()


# ==== 1. protected names in the prompt ==========================================================================


@pytest.mark.parametrize(
    "prompt",
    [
        pytest.param("Conan O'Brien hosts a late night show", id="straight-apostrophe"),
        pytest.param("Shaquille O’Neal dunks a basketball", id="curly-apostrophe"),
        pytest.param("Lupita Nyong'o on a red carpet", id="apostrophe-inside-surname"),
        # Controls: the same listings without the apostrophe are refused, so the listing itself works.
        pytest.param("Conan OBrien hosts a late night show", id="control-no-apostrophe"),
        pytest.param("Lupita Nyongo on a red carpet", id="control-surname-run-together"),
    ],
)
def test_a_protected_name_with_an_apostrophe_is_refused_as_it_is_listed(
    protected, make_user, client_for, no_dispatch, prompt
):
    # The plainest attack there is: the name as the moderator typed it.
    refused_as_public_figure(client_for, make_user, prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Taylor🎤Swift sings on a stage",
        "Rose 🌹 Leslie waves from a boat",
        "Taylor ✨ Swift sings",
        "Barack🇺🇸Obama speaks",
    ],
    ids=["mic-no-spaces", "rose-spaced", "sparkles-spaced", "flag-no-spaces"],
)
def test_a_protected_name_split_by_an_emoji_is_refused(protected, make_user, client_for, no_dispatch, prompt):
    refused_as_public_figure(client_for, make_user, prompt)


@pytest.mark.parametrize(
    "prompt",
    ["Taylor•Swift sings", "Taylor+Swift sings", "Taylor:Swift sings", "Barack・Obama gives a speech"],
    ids=["bullet", "plus", "colon", "katakana-middle-dot"],
)
def test_a_protected_name_joined_by_other_punctuation_is_refused(protected, make_user, client_for, no_dispatch, prompt):
    refused_as_public_figure(client_for, make_user, prompt)


@pytest.mark.parametrize(
    "prompt",
    ["Tay\u17b4lor Swift sings", "Barack Oba\u17b5ma gives a speech", "Tay\u180blor Swift sings"],
    ids=["khmer-aq", "khmer-aa", "mongolian-fvs1"],
)
def test_an_invisible_mark_inside_a_protected_name_does_not_hide_it(
    protected, make_user, client_for, no_dispatch, prompt
):
    refused_as_public_figure(client_for, make_user, prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "T\u20dda\u20ddy\u20ddl\u20ddo\u20ddr\u20dd S\u20ddw\u20ddi\u20ddf\u20ddt\u20dd sings",
        "C\u20deher sings on a stage",
        "Rose Les\u0489lie waves",
    ],
    ids=["circled-every-letter", "squared-one-letter", "cyrillic-millions-sign"],
)
def test_enclosing_marks_around_a_protected_names_letters_do_not_hide_it(
    protected, make_user, client_for, no_dispatch, prompt
):
    refused_as_public_figure(client_for, make_user, prompt)


@pytest.mark.parametrize(
    "prompt",
    ["someone dressed as a T a y l o r S w i f t sings", "a R.o.s.e L.e.s.l.i.e lookalike waves"],
    ids=["spaced", "dotted"],
)
def test_a_spelled_out_protected_name_after_an_article_is_refused(
    protected, make_user, client_for, no_dispatch, prompt
):
    refused_as_public_figure(client_for, make_user, prompt)


@pytest.mark.parametrize("prompt", ["TaylorSwiftEras tour on a stage", "a BarackObamaSpeech at a podium"])
def test_a_protected_name_run_into_a_camel_case_word_is_refused(protected, make_user, client_for, no_dispatch, prompt):
    refused_as_public_figure(client_for, make_user, prompt)


@pytest.mark.xfail(
    strict=True,
    reason="GOT THROUGH (judgement call, by documented design): an initial plus the surname ('B. Obama', "
    "'T. Swift'); name_regex needs every word of a name ('a first name alone never matches a two-word name'), and a "
    "moderator is to list such forms as aliases (tests/moderation/test_admin.py lists 'President Obama'). Refusing a "
    "lone surname after any initial would also refuse 'J. Swift, carpenter'",
)
@pytest.mark.parametrize("prompt", ["B. Obama gives a speech", "T. Swift sings on a stage"])
def test_a_protected_name_as_initial_and_surname_is_refused(protected, make_user, client_for, no_dispatch, prompt):
    refused_as_public_figure(client_for, make_user, prompt)


def test_a_disguised_protected_name_at_the_very_end_of_the_longest_prompt_is_refused(
    protected, make_user, client_for, no_dispatch
):
    # Given: a prompt of exactly the longest length, the name (disguised) in its last characters
    ending = " then T4yl0r Sw\u200b1ft walks in"
    prompt = ("a quiet beach at dawn, " * 100)[: MAX_PROMPT_CHARS - len(ending)] + ending
    assert len(prompt) == MAX_PROMPT_CHARS

    # Then: refused as a public figure (screening reads all of it, nothing is cut off first)
    refused_as_public_figure(client_for, make_user, prompt)

    # And one character more is refused as too long, never truncated and let in
    longer = submit(client_for(make_user()), "x" + prompt)
    assert longer.status_code in (400, 422), longer.content
    assert not GenerationJob.objects.exists()


# ==== 2. other routes to the model's prompt ======================================================================


def test_a_protected_name_with_an_apostrophe_in_a_cameos_preferences_never_reaches_a_video(
    protected, make_user, make_cameo, client_for, no_dispatch
):
    # Given: a drawing cameo open to everyone; its owner writes a protected name into its preferences
    owner = make_user("owner")
    cameo = make_cameo(owner, handle="sketch_cam", kind="drawing", level="everyone")
    patched = client_for(owner).patch(
        f"/api/v1/cameos/{cameo.pk}/", {"preferences": "drawn to look exactly like Conan O'Brien"}, format="json"
    )

    # When: anyone generates with the cameo
    response = submit(client_for(make_user("fan")), "@sketch_cam hosts a late night show")

    # Then: refused at one of the two doors
    if patched.status_code == 200:
        assert response.status_code == 422, response.content
        assert response.json()["code"] in ("content_policy", "cameo_preferences_content_policy"), response.content
    else:
        assert patched.status_code == 422 and patched.json()["code"] == "preferences_content_policy", patched.content


def test_a_remix_of_a_post_that_named_nobody_cannot_add_a_name_hidden_by_an_invisible_mark(
    protected, make_user, client_for, publish, no_dispatch
):
    parent = publish(make_user("author"), prompt="a cat surfs a wave")
    remixer = make_user("remixer")

    response = client_for(remixer).post(
        f"/api/v1/posts/{parent.pk}/remix/", {"prompt": "the same, with Rose Le\u17b4slie on the board"}, format="json"
    )

    assert_public_figure(response, "remix")
    assert not GenerationJob.objects.filter(owner=remixer).exists()


@pytest.mark.parametrize("route", ["cameo", "person"])
def test_a_display_name_that_shows_a_protected_name_through_a_right_to_left_override_is_refused(
    protected, make_user, make_cameo, client_for, route
):
    owner = make_user("owner")
    shown_as_taylor_swift = "\u202etfiwS rolyaT"
    if route == "cameo":
        cameo = make_cameo(owner, handle="owner_cam")
        answer = client_for(owner).patch(
            f"/api/v1/cameos/{cameo.pk}/", {"display_name": shown_as_taylor_swift}, format="json"
        )
    else:
        answer = client_for(owner).patch("/api/v1/me/", {"display_name": shown_as_taylor_swift}, format="json")

    assert answer.status_code == 422, answer.content
    assert answer.json()["code"] == "display_name_invalid"


# ==== 3. mentions ================================================================================================


def test_an_invisible_mark_after_the_at_sign_does_not_hide_a_mention(shy, client_for, no_dispatch):
    _, stranger = shy

    response = submit(client_for(stranger), "@\u17b4shy_cam reads a book")

    # Then: the door refuses, or the handle is unknown; never a video queued with the visible mention unread
    assert response.status_code in (403, 422), response.content
    assert response.json()["code"] in ("cameo_not_permitted", "unknown_cameo")
    assert not GenerationJob.objects.filter(owner=stranger).exists()


def test_an_invisible_mark_inside_a_handle_never_casts_a_shorter_handle(make_user, make_cameo, client_for, no_dispatch):
    # Given: a private cameo @ann_cam and someone else's open cameo @ann
    make_cameo(make_user("ann_owner"), handle="ann_cam", level="only_me")
    open_ann = make_cameo(make_user("other_ann"), handle="ann", level="everyone")
    stranger = make_user("stranger")

    # When: a stranger writes "@ann_cam" with an invisible mark after "ann"
    response = submit(client_for(stranger), "@ann\u17b4_cam reads a book")

    # Then: @ann is not quietly cast instead; the visible handle is asked about (door: 403) or unknown (422)
    assert not GenerationJob.objects.filter(owner=stranger, cameos=open_ann).exists(), response.content
    assert response.status_code in (403, 422), response.content


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        ("@\u200dshy_cam reads a book", "cameo_not_permitted"),  # zero-width joiner after the at sign
        ("@shy_cam! reads a book", "cameo_not_permitted"),  # trailing exclamation mark
        ("@shy_cam's book is open", "cameo_not_permitted"),  # possessive
        ("(@shy_cam) reads a book", "cameo_not_permitted"),  # in brackets
        ("«＠shy_cam» reads a book", "cameo_not_permitted"),  # guillemets and a full-width at sign
        ("x.﹫shy_cam reads a book", "cameo_not_permitted"),  # small at sign after a full stop, no space
        ("@shy_\ncam reads a book", "unknown_cameo"),  # split across a line break: @shy_ is no cameo
    ],
    ids=["zwj-after-at", "exclamation", "possessive", "brackets", "guillemets", "after-full-stop", "line-break"],
)
def test_mentions_with_punctuation_around_them_are_read_and_asked_about(shy, client_for, no_dispatch, prompt, code):
    _, stranger = shy

    response = submit(client_for(stranger), prompt)

    assert response.status_code in (403, 422), response.content
    assert response.json()["code"] == code, response.content
    if code == "unknown_cameo":
        assert response.json()["cameo"] == "@shy_"
    assert not GenerationJob.objects.filter(owner=stranger).exists()
