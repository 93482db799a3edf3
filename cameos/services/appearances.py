"""The videos a cameo appears in: re-checked through the door when consent changes, withdrawn by the owner.

A change of consent ripples upward by asking, not by writing: this module only marks the cameo's own
Appearance rows. Feeds, media and the generation layer read them (`cameos.selectors.withdrawn_appearances`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from cameos.models import Appearance, Cameo, Grant
from cameos.policy import Purpose, check_use, check_use_in_works
from cameos.services.state import CameoError
from sora_social.accounts.models import ParentalLink, User
from sora_social.listeners import Listeners

# Consent withdrawn from videos that exist: their creators are told by generation, a layer above cameos, which
# registers here when it loads (generation.apps). Called as `listener(cameo=, job_ids=)` inside the reconcile's
# transaction, after the appearances were marked revoked.
appearances_revoked = Listeners("consent for existing videos with a cameo was withdrawn")
on_appearances_revoked = appearances_revoked.register

# Videos with a cameo withdrawn from everyone, by any path: the door's re-check (above), the owner's removal, the
# cameo's deletion. The apps above that keep something about those videos follow (remix: the counts of the posts they
# remix; generation: their stored files' names). Called as `listener(job_ids=)` inside the withdrawal's transaction.
appearances_withdrawn = Listeners("videos with a cameo were withdrawn from everyone")
on_appearances_withdrawn = appearances_withdrawn.register

# A cameo was deleted by its owner: the apps above that keep something of it (generation: the videos with it, now removed
# for good, and the searches for its face) let it go. Called as `listener(cameo=, job_ids=)` inside the deletion's
# transaction; job_ids are the videos whose appearance was just removed.
cameo_deleted = Listeners("a cameo's owner deleted it")
on_cameo_deleted = cameo_deleted.register

# A cameo's restrictions changed and its existing videos were re-read against them: the apps above that own other
# texts shown with the likeness (comments, in feed) re-read those. Called as `listener(cameo=)` inside the re-check.
restrictions_rechecked = Listeners("a cameo's existing videos were re-read against its changed restrictions")
on_restrictions_rechecked = restrictions_rechecked.register

# The texts that go with existing videos, by job id ({job_id: {"prompt": ..., "caption": ...}}). The apps that own
# them (generation the prompt, feed the caption) stand above cameos and register a reader when they load.
AppearanceTextsReader = Callable[[list[int]], dict[int, dict[str, str]]]
_appearance_text_readers: list[AppearanceTextsReader] = []


def on_appearance_texts(reader: AppearanceTextsReader) -> AppearanceTextsReader:
    if reader not in _appearance_text_readers:
        _appearance_text_readers.append(reader)
    return reader


# The preferences each cast cameo had when a video was rendered, by job id ({job_id: {cameo_id: preferences}}):
# they are what its model prompt was given, and what it is re-read with, whatever they say now (generation keeps
# them with the job's consent pins and registers the reader).
CastPreferencesReader = Callable[[list[int]], dict[int, dict[int, str]]]
_cast_preferences_readers: list[CastPreferencesReader] = []


def on_appearance_cast_preferences(reader: CastPreferencesReader) -> CastPreferencesReader:
    if reader not in _cast_preferences_readers:
        _cast_preferences_readers.append(reader)
    return reader


def _appearance_texts(job_ids: list[int]) -> dict[int, dict[str, str]]:
    texts: dict[int, dict[str, str]] = {job_id: {} for job_id in job_ids}
    for reader in _appearance_text_readers:
        for job_id, by_kind in reader(job_ids).items():
            texts.setdefault(job_id, {}).update(by_kind)
    return texts


def appearances_reconcile(*, cameo: Cameo, creator_ids: list[int] | None = None) -> int:
    """Ask the door again (purpose DISPLAY) about every live video with this cameo; withdraw those it now denies.

    One decision per creator, audited when it denies. Returns how many appearances were revoked. Revocation is
    final for those videos: consent given again later applies to new videos, not to ones already withdrawn.
    """
    live = Appearance.objects.filter(cameo=cameo, revoked_at__isnull=True, removed_at__isnull=True)
    if creator_ids is not None:
        live = live.filter(creator_id__in=creator_ids)
    creators = sorted(set(live.values_list("creator_id", flat=True)))
    denied = [
        creator_id
        for creator_id in creators
        if not check_use(cameo.pk, creator_id, Purpose.DISPLAY, subject=f"display:creator:{creator_id}")
    ]
    if not denied:
        return 0
    revoked = list(live.filter(creator_id__in=denied).values_list("pk", "job_id"))
    count = Appearance.objects.filter(pk__in=[pk for pk, _ in revoked]).update(revoked_at=timezone.now())
    job_ids = sorted({job_id for _, job_id in revoked})
    appearances_revoked.notify(cameo=cameo, job_ids=job_ids)
    appearances_withdrawn.notify(job_ids=job_ids)
    return count


def appearances_recheck_texts(*, cameo_id: int) -> int:
    """Ask the door again about every live video with this cameo, with the texts that go with each (its prompt and
    caption), and withdraw those it now denies; then let the apps above re-read their own texts (comments).

    Run after the owner changes the cameo's restrictions: a video whose prompt or caption was fine when it was made
    but breaks a restriction added since no longer shows the likeness, as if consent had been withdrawn for it
    (its files are purged after the grace period, like any withdrawn video's). One decision per video, audited when
    it denies. The owner's own videos are never checked against their own restrictions. Returns how many
    appearances were revoked.
    """
    cameo = Cameo.objects.filter(pk=cameo_id).first()
    if cameo is None:
        return 0
    live = list(
        Appearance.objects.filter(cameo=cameo, revoked_at__isnull=True, removed_at__isnull=True)
        .exclude(creator_id=cameo.owner_id)
        .values_list("pk", "job_id", "creator_id")
    )
    denied: list[tuple[int, int]] = []
    if cameo.restrictions and live:
        job_ids = sorted({job_id for _, job_id, _ in live})
        texts = _appearance_texts(job_ids)
        # Each video's cast: the other cameos' preferences go into its model prompt, so they are its texts too.
        # With the preferences it was rendered with: another creator's cameo whose preferences put a beer in this
        # cameo's hand, made harmless after the render, still put it there (attack on restriction timing).
        as_rendered: dict[int, dict[int, str]] = {}
        for reader in _cast_preferences_readers:
            for job_id, by_cameo in reader(job_ids).items():
                as_rendered.setdefault(job_id, {}).update(by_cameo)
        cast: dict[int, list[Cameo]] = {}
        for appearance in Appearance.objects.filter(job_id__in=job_ids, cameo__isnull=False).select_related("cameo"):
            member = appearance.cameo  # its own instance per appearance: changed here, never saved
            member.preferences = as_rendered.get(appearance.job_id, {}).get(member.pk, member.preferences)
            cast.setdefault(appearance.job_id, []).append(member)
        by_creator: dict[int, list[tuple[int, int]]] = {}
        for pk, job_id, creator_id in live:
            by_creator.setdefault(creator_id, []).append((pk, job_id))
        for creator_id, appearances in by_creator.items():
            works = {
                f"display:job:{job_id}": (texts.get(job_id) or {}, cast.get(job_id, [cameo])) for _, job_id in appearances
            }
            decisions = check_use_in_works(cameo, creator_id, Purpose.DISPLAY, works)
            denied += [(pk, job_id) for pk, job_id in appearances if not decisions[f"display:job:{job_id}"].allowed]
    count = 0
    if denied:
        # Only the writes in one transaction: reading every video with the classifier can take minutes on a popular
        # cameo, and a transaction held open that long would hold back the database's clean-up.
        with transaction.atomic():
            count = Appearance.objects.filter(pk__in=[pk for pk, _ in denied], revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
            job_ids = sorted({job_id for _, job_id in denied})
            appearances_revoked.notify(cameo=cameo, job_ids=job_ids)
            appearances_withdrawn.notify(job_ids=job_ids)
    restrictions_rechecked.notify(cameo=cameo)
    return count


@transaction.atomic
def appearance_withdraw(*, cameo: Cameo, actor: User, job_id: int) -> Appearance | None:
    """The cameo's owner takes a video that uses them away from everyone (other people's drafts too).

    Returns the appearance it withdrew, or None when it was already removed. The generation layer destroys the
    video's files (generation.services.generation_remove_for_cameo_owner).
    """
    if cameo.owner_id != actor.pk:
        raise CameoError("not_found", "No such cameo.", 404)
    appearance = Appearance.objects.select_for_update().filter(cameo=cameo, job_id=job_id).first()
    if appearance is None:
        raise CameoError("not_found", "No such appearance.", 404)
    if appearance.removed_at is not None:
        return None
    appearance.removed_at = timezone.now()
    appearance.removed_by = actor
    appearance.save(update_fields=["removed_at", "removed_by"])
    appearances_withdrawn.notify(job_ids=[job_id])
    return appearance


def appearances_remove_for_deleted_cameo(*, cameo: Cameo, actor: User) -> list[int]:
    """The owner deleted the cameo: every video with it is removed by them, for good, as if they had removed each one
    (its files are destroyed at once, by generation). A revocation keeps them for the grace period, which leaves time
    for an appeal; a deleted cameo is never restored, and the owner could no longer remove them one by one (the
    appearance list of a deleted cameo is a 404: round on account deletion). Returns the videos' job ids."""
    # Not the owner's own videos: they stay withdrawn and their files go after the grace period, as a post its author
    # deletes keeps them for a moderator's review (deleting one's own cameo destroyed one's own reported video before
    # it was reviewed: round on moderation).
    live = Appearance.objects.filter(cameo=cameo, removed_at__isnull=True).exclude(creator_id=cameo.owner_id)
    job_ids = sorted(set(live.values_list("job_id", flat=True)))
    live.update(removed_at=timezone.now(), removed_by=actor)
    if job_ids:
        appearances_withdrawn.notify(job_ids=job_ids)
    return job_ids


