"""Reports: four kinds of target, fixed reasons, grouping per target, one open report per person, rate limits."""

import pytest
from django.db import IntegrityError, transaction

from moderation.api.views import ReportThrottle
from moderation.models import ModerationCase, Report
from tests.moderation.world import published_post

pytestmark = pytest.mark.django_db


def report(client, target_type, target_id, reason="harassment", text=""):
    return client.post(
        "/api/v1/reports/",
        {"target_type": target_type, "target_id": str(target_id), "reason": reason, "text": text},
        format="json",
    )


def test_reports_on_one_target_are_grouped_in_one_case_ordered_by_severity(make_user, client_for):
    author, alice, bob = make_user("author"), make_user("alice"), make_user("bob")
    post = published_post(author)

    first = report(client_for(alice), "post", post.pk, "copyright", "this is my song")
    second = report(client_for(bob), "post", post.pk, "minor_safety")

    assert first.status_code == 201, first.json()
    assert second.status_code == 201
    assert first.json()["target_type"] == "post" and first.json()["status"] == "open"
    case = ModerationCase.objects.get(target_kind="post", target_id=post.pk)
    assert case.report_count == 2
    assert case.severity == 4  # minor safety outranks copyright
    assert case.target_owner == author
    assert set(case.reports.values_list("reporter__handle", flat=True)) == {"alice", "bob"}


def test_one_open_report_per_target_per_person(make_user, client_for):
    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    client = client_for(alice)

    assert report(client, "post", post.pk).status_code == 201
    again = report(client, "post", post.pk, "other")

    assert again.status_code == 409
    assert again.json()["code"] == "report_exists"
    assert Report.objects.filter(reporter=alice).count() == 1
    assert ModerationCase.objects.get(target_id=post.pk).report_count == 1


def test_the_database_refuses_a_second_open_report(make_user):
    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    case = ModerationCase.objects.create(target_kind="post", target_id=post.pk, target_owner=author)
    Report.objects.create(reporter=alice, case=case, target_kind="post", target_id=post.pk, reason="other")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(reporter=alice, case=case, target_kind="post", target_id=post.pk, reason="harassment")


def test_profiles_cameos_and_comments_can_be_reported(make_user, client_for, make_cameo):
    from feed.models import Comment

    author, alice = make_user("author"), make_user("alice")
    cameo = make_cameo(author, handle="authorface")
    comment = Comment.objects.create(post=published_post(make_user("poster")), author=author, body="you are all idiots")
    client = client_for(alice)

    profile = report(client, "profile", "@author", "impersonation")
    on_cameo = report(client, "cameo", cameo.pk, "likeness_misuse", "that is my face, not theirs")
    on_comment = report(client, "comment", comment.pk, "harassment")

    assert [profile.status_code, on_cameo.status_code, on_comment.status_code] == [201, 201, 201]
    cases = {(c.target_kind, c.target_id): c for c in ModerationCase.objects.all()}
    assert cases[("profile", author.pk)].target_owner == author
    assert cases[("cameo", cameo.pk)].target_owner == author
    assert cases[("comment", comment.pk)].target_owner == author


def test_missing_and_hidden_targets_look_the_same(make_user, client_for, make_cameo):
    from sora_social.accounts.services import user_block

    author, alice = make_user("author"), make_user("alice")
    private = published_post(author, visibility="private")
    visible = published_post(author)
    client = client_for(alice)

    missing = report(client, "post", 999_999)
    hidden = report(client, "post", private.pk)
    only_me_cameo = report(client, "cameo", make_cameo(author, status="revoked").pk)
    user_block(blocker=author, blocked=alice)
    blocked = report(client, "post", visible.pk)

    for response in (missing, hidden, only_me_cameo, blocked):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert missing.json()["message"] == hidden.json()["message"] == blocked.json()["message"]
    assert not ModerationCase.objects.exists()


@pytest.mark.parametrize("target_type", ["post", "comment", "cameo"])
@pytest.mark.parametrize("target_id", ["²", "①", "١٢"])
def test_ids_written_in_other_digits_are_not_found(make_user, client_for, target_type, target_id):
    # str.isdigit() accepts these, int() does not: they must not reach int().
    response = report(client_for(make_user("alice")), target_type, target_id)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"target_type": "post", "target_id": "1", "reason": "i_dont_like_it"}, "reason"),
        ({"target_type": "song", "target_id": "1", "reason": "other"}, "target_type"),
        ({"target_type": "post", "target_id": "1", "reason": "other", "text": "x" * 2001}, "text"),
        ({"target_type": "post", "reason": "other"}, "target_id"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(make_user, client_for, body, field):
    response = client_for(make_user("alice")).post("/api/v1/reports/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert response.json()["message"]


def test_text_at_the_limit_is_accepted(make_user, client_for):
    post = published_post(make_user("author"))
    response = report(client_for(make_user("alice")), "post", post.pk, "other", "y" * 2000)
    assert response.status_code == 201
    assert len(Report.objects.get().text) == 2000


def test_you_cannot_report_yourself(make_user, client_for):
    author = make_user("author")
    post = published_post(author)
    response = report(client_for(author), "post", post.pk)
    assert response.status_code == 422
    assert response.json()["code"] == "report_own"


def test_reporting_is_rate_limited(make_user, client_for, monkeypatch):
    monkeypatch.setattr(ReportThrottle, "THROTTLE_RATES", {"report": "3/hour"})
    author, alice = make_user("author"), make_user("alice")
    posts = [published_post(author) for _ in range(4)]
    client = client_for(alice)

    statuses = [report(client, "post", post.pk).status_code for post in posts]

    assert statuses == [201, 201, 201, 429]
    assert Report.objects.filter(reporter=alice).count() == 3
    # Reading your own reports is not throttled.
    assert client.get("/api/v1/reports/").status_code == 200


def test_a_suspended_person_cannot_report(make_user, client_for):
    import datetime

    from django.utils import timezone

    alice = make_user("alice", suspended_until=timezone.now() + datetime.timedelta(days=1))
    post = published_post(make_user("author"))
    response = report(client_for(alice), "post", post.pk)
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_people_list_only_their_own_reports(make_user, client_for, django_assert_max_num_queries):
    author, alice, bob = make_user("author"), make_user("alice"), make_user("bob")
    for _ in range(3):
        report(client_for(alice), "post", published_post(author).pk)
    report(client_for(bob), "post", published_post(author).pk, text="bob's secret note")

    with django_assert_max_num_queries(6):
        mine = client_for(alice).get("/api/v1/reports/")

    assert mine.status_code == 200
    results = mine.json()["items"]
    assert len(results) == 3
    assert "bob's secret note" not in mine.content.decode()


def test_a_new_report_after_a_decision_opens_a_new_case(make_user, client_for, moderator):
    from moderation import services

    author, alice = make_user("author"), make_user("alice")
    post = published_post(author)
    report(client_for(alice), "post", post.pk)
    first_case = ModerationCase.objects.get()
    services.case_dismiss(case=first_case, moderator=moderator, reason="Parody, allowed.")

    again = report(client_for(alice), "post", post.pk, "sexual_content")

    assert again.status_code == 201
    assert ModerationCase.objects.count() == 2
    first_case.refresh_from_db()
    assert first_case.status == "closed"
    assert first_case.reports.get().status == "dismissed"
