from django.apps import AppConfig


class RemixConfig(AppConfig):
    name = "remix"

    def ready(self) -> None:
        # lazy: these import models, which exist only once the app registry is ready.
        from feed.services.posts import on_post_audience_changed, on_post_deleted, on_post_published
        from generation.services import on_remix_about_to_render
        from remix.services import remix_audience_changed, remix_deleted, remix_published, remix_render_check

        # Feed stands below remix and may not import it: it calls these inside its publish and delete
        # transactions (lineage, the parent's remix count, the REMIXED notification).
        on_post_published(remix_published)
        on_post_deleted(remix_deleted)
        # A parent counts its public remixes: a remix made public, or no longer, moves the count.
        on_post_audience_changed(remix_audience_changed)
        # Generation stands below remix too: before a remix renders, its owner may still remix its parent.
        on_remix_about_to_render(remix_render_check)
