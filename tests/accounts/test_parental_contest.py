"""A teen cannot swap in a parent of their own making: lineage, cooling-off, contest, and controls that persist."""

import datetime

import pytest
from django.conf import settings

from sora_social.accounts.limits import limits_for
from sora_social.accounts.models import InviteCode, ParentalLink, User
from sora_social.accounts.services import invite_redeem, invites_mint, parental_link_code_create, user_block
from sora_social.notifications.models import Notification

# Teens' codes are spent here as they could be before 2026-12-05: the lineage walk is what is tested.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("teens_codes_were_spendable")]


def link(client_for, teen, parent, *, code_from_parent: bool = False):
    """Link through the API; by default the teen makes the code and the parent enters it."""
    maker, enterer = (parent, teen) if code_from_parent else (teen, parent)
    code = client_for(maker).post("/api/v1/parental/link-codes/").json()["code"]
    return client_for(enterer).post("/api/v1/parental/links/", {"code": code}, format="json")


def linked(client_for, teen, parent) -> dict:
    response = link(client_for, teen, parent)
    assert response.status_code == 201, response.content
    return response.json()


def unlink(client_for, actor, link_id: int) -> None:
    assert client_for(actor).delete(f"/api/v1/parental/links/{link_id}/").status_code == 204


def days_pass(link_id: int, days: int) -> None:
    """Move a link back in time, as if `days` days had passed since it was made."""
    row = ParentalLink.objects.get(pk=link_id)
    delta = datetime.timedelta(days=days)
    ParentalLink.objects.filter(pk=link_id).update(
        created_at=row.created_at - delta,
        cooling_off_until=row.cooling_off_until - delta if row.cooling_off_until else None,
    )


def invited_by(inviter: User, make_user, handle: str, *, age: int = 50) -> User:
    """A person who joined with an invite code `inviter` made (a leftover code, for a teen inviter)."""
    person = make_user(handle, age=age)
    code = InviteCode.objects.create(created_by=inviter)
    # make_user spent an operator code; this person joined with the inviter's code instead.
    InviteCode.objects.filter(redeemed_by=person).delete()
    invite_redeem(code=code.code, user=person)
    return person


def notices(user, change: str) -> list[Notification]:
    return [n for n in Notification.objects.filter(recipient=user, kind=Notification.Kind.PARENTAL_LINK) if n.data["change"] == change]


# ---- teens and invites ----------------------------------------------------------------------------------


def test_teens_receive_no_invite_codes_and_adults_still_do(make_user, client_for):
    teen, adult = make_user("teen", age=15), make_user("adult", age=30)

    assert client_for(teen).get("/api/v1/invites/").json()["items"] == []
    assert InviteCode.objects.filter(created_by=adult).count() == settings.INVITES_PER_NEW_USER
    with pytest.raises(ValueError, match="Teens do not receive invite codes"):
        invites_mint(count=1, created_by=teen)


# ---- lineage: the teen's invitees are never their parent ----------------------------------------------


@pytest.mark.parametrize("code_from_parent", [False, True], ids=["teen_makes_code", "puppet_makes_code"])
def test_an_adult_the_teen_invited_cannot_become_their_parent(make_user, client_for, code_from_parent):
    teen = make_user("teen", age=15)
    puppet = invited_by(teen, make_user, "puppet", age=50)

    response = link(client_for, teen, puppet, code_from_parent=code_from_parent)

    assert response.status_code == 403
    assert response.json()["code"] == "parent_invited_by_teen"
    assert not ParentalLink.objects.exists()


def test_an_adult_further_down_the_teens_invite_lineage_cannot_become_their_parent(make_user, client_for):
    # Given: teen -> friend (a teen) -> adult_a -> adult_b, each joining with the one before's code
    teen = make_user("teen", age=15)
    friend = invited_by(teen, make_user, "friend", age=16)
    adult_a = invited_by(friend, make_user, "adult_a", age=40)
    adult_b = invited_by(adult_a, make_user, "adult_b", age=60)

    # Then: neither adult can be the teen's parent, but each can be the parent of someone outside that lineage
    for adult in (adult_a, adult_b):
        response = link(client_for, teen, adult)
        assert response.status_code == 403
        assert response.json()["code"] == "parent_invited_by_teen"
    assert link(client_for, make_user("other_teen", age=14), adult_b).status_code == 201


