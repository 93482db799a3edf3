"""Teens and parents: a one-time code links them with both sides' consent; a parent can only tighten limits."""

import pytest
from django.conf import settings

from sora_social.accounts.limits import limits_for
from sora_social.notifications.models import Notification

pytestmark = pytest.mark.django_db


def link(client_for, teen, parent):
    code = client_for(teen).post("/api/v1/parental/link-codes/").json()["code"]
    response = client_for(parent).post("/api/v1/parental/links/", {"code": code}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_teen_and_a_parent_link_with_a_one_time_code(make_user, client_for):
    teen, parent = make_user("teen", age=15), make_user("mom", age=45)

    body = link(client_for, teen, parent)

    assert body["parent"] == "mom" and body["teen"] == "teen"
    assert body["role"] == "parent"
    teen_view = client_for(teen).get("/api/v1/parental/links/").json()["items"]
    assert [item["role"] for item in teen_view] == ["teen"]


def test_a_link_code_works_once(make_user, client_for):
    teen, parent, other = make_user("teen", age=15), make_user("dad", age=45), make_user("aunt", age=40)
    code = client_for(teen).post("/api/v1/parental/link-codes/").json()["code"]
    assert client_for(parent).post("/api/v1/parental/links/", {"code": code}, format="json").status_code == 201

    again = client_for(other).post("/api/v1/parental/links/", {"code": code}, format="json")

    assert again.status_code == 422
    assert again.json()["code"] == "link_code_invalid"


def test_two_adults_cannot_link(make_user, client_for):
    a, b = make_user("adult_a"), make_user("adult_b")
    code = client_for(a).post("/api/v1/parental/link-codes/").json()["code"]
    response = client_for(b).post("/api/v1/parental/links/", {"code": code}, format="json")
    assert response.status_code == 422
    assert response.json()["code"] == "link_roles_invalid"


def test_parental_controls_change_what_me_reports(make_user, client_for):
    teen, parent = make_user("teen", age=14), make_user("mom", age=45)
    link_id = link(client_for, teen, parent)["id"]
    before = client_for(teen).get("/api/v1/me/").json()["limits"]
    assert before["daily_feed_videos"] == settings.TEEN_DAILY_FEED_VIDEOS
    assert before["personalized_feed"] is True

    response = client_for(parent).patch(
        f"/api/v1/parental/links/{link_id}/",
        {"personalized_feed": False, "continuous_scroll": False, "daily_feed_videos_cap": 12, "daily_generation_cap": 2},
        format="json",
    )

    assert response.status_code == 200, response.content
    after = client_for(teen).get("/api/v1/me/").json()["limits"]
    assert after == {
        **before,
        "personalized_feed": False,
        "continuous_scroll": False,
        "daily_feed_videos": 12,
        "daily_generations": 2,
        "has_parent": True,
    }


def test_a_parent_can_only_make_limits_stricter(make_user, client_for):
    teen, parent = make_user("teen", age=16), make_user("mom", age=45)
    link_id = link(client_for, teen, parent)["id"]

    client_for(parent).patch(
        f"/api/v1/parental/links/{link_id}/",
        {"daily_feed_videos_cap": 100_0, "daily_generation_cap": 999},
        format="json",
    )

    limits = limits_for(teen)
    assert limits.daily_feed_videos == settings.TEEN_DAILY_FEED_VIDEOS
    assert limits.daily_generations == settings.TEEN_DAILY_GENERATIONS
    assert limits.grants_need_parent_approval is True


def test_the_teen_cannot_change_the_controls(make_user, client_for):
    teen, parent = make_user("teen", age=16), make_user("mom", age=45)
    link_id = link(client_for, teen, parent)["id"]
    response = client_for(teen).patch(f"/api/v1/parental/links/{link_id}/", {"personalized_feed": True}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "parent_only"


def test_a_teen_can_unlink_and_the_parent_is_notified(make_user, client_for):
    teen, parent = make_user("teen", age=16), make_user("mom", age=45)
    link_id = link(client_for, teen, parent)["id"]

    response = client_for(teen).delete(f"/api/v1/parental/links/{link_id}/")

    assert response.status_code == 204
    assert limits_for(teen).has_parent is False
    notice = Notification.objects.filter(recipient=parent, kind=Notification.Kind.PARENTAL_LINK).first()
    assert notice.data["change"] == "unlinked"
    assert client_for(parent).get(f"/api/v1/parental/links/{link_id}/").status_code == 404


def test_an_outsider_cannot_see_a_link(make_user, client_for):
    teen, parent, stranger = make_user("teen", age=16), make_user("mom", age=45), make_user("stranger")
    link_id = link(client_for, teen, parent)["id"]
    assert client_for(stranger).get(f"/api/v1/parental/links/{link_id}/").status_code == 404
    assert client_for(stranger).delete(f"/api/v1/parental/links/{link_id}/").status_code == 404


def test_adults_have_no_feed_cap(make_user):
    limits = limits_for(make_user("adult"))
    assert limits.is_teen is False
    assert limits.daily_feed_videos is None
    assert limits.daily_generations == settings.ADULT_DAILY_GENERATIONS
