"""A teen cannot forge a parent's approval of their cameo grants (issue 17, finding 1)."""

import datetime

import pytest
from django.utils import timezone

from cameos.models import Appearance, Grant
from cameos.policy import Purpose, cameos_usable_by, check_use
from generation.models import GenerationJob
from sora_social.accounts.models import InviteCode, ParentalLink, User
from sora_social.accounts.services import invites_mint
from sora_social.notifications.models import Notification
from tests.cameos.parental import draft_with, grant, link

pytestmark = pytest.mark.django_db

SIGNUP = "/_allauth/app/v1/auth/signup"


def sign_up_adult(client, *, handle: str, invite_code: str):
    return client.post(
        SIGNUP,
        {
            "username": handle,
            "email": f"{handle}@example.org",
            "password": "a-long-enough-pass-123",
            "invite_code": invite_code,
            "birth_date": "1975-05-05",
        },
        content_type="application/json",
    )


def stranger_renders(client_for, stranger, cameo):
    return client_for(stranger).post(
        "/api/v1/generations/",
        {"prompt": f"@{cameo.handle} waves at the camera", "duration_s": 2, "resolution": "360p"},
        format="json",
    )


def test_the_sock_puppet_scenario_fails(make_user, make_cameo, client_for, client, no_dispatch, request):
    # Given: teen T with a linked parent, and a grant for a stranger that waits for the parent
    teen, parent, stranger = make_user("teen_t", age=15), make_user("real_parent", age=45), make_user("stranger")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    first = link(client_for, teen, parent).json()["id"]
    grant_id = grant(client_for, teen, cameo, stranger)
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT

    # When: T unlinks the real parent
    assert client_for(teen).delete(f"/api/v1/parental/links/{first}/").status_code == 204

    # Then: the parent is told, and the grant still waits
    told = Notification.objects.filter(recipient=parent, kind=Notification.Kind.PARENTAL_LINK).first()
    assert told.data == {"change": "unlinked", "link": first, "ended_by": "teen"}
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT

    # When: T looks for one of their own invite codes to make an adult account
    # Then: there is none (teens receive no invite codes)
    assert not InviteCode.objects.filter(created_by=teen).exists()

    # When: T uses a leftover code of theirs (made before that rule) to sign up an account born in 1975
    leftover = InviteCode.objects.create(created_by=teen)
    signup = sign_up_adult(client, handle="totally_mom", invite_code=leftover.code)

    # Then: the signup is refused: a code a teen made is spent by nobody
    assert signup.status_code == 400 and signup.json()["errors"][0]["code"] == "invite_invalid"
    assert not User.objects.filter(handle="totally_mom").exists()

    # When: an account that joined with such a code before 2026-12-05 (when teens' codes could still be spent) links
    request.getfixturevalue("teens_codes_were_spendable")
    assert sign_up_adult(client, handle="totally_mom", invite_code=leftover.code).status_code == 200
    puppet = User.objects.get(handle="totally_mom")
    refused = link(client_for, teen, puppet)

    # Then: that account can never be T's parent
    assert refused.status_code == 403
    assert refused.json()["code"] == "parent_invited_by_teen"

    # When: T gets hold of a code nobody in T's lineage made, and that puppet links
    client.logout()
    assert sign_up_adult(client, handle="cousin_mom", invite_code=invites_mint(count=1)[0].code).status_code == 200
    puppet = User.objects.get(handle="cousin_mom")
    new_link = link(client_for, teen, puppet)
    assert new_link.status_code == 201

    # Then: the puppet cannot approve during the cooling-off, and the real parent is told and contests
    approve = client_for(puppet).post(f"/api/v1/parental/grants/{grant_id}/approve/")
    assert approve.status_code == 403
    assert approve.json()["code"] == "link_cooling_off"
    assert Notification.objects.filter(recipient=parent, data__change="new_parent_linked").exists()
    assert client_for(parent).post(f"/api/v1/parental/links/{new_link.json()['id']}/contest/").status_code == 204

    # And: the stranger can never render T's cameo
    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT
    decision = check_use(cameo, stranger, Purpose.GENERATE)
    assert not decision and decision.reason == "grant_pending_parent_approval"
    assert not cameos_usable_by(stranger).filter(pk=cameo.pk).exists()
    response = stranger_renders(client_for, stranger, cameo)
    assert response.status_code == 403
    assert response.json()["code"] == "cameo_not_permitted"
    assert not GenerationJob.objects.filter(owner=stranger).exists()


