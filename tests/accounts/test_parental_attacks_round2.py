"""Round 2 of attacks on parental control and the teen rules (issue 17), through the HTTP API.

Each test is an attack a determined teen (or a stranger helping one) would try, written as the rule the product
must keep. A failing test is a hole. Time is moved with a `clock` that sets every `timezone.now()` (as
tests/cameos/test_attacks_round9.py does), or by moving a link's window back.

17 attacks; 5 got through when written (2026-12-05), all fixed: a teen's grant approved by the teen (signed up as an
adult, age corrected since) or by a "parent" found to be a teen counted (the door now counts a teen's grant only
while another adult approved it); link codes could be guessed without limit (now 10 an hour per person); a parent
could still decline the grants of a teen who had turned 18; a teen's invite list showed unspendable codes as
available.
"""

import datetime
import threading

import pytest
from django.utils import timezone

from cameos.models import Grant
from cameos.policy import Purpose, cameos_usable_by, check_use
from sora_social.accounts.models import InviteCode, ParentalLink, ParentalLinkCode, User
from sora_social.accounts.services import parental_link_code_create
from sora_social.accounts.validators import age_day
from sora_social.notifications.models import Notification
from tests.cameos.parental import correct_birth_date, grant, link, linked, notices, unlink

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)


# ---- helpers ---------------------------------------------------------------------------------------------------


def usable_ids(client_for, user) -> list[int]:
    return [item["id"] for item in client_for(user).get("/api/v1/cameos/usable/").json()["items"]]


# ==== 1. link codes ===============================================================================================


def test_a_stranger_cannot_guess_a_teens_link_code_by_trying_codes_in_a_row(make_user, client_for):
    # Given: a teen who never had a parent made a link code for mom (a first link has no cooling-off)
    teen, stranger = make_user("teen_t", age=14), make_user("stranger", age=40)
    real = client_for(teen).post("/api/v1/parental/link-codes/").json()["code"]
    as_stranger = client_for(stranger)

    # When: a stranger enters codes one after another (8 hex digits: a space a script walks through)
    wrong = [f"{n:08X}" for n in range(60) if f"{n:08X}" != real]
    answers = [as_stranger.post("/api/v1/parental/links/", {"code": code}, format="json").status_code for code in wrong]
    hit = as_stranger.post("/api/v1/parental/links/", {"code": real}, format="json")

    # Then: the guessing is stopped (429) long before it could find the code, and the stranger is nobody's parent
    assert 429 in answers, "60 wrong link codes in a row were all answered"
    assert hit.status_code == 429, hit.content
    assert not ParentalLink.objects.filter(teen=teen).exists()


# A race: on PostgreSQL, where it is real (on the embedded SQLite the second request finds the table locked and
# answers 503, which is not what this checks).
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_link_code_entered_by_two_adults_at_the_same_moment_links_only_one(
    require_postgres, make_user, client_for, in_another_request
):
    # Given: a teen's link code, known to two adults
    teen, mom, puppet = make_user("teen_t", age=15), make_user("mom", age=45), make_user("puppet", age=40)
    code = parental_link_code_create(user=teen).code
    start = threading.Barrier(2)
    answers: list[int] = []

    def enter(adult):
        def run():
            client = client_for(User.objects.get(pk=adult.pk))
            start.wait(timeout=10)
            answers.append(client.post("/api/v1/parental/links/", {"code": code}, format="json").status_code)

        return run

    # When: both enter it at once
    threads = [in_another_request(enter(adult)) for adult in (mom, puppet)]
    for thread in threads:
        thread.join(timeout=30)

    # Then: one link, one refusal, the code spent
    assert sorted(answers) == [201, 422], answers
    assert ParentalLink.objects.filter(teen=teen).count() == 1
    assert ParentalLinkCode.objects.get(code=code).used_at is not None