def test_a_parent_who_invited_the_teen_can_link(make_user, client_for):
    mom = make_user("mom", age=45)
    teen = invited_by(mom, make_user, "teen", age=14)
    assert link(client_for, teen, mom).status_code == 201


# ---- ending a link keeps the parent's choices -----------------------------------------------------------


def test_when_a_teen_unlinks_the_parent_is_told_and_the_controls_stay(make_user, client_for):
    teen, mom = make_user("teen", age=15), make_user("mom", age=45)
    link_id = linked(client_for, teen, mom)["id"]
    client_for(mom).patch(
        f"/api/v1/parental/links/{link_id}/",
        {"personalized_feed": False, "continuous_scroll": False, "daily_feed_videos_cap": 12, "daily_generation_cap": 2},
        format="json",
    )

    unlink(client_for, teen, link_id)

    [notice] = notices(mom, "unlinked")
    assert notice.data["ended_by"] == "teen"
    limits = client_for(teen).get("/api/v1/me/").json()["limits"]
    assert limits["has_parent"] is False
    assert (limits["personalized_feed"], limits["continuous_scroll"]) == (False, False)
    assert (limits["daily_feed_videos"], limits["daily_generations"]) == (12, 2)


def test_a_new_link_starts_from_the_former_parents_choices(make_user, client_for):
    teen, mom, aunt = make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40)
    first = linked(client_for, teen, mom)["id"]
    client_for(mom).patch(f"/api/v1/parental/links/{first}/", {"daily_generation_cap": 3}, format="json")
    unlink(client_for, teen, first)

    second = linked(client_for, teen, aunt)

    assert second["daily_generation_cap"] == 3
    assert limits_for(teen).daily_generations == 3


# ---- a new link: told to the former parent, cooling-off ------------------------------------------------


def test_a_first_link_has_no_cooling_off(make_user, client_for):
    body = linked(client_for, make_user("teen", age=15), make_user("mom", age=45))
    assert body["cooling_off_until"] is None


def test_a_new_link_is_told_to_the_former_parent_with_a_seven_day_window(make_user, client_for):
    teen, mom, aunt = make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40)
    unlink(client_for, teen, linked(client_for, teen, mom)["id"])

    body = linked(client_for, teen, aunt)

    link_row = ParentalLink.objects.get(pk=body["id"])
    assert link_row.cooling_off_until - link_row.created_at == pytest.approx(datetime.timedelta(days=7), abs=datetime.timedelta(seconds=5))
    [notice] = notices(mom, "new_parent_linked")
    assert notice.data["link"] == body["id"] and notice.data["new_parent"] == "aunt"
    assert notice.data["contest_until"] == link_row.cooling_off_until.isoformat()


def test_the_cooling_off_period_is_a_setting(make_user, client_for, settings):
    settings.PARENTAL_LINK_COOLING_OFF_DAYS = 14
    teen, mom, aunt = make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40)
    unlink(client_for, teen, linked(client_for, teen, mom)["id"])

    link_row = ParentalLink.objects.get(pk=linked(client_for, teen, aunt)["id"])

    assert (link_row.cooling_off_until - link_row.created_at).days in (13, 14)


def test_relinking_the_same_parent_needs_no_cooling_off(make_user, client_for):
    teen, mom = make_user("teen", age=15), make_user("mom", age=45)
    unlink(client_for, teen, linked(client_for, teen, mom)["id"])
    assert linked(client_for, teen, mom)["cooling_off_until"] is None


def test_during_cooling_off_the_new_parent_can_tighten_but_not_widen(make_user, client_for):
    # Given: mom left a cap of 5 generations and no personalized feed; the teen links aunt
    teen, mom, aunt = make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40)
    first = linked(client_for, teen, mom)["id"]
    client_for(mom).patch(f"/api/v1/parental/links/{first}/", {"daily_generation_cap": 5, "personalized_feed": False}, format="json")
    unlink(client_for, teen, first)
    second = linked(client_for, teen, aunt)["id"]
    url = f"/api/v1/parental/links/{second}/"

    # When / then: widening anything is refused, and nothing changes
    for widening in ({"daily_generation_cap": None}, {"daily_generation_cap": 9}, {"personalized_feed": True}):
        response = client_for(aunt).patch(url, widening, format="json")
        assert response.status_code == 403, widening
        assert response.json()["code"] == "link_cooling_off"
        assert response.json()["controls"] == sorted(widening)
    assert limits_for(teen).daily_generations == 5 and limits_for(teen).personalized_feed is False

    # Tightening is allowed
    assert client_for(aunt).patch(url, {"daily_generation_cap": 2, "continuous_scroll": False}, format="json").status_code == 200
    assert limits_for(teen).daily_generations == 2


