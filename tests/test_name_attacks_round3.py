# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""Attacks on name normalisation (round 3): look-alikes that the handle screen already reads (README: "rnara_cam" is
"mara_cam", "9reta" is "greta", "a1ice_vv" is "alice_w") used instead to carry a text past a cameo owner's
restriction, on the routes a text takes: a prompt's dialogue, a caption at publish, a comment, a remix's prompt.

TR39's confusables.txt draws "m" as "rn" (0072 006E -> 006D); the handle skeleton (accounts.validators) and the
protected-name patterns (content_policy.screening._NAME_LETTERS) read "rn" as "m" and "vv" as "w", and handles read
the digit 9 as g. The restriction reader (cameos.restrictions, through normalize.text_skeleton) read none of them.

The texts plainly break the restrictions once read as a person reads them; the controls show the plain spelling is
refused on the same route. All five look-alike cases got through when the round was written; they are mended: a text
is also read with its look-alike letters as the handle screen reads them, in words that are none as typed
(restriction_spelling.look_alike_words), and a handle the owner named matches its look-alikes (_keyword_conflict).
"""

import pytest

from feed.models import Comment, Post
from generation.models import GenerationJob
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann(make_user, make_cameo):
    """Ann's cameo, open to everyone; Bob makes videos with it."""
    owner = make_user("ann")
    return owner, make_user("bob"), make_cameo(owner, handle="ann_cam", level="everyone")


def set_restrictions(cameo, restrictions):
    cameo.restrictions = list(restrictions)
    cameo.save(update_fields=["restrictions"])


def submit(client, prompt: str):
    return client.post("/api/v1/generations/", {"prompt": prompt, "duration_s": 2, "resolution": "360p"}, format="json")


# ==== 1. a prompt's dialogue ====================================================================================


@pytest.mark.parametrize(
    ("spoken", "lookalike"),
    [
        pytest.param("so moist", False, id="control-plain"),
        pytest.param(
            "so rnoist",
            True,
            id="rn-for-m",
        ),
    ],
)
def test_a_dialogue_line_saying_a_banned_word_in_look_alike_letters_is_refused(ann, client_for, no_dispatch, spoken, lookalike):
    _, bob, cameo = ann
    set_restrictions(cameo, ["never say the word moist"])

    response = submit(client_for(bob), f'@ann_cam bites the cake and says "{spoken}"')

    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict"
    assert not GenerationJob.objects.filter(owner=bob).exists()


# ==== 2. a caption at publish ====================================================================================


@pytest.mark.parametrize(
    "caption",
    [
        pytest.param("@ann_cam drinks wine all night", id="control-plain"),
        pytest.param(
            "@ann_cam drinks vvine all night",
            id="vv-for-w",
        ),
        pytest.param(
            "@ann_cam orders a rnojito, then another rnojito",
            id="rn-for-m",
        ),
    ],
)
def test_a_caption_breaking_a_restriction_in_look_alike_letters_is_refused_at_publish(ann, make_draft, client_for, caption):
    _, bob, cameo = ann
    set_restrictions(cameo, ["no alcohol"])
    draft = make_draft(bob, prompt="@ann_cam waves from a balcony", cameos=[cameo])

    response = client_for(bob).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": caption}, format="json")

    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict"
    assert not Post.objects.filter(job=draft).exists()


