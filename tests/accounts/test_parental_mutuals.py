"""Mutuals and a teen's cameo: people the teen and they follow both ways may use it only once a parent lets them.

Every grant of a teen waits for a parent. Before this rule a teen whose grant waited (or whose new parent could
approve nothing during a cooling-off) opened the cameo to mutuals, followed the grantee back, and the grantee used it
with no parent's say (tests/accounts/test_parental_widening_attacks.py). So the parent has a control,
`mutuals_may_use_cameo`, off until they turn it on, and the door asks it (`Limits.mutuals_may_use_cameo`).
"""

import datetime

import pytest
from django.utils import timezone

from cameos.models import Appearance, Cameo, Grant
from cameos.policy import Purpose, check_use
from sora_social.accounts.models import ParentalLink, User
from sora_social.accounts.services import user_follow
from sora_social.accounts.validators import age_day
from sora_social.notifications.models import Notification
from tests.accounts.admin_forms import user_change_form
from tests.cameos.parental import (
    correct_birth_date,
    draft_with,
    grant,
    linked,
    may_use,
    mutuals,
    notices,
    set_switch,
    unlink,
)

pytestmark = pytest.mark.django_db


# ---- steps --------------------------------------------------------------------------------------------------------


def let_mutuals(client_for, parent, link_id: int, allowed: bool = True):
    """The parent's switch, as the app sends it."""
    return set_switch(client_for, parent, link_id, allowed)


def teen_with_a_mutual(make_user, make_cameo, level="mutuals"):
    teen, friend = make_user("teen_t", age=15), make_user("friend")
    cameo = make_cameo(teen, handle="teen_cam", level=level)
    mutuals(teen, friend)
    return teen, friend, cameo


# ---- the rule -----------------------------------------------------------------------------------------------------


def test_a_teens_mutual_may_not_use_the_cameo_while_no_parent_has_let_them(make_user, make_cameo, client_for):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)

    decision = check_use(cameo, friend, Purpose.GENERATE)

    assert not may_use(cameo, friend)
    assert decision.reason == "mutuals_pending_parent_approval"
    response = client_for(friend).post(
        "/api/v1/generations/", {"prompt": "@teen_cam skates", "duration_s": 3}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["reason"] == "mutuals_pending_parent_approval"
    assert client_for(teen).get("/api/v1/me/").json()["limits"]["mutuals_may_use_cameo"] is False


def test_a_teens_mutual_may_use_the_cameo_once_the_parent_lets_them(make_user, make_cameo, client_for):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    mom = make_user("mom", age=45)
    link_id = linked(client_for, teen, mom)

    response = let_mutuals(client_for, mom, link_id)

    assert response.status_code == 200
    assert response.json()["mutuals_may_use_cameo"] is True
    assert response.json()["teen_limits"]["mutuals_may_use_cameo"] is True
    assert may_use(cameo, friend)
    assert check_use(cameo, friend, Purpose.GENERATE).reason == "mutuals"
    assert client_for(teen).get("/api/v1/me/").json()["limits"]["mutuals_may_use_cameo"] is True
    assert notices(teen, "controls_updated")[-1].data["fields"] == ["mutuals_may_use_cameo"]


def test_the_parents_leave_lets_in_mutuals_only_not_strangers_nor_the_blocked(make_user, make_cameo, client_for):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    follower, stranger, mom = make_user("follower"), make_user("stranger"), make_user("mom", age=45)
    user_follow(follower=follower, followee=teen)  # one way only
    assert let_mutuals(client_for, mom, linked(client_for, teen, mom)).status_code == 200
    # A level stored as "everyone" (set before support corrected the age) acts as mutuals, leave or not.
    Cameo.objects.filter(pk=cameo.pk).update(level=Cameo.Level.EVERYONE)

    assert may_use(cameo, friend)
    assert not may_use(cameo, follower)
    assert not may_use(cameo, stranger)
    assert client_for(teen).post(f"/api/v1/users/{friend.handle}/block/").status_code in (200, 201, 204)
    assert not may_use(cameo, friend)


def test_a_stored_everyone_level_of_a_teen_waits_for_the_parent_too(make_user, make_cameo):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo, level="everyone")

    assert not may_use(cameo, friend)
    assert check_use(cameo, friend, Purpose.GENERATE).reason == "mutuals_pending_parent_approval"