def test_a_teen_cannot_enter_a_link_code_another_teen_made_nor_one_of_their_own(make_user, client_for):
    # Given: a teen and their 17-year-old friend, who offers to be the "parent"
    teen, friend = make_user("teen_t", age=15), make_user("friend", age=17)
    friend_code = client_for(friend).post("/api/v1/parental/link-codes/").json()["code"]
    own_code = client_for(teen).post("/api/v1/parental/link-codes/").json()["code"]

    # When: the teen enters the friend's code, and their own
    by_friend = client_for(teen).post("/api/v1/parental/links/", {"code": friend_code}, format="json")
    by_self = client_for(teen).post("/api/v1/parental/links/", {"code": own_code}, format="json")

    # Then: neither links
    assert by_friend.status_code == 422 and by_friend.json()["code"] == "link_roles_invalid"
    assert by_self.status_code == 422 and by_self.json()["code"] == "link_code_invalid"
    assert not ParentalLink.objects.exists()


# ==== 2. an adult corrected to a teen (a teen who lied at signup) ===================================================


def test_grants_a_teen_gave_while_posing_as_an_adult_stop_counting_once_the_age_is_corrected(
    make_user, make_cameo, client_for
):
    # Given: a 15-year-old who signed up as 30; their own grant was active at once, with no parent involved
    liar, friend = make_user("liar", age=30), make_user("friend")
    cameo = make_cameo(liar, handle="liar_cam", level="approved")
    grant_id = grant(client_for, liar, cameo, friend)
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.ACTIVE

    # When: support corrects the birth date to a 15-year-old's
    correct_birth_date(liar, age=15)

    # Then: the teen's grant no longer counts without a linked parent's approval
    decision = check_use(cameo, friend, Purpose.GENERATE)
    assert not decision, "a grant the teen approved themselves still lets others use the teen's likeness"
    assert decision.reason == "grant_pending_parent_approval"
    assert cameo.pk not in usable_ids(client_for, friend)


def test_a_grant_a_teen_approved_themself_waits_for_the_parent_who_can_approve_it(make_user, make_cameo, client_for):
    # Given: a teen who signed up as an adult, granted a friend, and was found out and linked to mom
    liar, friend, mom = make_user("liar", age=30), make_user("friend"), make_user("mom", age=45)
    cameo = make_cameo(liar, handle="liar_cam", level="approved")
    grant_id = grant(client_for, liar, cameo, friend)
    correct_birth_date(liar, age=15)
    linked(client_for, liar, mom)

    # Then: the owner sees the grant waiting, as the door treats it, and so does mom
    mine = client_for(liar).get(f"/api/v1/cameos/{cameo.pk}/grants/").json()["items"]
    assert [(item["id"], item["status"]) for item in mine] == [(grant_id, "pending_parent")]
    waiting = client_for(mom).get("/api/v1/parental/grants/").json()["items"]
    assert [(item["id"], item["status"]) for item in waiting] == [(grant_id, "pending_parent")]

    # When: mom approves it
    assert client_for(mom).post(f"/api/v1/parental/grants/{grant_id}/approve/").status_code == 200

    # Then: it counts, approved by her
    assert check_use(cameo, friend, Purpose.GENERATE)
    assert Grant.objects.get(pk=grant_id).approved_by_id == mom.pk
    assert client_for(mom).get("/api/v1/parental/grants/").json()["items"] == []


def test_a_parents_approvals_outlive_their_deleted_account(make_user, make_cameo, client_for):
    # Given: mom approved her teen's grant, then deleted her account
    teen, mom, friend = make_user("teen_t", age=15), make_user("mom", age=45), make_user("friend")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    linked(client_for, teen, mom)
    grant_id = grant(client_for, teen, cameo, friend)
    assert client_for(mom).post(f"/api/v1/parental/grants/{grant_id}/approve/").status_code == 200
    User.objects.filter(pk=mom.pk).delete()

    # Then: her choice stands, as her other choices do
    assert check_use(cameo, friend, Purpose.GENERATE)