# ==== 3. a comment naming a handle the owner keeps away from her likeness =========================================


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("@ann_cam and @mallory should date", id="control-plain"),
        pytest.param("@ann_cam and ＠ｍａｌｌｏｒｙ should date", id="control-fullwidth"),
        pytest.param(
            "@ann_cam and @rnallory should date",
            id="rn-for-m",
        ),
    ],
)
def test_a_comment_pairing_the_cameo_with_a_banned_handle_in_look_alike_letters_is_held(
    ann, make_user, make_cameo, publish, client_for, body
):
    owner, bob, cameo = ann
    make_cameo(make_user("mallory_person"), handle="mallory", level="everyone")
    set_restrictions(cameo, ["never show me with @mallory"])
    post = publish(bob, prompt="@ann_cam waves", cameos=[cameo])

    response = client_for(make_user("carol")).post(f"/api/v1/posts/{post.pk}/comments/", {"body": body}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["held"] is True
    assert cameo in Comment.objects.get(pk=response.json()["id"]).held_for.all()


def test_control_the_same_look_alike_handle_in_a_prompt_casts_nobody_and_is_refused(ann, make_user, make_cameo, client_for, no_dispatch):
    # The mention reader does not take "@rnallory" for a cameo: no one is cast unasked (unknown_cameo).
    _, bob, _ = ann
    make_cameo(make_user("mallory_person"), handle="mallory", level="everyone")

    response = submit(client_for(bob), "@ann_cam and @rnallory dance")

    assert response.status_code == 422, response.content
    assert response.json()["code"] == "unknown_cameo"


# ==== 4. a remix's prompt: a digit the handle screen reads as a letter ===========================================


@pytest.mark.parametrize(
    "prompt",
    [
        pytest.param('she shouts "goat! goat!"', id="control-plain"),
        pytest.param(
            'she shouts "9oat! 9oat!"',
            id="9-for-g",
        ),
    ],
)
def test_a_remix_prompt_with_a_digit_for_a_letter_in_a_banned_word_is_refused(ann, publish, client_for, no_dispatch, prompt):
    owner, bob, cameo = ann
    set_restrictions(cameo, ["never say the word goat"])
    parent = publish(owner, prompt="@ann_cam feeds the animals", cameos=[cameo])

    response = client_for(bob).post(
        f"/api/v1/posts/{parent.pk}/remix/", {"prompt": prompt, "duration_s": 2}, format="json"
    )

    assert response.status_code == 422, response.content
    assert response.json()["code"] == "cameo_restriction_conflict"


# ==== 5. what the look-alike reading leaves alone ================================================================


@pytest.mark.parametrize(
    ("skeleton", "read"),
    [
        ('she shouts "9oat!"', 'she shouts "goat!"'),
        ("drinks vvine", "drinks wine"),
        ("orders a rnojito", "orders a mojito"),
        # words as typed, and numbers with an ending, stay: "corn" is no "com", "90th" typed with an o no "goth"
        ("corn on the cob, turn left, learn to burn the barn", "corn on the cob, turn left, learn to burn the barn"),
        ("a savvy b2b seller, 2day only, 4ever", "a savvy b2b seller, 2day only, 4ever"),
        ("grandma's 9oth birthday, dad's 6oth, the 90s, 2nd place", "grandma's 9oth birthday, dad's 6oth, the 90s, 2nd place"),
        # a handle is never rewritten here ("@fern" is not "@fem"): handles are matched as handles
        ("@fern and @kenji_99 wave", "@fern and @kenji_99 wave"),
    ],
)
@pytest.mark.django_db(databases=[])
def test_look_alike_letters_are_read_only_in_words_that_are_none_as_typed(skeleton, read):
    from cameos.restriction_spelling import look_alike_words

    assert look_alike_words(skeleton) == read


@pytest.mark.parametrize(
    ("restriction", "text", "refused"),
    [
        ("never show me with @mallory", "@ann_cam and @rnallory should date", True),
        ("never show me with @mallory", "@ann_cam and @ma11ory dance", True),
        ("no videos with @bob_cam or @Eve.Smith", "@ann_cam with @eve.srnith", True),
        ("never show me with @mallory", "@ann_cam and @mallard dance", False),
        # the cameo's own handle in a banned thing bans the thing, not every text with the cameo in it
        ("never show @ann_cam drinking", "@ann_cam waves from a balcony", False),
    ],
)
def test_a_handle_the_owner_named_is_matched_as_the_handle_screen_matches_handles(restriction, text, refused):
    from cameos.restrictions import find_restriction_conflicts

    assert bool(find_restriction_conflicts([restriction], text)) is refused
