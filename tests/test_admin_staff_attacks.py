"""Attacks on the Django admin by staff (2026-12-08): a moderator (the Moderators group), staff with a few
permissions or none, "support" who may change members, and a member or moderator holding only an app session token.

Not repeated here (tests/moderation/test_admin.py, tests/test_media_provenance_admin_attacks.py,
tests/test_later_changes_attacks.py, tests/test_http_surface_attacks.py): view-only staff running the revoke and
invite actions, consent fields, grants, appearances, follows and the consent audit edited or deleted, biometrics on
the cameo page, odd searches and filters, CSRF on a revocation and a take-down, banned, suspended and deactivated
moderators, the app token as an admin cookie or header, the admin login's rate limit.

GOT THROUGH, all MENDED the same day (7; each is now a passing test). As found:
- test_a_moderators_revocation_from_the_cameo_list_is_a_decision_with_a_reason_the_owner_can_appeal:
  cameos/admin.py CameoAdmin.revoke_cameos calls cameos.services.cameo_revoke_by_moderator with the fixed reason
  "admin action". No ModerationAction, no AuditEvent, no notice to the owner: their cameo is `revoked`, every video
  with it gone, and there is no decision to read or appeal (the queue's take-down of the same cameo writes all
  three). Fix: take the action out of CameoAdmin, or have it ask for a reason and go through moderation
  (moderation/admin.py re-registering Cameo with an action that calls `case_for_target` + `content_take_down`,
  which also applies own_content).
- test_a_moderator_cannot_read_or_search_members_email_addresses_and_birth_dates: the Moderators group holds
  accounts.view_user, and sora_social/accounts/admin.py UserAdmin lists every member's e-mail address and birth date
  (teens' included), searches by address (`search_fields = ["handle", "email"]`), and Django lets any local field
  be a filter (`?email__iexact=`, `?birth_date__gt=`): whether an address has an account, which the sign-up and
  reset flows take care never to tell, and who the teens are, is one query for any moderator. Fix: for staff
  without a separate permission (say accounts.view_personal_data, superusers only), drop email and birth_date from
  list_display, search_fields and the change page's fieldsets (show is_teen instead), and refuse lookups on them in
  `lookup_allowed`.
- test_a_moderator_cannot_ban_or_suspend_a_superuser_from_the_queue: moderation/services.py `_subject_of` refuses
  only the moderator's own account. A moderator suspends and bans an operator through a profile case; the
  operator's admin (sora_social/admin_site.py refuses a restricted account) and app are closed until another
  operator, another moderator's answer to an appeal or a shell undoes it. Fix: `_subject_of` refuses a subject who
  is a superuser (403 `subject_is_operator`) unless the moderator is one.
- test_support_who_may_change_members_cannot_make_themselves_an_operator_or_take_over_one: Django's UserAdmin, kept
  as it is, gives anyone with accounts.change_user the Permissions fieldset and the password form of every account.
  Support (staff who correct birth dates and handles) made themselves superuser and set an operator's password, and
  banned the operator. Fix in UserAdmin: for a non-superuser, is_staff, is_superuser, groups and user_permissions
  are read-only (`get_readonly_fields`), and a staff or superuser row is neither changed nor given a password
  (`has_change_permission(request, obj)` and `user_change_password`) unless by a superuser.
- test_support_cannot_give_an_account_an_address_another_account_holds: UserAdmin saves User.email without
  accounts.services.email_address_claim. The unique index covers the other accounts' own addresses only, so an
  address another member added and verified was given to a second account: two accounts hold one address, which
  the API refuses (400 email_taken: "a reset asked for it mailed both", email_address_claim's docstring). Fix: a
  clean_email in the UserAdmin forms calling email_address_claim (as HandleLooksTakenMixin calls handle_claim).
- test_staff_who_may_change_cameos_cannot_give_one_a_protected_persons_name: cameos/admin.py CameoAdmin leaves
  display_name editable and saves it without cameos.services.check_display_name, so staff with cameos.change_cameo
  named a member's cameo "Taylor Swift" (a protected person) where the owner's own edit is refused 422
  display_name_names_protected_person. Fix: a CameoAdmin form whose clean_display_name calls check_display_name
  (or make display_name read-only with the rest).
- test_a_moderator_deleting_a_protected_person_leaves_a_line_in_the_audit_log: moderators hold
  cameos.delete_protectedperson, and ProtectedPersonAdmin deletes (one or in bulk) with Django's delete only. The
  public figure's name leaves screening and their face the registry, and the moderation audit log says nothing
  (content rules write content_rule.changed/deleted there); only Django's LogEntry, which no admin page lists, keeps
  it. Fix: ProtectedPersonAdmin.delete_model / delete_queryset / save_model record an AuditEvent (from
  moderation/admin.py, which may import moderation.services, or through a listener cameos calls).

HELD (passing):
- A moderator makes themselves no superuser, edits no other staff member, sets nobody's password and opens no group
  (403 everywhere, nothing changed).
- A GET carrying an action's fields (a take-down on the review page, the bulk revocation, a protected person's
  delete) acts on nothing.
- A moderator reads no password hash on a member's page, and a filter on the hash is a 400.
- Staff taken out of the Moderators group, or no longer staff, act on nothing with the admin session they still hold.
- A moderator's app session token as the admin cookie takes nothing down and revokes nothing.
- The review queue opens no verified cameo (its reference crop) by its id, nor its history.
- Staff who may act on cases but not revoke cameos cannot revoke one from its case (a form error), and staff who may
  only view the review queue cannot decide a face in it.
"""