def test_a_parent_whose_birth_date_turns_out_to_be_a_teens_changes_no_controls(make_user, client_for):
    # Given: a linked parent, whose birth date is then corrected to a 16-year-old's
    teen, parent = make_user("teen", age=15), make_user("parent_p", age=40)
    link_id = linked(client_for, teen, parent)["id"]
    User.objects.filter(pk=parent.pk).update(birth_date=datetime.date.today() - datetime.timedelta(days=16 * 366))
    parent.refresh_from_db()
    assert parent.is_teen

    # When / then: the controls cannot be changed any more, not even within the teen defaults
    response = client_for(parent).patch(f"/api/v1/parental/links/{link_id}/", {"continuous_scroll": False}, format="json")
    assert response.status_code == 403
    assert ParentalLink.objects.get(pk=link_id).continuous_scroll is not False


def test_after_the_window_the_new_parent_may_loosen_up_to_the_teen_defaults(make_user, client_for):
    teen, mom, aunt = make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40)
    first = linked(client_for, teen, mom)["id"]
    client_for(mom).patch(f"/api/v1/parental/links/{first}/", {"daily_generation_cap": 5}, format="json")
    unlink(client_for, teen, first)
    second = linked(client_for, teen, aunt)["id"]

    days_pass(second, 8)
    response = client_for(aunt).patch(f"/api/v1/parental/links/{second}/", {"daily_generation_cap": None}, format="json")

    assert response.status_code == 200, response.content
    assert limits_for(teen).daily_generations == settings.TEEN_DAILY_GENERATIONS


# ---- contesting ------------------------------------------------------------------------------------------


def test_the_former_parent_contests_and_the_new_link_ends(make_user, client_for):
    teen, mom, puppet = make_user("teen", age=15), make_user("mom", age=45), make_user("puppet", age=50)
    unlink(client_for, teen, linked(client_for, teen, mom)["id"])
    new_id = linked(client_for, teen, puppet)["id"]

    response = client_for(mom).post(f"/api/v1/parental/links/{new_id}/contest/")

    assert response.status_code == 204
    row = ParentalLink.objects.get(pk=new_id)
    assert row.ended_at is not None and row.contested_at is not None and row.ended_by == mom
    assert limits_for(teen).has_parent is False
    assert len(notices(teen, "contested")) == 1 and len(notices(puppet, "contested")) == 1


def test_a_contest_after_the_window_is_refused(make_user, client_for):
    teen, mom, aunt = make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40)
    unlink(client_for, teen, linked(client_for, teen, mom)["id"])
    new_id = linked(client_for, teen, aunt)["id"]
    days_pass(new_id, 8)

    response = client_for(mom).post(f"/api/v1/parental/links/{new_id}/contest/")

    assert response.status_code == 403
    assert response.json()["code"] == "contest_window_closed"
    assert ParentalLink.objects.get(pk=new_id).is_active