def test_a_new_parent_cannot_approve_during_the_cooling_off_and_can_after(make_user, make_cameo, client_for):
    # Given: the teen swapped their parent for aunt; a grant waits
    teen, mom, aunt, friend = (
        make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40), make_user("friend"),
    )
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    client_for(teen).delete(f"/api/v1/parental/links/{link(client_for, teen, mom).json()['id']}/")
    new_id = link(client_for, teen, aunt).json()["id"]
    grant_id = grant(client_for, teen, cameo, friend)

    # When / then: during the window aunt sees the grant, may decline it, but not approve it
    assert [g["id"] for g in client_for(aunt).get("/api/v1/parental/grants/").json()["items"]] == [grant_id]
    response = client_for(aunt).post(f"/api/v1/parental/grants/{grant_id}/approve/")
    assert response.status_code == 403 and response.json()["code"] == "link_cooling_off"
    assert not check_use(cameo, friend, Purpose.GENERATE)

    # When: the window passes without a contest
    ParentalLink.objects.filter(pk=new_id).update(cooling_off_until=timezone.now() - datetime.timedelta(seconds=1))

    # Then: aunt is the parent, and her approval counts
    assert client_for(aunt).post(f"/api/v1/parental/grants/{grant_id}/approve/").status_code == 200
    assert check_use(cameo, friend, Purpose.GENERATE)


def test_a_teens_pending_grants_stay_pending_when_the_parent_unlinks(make_user, make_cameo, client_for):
    teen, mom, friend = make_user("teen", age=15), make_user("mom", age=45), make_user("friend")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    link_id = link(client_for, teen, mom).json()["id"]
    grant_id = grant(client_for, teen, cameo, friend)

    assert client_for(mom).delete(f"/api/v1/parental/links/{link_id}/").status_code == 204

    assert Grant.objects.get(pk=grant_id).status == Grant.Status.PENDING_PARENT
    assert not check_use(cameo, friend, Purpose.GENERATE)


def test_a_contested_new_link_loses_its_approvals(make_user, make_cameo, client_for):
    # Given: the teen swapped mom for a new parent, who approved two grants, and a friend made a video with one.
    # The approvals are written to the rows: the cooling-off refuses them through every service (tested above),
    # and the contest must undo them without relying on that.
    teen, mom, puppet = make_user("teen", age=15), make_user("mom", age=45), make_user("puppet", age=50)
    friend, other = make_user("friend"), make_user("other")
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    link_id = link(client_for, teen, mom).json()["id"]
    by_mom = grant(client_for, teen, cameo, other)
    assert client_for(mom).post(f"/api/v1/parental/grants/{by_mom}/approve/").status_code == 200
    client_for(teen).delete(f"/api/v1/parental/links/{link_id}/")
    new_id = link(client_for, teen, puppet).json()["id"]
    by_puppet = grant(client_for, teen, cameo, friend)
    Grant.objects.filter(pk=by_puppet).update(status=Grant.Status.ACTIVE, approved_by=puppet, approved_at=timezone.now())
    assert check_use(cameo, friend, Purpose.GENERATE)
    job = draft_with(cameo, friend)
    version_before = cameo.consent_version

    # When: mom contests the new link
    assert client_for(mom).post(f"/api/v1/parental/links/{new_id}/contest/").status_code == 204

    # Then: the puppet's approval is gone, the grant waits again and the door denies it
    contested = Grant.objects.get(pk=by_puppet)
    assert (contested.status, contested.approved_by, contested.approved_at) == (Grant.Status.PENDING_PARENT, None, None)
    decision = check_use(cameo, friend, Purpose.GENERATE)
    assert not decision and decision.reason == "grant_pending_parent_approval"
    cameo.refresh_from_db()
    assert cameo.consent_version > version_before

    # And: the friend's video with the cameo is withdrawn by the re-check through the door
    assert Appearance.objects.get(job=job).revoked_at is not None

    # And: mom's own earlier approval stands
    assert Grant.objects.get(pk=by_mom).status == Grant.Status.ACTIVE
    assert check_use(cameo, other, Purpose.GENERATE)


def test_once_the_window_closes_a_late_contest_is_refused_and_the_approval_stands(make_user, make_cameo, client_for):
    # Given: a new link whose window has just closed
    teen, mom, aunt, friend = (
        make_user("teen", age=15), make_user("mom", age=45), make_user("aunt", age=40), make_user("friend"),
    )
    cameo = make_cameo(teen, handle="teen_cam", level="approved")
    client_for(teen).delete(f"/api/v1/parental/links/{link(client_for, teen, mom).json()['id']}/")
    new_id = link(client_for, teen, aunt).json()["id"]
    grant_id = grant(client_for, teen, cameo, friend)
    ParentalLink.objects.filter(pk=new_id).update(cooling_off_until=timezone.now() - datetime.timedelta(seconds=1))

    # When: mom contests late, and aunt approves
    late = client_for(mom).post(f"/api/v1/parental/links/{new_id}/contest/")
    approved = client_for(aunt).post(f"/api/v1/parental/grants/{grant_id}/approve/")

    # Then: the late contest is refused and the approval stands
    assert late.status_code == 403 and late.json()["code"] == "contest_window_closed"
    assert approved.status_code == 200
    assert check_use(cameo, friend, Purpose.GENERATE)
