"""The consent door's rules, one by one: levels, blocks, teens, parental approval, revoked, unverified, deleted."""

import pytest

from cameos.models import Cameo, ConsentDecision, Grant
from cameos.policy import Purpose, Reason, cameos_usable_by, check_use
from cameos.services import grant_create, grant_parent_approve
from sora_social.accounts.services import (
    parental_link_code_create,
    parental_link_redeem,
    user_block,
    user_follow,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user):
    return make_user("owner")


@pytest.fixture
def actor(make_user):
    return make_user("actor")


def decide(cameo, actor, prompt=None, purpose=Purpose.GENERATE):
    return check_use(cameo, actor, purpose, prompt)


def usable(cameo, actor) -> bool:
    return cameos_usable_by(actor).filter(pk=cameo.pk).exists()


def test_the_owner_always_may(owner, make_cameo):
    cameo = make_cameo(owner, level=Cameo.Level.ONLY_ME)
    decision = decide(cameo, owner)
    assert decision.allowed and decision.reason == Reason.OWNER
    assert usable(cameo, owner)


@pytest.mark.parametrize(
    ("level", "allowed", "reason"),
    [
        (Cameo.Level.ONLY_ME, False, Reason.ONLY_ME),
        (Cameo.Level.APPROVED, False, Reason.NOT_GRANTED),
        (Cameo.Level.MUTUALS, False, Reason.NOT_MUTUALS),
        (Cameo.Level.EVERYONE, True, Reason.EVERYONE),
    ],
)
def test_levels_for_a_stranger(owner, actor, make_cameo, level, allowed, reason):
    cameo = make_cameo(owner, level=level)
    decision = decide(cameo, actor)
    assert (decision.allowed, decision.reason) == (allowed, reason)
    assert usable(cameo, actor) is allowed


def test_approved_level_needs_a_grant(owner, actor, make_cameo):
    cameo = make_cameo(owner, level=Cameo.Level.APPROVED)
    grant = grant_create(cameo=cameo, actor=owner, grantee=actor)
    decision = decide(cameo, actor)
    assert decision.allowed and decision.reason == Reason.GRANTED
    assert decision.grant_ids == (grant.pk,)
    assert usable(cameo, actor)


def test_mutuals_need_follows_both_ways(owner, actor, make_cameo):
    cameo = make_cameo(owner, level=Cameo.Level.MUTUALS)
    user_follow(follower=actor, followee=owner)
    assert not decide(cameo, actor).allowed
    user_follow(follower=owner, followee=actor)
    assert decide(cameo, actor).reason == Reason.MUTUALS
    assert usable(cameo, actor)


@pytest.mark.parametrize("blocker_is_owner", [True, False])
def test_a_block_in_either_direction_always_wins(owner, actor, make_cameo, blocker_is_owner):
    cameo = make_cameo(owner, level=Cameo.Level.APPROVED)
    grant_create(cameo=cameo, actor=owner, grantee=actor)
    if blocker_is_owner:
        user_block(blocker=owner, blocked=actor)
    else:
        user_block(blocker=actor, blocked=owner)
    decision = decide(cameo, actor)
    assert (decision.allowed, decision.reason) == (False, Reason.BLOCKED)
    assert not usable(cameo, actor)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (Cameo.Status.VERIFYING, Reason.CAMEO_UNVERIFIED),
        (Cameo.Status.REJECTED, Reason.CAMEO_UNVERIFIED),
        (Cameo.Status.REVOKED, Reason.CAMEO_REVOKED),
        (Cameo.Status.DELETED, Reason.CAMEO_DELETED),
    ],
)
def test_a_cameo_that_is_not_verified_denies_even_the_owner(owner, make_cameo, status, reason):
    cameo = make_cameo(owner, status=status)
    decision = decide(cameo, owner)
    assert (decision.allowed, decision.reason) == (False, reason)
    assert not usable(cameo, owner)


def test_a_teen_cameo_stored_as_everyone_acts_as_mutuals(make_user, actor, make_cameo):
    teen = make_user("teen", age=15)
    cameo = make_cameo(teen, level=Cameo.Level.EVERYONE)
    assert decide(cameo, actor).reason == Reason.NOT_MUTUALS
    assert not usable(cameo, actor)


def test_a_teens_grant_waits_for_the_linked_parent(make_user, actor, make_cameo):
    teen, parent = make_user("teen", age=15), make_user("parent", age=44)
    parental_link_redeem(user=parent, code=parental_link_code_create(user=teen).code)
    cameo = make_cameo(teen, level=Cameo.Level.APPROVED)

    grant = grant_create(cameo=cameo, actor=teen, grantee=actor)

    assert grant.status == Grant.Status.PENDING_PARENT
    assert decide(cameo, actor).reason == Reason.GRANT_PENDING_PARENT
    assert not usable(cameo, actor)
    grant_parent_approve(grant=grant, parent=parent)
    assert decide(cameo, actor).allowed
    assert usable(cameo, actor)


def test_a_prompt_that_conflicts_with_a_restriction_is_denied(owner, actor, make_cameo):
    cameo = make_cameo(owner, restrictions=["no political content", "never say the word banana"])
    assert decide(cameo, actor, "@x rides a bike along the beach").allowed
    keyword = decide(cameo, actor, '@x says "I love banana bread"')
    assert (keyword.allowed, keyword.reason) == (False, Reason.RESTRICTION_CONFLICT)
    assert keyword.detail == "never say the word banana"
    semantic = decide(cameo, actor, "@x gives a campaign speech at an election rally")
    assert semantic.reason == Reason.RESTRICTION_CONFLICT


def test_every_denial_and_every_use_is_audited(owner, actor, make_cameo):
    cameo = make_cameo(owner, level=Cameo.Level.ONLY_ME)
    decide(cameo, actor, purpose=Purpose.GENERATE)
    decide(cameo, owner, purpose=Purpose.RENDER)
    decide(cameo, owner, purpose=Purpose.DISPLAY)  # a re-check, not a use: not audited when allowed

    rows = list(ConsentDecision.objects.filter(cameo=cameo).order_by("id").values_list("purpose", "allowed", "reason"))
    assert rows == [("generate", False, "only_me"), ("render", True, "owner")]


def test_check_use_makes_at_most_three_queries_whatever_the_number_of_grants(
    owner, actor, make_user, make_cameo, django_assert_max_num_queries
):
    cameo = make_cameo(owner, level=Cameo.Level.APPROVED)
    for index in range(30):
        grant_create(cameo=cameo, actor=owner, grantee=make_user(f"g{index}"))
    grant_create(cameo=cameo, actor=owner, grantee=actor)
    with django_assert_max_num_queries(3):
        assert check_use(cameo, actor, Purpose.GENERATE).allowed
    nobody = make_user("nobody")
    with django_assert_max_num_queries(3):
        assert not check_use(cameo, nobody, Purpose.GENERATE).allowed


def test_check_use_reads_the_current_state_not_the_callers_copy(owner, actor, make_cameo):
    cameo = make_cameo(owner, level=Cameo.Level.EVERYONE)
    stale = Cameo.objects.get(pk=cameo.pk)
    Cameo.objects.filter(pk=cameo.pk).update(level=Cameo.Level.ONLY_ME)
    assert not check_use(stale, actor, Purpose.RENDER).allowed
