from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "feed"

    def ready(self) -> None:
        # lazy: feed.selectors imports models, which exist only once the app registry is ready.
        from cameos.services.appearances import on_appearance_texts, on_restrictions_rechecked
        from feed.selectors import job_media_visible_to, post_captions
        from feed.services.reactions import comments_recheck_for_cameo
        from sora_social.api.media import media_guard_register

        # The platform serves signed media and imports no app: feed says, for a job's video or poster, whether
        # the viewer may still see it (a withdrawn consent or a takedown stops it playing at once).
        media_guard_register(job_media_visible_to)
        # When a cameo's restrictions change, cameos re-reads its existing videos with their captions, and feed
        # re-reads the comments under them.
        on_appearance_texts(post_captions)
        on_restrictions_rechecked(comments_recheck_for_cameo)
