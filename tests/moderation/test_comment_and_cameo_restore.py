"""Moderators take comments down and put them back, and reinstate a wrongly revoked cameo."""

import pytest

from cameos.models import Cameo, ConsentDecision
from cameos.policy import Purpose, check_use
from feed.services.reactions import comment_create
from moderation import services
from moderation.models import TargetKind
from tests.moderation.world import published_post

pytestmark = pytest.mark.django_db


def test_a_taken_down_comment_disappears_and_can_be_restored(make_user, moderator, client_for):
    author, commenter = make_user("author"), make_user("commenter")
    post = published_post(author)
    comment, _ = comment_create(post_id=post.pk, author=commenter, body="this is rude")
    case = services.case_for_target(target_kind=TargetKind.COMMENT, target_id=str(comment.pk))

    services.case_act(case=case, moderator=moderator, kind="take_down", reason="harassment")
    listed = client_for(author).get(f"/api/v1/posts/{post.pk}/comments/").json()["items"]
    assert listed == []

    services.case_act(case=case, moderator=moderator, kind="restore", reason="appeal upheld")
    listed = client_for(author).get(f"/api/v1/posts/{post.pk}/comments/").json()["items"]
    assert [c["id"] for c in listed] == [comment.pk]


def test_a_revoked_cameo_can_be_reinstated_and_is_usable_again(make_user, make_cameo, moderator):
    owner, fan = make_user("owner"), make_user("fan")
    cameo = make_cameo(owner, level="everyone")
    case = services.case_for_target(target_kind=TargetKind.CAMEO, target_id=str(cameo.pk))
    services.case_act(case=case, moderator=moderator, kind="take_down", reason="looked like impersonation")
    assert check_use(cameo, fan, Purpose.GENERATE).reason == "cameo_revoked"

    services.case_act(case=case, moderator=moderator, kind="restore", reason="owner proved identity")

    assert Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.VERIFIED
    assert check_use(cameo, fan, Purpose.GENERATE).allowed
    assert ConsentDecision.objects.filter(cameo=cameo, purpose="admin", actor=moderator).count() == 2
