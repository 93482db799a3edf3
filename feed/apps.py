from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "feed"

    def ready(self) -> None:
        # lazy: feed.selectors imports models, which exist only once the app registry is ready.
        from django.db.models.signals import post_delete, post_init, post_save, pre_delete

        from cameos.services.appearances import on_appearance_texts, on_restrictions_rechecked
        from feed.selectors import job_media_visible_to, post_captions
        from feed.services import reactions
        from feed.services.reactions import comments_recheck_for_cameo
        from sora_social.accounts.models import User
        from sora_social.api.media import media_guard_register

        # The platform serves signed media and imports no app: feed says, for a job's video or poster, whether
        # the viewer may still see it (a withdrawn consent or a takedown stops it playing at once).
        media_guard_register(job_media_visible_to)
        # When a cameo's restrictions change, cameos re-reads its existing videos with their captions, and feed
        # re-reads the comments under them.
        on_appearance_texts(post_captions)
        on_restrictions_rechecked(comments_recheck_for_cameo)
        # A post's comment count counts the comments of active members who are not banned: a change of standing,
        # by whatever path it is saved, and a deleted account recount the posts the person commented on. Django's
        # signals rather than a service's listeners: the admin and the shell change these rows without a service.
        for signal, receiver, uid in (
            (post_init, reactions.remember_standing, "feed-standing-loaded"),
            (post_save, reactions.recount_on_standing_change, "feed-standing-saved"),
            (pre_delete, reactions.remember_commented_posts, "feed-commenter-deleting"),
            (post_delete, reactions.recount_after_account_deleted, "feed-commenter-deleted"),
        ):
            signal.connect(receiver, sender=User, dispatch_uid=uid)
