from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from generation.backends.base import ASPECT_RATIOS, MAX_DURATION_S, RESOLUTIONS, STYLES
from generation.models import GenerationJob
from generation.services import MAX_PROMPT_CHARS
from sora_social.api.media import signed_media_url


class GenerationCreateInputSerializer(serializers.Serializer):
    prompt = serializers.CharField(max_length=MAX_PROMPT_CHARS, trim_whitespace=True)
    duration_s = serializers.IntegerField(min_value=1, max_value=MAX_DURATION_S, default=5)
    resolution = serializers.ChoiceField(choices=list(RESOLUTIONS), default="720p")
    aspect_ratio = serializers.ChoiceField(choices=list(ASPECT_RATIOS), default="16:9")
    style = serializers.ChoiceField(choices=list(STYLES), default="realistic")
    seed = serializers.IntegerField(required=False, min_value=0, max_value=2**31 - 1)
    # One of GET /generations/backends/; omitted: the deployment's default. Checked by the service (422).
    backend = serializers.CharField(required=False, allow_blank=True, max_length=32, default="")


class GenerationOutputSerializer(serializers.ModelSerializer):
    cameos = serializers.SerializerMethodField()
    parent_post = serializers.SerializerMethodField()
    video_url = serializers.SerializerMethodField()
    poster_url = serializers.SerializerMethodField()
    post_id = serializers.SerializerMethodField()
    is_draft = serializers.SerializerMethodField()

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

    def _viewer_id(self) -> int:
        return self.context["request"].user.pk

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_video_url(self, job: GenerationJob) -> str | None:
        return signed_media_url(job.video.name, viewer_id=self._viewer_id()) if job.video else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_poster_url(self, job: GenerationJob) -> str | None:
        return signed_media_url(job.poster.name, viewer_id=self._viewer_id()) if job.poster else None

    def get_post_id(self, job: GenerationJob) -> int | None:
        post = getattr(job, "post", None)
        return post.pk if post else None

    def get_is_draft(self, job: GenerationJob) -> bool:
        return job.state == GenerationJob.State.SUCCEEDED and getattr(job, "post", None) is None


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
