from django.apps import AppConfig


class RemixConfig(AppConfig):
    name = "remix"

    def ready(self) -> None:
        # lazy: these import models, which exist only once the app registry is ready.
        from feed.services.posts import on_post_deleted, on_post_published
        from remix.services import remix_deleted, remix_published

        # Feed stands below remix and may not import it: it calls these inside its publish and delete
        # transactions (lineage, the parent's remix count, the REMIXED notification).
        on_post_published(remix_published)
        on_post_deleted(remix_deleted)
