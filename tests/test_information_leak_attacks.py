"""Information-leak attacks (2026-12-07): an attacker tries to learn, through the API, something they may not see.

Each attack is a test. One the code refuses passes, asserting the refusal and that nothing leaked (the whole answer
for "exists but hidden" compared with the answer for "does not exist"). One that gets through asserts the secure
behaviour and is a strict xfail naming what leaks.

Got through: 12 cases. 10 were mended the same day (their tests pass now), 2 are left as strict xfails, marked below.
- A render stopped because the cameo's owner blocked the creator ends with `state_reason`
  "consent_denied:@cam:blocked", shown to the creator by GET /generations/{id}/
  (test_a_render_stopped_by_what_must_not_be_told_does_not_say_why[block]) and pushed on the socket's
  `generation.state` event (test_the_socket_does_not_tell_the_creator_about_the_block). README and
  `cameos.policy.DISCLOSED_REASONS` say a block is never disclosed. Mended: the reason is told only where the door's
  reason may be (`cameos.policy.reason_to_tell`), "unavailable" otherwise.
- The same for a moderator's revocation of the cameo, "consent_denied:@cam:cameo_revoked"
  ([revocation]), and for the owner's deactivated account, "consent_denied:@cam:owner_inactive" ([deactivation]). The control,
  a lowered level (only_me, a reason the door may disclose), shows the rule the leak breaks
  (test_a_render_stopped_by_a_lowered_level_may_say_so, passing). Mended as above.
- A moderator's revocation of a cameo, and a moderator's removal of an appearance, are written into the consent
  audit with the moderator as actor; GET /cameos/{id}/audit/ shows the moderator's handle to the owner, while
  decisions and notifications never name a moderator
  (test_the_cameo_audit_does_not_name_the_moderator_who_revoked_it,
  test_the_cameo_audit_does_not_name_the_moderator_who_removed_an_appearance). Mended: the owner's audit names no
  actor for a moderator's action (purpose admin) nor for a screening entry.
- Output screening: the owner of a face drawn without consent is told "a video was stopped, not by whom", but
  GET /cameos/{id}/audit/ names the creator (render, denied, subject "job:N:screening")
  (test_the_owner_of_a_face_stopped_by_screening_is_not_told_who_by_the_audit). Mended, as above.
- Output screening: the creator of that render reads `state_reason` "unconsented_likeness:@handle", the cameo handle
  of a person who blocked them, whose face the render drew
  (test_screening_does_not_name_to_the_creator_a_cameo_whose_owner_blocked_them). Mended: the handle is named only
  where the door's reason may be told.
- `counts.remixes` of a public post counts a private remix that nobody else may see, and that its author was not
  even notified of (test_a_private_remix_is_not_counted_on_its_public_parent). Mended: a parent counts its public
  remixes (remix.services._count_on_parent; migration remix 0002 recounts).
- `counts.comments` kept counting the comments of a banned member, which the list no longer shows
  (test_a_banned_members_comments_are_not_counted). Left as a strict xfail that day; mended later the same day: a
  post's count is recounted from its comments at every change (`feed.services.reactions.post_comments_recount`),
  a change of the author's standing included (tests/feed/test_comment_counts.py).
- POST /users/{handle}/block/ answers 204 for someone who blocked you and for a banned member, 404 for nobody,
  while their profile is a 404 like nobody's (test_someone_who_blocked_me_looks_like_nobody_to_the_block_endpoint,
  test_a_banned_member_looks_like_nobody_to_the_block_endpoint). LEFT by choice (strict xfails): anyone may block
  anyone, someone who blocked them first included (tests/test_authorization_matrix.py), and a handle's existence is
  public anyway (sign-up answers username_taken).
- Found after the round (2026-12-07, later): a banned member's `everyone` cameo stayed in GET /cameos/usable/ and
  was cast at submit and rendered, though a banned member can no longer sign in to see, delete or revoke what is
  made with their face (test_a_banned_members_cameo_is_nobodys_to_cast_until_the_ban_is_lifted,
  test_a_render_stopped_by_what_must_not_be_told_does_not_say_why[ban]). Mended: the door reads a banned owner as an
  inactive one (`cameos.policy`, rule 1), and the cameo is back as it was when the ban is lifted.

Held (passing):
- A prompt mentioning a cameo hidden by a block, a moderator's revocation or a deactivated owner is refused at
  submit with one and the same answer (403 cameo_unavailable, no reason).
- Every post endpoint (detail, comments, remixes, lineage, like, unlike, view, comment, edit, delete, remix,
  report, delete a comment) answers a private, followers-only, taken-down, deleted post and a post of someone who
  blocked you exactly as a missing id.
- Profiles of someone who blocked you, of a banned and of a deactivated member answer as nobody's, also to follow,
  unfollow, a grant and its revocation, their posts list (?author=) and a report of the profile.
- Someone else's generation, appearance, cameo (detail, edit, delete, thumbnail, grants, audit, appearances, face
  searches) answer as a missing one.
- A video withdrawn by a block, by a moderator's revocation and by a lowered level reads the same to its creator
  (notification, REST and socket, hidden_reason, state_reason): no actor and no reason but "consent_revoked".
- Signed media: a draft's files signed for a stranger, and a viewer's URL after the author blocked them or made the
  post private, answer the 404 of a forged token.
- A held comment: the post's author and other viewers neither see it, nor count it, nor are notified (REST or
  socket); its cameo owner sees it and is told, without its text in the notification.
- A private remix does not notify the parent's author.
- Reports: the reported person's decisions and notifications name neither the reporter nor the moderator.
- Provenance: a private video's file gives the same kind of answer as a public one's (no post id, no author).

Looked at and not written as leaks (by design, or weaker than the above): a signed media URL is a bearer URL (the
viewer bound in it is whose access is re-checked, not who presents it; its payload, base64 and unencrypted, shows the
viewer's numeric id and the file's public_ref); a lineage
shows how many hidden ancestors a remix has; the parental `new_parent_linked` notification names the new parent to a
former parent (documented, needed to judge a contest); find-my-face's `closest_distance` and `faces_seen` tell a
video of nobody from a video of someone else (about the uploaded file only, never who).
"""