def test_an_adults_mutuals_need_no_one_s_leave(make_user, make_cameo, client_for):
    adult, friend = make_user("adult"), make_user("friend")
    cameo = make_cameo(adult, handle="adult_cam", level="mutuals")
    mutuals(adult, friend)

    assert may_use(cameo, friend)
    assert client_for(adult).get("/api/v1/me/").json()["limits"]["mutuals_may_use_cameo"] is True


def test_from_the_teens_18th_birthday_their_mutuals_need_no_parent(make_user, make_cameo):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    assert not may_use(cameo, friend)

    correct_birth_date(teen, age=18)

    assert may_use(cameo, friend)


def test_the_door_asks_the_parents_leave_in_one_more_query_only(make_user, make_cameo, client_for,
                                                                django_assert_num_queries):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    stranger, mom = make_user("stranger"), make_user("mom", age=45)
    assert let_mutuals(client_for, mom, linked(client_for, teen, mom)).status_code == 200

    # The read, the parent's leave, the audit row.
    with django_assert_num_queries(3):
        assert check_use(cameo, friend, Purpose.GENERATE)
    # Not asked where it cannot decide: a stranger is no mutual.
    with django_assert_num_queries(2):
        assert not check_use(cameo, stranger, Purpose.GENERATE)


# ---- turning it off -----------------------------------------------------------------------------------------------


def test_turning_mutuals_off_withdraws_the_videos_a_mutual_made_and_keeps_the_owners_own(
    make_user, make_cameo, client_for
):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    mom = make_user("mom", age=45)
    link_id = linked(client_for, teen, mom)
    assert let_mutuals(client_for, mom, link_id).status_code == 200
    friends_video, own_video = draft_with(cameo, friend), draft_with(cameo, teen)
    version_before = Cameo.objects.get(pk=cameo.pk).consent_version

    response = let_mutuals(client_for, mom, link_id, allowed=False)

    assert response.status_code == 200
    assert not may_use(cameo, friend)
    assert Appearance.objects.get(job=friends_video).revoked_at is not None
    assert Appearance.objects.get(job=own_video).revoked_at is None
    assert Cameo.objects.get(pk=cameo.pk).consent_version > version_before


def test_a_parent_who_never_let_mutuals_in_withdraws_nothing_by_saying_so_again(make_user, make_cameo, client_for):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    mom = make_user("mom", age=45)
    link_id = linked(client_for, teen, mom)
    version_before = Cameo.objects.get(pk=cameo.pk).consent_version

    assert let_mutuals(client_for, mom, link_id, allowed=False).status_code == 200

    assert Cameo.objects.get(pk=cameo.pk).consent_version == version_before
    assert not notices(teen, "controls_updated")


# ---- who can turn it on -------------------------------------------------------------------------------------------


def test_the_teen_cannot_turn_it_on_for_themself(make_user, make_cameo, client_for):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    mom = make_user("mom", age=45)
    link_id = linked(client_for, teen, mom)

    response = let_mutuals(client_for, teen, link_id)

    assert response.status_code == 403
    assert ParentalLink.objects.get(pk=link_id).mutuals_may_use_cameo is False
    assert not may_use(cameo, friend)


def test_a_new_parent_in_cooling_off_cannot_turn_it_on_but_can_turn_it_off(make_user, make_cameo, client_for):
    # Given: mom never let mutuals in; the teen unlinked her and linked an "aunt" whom mom may still contest
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    mom, aunt = make_user("mom", age=45), make_user("aunt", age=40)
    unlink(client_for, teen, linked(client_for, teen, mom))
    aunt_link = linked(client_for, teen, aunt)

    widen = let_mutuals(client_for, aunt, aunt_link)

    assert widen.status_code == 403
    assert widen.json()["code"] == "link_cooling_off"
    assert not may_use(cameo, friend)
    # Once the window closed uncontested, the aunt is the parent and may.
    ParentalLink.objects.filter(pk=aunt_link).update(cooling_off_until=timezone.now() - datetime.timedelta(seconds=1))
    assert let_mutuals(client_for, aunt, aunt_link).status_code == 200
    assert may_use(cameo, friend)


