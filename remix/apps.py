from django.apps import AppConfig


class RemixConfig(AppConfig):
    name = "remix"

    def ready(self) -> None:
        # lazy: these import models, which exist only once the app registry is ready.
        from cameos.services.appearances import on_appearances_withdrawn
        from feed.services.posts import on_post_audience_changed, on_post_deleted, on_post_moderated, on_post_published
        from feed.services.reactions import on_account_deleted, on_standing_changed
        from generation.services import on_remix_about_to_render
        from remix.services import (
            remix_audience_changed,
            remix_counts_recount_for_author,
            remix_counts_recount_for_deleted_account,
            remix_counts_recount_for_jobs,
            remix_deleted,
            remix_published,
            remix_render_check,
        )

        # Feed stands below remix and may not import it: it calls these inside its publish and delete
        # transactions (lineage, the parent's remix count, the REMIXED notification).
        on_post_published(remix_published)
        on_post_deleted(remix_deleted)
        # A parent counts its public remixes: a remix made public, or no longer, moves the count.
        on_post_audience_changed(remix_audience_changed)
        # ...and so does every other change of whether anyone may see a remix: a takedown or a restore, a cameo's
        # withdrawal by any path, its author's standing, its author's account deleted.
        on_post_moderated(remix_counts_recount_for_jobs)
        on_appearances_withdrawn(remix_counts_recount_for_jobs)
        on_standing_changed(remix_counts_recount_for_author)
        on_account_deleted(remix_counts_recount_for_deleted_account)
        # Generation stands below remix too: before a remix renders, its owner may still remix its parent.
        on_remix_about_to_render(remix_render_check)