from __future__ import annotations

import base64
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone
from PIL import Image

from cameos.models import Cameo, ProtectedPerson
from moderation import services
from moderation.models import AuditEvent, ModerationAction
from moderation.permissions import MODERATOR_PERMISSIONS, MODERATORS_GROUP
from sora_social.accounts.models import User
from sora_social.notifications.models import Notification
from tests.accounts.admin_forms import user_change_form
from tests.moderation.world import make_moderator, published_post

pytestmark = pytest.mark.django_db

APP_LOGIN = "/_allauth/app/v1/auth/login"
PASSWORD = "correct horse battery"  # make_user's


def staff_with(make_user, handle: str, *codenames: str) -> User:
    """A staff member holding exactly these permissions (no group, not a superuser)."""
    user = make_user(handle, is_staff=True)
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def as_staff(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def review_url(case) -> str:
    return f"/admin/moderation/moderationcase/{case.pk}/change/"


# ---- a moderator's powers, used past the rules of moderation ------------------------------------------------------


def test_a_moderators_revocation_from_the_cameo_list_is_a_decision_with_a_reason_the_owner_can_appeal(
    make_user, make_cameo
):
    alice = make_user("alice")
    cameo = make_cameo(alice, handle="alice_cam")
    moderator = make_moderator(make_user)

    as_staff(moderator).post("/admin/cameos/cameo/", {"action": "revoke_cameos", "_selected_action": [cameo.pk]})

    # Either nothing is revoked without a decision, or the revocation is one: recorded with a reason, audited, told.
    if Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.REVOKED:
        decision = ModerationAction.objects.filter(moderator=moderator, subject=alice).first()
        assert decision is not None, "revoked with no decision the owner can read or appeal"
        assert AuditEvent.objects.filter(action=decision).exists()
        assert Notification.objects.filter(recipient=alice, kind=Notification.Kind.MODERATION).exists()


def test_a_moderator_cannot_read_or_search_members_email_addresses_and_birth_dates(make_user):
    make_user("alice")
    teen = make_user("tina", age=15)
    browser = as_staff(make_moderator(make_user))

    def found(query: dict) -> list[str] | None:
        """The handles a filtered list shows, or None when the filter is refused."""
        response = browser.get("/admin/accounts/user/", query)
        if response.status_code == 400:
            return None
        assert response.status_code == 200
        return sorted(user.handle for user in response.context["cl"].result_list)

    listing = browser.get("/admin/accounts/user/").content.decode()
    page = browser.get(f"/admin/accounts/user/{teen.pk}/change/").content.decode()
    by_address = found({"q": "alice@example.org"})
    # As oracles: an address that has an account and one that has none must answer alike, and so must the teens.
    known, unknown = found({"email__iexact": "alice@example.org"}), found({"email__iexact": "nobody@example.org"})
    adult_cutoff = teen.birth_date.replace(year=teen.birth_date.year - 3).isoformat()
    teens, nobody = found({"birth_date__gt": adult_cutoff}), found({"birth_date__gt": "2999-01-01"})

    assert "alice@example.org" not in listing and "tina@example.org" not in page
    assert not by_address
    assert known == unknown
    assert teens == nobody


def test_a_moderator_cannot_ban_or_suspend_a_superuser_from_the_queue(make_user):
    operator = make_user("operator", age=40, is_staff=True, is_superuser=True)
    moderator = make_moderator(make_user)
    case = services.case_for_target(target_kind="profile", target_id=operator.pk)
    browser = as_staff(moderator)

    browser.post(review_url(case), {"action": "suspend", "days": "90", "reason": "Disagreed with me."})
    browser.post(review_url(case), {"action": "ban", "reason": "Disagreed with me."})

    operator.refresh_from_db()
    assert (operator.banned_at, operator.suspended_until) == (None, None)
    assert as_staff(operator).get("/admin/").status_code == 200


def test_a_moderator_deleting_a_protected_person_leaves_a_line_in_the_audit_log(make_user):
    moderator = make_moderator(make_user)
    one = ProtectedPerson.objects.create(name="Barack Obama", aliases=["President Obama"])
    other = ProtectedPerson.objects.create(name="Taylor Swift", aliases=[])
    browser = as_staff(moderator)

    browser.post(f"/admin/cameos/protectedperson/{one.pk}/delete/", {"post": "yes"})
    browser.post(
        "/admin/cameos/protectedperson/", {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"}
    )

    for person in (one, other):
        if not ProtectedPerson.objects.filter(pk=person.pk).exists():
            assert AuditEvent.objects.filter(actor=moderator, target_id=str(person.pk)).exists(), person.name


def test_a_moderator_makes_themselves_no_superuser_and_edits_no_other_staff(make_user):
    moderator = make_moderator(make_user)
    colleague = make_moderator(make_user, handle="mod2")
    operator = make_user("operator", age=40, is_staff=True, is_superuser=True)
    group = Group.objects.get(name=MODERATORS_GROUP)
    every_permission = list(Permission.objects.values_list("pk", flat=True))
    browser = as_staff(moderator)

    answers = [
        browser.post(
            f"/admin/accounts/user/{moderator.pk}/change/",
            user_change_form(moderator, is_staff="on", is_superuser="on", user_permissions=every_permission),
        ),
        browser.post(f"/admin/accounts/user/{colleague.pk}/change/", user_change_form(colleague, is_staff="")),
        browser.post(
            f"/admin/accounts/user/{operator.pk}/password/",
            {"password1": "a-new-pass-4567!", "password2": "a-new-pass-4567!", "usable_password": "true"},
        ),
        browser.post(f"/admin/auth/group/{group.pk}/change/", {"name": group.name, "permissions": every_permission}),
        browser.post("/admin/auth/group/add/", {"name": "Mine", "permissions": every_permission}),
    ]

    assert [a.status_code for a in answers] == [403] * len(answers)
    moderator.refresh_from_db()
    colleague.refresh_from_db()
    operator.refresh_from_db()
    assert not moderator.is_superuser and not moderator.user_permissions.exists()
    assert colleague.is_staff and colleague.groups.filter(pk=group.pk).exists()
    assert operator.check_password(PASSWORD)
    assert not Group.objects.filter(name="Mine").exists()
    assert group.permissions.count() == len(MODERATOR_PERMISSIONS)


def test_a_get_carrying_an_actions_fields_acts_on_nothing(make_user, make_cameo):
    from feed.models import Post

    author = make_user("author")
    post = published_post(author)
    cameo = make_cameo(make_user("carol"), handle="carol_cam")
    person = ProtectedPerson.objects.create(name="Barack Obama", aliases=[])
    case = services.case_for_target(target_kind="post", target_id=post.pk)
    browser = as_staff(make_moderator(make_user))

    page = browser.get(review_url(case), {"action": "take_down", "reason": "Linked from elsewhere."})
    listing = browser.get("/admin/cameos/cameo/", {"action": "revoke_cameos", "_selected_action": cameo.pk})
    confirm = browser.get(f"/admin/cameos/protectedperson/{person.pk}/delete/", {"post": "yes"})

    # The list answers a GET's unknown parameters with a redirect (?e=1), the review page and the confirmation with a page.
    assert (page.status_code, listing.status_code, confirm.status_code) in ((200, 200, 200), (200, 302, 200))
    assert Post.objects.get(pk=post.pk).taken_down_at is None
    assert not ModerationAction.objects.exists()
    assert Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.VERIFIED
    assert ProtectedPerson.objects.filter(pk=person.pk).exists()


def test_a_moderator_reads_no_password_hash_and_cannot_filter_on_it(make_user):
    alice = make_user("alice")
    *prefix, salt, digest = alice.password.split("$")
    browser = as_staff(make_moderator(make_user))

    page = browser.get(f"/admin/accounts/user/{alice.pk}/change/")
    by_prefix = browser.get("/admin/accounts/user/", {"password__startswith": "$".join(prefix) + "$"})
    exact = browser.get("/admin/accounts/user/", {"password": alice.password})

    assert page.status_code == 200 and "alice" in page.content.decode()
    for secret in (salt, digest, alice.password):
        assert secret not in page.content.decode()
    assert (by_prefix.status_code, exact.status_code) == (400, 400)


# ---- staff whose powers were taken away, or never given -------------------------------------------------------------


@pytest.mark.parametrize("taken_away", ["group", "staff"])
def test_staff_whose_powers_were_taken_away_act_on_nothing_with_the_session_they_hold(make_user, make_cameo, taken_away):
    from feed.models import Post

    moderator = make_moderator(make_user)
    post = published_post(make_user("author"))
    cameo = make_cameo(make_user("carol"), handle="carol_cam")
    case = services.case_for_target(target_kind="post", target_id=post.pk)
    browser = as_staff(moderator)
    assert browser.get(review_url(case)).status_code == 200
    # Given: the session stays, the powers go.
    if taken_away == "group":
        moderator.groups.clear()
    else:
        User.objects.filter(pk=moderator.pk).update(is_staff=False)

    take_down = browser.post(review_url(case), {"action": "take_down", "reason": "Spam."})
    revoke = browser.post("/admin/cameos/cameo/", {"action": "revoke_cameos", "_selected_action": [cameo.pk]})

    assert take_down.status_code in (302, 403) and revoke.status_code in (302, 403)
    if taken_away == "staff":
        assert take_down["Location"].startswith("/admin/login/")
    assert Post.objects.get(pk=post.pk).taken_down_at is None
    assert not ModerationAction.objects.exists()
    assert Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.VERIFIED


def test_a_moderators_app_session_token_as_the_admin_cookie_takes_nothing_down(make_user, make_cameo):
    from feed.models import Post

    make_moderator(make_user)
    post = published_post(make_user("author"))
    cameo = make_cameo(make_user("carol"), handle="carol_cam")
    case = services.case_for_target(target_kind="post", target_id=post.pk)
    signed_in = Client().post(APP_LOGIN, {"username": "mod", "password": PASSWORD}, content_type="application/json")
    token = signed_in.json()["meta"]["session_token"]
    browser = Client()
    browser.cookies["sessionid"] = token

    answers = [
        browser.post(review_url(case), {"action": "take_down", "reason": "Spam."}),
        browser.post("/admin/cameos/cameo/", {"action": "revoke_cameos", "_selected_action": [cameo.pk]}),
        browser.get(f"/admin/moderation/moderationcase/{case.pk}/media/video/"),
    ]

    assert all(a.status_code == 302 and a["Location"].startswith("/admin/login/") for a in answers), [
        a.status_code for a in answers
    ]
    assert Post.objects.get(pk=post.pk).taken_down_at is None
    assert Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.VERIFIED
    assert not ModerationAction.objects.exists()


# ---- biometrics and faces ---------------------------------------------------------------------------------------


def test_the_review_queue_opens_no_verified_cameo_and_so_no_reference_crop(make_user, make_cameo):
    from cameos import biometrics

    crop = png()
    verified = make_cameo(
        make_user("carol"), handle="carol_cam", reference_image_encrypted=biometrics.encrypt_bytes(crop)
    )
    browser = as_staff(make_moderator(make_user))
    url = f"/admin/cameos/cameoawaitingreview/{verified.pk}/"

    answers = [browser.get(url + "change/"), browser.get(url + "history/"), browser.get(url + "change/", follow=True)]

    assert [a.status_code for a in answers[:2]] == [302, 302]
    encoded = base64.b64encode(crop).decode()
    for answer in answers:
        assert encoded not in answer.content.decode()
        assert "data:image/png" not in answer.content.decode()


def test_staff_without_the_revoke_or_review_permission_cannot_revoke_or_verify_by_another_door(make_user, make_cameo):
    owner = make_user("carol")
    cameo = make_cameo(owner, handle="carol_cam")
    waiting = make_cameo(
        make_user("dave"), handle="dave_face", status="pending_review",
        review_matches=[{"kind": "protected", "ref_id": "1", "distance": 0.6}],
    )
    case = services.case_for_target(target_kind="cameo", target_id=cameo.pk)
    # Given: one may act on cases but was not given cameos.revoke_cameo; another may only look at the review queue.
    actor = staff_with(make_user, "actor", "view_moderationcase", "act_on_case")
    looker = staff_with(make_user, "looker", "view_cameoawaitingreview")

    taken_down = as_staff(actor).post(review_url(case), {"action": "take_down", "reason": "Impersonates someone."})
    decided = as_staff(looker).post(
        f"/admin/cameos/cameoawaitingreview/{waiting.pk}/change/",
        {"decision": "verified", "reason": "Compared the faces: someone else."},
    )

    assert taken_down.status_code == 200 and "Only a moderator may revoke" in taken_down.content.decode()
    assert decided.status_code == 403
    assert Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.VERIFIED
    assert Cameo.objects.get(pk=waiting.pk).status == Cameo.Status.PENDING_REVIEW
    assert not ModerationAction.objects.exists()


# ---- support and operators: account edits past the rules members meet ----------------------------------------------


def test_support_who_may_change_members_cannot_make_themselves_an_operator_or_take_over_one(make_user):
    support = staff_with(make_user, "support", "view_user", "change_user")
    operator = make_user("operator", age=40, is_staff=True, is_superuser=True)
    kept = list(support.user_permissions.values_list("pk", flat=True))
    browser = as_staff(support)

    browser.post(
        f"/admin/accounts/user/{operator.pk}/password/",
        {"password1": "a-new-pass-4567!", "password2": "a-new-pass-4567!", "usable_password": "true"},
    )
    browser.post(
        f"/admin/accounts/user/{operator.pk}/change/",
        user_change_form(
            operator, is_staff="on", is_superuser="on",
            banned_at_0=timezone.now().date().isoformat(), banned_at_1="00:00",
        ),
    )
    browser.post(
        f"/admin/accounts/user/{support.pk}/change/",
        user_change_form(
            support, is_staff="on", is_superuser="on", user_permissions=kept,
            groups=[Group.objects.get(name=MODERATORS_GROUP).pk],
        ),
    )

    operator.refresh_from_db()
    support.refresh_from_db()
    assert operator.check_password(PASSWORD)
    assert operator.banned_at is None and operator.is_superuser
    assert not support.is_superuser
    assert not support.groups.exists()


def test_support_cannot_give_an_account_an_address_another_account_holds(make_user):
    from allauth.account.models import EmailAddress

    alice, bob = make_user("alice"), make_user("bob")
    EmailAddress.objects.create(user=alice, email="alice.work@example.org", verified=True, primary=False)
    browser = as_staff(make_user("operator", age=40, is_staff=True, is_superuser=True))

    own_address = browser.post(f"/admin/accounts/user/{bob.pk}/change/", user_change_form(bob, email="alice@example.org"))
    added_address = browser.post(
        f"/admin/accounts/user/{bob.pk}/change/", user_change_form(bob, email="alice.work@example.org")
    )

    bob.refresh_from_db()
    assert own_address.status_code == 200  # the unique index covers the other account's own address
    assert added_address.status_code == 200, "saved"
    assert bob.email == "bob@example.org"


def test_staff_who_may_change_cameos_cannot_give_one_a_protected_persons_name(make_user, make_cameo):
    from cameos.services import CameoError, check_display_name

    ProtectedPerson.objects.create(name="Taylor Swift", aliases=["Tay Swift"])
    cameo = make_cameo(make_user("carol"), handle="carol_cam")
    for refused in ("Taylor Swift", "\u202etfiwS rolyaT"):  # what the owner's own edit meets
        with pytest.raises(CameoError):
            check_display_name(refused, cameo_id=cameo.pk)
    browser = as_staff(staff_with(make_user, "editor", "view_cameo", "change_cameo"))

    named = browser.post(f"/admin/cameos/cameo/{cameo.pk}/change/", {"display_name": "Taylor Swift", "review_matches": "[]"})
    flipped = browser.post(
        f"/admin/cameos/cameo/{cameo.pk}/change/", {"display_name": "\u202etfiwS rolyaT", "review_matches": "[]"}
    )

    cameo.refresh_from_db()
    assert (named.status_code, flipped.status_code) == (200, 200)
    assert cameo.display_name == "carol_cam"