def test_approvals_by_a_parent_found_to_be_a_teen_stop_counting(make_user, make_cameo, client_for):
    # Given: a "parent" (the teen's 16-year-old friend, signed up as 40) approved the teen's grant
    teen, fake_parent, stranger = make_user("teen_t", age=15), make_user("fake_parent", age=40), make_user("stranger")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    linked(client_for, teen, fake_parent)
    grant_id = grant(client_for, teen, cameo, stranger)
    assert client_for(fake_parent).post(f"/api/v1/parental/grants/{grant_id}/approve/").status_code == 200
    assert check_use(cameo, stranger, Purpose.GENERATE)

    # When: support corrects the "parent"'s birth date: they are 16
    correct_birth_date(fake_parent, age=16)

    # Then: a teen was never anyone's parent, and their approval does not stand
    decision = check_use(cameo, stranger, Purpose.GENERATE)
    assert not decision, "the approval of a parent found to be a teen still counts"
    assert decision.reason == "grant_pending_parent_approval"
    assert cameo.pk not in usable_ids(client_for, stranger)


def test_a_teen_whose_age_is_corrected_holds_no_spendable_looking_invite_codes(make_user, client_for):
    # Given: a 15-year-old who signed up as 30 and so received invite codes
    liar = make_user("liar", age=30)
    assert client_for(liar).get("/api/v1/invites/").json()["items"]

    # When: support corrects the birth date
    correct_birth_date(liar, age=15)

    # Then: teens receive no invite codes: none is offered to them as available to hand out
    items = client_for(liar).get("/api/v1/invites/").json()["items"]
    assert [item["code"] for item in items if item["state"] == "available"] == [], items


# ==== 3. the 18th birthday ===========================================================================================


def test_on_the_18th_birthday_the_linked_parent_can_no_longer_decline_the_grants(make_user, make_cameo, client_for):
    # Given: a 17-year-old linked to mom, with a grant waiting for her
    today = age_day()
    if (today.month, today.day) == (2, 29):
        pytest.skip("no 18th birthday falls on 29 February 18 years on")
    almost, mom, friend = make_user("almost", age=17), make_user("mom", age=45), make_user("friend")
    User.objects.filter(pk=almost.pk).update(birth_date=today.replace(year=today.year - 18) + DAY)
    almost.refresh_from_db()
    linked(client_for, almost, mom)
    cameo = make_cameo(almost, handle="almost_cam", level="approved")
    grant_id = grant(client_for, almost, cameo, friend)

    # When: they turn 18, and mom declines the grant they made as a teen
    User.objects.filter(pk=almost.pk).update(birth_date=today.replace(year=today.year - 18))
    declined = client_for(mom).delete(f"/api/v1/parental/grants/{grant_id}/")
    listed = client_for(mom).get("/api/v1/parental/grants/").json()["items"]

    # Then: parental control ended with the birthday; the adult's grant is theirs and stands
    assert declined.status_code == 404, f"mom deleted an adult's grant ({declined.status_code})"
    assert Grant.objects.filter(pk=grant_id).exists()
    assert listed == [], listed
    assert check_use(cameo, friend, Purpose.GENERATE)


def test_a_leap_day_teen_is_a_teen_until_1_march_for_the_account_and_for_the_door(
    make_user, make_cameo, client_for, clock
):
    # Given: a teen born on 29 February 2008, with a grant waiting for a parent
    clock(datetime.datetime(2026, 2, 28, 23, 59, 59, tzinfo=datetime.UTC))
    teen, friend = make_user("leap_teen", age=17), make_user("friend")
    User.objects.filter(pk=teen.pk).update(birth_date=datetime.date(2008, 2, 29))
    teen.refresh_from_db()
    cameo = make_cameo(teen, handle="leap_cam", level="approved")
    grant_id = grant(client_for, teen, cameo, friend)

    # Then: on 28 February 2026 (no 29th that year) they are still 17 everywhere
    assert client_for(teen).get("/api/v1/me/").json()["is_teen"] is True
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT
    assert not check_use(cameo, friend, Purpose.GENERATE)
    assert not cameos_usable_by(friend).filter(pk=cameo.pk).exists()

    # And: while 28 February lasts anywhere (at UTC-12, until 12:00 UTC on 1 March) they are still 17
    clock(datetime.datetime(2026, 3, 1, 11, 59, 59, tzinfo=datetime.UTC))
    assert client_for(teen).get("/api/v1/me/").json()["is_teen"] is True
    assert not check_use(cameo, friend, Purpose.GENERATE)

    # And: a second later, once 1 March has begun everywhere, they are 18 for the account and the door at once
    clock(datetime.datetime(2026, 3, 1, 12, 0, 0, tzinfo=datetime.UTC))
    assert client_for(teen).get("/api/v1/me/").json()["is_teen"] is False
    assert check_use(cameo, friend, Purpose.GENERATE)
    assert cameos_usable_by(friend).filter(pk=cameo.pk).exists()


