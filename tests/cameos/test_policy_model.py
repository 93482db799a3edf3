"""A stateful property test: random grants, revocations, level changes, follows, blocks, birthdays, a parent
letting mutuals use a teen's cameo, and the owner banned and reinstated, and after every step `check_use` and `cameos_usable_by` agree with a plain model of the rules."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from cameos.models import Cameo, Grant
from cameos.policy import Purpose, cameos_usable_by, check_use
from cameos.services import CameoError, cameo_update, grant_create, grant_delete, grant_parent_approve
from sora_social.accounts.models import User
from sora_social.accounts.services import (
    invites_mint,
    parental_controls_update,
    parental_link_code_create,
    parental_link_redeem,
    user_block,
    user_follow,
    user_signup_complete,
    user_unblock,
    user_unfollow,
)
from sora_social.accounts.validators import age_day

LEVELS = [Cameo.Level.ONLY_ME, Cameo.Level.APPROVED, Cameo.Level.MUTUALS, Cameo.Level.EVERYONE]
_names = itertools.count()


def new_user(prefix: str, age: int) -> User:
    today = age_day()
    user = User.objects.create_user(
        f"{prefix}{next(_names)}", f"{prefix}{next(_names)}@example.org", datetime.date(today.year - age, 1, 1), "pw-pw-pw-pw"
    )
    user_signup_complete(user=user, invite_code=invites_mint(count=1)[0].code)
    return user


class ConsentRules(RuleBasedStateMachine):
    """The model: what the rules say should happen, kept by hand beside the database."""

    @initialize(owner_is_teen=st.booleans(), level=st.sampled_from(LEVELS))
    def setup(self, owner_is_teen, level):
        self.owner = new_user("own", 15 if owner_is_teen else 30)
        self.actor = new_user("act", 30)
        self.parent = None
        if owner_is_teen:
            self.parent = new_user("par", 45)
            self.link = parental_link_redeem(user=self.parent, code=parental_link_code_create(user=self.owner).code)
            if level == Cameo.Level.EVERYONE:
                level = Cameo.Level.MUTUALS
        self.cameo = Cameo.objects.create(owner=self.owner, handle=f"c{next(_names)}", display_name="c", level=level, status="verified")
        self.teen = owner_is_teen
        self.level = level
        self.grant = None  # None, "pending" or "active"
        self.actor_follows = self.owner_follows = False
        self.blocked = False
        self.parent_lets_mutuals = False
        self.owner_banned = False

    def expected(self) -> bool:
        if self.owner_banned or self.blocked:
            return False
        level = Cameo.Level.MUTUALS if self.teen and self.level == Cameo.Level.EVERYONE else self.level
        if level == Cameo.Level.ONLY_ME:
            return False
        if level == Cameo.Level.APPROVED:
            return self.grant == "active" or (self.grant == "pending" and not self.teen)
        if level == Cameo.Level.MUTUALS:
            return self.actor_follows and self.owner_follows and (not self.teen or self.parent_lets_mutuals)
        return True

    @rule()
    def grant(self):
        if self.grant is None:
            grant_create(cameo=self.cameo, actor=self.owner, grantee=self.actor)
            self.grant = "pending" if self.teen else "active"

    @rule()
    def parent_approves(self):
        if self.grant == "pending" and self.parent is not None:
            grant_parent_approve(grant=Grant.objects.get(cameo=self.cameo, grantee=self.actor), parent=self.parent)
            self.grant = "active"

    @rule()
    def revoke(self):
        if self.grant is not None:
            grant_delete(cameo=self.cameo, actor=self.owner, grantee_id=self.actor.pk)
            self.grant = None

    @rule(level=st.sampled_from(LEVELS))
    def change_level(self, level):
        self.owner.refresh_from_db()
        try:
            cameo_update(cameo=self.cameo, actor=self.owner, level=level)
        except CameoError as refused:
            assert refused.code == "teen_level_capped"
            assert self.teen and level == Cameo.Level.EVERYONE
            return
        self.level = level

    @rule(owner_side=st.booleans())
    def follow(self, owner_side):
        follower, followee = (self.owner, self.actor) if owner_side else (self.actor, self.owner)
        try:
            user_follow(follower=follower, followee=followee)
        except ValidationError:
            assert self.blocked
            return
        if owner_side:
            self.owner_follows = True
        else:
            self.actor_follows = True

    @rule(owner_side=st.booleans())
    def unfollow(self, owner_side):
        follower, followee = (self.owner, self.actor) if owner_side else (self.actor, self.owner)
        user_unfollow(follower=follower, followee=followee)
        if owner_side:
            self.owner_follows = False
        else:
            self.actor_follows = False

    @rule(by_owner=st.booleans())
    def block(self, by_owner):
        blocker, blocked = (self.owner, self.actor) if by_owner else (self.actor, self.owner)
        user_block(blocker=blocker, blocked=blocked)
        self.blocked = True
        self.actor_follows = self.owner_follows = False

    @rule()
    def unblock(self):
        user_unblock(blocker=self.owner, blocked=self.actor)
        user_unblock(blocker=self.actor, blocked=self.owner)
        self.blocked = False

    @rule(allowed=st.booleans())
    def parent_lets_mutuals_use_the_cameo(self, allowed):
        if self.parent is not None:
            parental_controls_update(link=self.link, actor=self.parent, mutuals_may_use_cameo=allowed)
            self.parent_lets_mutuals = allowed

    @rule()
    def eighteenth_birthday(self):
        if self.teen:
            today = age_day()
            User.objects.filter(pk=self.owner.pk).update(birth_date=datetime.date(today.year - 18, 1, 1))
            self.owner.refresh_from_db()
            self.teen = False

    @rule(banned=st.booleans())
    def owner_banned_or_reinstated(self, banned):
        User.objects.filter(pk=self.owner.pk).update(banned_at=timezone.now() if banned else None)
        self.owner_banned = banned

    @invariant()
    def the_door_matches_the_model(self):
        if not hasattr(self, "cameo"):
            return
        expected = self.expected()
        decision = check_use(self.cameo, self.actor, Purpose.GENERATE)
        assert decision.allowed is expected, (decision, vars(self))
        assert cameos_usable_by(self.actor).filter(pk=self.cameo.pk).exists() is expected
        # The owner may always use their own verified cameo, unless banned from the platform.
        assert check_use(self.cameo, self.owner, Purpose.DISPLAY).allowed is not self.owner_banned


@pytest.mark.django_db
def test_consent_rules_hold_under_random_interleavings():
    run_state_machine_as_test(
        ConsentRules,
        settings=settings(max_examples=15, stateful_step_count=15, deadline=None, suppress_health_check=list(HealthCheck)),
    )