def test_mom_s_leave_stands_after_an_unlink_and_a_new_link_starts_from_it(make_user, make_cameo, client_for):
    """Controls never silently reset: the teen keeps the parent's last choices, and a new link inherits them. So a
    leave the real parent gave stands, and one she withheld stays withheld."""
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    mom, aunt = make_user("mom", age=45), make_user("aunt", age=40)
    mom_link = linked(client_for, teen, mom)
    assert let_mutuals(client_for, mom, mom_link).status_code == 200

    unlink(client_for, teen, mom_link)
    assert may_use(cameo, friend)
    aunt_link = linked(client_for, teen, aunt)

    assert ParentalLink.objects.get(pk=aunt_link).mutuals_may_use_cameo is True
    assert may_use(cameo, friend)
    # The aunt in cooling-off may still tighten it.
    assert let_mutuals(client_for, aunt, aunt_link, allowed=False).status_code == 200
    assert not may_use(cameo, friend)


def test_a_parent_found_to_be_a_teen_let_no_one_in(make_user, make_cameo, client_for):
    # Given: the "parent" signed up as 40, was the teen's first parent and let mutuals in
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    fake = make_user("fake_parent", age=40)
    assert let_mutuals(client_for, fake, linked(client_for, teen, fake)).status_code == 200
    assert may_use(cameo, friend)

    # When: support corrects the "parent's" birth date to a teen's
    correct_birth_date(fake, age=16)

    # Then: that choice never stood
    assert not may_use(cameo, friend)
    assert client_for(teen).get("/api/v1/me/").json()["limits"]["mutuals_may_use_cameo"] is False


def test_a_contest_takes_back_nothing_the_new_parent_could_not_give(make_user, make_cameo, client_for):
    # Given: mom withheld the leave; the aunt, in cooling-off, could not give it, and mom contests the aunt's link
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    mom, aunt = make_user("mom", age=45), make_user("aunt", age=40)
    unlink(client_for, teen, linked(client_for, teen, mom))
    aunt_link = linked(client_for, teen, aunt)
    assert let_mutuals(client_for, aunt, aunt_link).status_code == 403

    assert client_for(mom).post(f"/api/v1/parental/links/{aunt_link}/contest/").status_code == 204

    assert not may_use(cameo, friend)


def test_a_moderator_cannot_change_a_teens_controls_in_the_admin(make_user, make_cameo, client_for, client):
    """The controls are the parent's: the admin shows the link and saves nothing of it (view-only since 2026-12-07,
    when its parent, teen, cooling-off and end were found editable: tests/test_media_provenance_admin_attacks.py)."""
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    mom = make_user("mom", age=45)
    link_id = linked(client_for, teen, mom)
    client.force_login(make_user("operator", age=40, is_staff=True, is_superuser=True))
    page = client.get(f"/admin/accounts/parentallink/{link_id}/change/")
    before = ParentalLink.objects.values().get(pk=link_id)

    saved = client.post(
        f"/admin/accounts/parentallink/{link_id}/change/",
        {
            "parent": str(mom.pk), "teen": str(teen.pk), "mutuals_may_use_cameo": "on", "daily_feed_videos_cap": "7",
            "daily_generation_cap": "1", "mutuals_allowed_by": str(mom.pk),
            "parent_consented_at_0": "2026-01-01", "parent_consented_at_1": "00:00:00",
            "teen_consented_at_0": "2026-01-01", "teen_consented_at_1": "00:00:00",
        },
    )

    assert page.status_code == 200
    assert saved.status_code == 403, saved.content[:300]
    controls = [
        "mutuals_may_use_cameo", "mutuals_allowed_by_id", "daily_feed_videos_cap", "daily_generation_cap",
        "personalized_feed", "continuous_scroll",
    ]
    after = ParentalLink.objects.values().get(pk=link_id)
    assert {f: after[f] for f in controls} == {f: before[f] for f in controls}
    assert not may_use(cameo, friend)
    assert after == before


# ---- telling the parent -------------------------------------------------------------------------------------------