# ==== 4. ended links, old approval links, notifications ==========================================================


def test_a_former_parents_old_approval_link_approves_nothing_once_the_link_ended(make_user, make_cameo, client_for):
    # Given: mom was told of a grant waiting for her (the notification carries its id); the teen then unlinks
    teen, mom, aunt, stranger = (
        make_user("teen_t", age=15),
        make_user("mom", age=45),
        make_user("aunt", age=40),
        make_user("stranger"),
    )
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    mom_link = linked(client_for, teen, mom)
    grant_id = grant(client_for, teen, cameo, stranger)
    told = Notification.objects.get(recipient=mom, kind=Notification.Kind.GRANT_APPROVAL)
    assert told.data["grant"] == grant_id
    unlink(client_for, teen, mom_link)

    # When: mom follows her old notification, before and while the teen's new link cools off
    before = client_for(mom).post(f"/api/v1/parental/grants/{grant_id}/approve/")
    linked(client_for, teen, aunt)
    during = client_for(mom).post(f"/api/v1/parental/grants/{grant_id}/approve/")
    decline = client_for(mom).delete(f"/api/v1/parental/grants/{grant_id}/")

    # Then: an ended link approves nothing; the grant still waits
    assert before.status_code == 404 and during.status_code == 404 and decline.status_code == 404
    assert client_for(mom).get("/api/v1/parental/grants/").json()["items"] == []
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT
    assert not check_use(cameo, stranger, Purpose.GENERATE)


def test_the_former_parent_is_told_and_may_contest_when_the_new_parent_made_the_code(make_user, client_for):
    # Given: the teen unlinked mom
    teen, mom, puppet = make_user("teen_t", age=15), make_user("mom", age=45), make_user("puppet", age=40)
    unlink(client_for, teen, linked(client_for, teen, mom))

    # When: the puppet makes the code and the teen enters it (the other direction)
    new_id = linked(client_for, teen, puppet, code_from_parent=True)

    # Then: mom is told, with the link to contest, and her contest ends it
    [notice] = notices(mom, "new_parent_linked")
    assert notice.data["link"] == new_id and notice.data["new_parent"] == "puppet"
    assert ParentalLink.objects.get(pk=new_id).in_cooling_off()
    assert client_for(mom).post(f"/api/v1/parental/links/{new_id}/contest/").status_code == 204
    assert ParentalLink.objects.get(pk=new_id).contested_at is not None


def test_a_teens_unlink_tells_the_parent_and_keeps_the_grant_waiting_even_for_a_linked_grantee(
    make_user, make_cameo, client_for
):
    # Given: the teen's grant to the puppet waits for mom
    teen, mom, puppet = make_user("teen_t", age=15), make_user("mom", age=45), make_user("puppet", age=40)
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    mom_link = linked(client_for, teen, mom)
    grant_id = grant(client_for, teen, cameo, puppet)

    # When: the teen unlinks mom and links the grantee as their new parent, who approves their own grant
    unlink(client_for, teen, mom_link)
    linked(client_for, teen, puppet)
    approve = client_for(puppet).post(f"/api/v1/parental/grants/{grant_id}/approve/")

    # Then: mom was told; the approval waits out the cooling-off; the puppet cannot use the cameo
    assert [n.data["ended_by"] for n in notices(mom, "unlinked")] == ["teen"]
    assert approve.status_code == 403 and approve.json()["code"] == "link_cooling_off"
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT
    assert cameo.pk not in usable_ids(client_for, puppet)


