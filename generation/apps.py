from django.apps import AppConfig


class GenerationConfig(AppConfig):
    name = "generation"

    def ready(self) -> None:
        # lazy: these import models, which exist only once the app registry is ready.
        from django.db.models.signals import post_delete
        from django_cleanup.signals import cleanup_pre_delete

        from cameos.services.appearances import (
            on_appearance_cast_preferences,
            on_appearance_texts,
            on_appearances_revoked,
            on_appearances_withdrawn,
            on_cameo_deleted,
        )
        from generation.models import GenerationJob
        from generation.selectors import cast_preferences_as_rendered, generation_texts
        from generation.services import (
            generation_forget_deleted_cameo,
            generation_media_rename_when_hidden,
            generations_withdrawn_notify,
            job_file_keep_while_named,
            job_stale_media_delete_with_row,
        )

        # cameos stands below generation and may not import it: when the door withdraws consent for videos that
        # exist, it calls this inside the reconcile's transaction, and each video's creator is told once.
        on_appearances_revoked(generations_withdrawn_notify)
        # ...and, by whatever path a video was withdrawn from everyone, with object storage its files are moved to new
        # names, out of reach of presigned URLs given out before.
        on_appearances_withdrawn(generation_media_rename_when_hidden)
        # ...and when a cameo is deleted, the videos its owner thereby removed lose their files at once, and the
        # searches for its face go.
        on_cameo_deleted(generation_forget_deleted_cameo)
        # ...and when a cameo's restrictions change, it re-reads existing videos with their prompts.
        on_appearance_texts(generation_texts)
        # ...and with the preferences each cast cameo had when the video was rendered.
        on_appearance_cast_preferences(cast_preferences_as_rendered)
        cleanup_pre_delete.connect(
            job_file_keep_while_named, sender=GenerationJob, dispatch_uid="generation_job_file_keep_while_named"
        )
        post_delete.connect(
            job_stale_media_delete_with_row, sender=GenerationJob, dispatch_uid="generation_job_stale_media_with_row"
        )
