# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""A restriction added later reaches what already exists: videos (prompt, caption), comments, a widened audience,
and the preferences of the other cameos cast beside a likeness. The classifier is real, never mocked."""

import pytest
from django.test import TestCase

from cameos.models import Appearance, ConsentDecision
from cameos.policy import with_co_cast_preferences
from cameos.services import appearances_recheck_texts, cameo_update
from feed.models import Comment, Post
from feed.services.posts import post_update
from feed.services.reactions import comment_create
from sora_social.errors import ServiceError
from sora_social.notifications.models import Notification
from tests.feed.conftest import make_draft, publish  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

SMOKING = "she lights a cigarette on the balcony"


@pytest.fixture
def alice_cam(make_user, make_cameo):
    return make_cameo(make_user("alice"), handle="alice_cam", level="everyone")


def forbid_smoking(cameo):
    with TestCase.captureOnCommitCallbacks(execute=True):
        cameo_update(cameo=cameo, actor=cameo.owner, restrictions=["no smoking"])
    cameo.refresh_from_db()


def live(cameo, post) -> bool:
    return Appearance.objects.filter(cameo=cameo, job=post.job, revoked_at__isnull=True).exists()


def test_adding_a_restriction_withdraws_only_the_videos_whose_texts_break_it(alice_cam, make_user, publish):
    bob = make_user("bob")
    by_caption = publish(bob, prompt="@alice_cam on the balcony", caption=SMOKING, cameos=[alice_cam])
    by_prompt = publish(bob, prompt=f"@alice_cam {SMOKING}", cameos=[alice_cam])
    harmless = publish(bob, prompt="@alice_cam waters the plants", caption="sunday", cameos=[alice_cam])
    her_own = publish(alice_cam.owner, prompt=f"@alice_cam {SMOKING}", cameos=[alice_cam])

    forbid_smoking(alice_cam)

    assert not live(alice_cam, by_caption) and not live(alice_cam, by_prompt)
    assert live(alice_cam, harmless)
    assert live(alice_cam, her_own)  # an owner's own video is never read against her own restrictions
    denials = ConsentDecision.objects.filter(cameo=alice_cam, allowed=False, reason="restriction_conflict")
    assert sorted(denials.values_list("subject", flat=True)) == sorted(
        [f"display:job:{by_caption.job_id}", f"display:job:{by_prompt.job_id}"]
    )
    # Bob is told, as after any withdrawal; the re-check run again changes nothing
    assert Notification.objects.filter(recipient=bob).exists()
    assert appearances_recheck_texts(cameo_id=alice_cam.pk) == 0


def test_adding_a_restriction_holds_the_comments_that_break_it(alice_cam, make_user, publish):
    bob, carol = make_user("bob"), make_user("carol")
    post = publish(bob, prompt="@alice_cam waves", cameos=[alice_cam])
    breaking, _ = comment_create(post_id=post.pk, author=carol, body=SMOKING)
    kind, _ = comment_create(post_id=post.pk, author=carol, body="lovely wave")
    her_own, _ = comment_create(post_id=post.pk, author=alice_cam.owner, body="I should light a cigarette")
    assert Post.objects.get(pk=post.pk).comment_count == 3

    forbid_smoking(alice_cam)

    held = set(Comment.objects.filter(post=post, held_at__isnull=False).values_list("pk", flat=True))
    assert held == {breaking.pk}
    assert list(Comment.objects.get(pk=breaking.pk).held_for.all()) == [alice_cam]
    assert Post.objects.get(pk=post.pk).comment_count == 2
    notice = Notification.objects.get(recipient=alice_cam.owner, kind=Notification.Kind.COMMENT_HELD)
    assert notice.data["comment"] == breaking.pk and SMOKING not in str(notice.data)
    assert kind.pk not in held and her_own.pk not in held


def test_lifting_a_restriction_re_checks_nothing(alice_cam, make_user, publish):
    bob = make_user("bob")
    forbid_smoking(alice_cam)
    post = publish(bob, prompt="@alice_cam waves", caption="sunday", cameos=[alice_cam])
    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
        cameo_update(cameo=alice_cam, actor=alice_cam.owner, restrictions=[])
    assert callbacks == [] and live(alice_cam, post)


def test_widening_the_audience_asks_the_door_again_and_narrowing_never_does(alice_cam, make_user, publish):
    bob = make_user("bob")
    post = publish(bob, prompt="@alice_cam on the balcony", caption=SMOKING, visibility="followers", cameos=[alice_cam])
    alice_cam.restrictions = ["no smoking"]
    alice_cam.save(update_fields=["restrictions"])  # stored, the worker's re-check not yet run

    with pytest.raises(ServiceError) as refused:
        post_update(post_id=post.pk, actor=bob, visibility="public")
    assert refused.value.code == "cameo_restriction_conflict"

    assert post_update(post_id=post.pk, actor=bob, visibility="private").visibility == "private"
    assert Post.objects.get(pk=post.pk).visibility == "private"


def test_the_other_cast_cameos_preferences_are_texts_of_the_use_but_an_owners_own_are_not(make_user, make_cameo):
    alice, bob = make_user("alice"), make_user("bob")
    alice_cam = make_cameo(alice, handle="alice_cam", level="everyone", restrictions=["no smoking"])
    alice_pet = make_cameo(alice, handle="alice_pet", level="everyone")
    bob_cam = make_cameo(bob, handle="bob_cam", level="everyone")
    alice_pet.preferences = "never smoking, never near smoke"
    bob_cam.preferences = "makes the other person smoke a cigarette"

    texts = with_co_cast_preferences("they wave", alice_cam, [alice_cam, alice_pet, bob_cam])
    assert texts == {"prompt": "they wave", "preferences": "makes the other person smoke a cigarette"}
    assert with_co_cast_preferences("they wave", alice_cam, [alice_cam, alice_pet]) == "they wave"
    assert with_co_cast_preferences(None, alice_cam, [alice_cam, bob_cam]) is None