# ==== 5. cooling-off: windows that must not be reset or skipped ===================================================


def test_a_new_parent_linked_first_to_a_sibling_gets_no_head_start_with_this_teen(make_user, make_cameo, client_for):
    # Given: the puppet is already the (long-standing) parent of another teen; our teen unlinks mom
    teen, sibling, mom, puppet, friend = (
        make_user("teen_t", age=15),
        make_user("sibling", age=14),
        make_user("mom", age=45),
        make_user("puppet", age=40),
        make_user("friend"),
    )
    sibling_link = linked(client_for, sibling, puppet)
    ParentalLink.objects.filter(pk=sibling_link).update(created_at=timezone.now() - 30 * DAY)
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    unlink(client_for, teen, linked(client_for, teen, mom))
    grant_id = grant(client_for, teen, cameo, friend)

    # When: the puppet links our teen and approves
    new_id = linked(client_for, teen, puppet)
    approve = client_for(puppet).post(f"/api/v1/parental/grants/{grant_id}/approve/")

    # Then: its other link gives it nothing here
    assert ParentalLink.objects.get(pk=new_id).in_cooling_off()
    assert approve.status_code == 403 and approve.json()["code"] == "link_cooling_off"
    assert not check_use(cameo, friend, Purpose.GENERATE)


def test_the_window_runs_from_the_latest_link_so_a_quick_relink_does_not_let_an_old_window_expire_early(
    make_user, make_cameo, client_for, clock
):
    # Given: the puppet's first link on 1 December; the teen drops it on the 6th and relinks the puppet
    start = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
    clock(start)
    teen, mom, puppet, friend = (
        make_user("teen_t", age=15),
        make_user("mom", age=45),
        make_user("puppet", age=40),
        make_user("friend"),
    )
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    unlink(client_for, teen, linked(client_for, teen, mom))
    first = linked(client_for, teen, puppet)
    grant_id = grant(client_for, teen, cameo, friend)
    clock(start + 5 * DAY)
    unlink(client_for, teen, first)
    second = linked(client_for, teen, puppet)

    # When: the first window would have closed (8 December) and the puppet approves
    clock(start + 7 * DAY + SECOND)
    approve = client_for(puppet).post(f"/api/v1/parental/grants/{grant_id}/approve/")
    contest = client_for(mom).post(f"/api/v1/parental/links/{second}/contest/")

    # Then: the new link's own window is still open: no approval, and mom can still contest it
    assert approve.status_code == 403 and approve.json()["code"] == "link_cooling_off", approve.content
    assert contest.status_code == 204, contest.content
    assert not check_use(cameo, friend, Purpose.GENERATE)


def test_a_contest_one_second_before_the_window_closes_takes_back_nothing_it_should_not_and_blocks_the_approval(
    make_user, make_cameo, client_for, clock
):
    # Given: a new link one second before its window closes, with a grant waiting
    start = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
    clock(start)
    teen, mom, aunt, friend = (
        make_user("teen_t", age=15),
        make_user("mom", age=45),
        make_user("aunt", age=40),
        make_user("friend"),
    )
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    unlink(client_for, teen, linked(client_for, teen, mom))
    aunt_link = linked(client_for, teen, aunt)
    grant_id = grant(client_for, teen, cameo, friend)
    clock(start + 7 * DAY - SECOND)

    # When: mom contests, then the window closes and aunt approves
    contest = client_for(mom).post(f"/api/v1/parental/links/{aunt_link}/contest/")
    clock(start + 7 * DAY + SECOND)
    approve = client_for(aunt).post(f"/api/v1/parental/grants/{grant_id}/approve/")

    # Then: the contest counted; aunt is no longer a parent and approves nothing
    assert contest.status_code == 204, contest.content
    assert approve.status_code == 404, approve.content
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT
    assert not check_use(cameo, friend, Purpose.GENERATE)