def appearances_withdraw_for_deleted_cameo(*, cameo_id: int) -> int:
    """A cameo's row is being deleted (its account was deleted, a cascade): withdraw every video it is in, as
    deleting the cameo does, before the row goes. The appearances keep their rows with no cameo
    (Appearance.cameo is SET_NULL), so the videos stay hidden and the retention purge deletes their files after the
    grace period. Nothing else is written here: rows that point at the account being deleted cannot be added
    inside its deletion, so the creators are not notified. Returns how many were withdrawn."""
    live = Appearance.objects.filter(cameo_id=cameo_id, revoked_at__isnull=True, removed_at__isnull=True)
    job_ids = sorted(set(live.values_list("job_id", flat=True)))
    count = live.update(revoked_at=timezone.now())
    if job_ids:
        appearances_withdrawn.notify(job_ids=job_ids)
    return count


def appearances_reconcile_for_teen_mutuals_withdrawn(*, teen_id: int) -> None:
    """A parent stopped letting mutuals use their teen's cameo: the videos made with it are asked about again (the door
    now denies a mutual whose use rested on that leave). Called by accounts (its on_teen_mutuals_withdrawn hook) inside
    the change's transaction."""
    cameos = list(Cameo.objects.filter(owner_id=teen_id, status__in=[Cameo.Status.VERIFIED, Cameo.Status.REVOKED]))
    Cameo.objects.filter(pk__in=[c.pk for c in cameos]).update(
        consent_version=F("consent_version") + 1, updated_at=timezone.now()
    )
    for cameo in cameos:
        appearances_reconcile(cameo=cameo)


