"""The moderator queue in Django admin, driven through Django's test client: what it shows and what it refuses."""

import pytest
from django.contrib.auth.models import Group, Permission

from moderation import services
from moderation.models import AuditEvent, ModerationAction, ModerationCase
from moderation.permissions import MODERATOR_PERMISSIONS, MODERATORS_GROUP
from sora_social.content_policy.models import ContentRule
from tests.moderation.world import published_post

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/moderationcase/"


def review_url(case) -> str:
    return f"{QUEUE}{case.pk}/change/"


@pytest.fixture
def admin_client_for(client):
    def make(user):
        client.force_login(user)
        return client

    return make


def report_many(post, reporters, reason):
    for reporter in reporters:
        services.report_create(reporter=reporter, target_type="post", target_id=str(post.pk), reason=reason)
    return ModerationCase.objects.get(target_kind="post", target_id=post.pk, status="open")


def test_the_moderators_group_holds_exactly_its_explicit_permissions(moderator):
    group = Group.objects.get(name=MODERATORS_GROUP)
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert held == set(MODERATOR_PERMISSIONS)
    assert not moderator.is_superuser
    assert moderator.has_perm("moderation.act_on_case")
    assert not moderator.has_perm("accounts.change_user")
    assert not moderator.has_perm("content_policy.delete_contentrule")


def test_the_queue_orders_open_targets_by_severity_then_report_count(make_user, moderator, admin_client_for):
    people = [make_user(f"r{i}") for i in range(4)]
    author = make_user("author")
    copyright_many = report_many(published_post(author), people[:3], "copyright")
    minor = report_many(published_post(author), people[:1], "minor_safety")
    harassment = report_many(published_post(author), people[:2], "harassment")
    harassment_few = report_many(published_post(author), people[:1], "harassment")
    closed = report_many(published_post(author), people[:1], "sexual_content")
    services.case_dismiss(case=closed, moderator=moderator, reason="Fine.")

    response = admin_client_for(moderator).get(QUEUE)

    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert shown == [minor, harassment, harassment_few, copyright_many]
    body = response.content.decode()
    assert "copyright ×3" in body and "critical" in body


def test_the_review_page_shows_video_prompt_cameos_and_history(make_user, moderator, admin_client_for, make_cameo, faces_dir):
    owner, author = make_user("owner"), make_user("author")
    cameo = make_cameo(owner, handle="ownerface", level="everyone")
    post = published_post(author, prompt="@ownerface dancing in the rain", cameos=[cameo], video=faces_dir / "short_hamilton_clip.mp4")
    older = published_post(author)
    services.content_take_down(
        case=services.case_for_target(target_kind="post", target_id=older.pk), moderator=moderator, reason="Old spam."
    )
    case = report_many(post, [make_user("alice")], "likeness_misuse")

    response = admin_client_for(moderator).get(review_url(case))

    assert response.status_code == 200
    body = response.content.decode()
    assert "@ownerface dancing in the rain" in body
    assert f'src="{QUEUE}{case.pk}/media/video/"' in body
    assert "<video" in body
    assert "@ownerface" in body and "@owner" in body and ">verified<" in body and ">live<" in body
    history = response.context["history"]
    assert (history.posts, history.posts_taken_down) == (2, 1)
    assert [d.reason for d in history.previous_decisions] == ["Old spam."]
    assert "Old spam." in body


def test_the_video_is_served_to_moderators_only_with_byte_ranges(make_user, moderator, client, faces_dir):
    path = faces_dir / "short_hamilton_clip.mp4"
    post = published_post(make_user("author"), video=path)
    case = report_many(post, [make_user("alice")], "other")
    url = f"{QUEUE}{case.pk}/media/video/"
    size = path.stat().st_size

    client.force_login(moderator)
    whole = client.get(url)
    part = client.get(url, HTTP_RANGE="bytes=100-199")
    tail = client.get(url, HTTP_RANGE="bytes=-50")
    bad = client.get(url, HTTP_RANGE=f"bytes={size + 10}-")
    # The last zero bytes are nothing to send: a 416, not a 206 with an inverted Content-Range (until 2026-12-07).
    last_none = client.get(url, HTTP_RANGE="bytes=-0")

    assert whole.status_code == 200 and whole["Content-Type"] == "video/mp4"
    assert b"".join(whole.streaming_content) == path.read_bytes()
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 100-199/{size}"
    assert b"".join(part.streaming_content) == path.read_bytes()[100:200]
    assert b"".join(tail.streaming_content) == path.read_bytes()[-50:]
    assert bad.status_code == 416
    assert (last_none.status_code, last_none["Content-Range"]) == (416, f"bytes */{size}")
    assert "no-store" in whole["Cache-Control"]

    client.logout()
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(make_user("member"))
    assert client.get(url).status_code == 302
    client.force_login(make_user("staff_only", is_staff=True))
    assert client.get(url).status_code == 404


