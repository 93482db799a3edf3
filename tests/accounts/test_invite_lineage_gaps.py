"""Invite lineage across accounts deleted before the kept ids existed (migration accounts 0003).

Such a deletion left the invite that account redeemed saying "redeemed, by nobody", and the codes it had made saying
"made by nobody", like an operator's. Migration 0004 marks the operator's codes; a code with no creator that no
operator made could be anyone's, so it counts as the teen's whenever the teen's own lineage lost an account.
"""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from sora_social.accounts.models import InviteCode, User
from sora_social.accounts.selectors import invited_down_lineage_of, lineage_lost_an_account
from sora_social.accounts.services import invites_mint

from .test_parental_contest import invited_by, link

# Teens' codes are spent here as they could be before 2026-12-05: the lineage walk is what is tested.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("teens_codes_were_spendable")]

invite_operator_migration = importlib.import_module("sora_social.accounts.migrations.0004_invite_minted_by_operator")


def deleted_before_the_kept_ids(user: User) -> None:
    """Delete an account as it was deleted before migration 0003: its invites keep no trace of it."""
    User.objects.filter(pk=user.pk).delete()
    InviteCode.objects.filter(created_by_user_id=user.pk).update(created_by_user_id=None)
    InviteCode.objects.filter(redeemed_by_user_id=user.pk).update(redeemed_by_user_id=None)


def test_codes_an_operator_mints_say_so_and_a_members_do_not(make_user):
    member = make_user("member")

    assert all(code.minted_by_operator for code in invites_mint(count=2))
    assert InviteCode.objects.create(note="typed into the admin").minted_by_operator
    assert not InviteCode.objects.filter(created_by=member).filter(minted_by_operator=True).exists()
    assert not InviteCode.objects.create(created_by=member).minted_by_operator


def test_a_teens_invitees_invitee_stays_refused_when_the_invitee_was_deleted_before_the_kept_ids(make_user, client_for):
    teen = make_user("teen_t", age=15)
    middle = invited_by(teen, make_user, "middle")
    puppet = invited_by(middle, make_user, "puppet")
    deleted_before_the_kept_ids(middle)

    refused = link(client_for, teen, puppet)

    assert refused.status_code == 403 and refused.json()["code"] == "parent_invited_by_teen"


def test_an_adult_who_joined_with_an_operators_code_can_still_be_the_parent_of_a_teen_whose_lineage_has_a_gap(
    make_user, client_for
):
    teen = make_user("teen_t", age=15)
    deleted_before_the_kept_ids(invited_by(teen, make_user, "gone"))
    parent = make_user("real_parent", age=45)  # joined with an operator's code

    assert lineage_lost_an_account(teen)
    assert link(client_for, teen, parent).status_code == 201


def test_a_code_of_unknown_origin_refuses_nobody_when_the_teens_lineage_is_whole(make_user, client_for):
    teen = make_user("teen_t", age=15)
    invited_by(teen, make_user, "still_here")
    stranger = make_user("stranger")
    joined_late = invited_by(stranger, make_user, "joined_late")
    deleted_before_the_kept_ids(stranger)

    assert not lineage_lost_an_account(teen)
    assert not invited_down_lineage_of(user=joined_late, ancestor=teen)
    assert link(client_for, teen, joined_late).status_code == 201


def test_the_gap_is_found_however_deep_in_the_teens_lineage_it_is(make_user):
    teen = make_user("teen_t", age=15)
    first = invited_by(teen, make_user, "first")
    second = invited_by(first, make_user, "second")
    deleted_before_the_kept_ids(invited_by(second, make_user, "third"))

    assert lineage_lost_an_account(teen)
    assert not lineage_lost_an_account(make_user("unrelated"))


def test_the_migration_tells_an_operators_codes_from_those_a_deleted_account_made_at_its_signup(make_user):
    now = timezone.now()
    operator_code = InviteCode.objects.create(note="operator")
    # An account deleted before the kept ids: the code it redeemed, and the codes minted in its signup.
    orphan_signup = InviteCode.objects.create(note="its invite")
    own_codes = [InviteCode.objects.create(note="its own") for _ in range(2)]
    late_operator_code = InviteCode.objects.create(note="operator, later")
    InviteCode.objects.filter(pk=orphan_signup.pk).update(
        created_at=now - datetime.timedelta(days=3), redeemed_at=now, redeemed_by_user_id=None
    )
    InviteCode.objects.filter(pk=operator_code.pk).update(created_at=now - datetime.timedelta(days=2))
    InviteCode.objects.filter(pk__in=[c.pk for c in own_codes]).update(created_at=now + datetime.timedelta(seconds=1))
    InviteCode.objects.filter(pk=late_operator_code.pk).update(created_at=now + datetime.timedelta(hours=2))
    member_code = InviteCode.objects.filter(created_by=make_user("member")).first()
    InviteCode.objects.update(minted_by_operator=False)  # as migration 0004's new column starts

    invite_operator_migration.mark_operator_codes(django_apps, None)

    marked = dict(InviteCode.objects.values_list("pk", "minted_by_operator"))
    assert marked[operator_code.pk] and marked[late_operator_code.pk] and marked[orphan_signup.pk]
    assert not any(marked[code.pk] for code in own_codes)
    assert not marked[member_code.pk]


def test_a_redemption_after_the_kept_ids_never_looks_like_a_gap(make_user):
    teen = make_user("teen_t", age=15)
    invitee = invited_by(teen, make_user, "invitee")
    User.objects.filter(pk=invitee.pk).delete()  # deleted now: the kept ids stay

    assert not lineage_lost_an_account(teen)
    invited_by(teen, make_user, "another")
    assert not lineage_lost_an_account(teen)
