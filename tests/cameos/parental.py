"""Steps of the parental-control tests, as the phone app takes them."""

import datetime
import secrets

from django.utils import timezone

from cameos.models import Appearance, Grant
from cameos.policy import Purpose, cameos_usable_by, check_use
from generation.models import GenerationJob
from sora_social.accounts.models import ParentalLink, User
from sora_social.accounts.services import user_birth_date_corrected, user_follow
from sora_social.accounts.validators import age_day
from sora_social.notifications.models import Notification


def link(client_for, teen, parent):
    """The teen makes a link code and the would-be parent enters it."""
    code = client_for(teen).post("/api/v1/parental/link-codes/").json()["code"]
    return client_for(parent).post("/api/v1/parental/links/", {"code": code}, format="json")


def grant(client_for, teen, cameo, grantee) -> int:
    """The teen grants someone their cameo; the grant's id (it may wait for the parent)."""
    response = client_for(teen).post(f"/api/v1/cameos/{cameo.pk}/grants/", {"handle": grantee.handle}, format="json")
    assert response.status_code in (200, 201), response.content
    return Grant.objects.get(cameo=cameo, grantee=grantee).pk


def linked(client_for, teen, parent, *, code_from_parent: bool = False) -> int:
    """A parental link made (by the teen's code, or the parent's), and its id."""
    if code_from_parent:
        code = client_for(parent).post("/api/v1/parental/link-codes/").json()["code"]
        response = client_for(teen).post("/api/v1/parental/links/", {"code": code}, format="json")
    else:
        response = link(client_for, teen, parent)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def unlink(client_for, actor, link_id: int) -> None:
    """Either side ends a link."""
    assert client_for(actor).delete(f"/api/v1/parental/links/{link_id}/").status_code == 204


def correct_birth_date(user: User, *, age: int) -> User:
    """Support corrects a birth date (the Django admin saves the row, then tells the apps): the person is `age`
    today. tests/accounts/test_parental_mutuals.py goes through the admin's own form once."""
    today = age_day()
    User.objects.filter(pk=user.pk).update(birth_date=datetime.date(today.year - age, 1, 1))
    user_birth_date_corrected(user_id=user.pk)
    user.refresh_from_db()
    return user


def notices(user, change: str) -> list[Notification]:
    """The parental-link notifications a person got of one kind of change ("linked", "unlinked", ...)."""
    return [
        n
        for n in Notification.objects.filter(recipient=user, kind=Notification.Kind.PARENTAL_LINK)
        if n.data.get("change") == change
    ]


def draft_with(cameo, creator) -> GenerationJob:
    """A stored draft with the cameo in it, as the render writes it."""
    job = GenerationJob.objects.create(
        owner=creator, prompt=f"@{cameo.handle} waves", duration_s=1, resolution="360p", aspect_ratio="16:9",
        style="realistic", seed=1, state=GenerationJob.State.SUCCEEDED, public_ref=secrets.token_hex(12),
    )
    job.cameos.set([cameo])
    Appearance.objects.create(cameo=cameo, job=job, creator=creator, consent_version=cameo.consent_version)
    return job


def mutuals(a, b) -> None:
    """Two people follow each other."""
    user_follow(follower=a, followee=b)
    user_follow(follower=b, followee=a)


def may_use(cameo, actor) -> bool:
    """The door and the list of usable cameos, both asked: they must agree."""
    door = bool(check_use(cameo, actor, Purpose.GENERATE))
    listed = cameos_usable_by(actor).filter(pk=cameo.pk).exists()
    assert door == listed, f"the door says {door}, cameos_usable_by says {listed}"
    return door


def set_switch(client_for, parent, link_id: int, value, *, method: str = "patch"):
    """The parent's switch for mutuals (`mutuals_may_use_cameo`), sent as the app sends it (any value, any method)."""
    return getattr(client_for(parent), method)(
        f"/api/v1/parental/links/{link_id}/", {"mutuals_may_use_cameo": value}, format="json"
    )


def window_passes(link_id: int) -> None:
    """The link's cooling-off is over (nobody contested)."""
    ParentalLink.objects.filter(pk=link_id).update(cooling_off_until=timezone.now() - datetime.timedelta(seconds=1))


def revoked(job) -> bool:
    """Whether the video's appearance was withdrawn."""
    return Appearance.objects.get(job=job).revoked_at is not None