def test_only_a_former_parent_can_contest(make_user, client_for):
    teen, mom, aunt, stranger = (
        make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40), make_user("stranger"),
    )
    unlink(client_for, teen, linked(client_for, teen, mom)["id"])
    new_id = linked(client_for, teen, aunt)["id"]

    response = client_for(stranger).post(f"/api/v1/parental/links/{new_id}/contest/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    for party in (teen, aunt):
        response = client_for(party).post(f"/api/v1/parental/links/{new_id}/contest/")
        assert response.status_code == 403, party
        assert response.json()["code"] == "former_parent_only"
    assert ParentalLink.objects.get(pk=new_id).is_active


def test_a_contested_parent_cannot_link_again_but_keeps_a_say_in_the_next_link(make_user, client_for):
    # Given: mom contested the puppet's link
    teen, mom, puppet, aunt = (
        make_user("teen", age=15), make_user("mom", age=45), make_user("puppet", age=50), make_user("aunt", age=40),
    )
    unlink(client_for, teen, linked(client_for, teen, mom)["id"])
    puppet_link = linked(client_for, teen, puppet)["id"]
    client_for(mom).post(f"/api/v1/parental/links/{puppet_link}/contest/")

    # Then: the puppet cannot link again
    again = link(client_for, teen, puppet)
    assert again.status_code == 403
    assert again.json()["code"] == "parent_contested_before"

    # And: when the teen links someone else, every earlier parent is told and may contest it, the contested
    # puppet too: nothing tells which of them was the real parent (test_attacks_round2 has the puppet that
    # contested first), and a contest only ends a link and leaves grants waiting
    aunt_link = linked(client_for, teen, aunt)["id"]
    assert ParentalLink.objects.get(pk=aunt_link).cooling_off_until is not None
    assert len(notices(puppet, "new_parent_linked")) == 1
    assert len(notices(mom, "new_parent_linked")) == 2  # the puppet's link, then aunt's
    assert client_for(puppet).post(f"/api/v1/parental/links/{aunt_link}/contest/").status_code == 204
    assert client_for(mom).post(f"/api/v1/parental/links/{aunt_link}/contest/").status_code == 404  # already ended


def test_blocking_the_former_parent_does_not_silence_them(make_user, client_for):
    teen, mom, puppet = make_user("teen", age=15), make_user("mom", age=45), make_user("puppet", age=50)
    unlink(client_for, teen, linked(client_for, teen, mom)["id"])
    user_block(blocker=teen, blocked=mom)

    new_id = linked(client_for, teen, puppet)["id"]

    assert len(notices(mom, "new_parent_linked")) == 1
    assert client_for(mom).post(f"/api/v1/parental/links/{new_id}/contest/").status_code == 204


def test_a_link_code_redeemed_for_a_parent_the_teen_invited_is_not_spent(make_user, client_for):
    teen = make_user("teen", age=15)
    puppet = invited_by(teen, make_user, "puppet")
    code = parental_link_code_create(user=teen).code

    client_for(puppet).post("/api/v1/parental/links/", {"code": code}, format="json")

    # The refusal rolled back: the code still works for the real parent.
    assert client_for(make_user("mom", age=45)).post("/api/v1/parental/links/", {"code": code}, format="json").status_code == 201


# ---- an account deleted (Django admin, a shell) ---------------------------------------------------------


def test_a_parent_whose_account_is_deleted_leaves_the_teen_unlinked_with_their_choices_and_told(make_user, client_for):
    teen, mom, aunt = make_user("teen_t", age=15), make_user("mom", age=45), make_user("aunt", age=50)
    link_id = linked(client_for, teen, mom)["id"]
    assert client_for(mom).patch(
        f"/api/v1/parental/links/{link_id}/", {"daily_generation_cap": 1}, format="json"
    ).status_code == 200

    User.objects.filter(pk=mom.pk).delete()

    ended = ParentalLink.objects.get(pk=link_id)
    assert ended.parent_id is None and ended.ended_at is not None
    assert limits_for(teen).daily_generations == 1 and not limits_for(teen).has_parent
    assert [n.data["ended_by"] for n in notices(teen, "unlinked")] == ["parent_account_deleted"]
    # The teen may link again; the new parent starts from mom's choices and waits out a cooling-off.
    new_link = ParentalLink.objects.get(pk=linked(client_for, teen, aunt)["id"])
    assert new_link.daily_generation_cap == 1 and new_link.cooling_off_until is not None


def test_the_invite_lineage_survives_the_deletion_of_every_account_between(make_user, client_for):
    teen = make_user("teen_t", age=15)
    first = invited_by(teen, make_user, "first")
    second = invited_by(first, make_user, "second")
    third = invited_by(second, make_user, "third")

    User.objects.filter(pk__in=[first.pk, second.pk]).delete()

    refused = link(client_for, teen, third)
    assert refused.status_code == 403 and refused.json()["code"] == "parent_invited_by_teen"