def test_the_parent_is_told_when_the_teen_opens_the_cameo_to_mutuals_who_wait_for_them(
    make_user, make_cameo, client_for
):
    teen, mom = make_user("teen_t", age=15), make_user("mom", age=45)
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    link_id = linked(client_for, teen, mom)

    assert client_for(teen).patch(f"/api/v1/cameos/{cameo.pk}/", {"level": "mutuals"}, format="json").status_code == 200

    [notice] = notices(mom, "mutuals_wait_for_parent")
    assert notice.data == {"change": "mutuals_wait_for_parent", "link": link_id, "cameo": "teen_cam"}
    [listed] = [n for n in client_for(mom).get("/api/v1/notifications/").json()["items"] if n["data"]["change"] ==
                "mutuals_wait_for_parent"]
    assert listed["actor"] == "teen_t" and listed["data"]["cameo_handle"] == "@teen_cam"


def test_the_parent_is_not_told_when_they_already_let_mutuals_in(make_user, make_cameo, client_for):
    teen, mom = make_user("teen_t", age=15), make_user("mom", age=45)
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    assert let_mutuals(client_for, mom, linked(client_for, teen, mom)).status_code == 200

    assert client_for(teen).patch(f"/api/v1/cameos/{cameo.pk}/", {"level": "mutuals"}, format="json").status_code == 200

    assert not notices(mom, "mutuals_wait_for_parent")


def test_a_parent_who_links_after_the_teen_opened_the_cameo_is_told_mutuals_wait_for_them(
    make_user, make_cameo, client_for
):
    teen, _friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    make_cameo(teen, handle="teen_private", level="only_me")
    mom = make_user("mom", age=45)

    link_id = linked(client_for, teen, mom)

    # Told once, of the cameo open to mutuals only; as if she had been linked when the teen opened it.
    [notice] = notices(mom, "mutuals_wait_for_parent")
    assert notice.data == {"change": "mutuals_wait_for_parent", "link": link_id, "cameo": cameo.handle}
    assert notice.actor_id == teen.pk


def test_a_parent_who_links_after_the_teen_granted_someone_is_asked_to_approve_the_grant(
    make_user, make_cameo, client_for
):
    teen, mom, friend = make_user("teen_t", age=15), make_user("mom", age=45), make_user("friend")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    grant_id = grant(client_for, teen, cameo, friend)
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT

    linked(client_for, teen, mom)

    [asked] = Notification.objects.filter(recipient=mom, kind=Notification.Kind.GRANT_APPROVAL)
    assert asked.data == {"grant": grant_id, "cameo": cameo.pk, "grantee": "friend"}
    assert not notices(mom, "mutuals_wait_for_parent")  # an "approved" cameo waits on no mutual
    # ... and once she approves, the friend may use it (no cooling-off for a teen's first link).
    approved = client_for(mom).post(f"/api/v1/parental/grants/{grant_id}/approve/")
    assert approved.status_code == 200, approved.content
    assert may_use(cameo, friend)


def test_a_parent_who_links_is_told_of_nothing_that_does_not_wait_for_them(make_user, make_cameo, client_for):
    teen, mom, friend = make_user("teen_t", age=15), make_user("mom", age=45), make_user("friend")
    closed = make_cameo(teen, handle="teen_cam", level="only_me")
    gone = make_cameo(teen, handle="old_cam", level="mutuals")
    grant(client_for, teen, gone, friend)
    Cameo.objects.filter(pk=gone.pk).update(status=Cameo.Status.REVOKED)
    assert closed.level == "only_me"

    linked(client_for, teen, mom)

    assert not notices(mom, "mutuals_wait_for_parent")
    assert not Notification.objects.filter(recipient=mom, kind=Notification.Kind.GRANT_APPROVAL).exists()


# ---- a leave that ends without the parent switching it off ----------------------------------------------------------


def correct_in_the_admin(client, user, *, age: int):
    """Support corrects a birth date in the Django admin's change form, as support does."""
    birth_date = datetime.date(age_day().year - age, 1, 1)
    return client.post(f"/admin/accounts/user/{user.pk}/change/", user_change_form(user, birth_date=birth_date.isoformat()))


def test_support_finding_an_adult_owner_is_15_withdraws_the_videos_mutuals_made(make_user, make_cameo, client):
    # Given: an "adult" whose cameo a mutual used
    owner, friend = make_user("owner", age=30), make_user("friend")
    cameo = make_cameo(owner, handle="own_cam", level="mutuals")
    mutuals(owner, friend)
    friends_video = draft_with(cameo, friend)
    client.force_login(make_user("operator", age=40, is_staff=True, is_superuser=True))

    # When: support corrects the birth date in the admin
    response = correct_in_the_admin(client, owner, age=15)

    # Then: no parent let mutuals in, so the video is withdrawn
    assert response.status_code == 302, response.content[:500]
    assert not may_use(cameo, friend)
    assert Appearance.objects.get(job=friends_video).revoked_at is not None


