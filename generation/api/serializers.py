from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from generation.backends.base import ASPECT_RATIOS, MAX_DURATION_S, RESOLUTIONS, STYLES
from generation.models import GenerationJob
from generation.selectors import WITHHELD_FROM_CREATOR, HiddenReason, generation_hidden_reason
from generation.services import MAX_PROMPT_CHARS
from sora_social.api.fields import TextInputField, api_datetime
from sora_social.api.media import signed_media_url


class StateTimesSerializer(serializers.Serializer):
    """When the job last entered each state it has been in (a retried job enters queued again)."""

    # One per GenerationJob.State (tests/test_contract_types.py checks they stay the same); absent: not reached.
    queued = serializers.DateTimeField(required=False)
    rendering = serializers.DateTimeField(required=False)
    encoding = serializers.DateTimeField(required=False)
    signing = serializers.DateTimeField(required=False)
    succeeded = serializers.DateTimeField(required=False)
    failed = serializers.DateTimeField(required=False)
    blocked = serializers.DateTimeField(required=False)
    cancelled = serializers.DateTimeField(required=False)


class GenerationCreateInputSerializer(serializers.Serializer):
    prompt = TextInputField(max_length=MAX_PROMPT_CHARS, trim_whitespace=True)
    duration_s = serializers.IntegerField(min_value=1, max_value=MAX_DURATION_S, default=5)
    resolution = serializers.ChoiceField(choices=list(RESOLUTIONS), default="720p")
    aspect_ratio = serializers.ChoiceField(choices=list(ASPECT_RATIOS), default="16:9")
    style = serializers.ChoiceField(choices=list(STYLES), default="realistic")
    seed = serializers.IntegerField(required=False, min_value=0, max_value=2**31 - 1)
    # One of GET /generations/backends/; omitted: the deployment's default. Checked by the service (422).
    backend = TextInputField(required=False, allow_blank=True, max_length=32, default="")


class GenerationOutputSerializer(serializers.ModelSerializer):
    cameos = serializers.SerializerMethodField()
    parent_post = serializers.SerializerMethodField()
    # A video withdrawn after it was made keeps `state: succeeded` and says why here, rather than in a new state:
    # `state` tells how the render ended, and it did succeed. Hiding happens later and elsewhere (cameos marks the
    # appearance, moderation the post), a takedown may be undone, and the declared state machine has no way out
    # of succeeded. A state would also have to be written into the job when consent changes, while consent
    # ripples upward by asking: this is read from the rows that decide it (generation.selectors).
    hidden_reason = serializers.SerializerMethodField()
    video_url = serializers.SerializerMethodField()
    poster_url = serializers.SerializerMethodField()
    post_id = serializers.SerializerMethodField()
    is_draft = serializers.SerializerMethodField()
    state_times = serializers.SerializerMethodField()

    class Meta:
        model = GenerationJob
        fields = [
            "id",
            "prompt",
            "duration_s",
            "resolution",
            "aspect_ratio",
            "style",
            "seed",
            "backend",
            "state",
            "state_reason",
            "hidden_reason",
            "progress",
            "cameos",
            "parent_post",
            "video_url",
            "poster_url",
            "post_id",
            "is_draft",
            "state_times",
            "created_at",
            "finished_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_cameos(self, job: GenerationJob) -> list[str]:
        return [f"@{cameo.handle}" for cameo in job.cameos.all()]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_parent_post(self, job: GenerationJob) -> int | None:
        """For a remix, the post it remixes: the parent job's post (select_related("parent_job__post"))."""
        post = getattr(job.parent_job, "post", None) if job.parent_job_id else None
        return post.pk if post else None

    @extend_schema_field(StateTimesSerializer)
    def get_state_times(self, job: GenerationJob) -> dict[str, str]:
        # Stored by generation.services as isoformat() text; written out like every other timestamp (Z).
        return {state: api_datetime(at) for state, at in (job.state_times or {}).items()}

    def _viewer_id(self) -> int:
        return self.context["request"].user.pk

    @staticmethod
    def _hidden_reason(job: GenerationJob) -> HiddenReason | None:
        # Read once per job: four fields depend on it.
        if not hasattr(job, "_hidden_reason"):
            job._hidden_reason = generation_hidden_reason(job)
        return job._hidden_reason

    def _served(self, job: GenerationJob, file) -> str | None:
        """A signed URL for one of the job's files, or None when there is none or it is no longer served to the
        creator (a URL then would only 404: feed.selectors.job_media_visible_to)."""
        if not file or self._hidden_reason(job) in WITHHELD_FROM_CREATOR:
            return None
        return signed_media_url(file.name, viewer_id=self._viewer_id())

    @extend_schema_field(
        serializers.ChoiceField(
            choices=HiddenReason.choices,
            allow_null=True,
            help_text=(
                "Why the finished video is no longer shown; null while it is (or before it is made). "
                "consent_revoked: consent for a cameo in it was withdrawn (why is not said); "
                "removed_by_cameo_owner: a cameo's owner removed it; with either, video_url and poster_url are "
                "null. taken_down: a moderator took the post down; its creator can still watch it until its files "
                "are purged."
            ),
        )
    )
    def get_hidden_reason(self, job: GenerationJob) -> str | None:
        reason = self._hidden_reason(job)
        return reason.value if reason else None

    @extend_schema_field(
        serializers.CharField(
            allow_null=True, help_text="Null without a stored file, and whenever hidden_reason withholds the video."
        )
    )
    def get_video_url(self, job: GenerationJob) -> str | None:
        return self._served(job, job.video)

    @extend_schema_field(
        serializers.CharField(
            allow_null=True, help_text="Null without a stored file, and whenever hidden_reason withholds the video."
        )
    )
    def get_poster_url(self, job: GenerationJob) -> str | None:
        return self._served(job, job.poster)

    def get_post_id(self, job: GenerationJob) -> int | None:
        post = getattr(job, "post", None)
        return post.pk if post else None

    def get_is_draft(self, job: GenerationJob) -> bool:
        """A finished video not yet published that may still be; false once hidden_reason withholds it."""
        return (
            job.state == GenerationJob.State.SUCCEEDED
            and getattr(job, "post", None) is None
            and self._hidden_reason(job) not in WITHHELD_FROM_CREATOR
        )


class GenerationBackendOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    default = serializers.BooleanField()
    audio = serializers.ChoiceField(choices=["model", "synthesized", "room_tone"])
    identity = serializers.ChoiceField(choices=["composited", "first_frame", "face_embedding"])
    max_duration_s = serializers.IntegerField()
    resolutions = serializers.ListField(child=serializers.CharField())
    aspect_ratios = serializers.ListField(child=serializers.CharField())


class ProvenanceVerifyInputSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)


class ProvenanceVerifyOutputSerializer(serializers.Serializer):
    made_here = serializers.BooleanField()
    method = serializers.ChoiceField(choices=["c2pa_manifest", "content_hash", "none"])
    manifest_state = serializers.CharField(allow_null=True)
    job_ref = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField(allow_null=True)
    is_remix = serializers.BooleanField()
    ai_generated = serializers.BooleanField()