from __future__ import annotations

import hashlib
import json
import secrets

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.feed.conftest import make_draft, publish  # noqa: F401 - fixtures
from tests.generation.test_output_screening import draws  # noqa: F401 - fixture
from tests.generation.test_output_screening import queued_job as screening_job
from tests.moderation.world import make_moderator, queued_job

pytestmark = pytest.mark.django_db


# ---- helpers ------------------------------------------------------------------------------------------------------


def answer(response) -> tuple[int, object]:
    """The whole answer: status and body (None for an empty one)."""
    return response.status_code, (response.json() if response.content else None)


def queued_with(owner, cameos, prompt="a person waves at the camera"):
    job = queued_job(owner, prompt)
    job.cameos.set(cameos)
    return job


def missing_post_id() -> int:
    from feed.models import Post

    return (Post.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 10_000


def missing_job_id() -> int:
    from generation.models import GenerationJob

    return (GenerationJob.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 10_000


def missing_cameo_id() -> int:
    from cameos.models import Cameo

    return (Cameo.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 10_000


@pytest.fixture
def moderator(make_user):
    return make_moderator(make_user, handle="zq_staff")


@pytest.fixture
def pushed(monkeypatch):
    """What the socket would carry: every event pushed to a person, as (user id, event, payload)."""
    events: list[tuple[int, str, dict]] = []

    def record(*, user_id, event, payload):
        events.append((user_id, event, payload))

    monkeypatch.setattr("generation.services.push_event", record)
    monkeypatch.setattr("sora_social.notifications.services.push_event", record)
    return events


# ---- generation state: why a render was stopped --------------------------------------------------------------------


def _block_the_creator(owner, cameo, creator, moderator) -> None:
    from sora_social.accounts.services import user_block

    user_block(blocker=owner, blocked=creator)


def _revoke_the_cameo(owner, cameo, creator, moderator) -> None:
    from moderation import services as moderation

    moderation.content_take_down(
        case=moderation.case_for_target(target_kind="cameo", target_id=cameo.pk), moderator=moderator, reason="fake"
    )


def _deactivate_the_owner(owner, cameo, creator, moderator) -> None:
    from sora_social.accounts.models import User

    User.objects.filter(pk=owner.pk).update(is_active=False)


def _ban_the_owner(owner, cameo, creator, moderator) -> None:
    from moderation import services as moderation

    moderation.user_ban(case=moderation.case_for_target(target_kind="profile", target_id=owner.pk), moderator=moderator, reason="x")


@pytest.mark.parametrize(
    "stop",
    [_block_the_creator, _revoke_the_cameo, _deactivate_the_owner, _ban_the_owner],
    ids=["block", "revocation", "deactivation", "ban"],
)
def test_a_render_stopped_by_what_must_not_be_told_does_not_say_why(make_user, make_cameo, moderator, client_for, stop):
    """Until 2026-12-07 the creator read "consent_denied:@owner_cam:blocked" (or cameo_revoked, owner_inactive)."""
    from generation import services

    creator, owner = make_user("creator"), make_user("owner")
    cameo = make_cameo(owner, handle="owner_cam", level="everyone")
    job = queued_with(creator, [cameo], prompt="@owner_cam waves at the camera")
    stop(owner, cameo, creator, moderator)

    services.generation_render(job_id=job.pk)

    body = client_for(creator).get(f"/api/v1/generations/{job.pk}/").json()
    # As the API says it everywhere else: the cameo is unavailable, not why.
    assert (body["state"], body["state_reason"]) == ("blocked", "consent_denied:@owner_cam:unavailable")


def test_the_socket_does_not_tell_the_creator_about_the_block(make_user, make_cameo, pushed):
    from generation import services
    from sora_social.accounts.services import user_block

    creator, owner = make_user("creator"), make_user("owner")
    cameo = make_cameo(owner, handle="owner_cam", level="everyone")
    job = queued_with(creator, [cameo], prompt="@owner_cam waves at the camera")
    user_block(blocker=owner, blocked=creator)

    services.generation_render(job_id=job.pk)

    states = [payload for user_id, event, payload in pushed if event == "generation.state" and user_id == creator.pk]
    assert states and states[-1]["state"] == "blocked"
    assert all("blocked" not in (payload["reason"] or "") for payload in states)


def test_a_render_stopped_by_a_lowered_level_may_say_so(make_user, make_cameo, client_for):
    """The control: a reason the door may disclose (only_me) is shown, so the refusal above is a leak, not a rule."""
    from cameos.services import cameo_update
    from generation import services

    creator, owner = make_user("creator"), make_user("owner")
    cameo = make_cameo(owner, handle="owner_cam", level="everyone")
    job = queued_with(creator, [cameo], prompt="@owner_cam waves at the camera")
    cameo_update(cameo=cameo, actor=owner, level="only_me")

    services.generation_render(job_id=job.pk)

    body = client_for(creator).get(f"/api/v1/generations/{job.pk}/").json()
    assert (body["state"], body["state_reason"]) == ("blocked", "consent_denied:@owner_cam:only_me")


def test_a_mention_of_a_hidden_cameo_reads_the_same_whatever_hid_it(make_user, make_cameo, moderator, client_for, no_dispatch):
    """At submit the door's refusal names the cameo and no reason: a block, a moderator's revocation and a
    deactivated owner read alike."""
    from moderation import services as moderation
    from sora_social.accounts.models import User
    from sora_social.accounts.services import user_block

    me = make_user("me")
    owners = {why: make_user(f"owner_{why}") for why in ("block", "revoked", "gone", "banned")}
    cameos = {why: make_cameo(owner, handle=f"cam_{why}", level="everyone") for why, owner in owners.items()}
    user_block(blocker=owners["block"], blocked=me)
    moderation.content_take_down(
        case=moderation.case_for_target(target_kind="cameo", target_id=cameos["revoked"].pk), moderator=moderator, reason="x"
    )
    User.objects.filter(pk=owners["gone"].pk).update(is_active=False)
    moderation.user_ban(
        case=moderation.case_for_target(target_kind="profile", target_id=owners["banned"].pk), moderator=moderator, reason="x"
    )
    client = client_for(me)

    seen = set()
    for why in cameos:
        response = client.post("/api/v1/generations/", {"prompt": f"@cam_{why} waves hello"}, format="json")
        status, body = answer(response)
        seen.add((status, json.dumps(body, sort_keys=True).replace(f"cam_{why}", "CAM")))
    assert len(seen) == 1
    ((status, body),) = seen
    assert status == 403 and "blocked" not in body and "revoked" not in body and "inactive" not in body


def test_a_banned_members_cameo_is_nobodys_to_cast_until_the_ban_is_lifted(make_user, make_cameo, moderator, client_for, no_dispatch):
    """Until 2026-12-07 /cameos/usable/ listed a banned member's `everyone` cameo and a submit cast it: the door did not
    refuse a banned owner, who can no longer sign in to see, delete or revoke what is made with their face."""
    from moderation import services as moderation

    me, owner = make_user("me"), make_user("owner")
    cameo = make_cameo(owner, handle="owner_cam", level="everyone")
    client = client_for(me)

    def usable() -> list[str]:
        return [item["handle"] for item in client.get("/api/v1/cameos/usable/").json()["items"]]

    assert usable() == ["owner_cam"]
    ban = moderation.user_ban(
        case=moderation.case_for_target(target_kind="profile", target_id=owner.pk), moderator=moderator, reason="spam"
    )

    assert usable() == []
    refused = client.post("/api/v1/generations/", {"prompt": "@owner_cam waves hello"}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "cameo_unavailable")
    assert "banned" not in refused.content.decode() and "inactive" not in refused.content.decode()

    moderation.user_reinstate(case=ban.case, moderator=moderator, reason="appeal upheld")
    assert usable() == ["owner_cam"]
    assert client.post("/api/v1/generations/", {"prompt": "@owner_cam waves hello"}, format="json").status_code == 202
    assert cameo.pk in set(client.get("/api/v1/cameos/usable/").json()["items"][0].values())


# ---- the consent audit: who is named to the cameo's owner -----------------------------------------------------------


def test_the_cameo_audit_does_not_name_the_moderator_who_revoked_it(make_user, make_cameo, moderator, client_for):
    from moderation import services as moderation

    owner = make_user("owner")
    cameo = make_cameo(owner, handle="owner_cam", level="everyone")
    moderation.content_take_down(
        case=moderation.case_for_target(target_kind="cameo", target_id=cameo.pk), moderator=moderator, reason="fake"
    )
    client = client_for(owner)

    decisions = client.get("/api/v1/moderation/decisions/").json()["items"]
    assert decisions and moderator.handle not in json.dumps(decisions)  # decisions name no moderator...
    audit = client.get(f"/api/v1/cameos/{cameo.pk}/audit/").json()["items"]
    assert moderator.handle not in [entry["actor"] for entry in audit]  # ...nor may the audit


def test_the_cameo_audit_does_not_name_the_moderator_who_removed_an_appearance(
    make_user, make_cameo, publish, moderator, client_for  # noqa: F811
):
    from moderation import services as moderation

    creator, owner = make_user("creator"), make_user("owner")
    cameo = make_cameo(owner, handle="owner_cam", level="everyone")
    post = publish(creator, cameos=[cameo], visibility="public")
    moderation.appearance_remove_by_moderator(
        case=moderation.case_for_target(target_kind="post", target_id=post.pk),
        moderator=moderator,
        reason="on the owner's behalf",
        cameo_id=cameo.pk,
    )

    audit = client_for(owner).get(f"/api/v1/cameos/{cameo.pk}/audit/").json()["items"]
    assert audit  # the owner's own record of the removal...
    assert moderator.handle not in [entry["actor"] for entry in audit]  # ...names no moderator


def test_the_owner_of_a_face_stopped_by_screening_is_not_told_who_by_the_audit(
    make_user, make_face_cameo, draws, client_for  # noqa: F811
):
    from generation import services
    from sora_social.notifications.models import Notification

    creator, owner = make_user("creator"), make_user("biden_owner")
    biden = make_face_cameo(owner, photo="biden.jpg", handle="joe", level="only_me")
    draws("biden.jpg")
    job = screening_job(creator)

    services.generation_render(job_id=job.pk)

    client = client_for(owner)
    notes = client.get("/api/v1/notifications/").json()["items"]
    told = [note for note in notes if note["kind"] == Notification.Kind.LIKENESS_BLOCKED]
    assert told and told[0]["actor"] is None and creator.handle not in json.dumps(told)
    audit = client.get(f"/api/v1/cameos/{biden.pk}/audit/").json()["items"]
    assert creator.handle not in [entry["actor"] for entry in audit]


def test_screening_does_not_name_to_the_creator_a_cameo_whose_owner_blocked_them(
    make_user, make_face_cameo, draws, client_for  # noqa: F811
):
    from generation import services
    from sora_social.accounts.services import user_block

    creator, owner = make_user("creator"), make_user("biden_owner")
    make_face_cameo(owner, photo="biden.jpg", handle="joe", level="everyone")
    user_block(blocker=owner, blocked=creator)
    draws("biden.jpg")
    job = screening_job(creator)

    services.generation_render(job_id=job.pk)

    body = client_for(creator).get(f"/api/v1/generations/{job.pk}/").json()
    assert body["state"] == "blocked"
    # To this creator @joe is nobody (a mention of it answers as an unavailable cameo, its owner's profile is a 404).
    assert "joe" not in body["state_reason"]


# ---- counts -------------------------------------------------------------------------------------------------------


def test_a_private_remix_is_not_counted_on_its_public_parent(make_user, publish, client_for):  # noqa: F811
    author, remixer, stranger = make_user("author"), make_user("remixer"), make_user("stranger")
    parent = publish(author, visibility="public")
    publish(remixer, parent=parent, visibility="private")

    for viewer in (stranger, author):
        client = client_for(viewer)
        remixes = client.get(f"/api/v1/posts/{parent.pk}/remixes/").json()["items"]
        counted = client.get(f"/api/v1/posts/{parent.pk}/").json()["counts"]["remixes"]
        assert counted == len(remixes) == 0


def test_a_private_remix_does_not_notify_the_parents_author(make_user, publish, client_for):  # noqa: F811
    author, remixer = make_user("author"), make_user("remixer")
    parent = publish(author, visibility="public")
    publish(remixer, parent=parent, visibility="private")

    notes = client_for(author).get("/api/v1/notifications/").json()["items"]
    assert [note for note in notes if note["kind"] == "remixed"] == []
    assert remixer.handle not in json.dumps(notes)


def test_a_banned_members_comments_are_not_counted(make_user, publish, moderator, client_for):  # noqa: F811
    from moderation import services as moderation

    author, commenter, viewer = make_user("author"), make_user("commenter"), make_user("viewer")
    post = publish(author, visibility="public")
    assert client_for(commenter).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "nice"}, format="json").status_code == 201
    moderation.user_ban(
        case=moderation.case_for_target(target_kind="profile", target_id=commenter.pk), moderator=moderator, reason="spam"
    )

    client = client_for(viewer)
    comments = client.get(f"/api/v1/posts/{post.pk}/comments/").json()["items"]
    assert comments == []
    assert client.get(f"/api/v1/posts/{post.pk}/").json()["counts"]["comments"] == len(comments)


# ---- handles: hidden people must look like nobody --------------------------------------------------------------------


@pytest.mark.xfail(
    strict=True,
    reason="kept by choice: anyone may block anyone, someone who blocked them first and a banned member included "
    "(tests/test_authorization_matrix.py), so a block of them is a 204 where a missing handle is a 404. A block-back "
    "outlives the other side's unblocking; a handle's existence is public anyway (sign-up answers username_taken)",
)
def test_someone_who_blocked_me_looks_like_nobody_to_the_block_endpoint(make_user, client_for):
    from sora_social.accounts.services import user_block

    me, blocker = make_user("me"), make_user("blocker")
    user_block(blocker=blocker, blocked=me)
    client = client_for(me)
    assert answer(client.get("/api/v1/users/blocker/")) == answer(client.get("/api/v1/users/nobody_here/"))

    assert answer(client.post("/api/v1/users/blocker/block/")) == answer(client.post("/api/v1/users/nobody_here/block/"))


@pytest.mark.xfail(
    strict=True,
    reason="kept by choice: anyone may block anyone, someone who blocked them first and a banned member included "
    "(tests/test_authorization_matrix.py), so a block of them is a 204 where a missing handle is a 404. A block-back "
    "outlives the other side's unblocking; a handle's existence is public anyway (sign-up answers username_taken)",
)
def test_a_banned_member_looks_like_nobody_to_the_block_endpoint(make_user, client_for):
    me = make_user("me")
    make_user("banned_one", banned_at=timezone.now())
    client = client_for(me)
    assert answer(client.get("/api/v1/users/banned_one/")) == answer(client.get("/api/v1/users/nobody_here/"))

    assert answer(client.post("/api/v1/users/banned_one/block/")) == answer(
        client.post("/api/v1/users/nobody_here/block/")
    )


def test_hidden_people_answer_as_nobody_to_profile_follow_grant_posts_and_report(
    make_user, make_cameo, publish, client_for  # noqa: F811
):
    from sora_social.accounts.models import User
    from sora_social.accounts.services import user_block

    me = make_user("me")
    blocker = make_user("blocker")
    banned, gone = make_user("banned_one"), make_user("gone_one")
    for person in (blocker, banned, gone):
        publish(person, visibility="public")
    User.objects.filter(pk=banned.pk).update(banned_at=timezone.now())
    User.objects.filter(pk=gone.pk).update(is_active=False)
    user_block(blocker=blocker, blocked=me)
    cameo = make_cameo(me, handle="me_cam", level="approved")
    client = client_for(me)

    def answers(handle: str) -> list:
        return [
            answer(client.get(f"/api/v1/users/{handle}/")),
            answer(client.post(f"/api/v1/users/{handle}/follow/")),
            answer(client.delete(f"/api/v1/users/{handle}/follow/")),
            answer(client.post(f"/api/v1/cameos/{cameo.pk}/grants/", {"handle": handle}, format="json")),
            answer(client.delete(f"/api/v1/cameos/{cameo.pk}/grants/{handle}/")),
            answer(client.get("/api/v1/posts/", {"author": handle})),
            answer(
                client.post(
                    "/api/v1/reports/", {"target_type": "profile", "target_id": handle, "reason": "other"}, format="json"
                )
            ),
        ]

    nobody = answers("nobody_here")
    assert nobody[0][0] == 404
    for handle in ("blocker", "banned_one", "gone_one"):
        assert answers(handle) == nobody, handle


# ---- posts: hidden must look missing ---------------------------------------------------------------------------------


def test_every_post_endpoint_answers_a_hidden_post_as_a_missing_one(make_user, publish, client_for):  # noqa: F811
    from feed.models import Comment
    from feed.services.posts import post_delete, post_take_down
    from sora_social.accounts.services import user_block

    author, blocker, viewer, mod = make_user("author"), make_user("blocker"), make_user("viewer"), make_user("m0d")
    hidden = {
        "private": publish(author, visibility="private"),
        "followers": publish(author, visibility="followers"),
        "taken_down": publish(author, visibility="public"),
        "deleted": publish(author, visibility="public"),
        "blocker's": publish(blocker, visibility="public"),
    }
    post_take_down(post=hidden["taken_down"], moderator=mod, reason="x")
    post_delete(post_id=hidden["deleted"].pk, actor=author)
    user_block(blocker=blocker, blocked=viewer)
    comments = {name: Comment.objects.create(post=post, author=post.author, body="secret words") for name, post in hidden.items()}
    client = client_for(viewer)

    def answers(post_id: int, comment_id: int) -> list:
        base = f"/api/v1/posts/{post_id}/"
        return [
            answer(client.get(base)),
            answer(client.get(base + "comments/")),
            answer(client.get(base + "remixes/")),
            answer(client.get(base + "lineage/")),
            answer(client.post(base + "like/")),
            answer(client.delete(base + "like/")),
            answer(client.post(base + "view/")),
            answer(client.post(base + "comments/", {"body": "hello"}, format="json")),
            answer(client.delete(base + f"comments/{comment_id}/")),
            answer(client.patch(base, {"caption": "mine now"}, format="json")),
            answer(client.delete(base)),
            answer(client.post(base + "remix/", {"prompt": "a dog surfs a wave"}, format="json")),
            answer(client.post("/api/v1/reports/", {"target_type": "post", "target_id": str(post_id), "reason": "other"}, format="json")),
            answer(client.post("/api/v1/reports/", {"target_type": "comment", "target_id": str(comment_id), "reason": "other"}, format="json")),
        ]

    missing = answers(missing_post_id(), comments["private"].pk + 10_000)
    assert {status for status, _ in missing} == {404}
    for name, post in hidden.items():
        assert answers(post.pk, comments[name].pk) == missing, name


# ---- generations and cameos of others ------------------------------------------------------------------------------


def test_someone_elses_generation_and_appearance_answer_as_missing_ones(make_user, make_cameo, make_draft, client_for):  # noqa: F811
    me, other = make_user("me"), make_user("other")
    mine = make_cameo(me, handle="me_cam")
    draft = make_draft(other, prompt="a secret draft")
    client = client_for(me)

    def answers(job_id: int) -> list:
        return [
            answer(client.get(f"/api/v1/generations/{job_id}/")),
            answer(client.delete(f"/api/v1/generations/{job_id}/")),
            answer(client.delete(f"/api/v1/cameos/{mine.pk}/appearances/{job_id}/")),
        ]

    missing = answers(missing_job_id())
    assert {status for status, _ in missing} == {404}
    assert answers(draft.pk) == missing


def test_someone_elses_cameo_answers_as_a_missing_one(make_user, make_cameo, client_for):
    me, other = make_user("me"), make_user("other")
    theirs = make_cameo(other, handle="other_cam", level="only_me")
    client = client_for(me)

    def answers(cameo_id: int) -> list:
        base = f"/api/v1/cameos/{cameo_id}/"
        return [
            answer(client.get(base)),
            answer(client.patch(base, {"level": "everyone"}, format="json")),
            answer(client.delete(base)),
            answer(client.get(base + "thumbnail/")),
            answer(client.get(base + "grants/")),
            answer(client.post(base + "grants/", {"handle": "me"}, format="json")),
            answer(client.delete(base + "grants/me/")),
            answer(client.get(base + "audit/")),
            answer(client.get(base + "appearances/")),
            answer(client.get(base + "face-searches/")),
            answer(client.post(base + "face-searches/", {}, format="multipart")),
        ]

    missing = answers(missing_cameo_id())
    assert {status for status, _ in missing} == {404}
    assert answers(theirs.pk) == missing


# ---- why a video was withdrawn ----------------------------------------------------------------------------------------


def test_a_withdrawal_reads_the_same_whether_by_block_moderator_or_level(
    make_user, make_cameo, publish, moderator, client_for, pushed  # noqa: F811
):
    from cameos.services import cameo_update
    from moderation import services as moderation
    from sora_social.accounts.services import user_block

    seen = {}
    for why in ("block", "moderator", "level"):
        creator, owner = make_user(f"creator_{why}"), make_user(f"owner_{why}")
        cameo = make_cameo(owner, handle=f"cam_{why}", level="everyone")
        post = publish(creator, cameos=[cameo], visibility="public")
        if why == "block":
            user_block(blocker=owner, blocked=creator)
        elif why == "moderator":
            moderation.content_take_down(
                case=moderation.case_for_target(target_kind="cameo", target_id=cameo.pk), moderator=moderator, reason="x"
            )
        else:
            cameo_update(cameo=cameo, actor=owner, level="only_me")

        def same(text: str, why=why, post=post) -> str:
            return (
                text.replace(f"@cam_{why}", "@CAM")
                .replace(f'"generation": {post.job_id}', '"generation": N')
                .replace(f'"post": {post.pk}', '"post": N')
            )

        client = client_for(creator)
        notes = [n for n in client.get("/api/v1/notifications/").json()["items"] if n["kind"] == "video_withdrawn"]
        assert len(notes) == 1 and notes[0]["actor"] is None
        socket = [p for user_id, event, p in pushed if user_id == creator.pk and event == "notification"]
        job = client.get(f"/api/v1/generations/{post.job_id}/").json()
        seen[why] = (
            same(json.dumps(notes[0]["data"], sort_keys=True)),
            same(json.dumps([p["data"] for p in socket], sort_keys=True)),
            (job["hidden_reason"], job["state"], job["state_reason"], job["video_url"]),
        )
    assert seen["block"] == seen["moderator"] == seen["level"]
    assert seen["block"][2] == ("consent_revoked", "succeeded", "", None)


# ---- signed media ---------------------------------------------------------------------------------------------------


def test_signed_media_is_refused_as_a_forged_token_when_the_viewer_may_not_see_it(
    make_user, make_draft, publish, client_for, api_client  # noqa: F811
):
    from feed.services.posts import post_update
    from sora_social.accounts.services import user_block
    from sora_social.api.media import signed_media_url

    author, viewer, stranger = make_user("author"), make_user("viewer"), make_user("stranger")
    forged = api_client.get("/api/v1/media/" + "A" * 40 + ".AAAAAAAAAAAAAAAAAAAAAA/")
    assert forged.status_code == 404
    refused = answer(forged)

    # A draft's files, signed for a stranger (a leaked or guessed name is no use either).
    draft = make_draft(author)
    for name in (draft.video.name, draft.poster.name):
        assert answer(api_client.get(signed_media_url(name, viewer_id=stranger.pk))) == refused
        assert api_client.get(signed_media_url(name, viewer_id=author.pk)).status_code == 200

    # A viewer's own URL, once the author blocked them; and once the post became private.
    blocked_post, private_post = publish(author), publish(author)
    client = client_for(viewer)
    urls = {
        post.pk: client.get(f"/api/v1/posts/{post.pk}/").json()["post"]["video_url"] for post in (blocked_post, private_post)
    }
    assert all(api_client.get(url).status_code == 200 for url in urls.values())
    post_update(post_id=private_post.pk, actor=author, visibility="private")
    assert answer(api_client.get(urls[private_post.pk])) == refused
    user_block(blocker=author, blocked=viewer)
    assert answer(api_client.get(urls[blocked_post.pk])) == refused


# ---- a held comment --------------------------------------------------------------------------------------------------


def test_a_held_comment_reaches_only_its_writer_and_the_cameo_owner(make_user, make_cameo, publish, client_for, pushed):  # noqa: F811
    author, owner, writer, viewer = make_user("author"), make_user("owner"), make_user("writer"), make_user("viewer")
    cameo = make_cameo(owner, handle="owner_cam", level="everyone", restrictions=['never say "banana"'])
    post = publish(author, cameos=[cameo], visibility="public")

    made = client_for(writer).post(f"/api/v1/posts/{post.pk}/comments/", {"body": "banana split time"}, format="json")
    assert made.status_code == 201 and made.json()["held"] is True

    for person in (author, viewer):
        client = client_for(person)
        assert client.get(f"/api/v1/posts/{post.pk}/comments/").json()["items"] == []
        assert client.get(f"/api/v1/posts/{post.pk}/").json()["counts"]["comments"] == 0
        notes = client.get("/api/v1/notifications/").json()["items"]
        assert "banana" not in json.dumps(notes) and writer.handle not in json.dumps(notes)
    assert not [p for user_id, _, p in pushed if user_id in (author.pk, viewer.pk) and "banana" in json.dumps(p)]
    owner_client = client_for(owner)
    shown = owner_client.get(f"/api/v1/posts/{post.pk}/comments/").json()["items"]
    assert [c["body"] for c in shown] == ["banana split time"]
    held = [n for n in owner_client.get("/api/v1/notifications/").json()["items"] if n["kind"] == "comment_held"]
    assert len(held) == 1 and "banana split" not in json.dumps(held)


# ---- reports and decisions -------------------------------------------------------------------------------------------


def test_the_reported_person_learns_neither_the_reporter_nor_the_moderator(make_user, publish, moderator, client_for):  # noqa: F811
    from moderation import services as moderation

    author, reporter = make_user("author"), make_user("rep_zq")
    post = publish(author, visibility="public")
    made = client_for(reporter).post(
        "/api/v1/reports/", {"target_type": "post", "target_id": str(post.pk), "reason": "harassment", "text": "rep_zq says so"}, format="json"
    )
    assert made.status_code == 201
    moderation.content_take_down(
        case=moderation.case_for_target(target_kind="post", target_id=post.pk), moderator=moderator, reason="harassing"
    )

    client = client_for(author)
    decisions = client.get("/api/v1/moderation/decisions/").json()["items"]
    notes = client.get("/api/v1/notifications/").json()["items"]
    assert decisions and [n for n in notes if n["kind"] == "moderation"]
    everything = json.dumps([decisions, notes])
    assert "rep_zq" not in everything and moderator.handle not in everything


# ---- provenance ------------------------------------------------------------------------------------------------------


def test_provenance_of_a_private_video_says_no_more_than_of_a_public_one(make_user, publish, client_for):  # noqa: F811
    from generation.models import GenerationJob

    author, stranger = make_user("author"), make_user("stranger")
    answers = {}
    for visibility in ("public", "private"):
        post = publish(author, visibility=visibility)
        data = b"\x00\x00\x00\x18ftypmp42" + secrets.token_bytes(64)
        job = post.job
        job.video.save(f"{secrets.token_hex(8)}.mp4", ContentFile(data), save=False)
        job.video_sha256 = hashlib.sha256(data).hexdigest()
        job.finished_at = timezone.now()
        job.save(update_fields=["video", "video_sha256", "finished_at"])
        upload = ContentFile(data, name="found.mp4")
        body = client_for(stranger).post("/api/v1/provenance/verify/", {"file": upload}, format="multipart").json()
        assert body["made_here"] is True
        assert body["job_ref"] == GenerationJob.objects.get(pk=job.pk).public_ref
        answers[visibility] = {key: value for key, value in body.items() if key not in ("job_ref", "created_at")}
        # No post id, no generation id, no author: the documented verdict and nothing more.
        assert set(body) == {"made_here", "method", "manifest_state", "job_ref", "created_at", "is_remix", "ai_generated"}
        assert author.handle not in json.dumps(body)
    assert answers["public"] == answers["private"]