def test_support_finding_the_parent_who_let_mutuals_in_is_a_teen_withdraws_the_videos(
    make_user, make_cameo, client_for, client
):
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    fake = make_user("fake_parent", age=40)
    assert let_mutuals(client_for, fake, linked(client_for, teen, fake)).status_code == 200
    friends_video = draft_with(cameo, friend)
    client.force_login(make_user("operator", age=40, is_staff=True, is_superuser=True))

    assert correct_in_the_admin(client, fake, age=16).status_code == 302

    assert not may_use(cameo, friend)
    assert Appearance.objects.get(job=friends_video).revoked_at is not None


def test_a_leave_a_new_link_copied_from_a_parent_found_to_be_a_teen_does_not_stand(make_user, make_cameo, client_for):
    # Given: the teen's first "parent" (16, posing as 40) let mutuals in; the teen then linked a real adult, whose link
    # (in cooling-off, so its parent could not have given it) carries the copied switch
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    fake, aunt = make_user("fake_parent", age=40), make_user("aunt", age=40)
    fake_link = linked(client_for, teen, fake)
    assert let_mutuals(client_for, fake, fake_link).status_code == 200
    unlink(client_for, teen, fake_link)
    aunt_link = linked(client_for, teen, aunt)
    assert ParentalLink.objects.get(pk=aunt_link).mutuals_allowed_by_id == fake.pk
    assert may_use(cameo, friend)

    # When: support finds the first "parent" out
    correct_birth_date(fake, age=16)

    # Then: nobody who could give the leave gave it; the aunt, in cooling-off, cannot give it either
    assert not may_use(cameo, friend)
    assert client_for(teen).get("/api/v1/me/").json()["limits"]["mutuals_may_use_cameo"] is False
    again = let_mutuals(client_for, aunt, aunt_link)
    assert again.status_code == 403 and again.json()["code"] == "link_cooling_off"
    # Once the window closed, the aunt's own leave is hers, and stands.
    ParentalLink.objects.filter(pk=aunt_link).update(cooling_off_until=timezone.now() - datetime.timedelta(seconds=1))
    assert let_mutuals(client_for, aunt, aunt_link).status_code == 200
    assert ParentalLink.objects.get(pk=aunt_link).mutuals_allowed_by_id == aunt.pk
    assert may_use(cameo, friend)


def test_a_deleted_parent_found_to_be_a_teen_leaves_no_leave_behind(make_user, make_cameo, client_for):
    # Given: a "parent" (16, posing as 40) let mutuals in, a mutual made a video, and the next link copied the switch
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    fake, aunt = make_user("fake_parent", age=40), make_user("aunt", age=40)
    fake_link = linked(client_for, teen, fake)
    assert let_mutuals(client_for, fake, fake_link).status_code == 200
    friends_video = draft_with(cameo, friend)
    unlink(client_for, teen, fake_link)
    aunt_link = linked(client_for, teen, aunt)

    # When: the row's birth date says 16 (corrected outside the admin) and the account is deleted
    ParentalLink.objects.filter(pk=aunt_link).update(cooling_off_until=timezone.now() - datetime.timedelta(seconds=1))
    User.objects.filter(pk=fake.pk).update(birth_date=datetime.date(age_day().year - 16, 1, 1))
    User.objects.filter(pk=fake.pk).delete()

    # Then: the gone "parent" reads as no leave, not as a gone parent's that stands, and the video is withdrawn
    assert ParentalLink.objects.get(pk=aunt_link).mutuals_may_use_cameo is False
    assert not may_use(cameo, friend)
    assert Appearance.objects.get(job=friends_video).revoked_at is not None


def test_a_real_parent_s_leave_outlives_their_deleted_account(make_user, make_cameo, client_for):
    """Controls outlive a real parent's account (README), this one too."""
    teen, friend, cameo = teen_with_a_mutual(make_user, make_cameo)
    mom = make_user("mom", age=45)
    assert let_mutuals(client_for, mom, linked(client_for, teen, mom)).status_code == 200

    mom.delete()

    assert may_use(cameo, friend)