# ==== 6. controls the teen cannot shed ===========================================================================


def test_the_teen_cannot_shed_moms_choices_by_unlinking_a_new_parent_who_never_changed_them(make_user, client_for):
    # Given: mom capped generations at 1 and turned continuous scroll off; the teen unlinked her
    teen, mom, puppet = make_user("teen_t", age=15), make_user("mom", age=45), make_user("puppet", age=40)
    mom_link = linked(client_for, teen, mom)
    assert (
        client_for(mom)
        .patch(
            f"/api/v1/parental/links/{mom_link}/",
            {"daily_generation_cap": 1, "continuous_scroll": False},
            format="json",
        )
        .status_code
        == 200
    )
    unlink(client_for, teen, mom_link)

    # When: the teen links a puppet, the puppet unlinks itself at once, and the teen links nobody
    puppet_link = linked(client_for, teen, puppet)
    unlink(client_for, puppet, puppet_link)

    # Then: the teen is still on mom's last choices, whatever the teen's own endpoints are asked
    teen_client = client_for(teen)
    tries = [
        teen_client.patch("/api/v1/me/", {"limits": {"daily_generations": 50}, "is_teen": False}, format="json"),
        teen_client.patch(f"/api/v1/parental/links/{puppet_link}/", {"daily_generation_cap": None}, format="json"),
    ]
    assert [r.status_code for r in tries] == [200, 404]
    limits = teen_client.get("/api/v1/me/").json()["limits"]
    assert (limits["daily_generations"], limits["continuous_scroll"], limits["has_parent"]) == (1, False, False)
    assert teen_client.get("/api/v1/me/").json()["is_teen"] is True


def test_no_profile_endpoint_changes_a_teens_birth_date(make_user, client_for):
    # Given: a 15-year-old
    teen = make_user("teen_t", age=15)
    born = teen.birth_date
    client = client_for(teen)

    # When: they send an adult birth date to every endpoint about themselves
    client.patch("/api/v1/me/", {"birth_date": "1980-01-01", "display_name": "Mom"}, format="json")
    client.put("/api/v1/me/", {"birth_date": "1980-01-01"}, format="json")
    client.post("/api/v1/me/", {"birth_date": "1980-01-01"}, format="json")
    client.put("/api/v1/me/avatar/", {"birth_date": "1980-01-01"}, format="multipart")

    # Then: they are still 15
    teen.refresh_from_db()
    assert teen.birth_date == born and teen.is_teen
    assert client.get("/api/v1/me/").json()["limits"]["grants_need_parent_approval"] is True


# ==== 7. lineage ==================================================================================================


@pytest.mark.usefixtures("teens_codes_were_spendable")
def test_an_adult_invited_by_the_new_parent_the_teen_invited_cannot_replace_them(make_user, client_for):
    # Given: teen -> puppet (with a leftover code, before the rule) -> puppet's friend, who joined with a puppet code
    from sora_social.accounts.services import invite_redeem

    teen = make_user("teen_t", age=15)
    puppet = make_user("puppet", age=50)
    InviteCode.objects.filter(redeemed_by=puppet).delete()
    invite_redeem(code=InviteCode.objects.create(created_by=teen).code, user=puppet)
    friend = make_user("puppets_friend", age=45)
    InviteCode.objects.filter(redeemed_by=friend).delete()
    invite_redeem(code=InviteCode.objects.filter(created_by=puppet, redeemed_at__isnull=True).first().code, user=friend)

    # When: the friend links, making the code or entering the teen's
    refused = [
        link(client_for, teen, friend),
        client_for(teen).post(
            "/api/v1/parental/links/",
            {"code": client_for(friend).post("/api/v1/parental/link-codes/").json()["code"]},
            format="json",
        ),
    ]

    # Then: refused both ways
    for response in refused:
        assert response.status_code == 403 and response.json()["code"] == "parent_invited_by_teen"
    assert not ParentalLink.objects.filter(teen=teen).exists()