def appearances_reconcile_for_birth_date_corrected(*, user_id: int) -> None:
    """Support corrected someone's birth date: every video whose consent could rest on it is asked about again. That
    is the videos with this person's cameos (a teen's grants and mutuals wait for a parent), with the cameos of the
    teens they were a parent of or let mutuals in for, and with the cameos whose grants they approved (a "parent" found
    to be a teen gave nothing). Called by accounts (its on_birth_date_corrected hook) inside the save's transaction."""
    links = ParentalLink.objects.filter(Q(parent_id=user_id) | Q(mutuals_allowed_by_id=user_id)).values("teen_id")
    approved = Grant.objects.filter(approved_by_id=user_id).values("cameo_id")
    cameos = list(
        Cameo.objects.filter(status__in=[Cameo.Status.VERIFIED, Cameo.Status.REVOKED]).filter(
            Q(owner_id=user_id) | Q(owner_id__in=links) | Q(pk__in=approved)
        )
    )
    Cameo.objects.filter(pk__in=[c.pk for c in cameos]).update(
        consent_version=F("consent_version") + 1, updated_at=timezone.now()
    )
    for cameo in cameos:
        appearances_reconcile(cameo=cameo)


def cameo_consent_relationship_changed(*, user_a: User, user_b: User) -> None:
    """A follow, unfollow, block or unblock between two people: re-check their cameos' uses by each other.

    Called by accounts (its on_relationship_change hook) inside the change's transaction.
    """
    for owner, other in ((user_a, user_b), (user_b, user_a)):
        cameos = list(Cameo.objects.filter(owner=owner, status__in=[Cameo.Status.VERIFIED, Cameo.Status.REVOKED]))
        if not cameos:
            continue
        Cameo.objects.filter(pk__in=[c.pk for c in cameos]).update(
            consent_version=F("consent_version") + 1, updated_at=timezone.now()
        )
        for cameo in cameos:
            appearances_reconcile(cameo=cameo, creator_ids=[other.pk])