def test_taking_down_from_the_review_page(make_user, moderator, admin_client_for):
    from feed.selectors import posts_visible_to

    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    case = report_many(post, [alice], "harassment")

    response = admin_client_for(moderator).post(
        review_url(case), {"action": "take_down", "reason": "Names and insults a private person."}
    )

    assert response.status_code == 302
    assert not posts_visible_to(alice).filter(pk=post.pk).exists()
    action = ModerationAction.objects.get()
    assert (action.kind, action.moderator, action.reason) == ("take_down", moderator, "Names and insults a private person.")
    assert AuditEvent.objects.filter(action=action).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "take_down", "reason": ""}, "Every moderation action needs a reason"),
        ({"action": "take_down", "reason": "   "}, "Every moderation action needs a reason"),
        ({"action": "suspend", "reason": "Harassment."}, "Choose how long the suspension lasts"),
        ({"reason": "Something."}, "Choose an action"),
        ({"action": "delete_everything", "reason": "x"}, "Select a valid choice"),
        ({"action": "take_down", "reason": "r" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_actions_are_form_errors_not_500s(make_user, moderator, admin_client_for, data, message):
    post = published_post(make_user("author"))
    case = report_many(post, [make_user("alice")], "harassment")

    response = admin_client_for(moderator).post(review_url(case), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ModerationAction.objects.exists()
    post.refresh_from_db()
    assert post.taken_down_at is None


def test_a_refused_service_action_is_a_form_error(make_user, moderator, admin_client_for, make_cameo):
    owner = make_user("owner")
    cameo = make_cameo(owner)
    services.report_create(reporter=make_user("alice"), target_type="cameo", target_id=str(cameo.pk), reason="impersonation")
    case = ModerationCase.objects.get()
    client = admin_client_for(moderator)
    client.post(review_url(case), {"action": "take_down", "reason": "Fake."})
    # The same case, already closed; a second take-down of a revoked cameo is refused by the service.
    response = client.post(review_url(case), {"action": "take_down", "reason": "Again."})
    assert response.status_code == 200
    assert "only a live cameo can be taken down" in response.content.decode()
    assert ModerationAction.objects.count() == 1


def test_staff_without_the_group_cannot_open_the_queue_or_act(make_user, admin_client_for):
    staff = make_user("staffer", is_staff=True)
    post = published_post(make_user("author"))
    case = report_many(post, [make_user("alice")], "harassment")
    client = admin_client_for(staff)
    assert client.get(QUEUE).status_code == 403
    assert client.post(review_url(case), {"action": "take_down", "reason": "x"}).status_code in (302, 403)
    assert not ModerationAction.objects.exists()


def test_viewing_without_the_act_permission_shows_no_form(make_user, admin_client_for):
    viewer = make_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_moderationcase"))
    case = report_many(published_post(make_user("author")), [make_user("alice")], "harassment")
    client = admin_client_for(viewer)
    assert "case-action-form" not in client.get(review_url(case)).content.decode()
    assert client.post(review_url(case), {"action": "take_down", "reason": "x"}).status_code == 403


def test_appeals_appear_in_the_queue_and_can_be_decided_there(make_user, moderator, second_moderator, admin_client_for):
    from feed.selectors import posts_visible_to

    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    case = report_many(post, [alice], "harassment")
    action = services.content_take_down(case=case, moderator=moderator, reason="Insults.")
    services.appeal_create(action=action, appellant=author, text="They insulted me first; here is the thread.")
    client = admin_client_for(second_moderator)  # an appeal is another moderator's to answer

    queue = client.get(QUEUE)
    page = client.get(review_url(case))
    decided = client.post(review_url(case), {"action": "overturn", "reason": "Provocation shown; restoring."})

    assert list(queue.context["cl"].result_list) == [case]
    assert "They insulted me first" in page.content.decode()
    assert decided.status_code == 302
    assert posts_visible_to(alice).filter(pk=post.pk).exists()


@pytest.mark.parametrize(
    ("kind", "value", "field_error"),
    [
        ("pattern", "(unclosed", "Invalid pattern"),
        ("pattern", "(a+)+$", "nests quantifiers"),
        ("term", "   ", "This field is required"),
        ("category", "violence", "strict_threshold"),
    ],
)
def test_content_rules_are_validated_on_save(moderator, admin_client_for, kind, value, field_error):
    before = ContentRule.objects.count()
    data = {"code": "test_rule", "kind": kind, "value": value, "threshold": "0.5", "strict_threshold": "0.9",
            "severity": "2", "enabled": "on", "description": ""}
    response = admin_client_for(moderator).post("/admin/content_policy/contentrule/add/", data)
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert ContentRule.objects.count() == before


def test_a_valid_rule_is_saved_audited_and_screens_at_once(moderator, admin_client_for):
    from sora_social.content_policy.screening import screen_prompt
    from sora_social.content_policy.selectors import screening_rules

    data = {"code": "fireworks", "kind": "pattern", "value": r"\bfire\s*works?\b", "threshold": "0.55",
            "strict_threshold": "0.45", "severity": "2", "enabled": "on", "description": "Test rule"}
    response = admin_client_for(moderator).post("/admin/content_policy/contentrule/add/", data)

    assert response.status_code == 302
    rule = ContentRule.objects.get(code="fireworks")
    assert AuditEvent.objects.filter(verb="content_rule.created", target_id=str(rule.pk), actor=moderator).exists()
    terms_only = [r for r in screening_rules() if r.kind != "category"]
    assert screen_prompt("big fireworks over the bay", rules=terms_only).reason == "fireworks"


def test_moderators_maintain_protected_persons_which_feed_screening(make_user, moderator, admin_client_for, faces_dir, make_cameo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cameos.models import ProtectedPerson
    from generation.services import GenerationRefused, screen_generation_prompt

    # Only the names matter here; the embedding rules would load the sentence model for nothing.
    ContentRule.objects.filter(kind="category").update(enabled=False)
    client = admin_client_for(moderator)
    photo = SimpleUploadedFile("obama.jpg", (faces_dir / "obama.jpg").read_bytes(), content_type="image/jpeg")
    response = client.post(
        "/admin/cameos/protectedperson/add/",
        {"name": "Barack Obama", "aliases": '["President Obama"]', "photo": photo, "note": "public figure"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = ProtectedPerson.objects.get(name="Barack Obama")
    assert person.encodings_encrypted  # face encodings made from the uploaded photo

    # A photo with two faces cannot stand for one person: it is refused with a message, and no face is stored.
    crowd = SimpleUploadedFile("two.jpg", (faces_dir / "two_people.jpg").read_bytes(), content_type="image/jpeg")
    refused = client.post("/admin/cameos/protectedperson/add/", {"name": "Two People", "aliases": "[]", "photo": crowd}, follow=True)
    assert "exactly one face" in refused.content.decode()
    assert not ProtectedPerson.objects.filter(name="Two People").exclude(encodings_encrypted=None).exists()

    creator = make_user("creator")
    with pytest.raises(GenerationRefused) as refused:
        screen_generation_prompt(prompt="president obama eating ice cream", actor=creator, cameos=[])
    assert "public_figure" in refused.value.extra["reasons"]

    # With their own verified cameo in the video, their consent covers their name.
    own = make_cameo(make_user("barack"), handle="barack", level="everyone")
    person.own_cameo = own
    person.save(update_fields=["own_cameo"])
    screen_generation_prompt(prompt="@barack as Barack Obama eating ice cream", actor=creator, cameos=[own])


def test_a_protected_persons_own_cameo_is_theirs_and_not_named_by_a_moderator_for_themself(
    make_user, moderator, second_moderator, admin_client_for, make_cameo
):
    import numpy as np

    from cameos import biometrics
    from cameos.models import ProtectedPerson
    from cameos.services import CameoError, protected_person_save

    def face(seed: int) -> bytes:
        return biometrics.encrypt_encodings([np.random.default_rng(seed).normal(0, 0.1, 128)])

    # Their own cameo lets whoever may cast it put the protected face and name in a video, where nobody else may.
    person = ProtectedPerson.objects.create(name="Barack Obama", aliases=["President Obama"])
    mine = make_cameo(moderator, handle="mod_cam", encodings_encrypted=face(1))
    pet = make_cameo(make_user("barack"), handle="barack_dog", kind="pet", encodings_encrypted=face(1))
    waiting = make_cameo(make_user("obama2"), handle="barack_x", status="pending_review", encodings_encrypted=face(1))
    someone_else = make_cameo(make_user("bob"), handle="bob_cam", encodings_encrypted=face(2))
    real = make_cameo(make_user("obama"), handle="barack", encodings_encrypted=face(1))
    page = f"/admin/cameos/protectedperson/{person.pk}/change/"

    def name_own(client, cameo):
        form = {"name": person.name, "aliases": '["President Obama"]', "note": "", "own_cameo": cameo.pk}
        return client.post(page, form)

    # Before the person has a photo, no cameo can be shown to be them.
    refused = name_own(admin_client_for(second_moderator), real)
    assert refused.status_code == 200 and "photo first" in refused.content.decode()
    ProtectedPerson.objects.filter(pk=person.pk).update(encodings_encrypted=face(1))
    person.refresh_from_db()
    # A moderator's own cameo, a pet's, one still waiting for review, or someone else's face is a form error, and
    # nothing is saved.
    for cameo, message in (
        (mine, "Another moderator"),
        (pet, "verified cameo of a person"),
        (waiting, "verified cameo"),
        (someone_else, "not the person"),
    ):
        refused = name_own(admin_client_for(moderator), cameo)
        assert refused.status_code == 200 and message in refused.content.decode(), cameo.handle
        assert ProtectedPerson.objects.get(pk=person.pk).own_cameo_id is None
    # The service refuses it too, for any path that is not the admin form.
    person.own_cameo = mine
    with pytest.raises(CameoError) as refused:
        protected_person_save(person=person, moderator=moderator)
    assert refused.value.code == "own_cameo_refused"
    assert ProtectedPerson.objects.get(pk=person.pk).own_cameo_id is None

    # Another moderator may name the person's verified cameo with their face; later edits by the first still save.
    assert name_own(admin_client_for(second_moderator), real).status_code == 302
    assert ProtectedPerson.objects.get(pk=person.pk).own_cameo_id == real.pk
    assert name_own(admin_client_for(moderator), real).status_code == 302


def test_every_kind_of_target_has_a_review_page(make_user, moderator, admin_client_for, make_cameo):
    from feed.models import Comment

    author, alice = make_user("author"), make_user("alice")
    post = published_post(make_user("poster"))
    comment = Comment.objects.create(post=post, author=author, body="a rude comment about alice")
    cameo = make_cameo(author, handle="authorcam")
    author.profile.bio = "my rude bio"
    author.profile.save(update_fields=["bio"])
    for kind, ref in (("comment", comment.pk), ("cameo", cameo.pk), ("profile", "author")):
        services.report_create(reporter=alice, target_type=kind, target_id=str(ref), reason="harassment")
    client = admin_client_for(moderator)

    pages = {case.target_kind: client.get(review_url(case)) for case in ModerationCase.objects.all()}

    assert {kind: page.status_code for kind, page in pages.items()} == {"comment": 200, "cameo": 200, "profile": 200}
    assert "a rude comment about alice" in pages["comment"].content.decode()
    assert "my rude bio" in pages["profile"].content.decode()
    profile_choices = [value for value, _ in pages["profile"].context["form"].fields["action"].choices]
    assert "take_down" not in profile_choices and {"warn", "suspend", "ban", "dismiss"} <= set(profile_choices)
    assert "take_down" in [value for value, _ in pages["cameo"].context["form"].fields["action"].choices]


def test_the_queue_page_costs_the_same_queries_for_few_or_many_targets(make_user, moderator, admin_client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    author, reporters = make_user("author"), [make_user(f"r{i}") for i in range(3)]
    client = admin_client_for(moderator)
    report_many(published_post(author), reporters[:1], "other")
    with CaptureQueriesContext(connection) as few:
        assert client.get(QUEUE).status_code == 200
    for _ in range(12):
        report_many(published_post(make_user()), reporters, "harassment")
    with CaptureQueriesContext(connection) as many:
        response = client.get(QUEUE)
    assert len(response.context["cl"].result_list) == 13
    assert len(many.captured_queries) == len(few.captured_queries)


def test_not_even_a_superuser_can_give_or_change_consent_in_admin(make_user, admin_client_for, make_cameo):
    from cameos.models import Grant
    from cameos.services import grant_create

    operator = make_user("operator", is_staff=True, is_superuser=True)
    alice, bob = make_user("alice"), make_user("bob")
    cameo = make_cameo(alice, handle="alice_cam", level="only_me")
    grant = grant_create(cameo=cameo, actor=alice, grantee=bob)
    client = admin_client_for(operator)

    # The cameo's consent fields are shown, not editable: a posted change leaves them as they were.
    page = client.get(f"/admin/cameos/cameo/{cameo.pk}/change/")
    assert page.status_code == 200 and b'name="level"' not in page.content
    client.post(f"/admin/cameos/cameo/{cameo.pk}/change/", {"level": "everyone", "display_name": "Alice"})
    cameo.refresh_from_db()
    assert cameo.level == "only_me" and cameo.consent_version == 2  # 1, then the grant
    # Grants can be read, not added, changed or deleted.
    assert client.get("/admin/cameos/grant/").status_code == 200
    assert client.get("/admin/cameos/grant/add/").status_code == 403
    assert client.post(f"/admin/cameos/grant/{grant.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Grant.objects.filter(pk=grant.pk).exists()
    assert client.get("/admin/cameos/cameo/add/").status_code == 403
