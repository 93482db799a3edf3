"""Find my face: an owner searches an uploaded video for their own cameo's face (generation.face_search)."""

from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from cameos.models import Cameo
from cameos.selectors import cameo_owned_by
from generation import face_search
from generation.face_search import FACE_SEARCH_MAX_BYTES, FACE_SEARCH_MAX_SECONDS
from generation.models import FaceSearch
from sora_social.accounts.models import User
from sora_social.api.errors import ApiError
from sora_social.api.fields import NullableObjectField
from sora_social.api.throttling import PerPersonRateThrottle
from sora_social.api.views import UploadApiView, paginate


class FaceSearchThrottle(PerPersonRateThrottle):
    scope = "face_search"


def _my_cameo_or_404(cameo_id: int, user: User) -> Cameo:
    cameo = cameo_owned_by(cameo_id=cameo_id, owner=user)
    if cameo is None:
        raise ApiError("not_found", "No such cameo.", status_code=404)
    return cameo


class FaceSearchCreateInputSerializer(serializers.Serializer):
    video = serializers.FileField(
        allow_empty_file=True,
        help_text=(
            f"Any video (MP4, MOV, WebM or Matroska, checked by its content), at most {FACE_SEARCH_MAX_SECONDS:g} s "
            f"and {FACE_SEARCH_MAX_BYTES // (1024 * 1024)} MB."
        ),
    )


class FaceSearchSegmentSerializer(serializers.Serializer):
    start_s = serializers.FloatField()
    end_s = serializers.FloatField()


class FaceSearchMadeHereSerializer(serializers.Serializer):
    made_here = serializers.BooleanField(help_text="Whether this deployment made the video.")
    method = serializers.ChoiceField(choices=["c2pa_manifest", "content_hash", "none"])
    manifest_state = serializers.CharField(allow_null=True)
    job_ref = serializers.CharField(allow_null=True, help_text="The opaque reference printed in its C2PA manifest.")
    created_at = serializers.DateTimeField(allow_null=True)
    is_remix = serializers.BooleanField()
    generation_id = serializers.IntegerField(
        allow_null=True, help_text="The generation that made it, when you may see that video (else null)."
    )
    post_id = serializers.IntegerField(allow_null=True, help_text="Its post, when it has one you may see.")


class FaceSearchOutputSerializer(serializers.ModelSerializer):
    """A search and, once it is done, where the cameo's face appears and whether the video was made here."""

    cameo_id = serializers.IntegerField(read_only=True)
    times_s = serializers.SerializerMethodField(help_text="Times (s) of the analysed frames that show your face.")
    segments = serializers.SerializerMethodField()
    closest_distance = serializers.SerializerMethodField(
        help_text="Of every face seen, the distance of the closest to your cameo (smaller is closer)."
    )
    threshold = serializers.SerializerMethodField(help_text="A face at most this far from your cameo is you.")
    frames_analysed = serializers.SerializerMethodField()
    faces_seen = serializers.SerializerMethodField()
    made_here = serializers.SerializerMethodField()

    class Meta:
        model = FaceSearch
        fields = [
            "id",
            "cameo_id",
            "status",
            "reason",
            "found",
            "duration_s",
            "times_s",
            "segments",
            "closest_distance",
            "threshold",
            "frames_analysed",
            "faces_seen",
            "made_here",
            "created_at",
            "finished_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.FloatField()))
    def get_times_s(self, search: FaceSearch) -> list[float]:
        return search.results.get("times_s", [])

    @extend_schema_field(FaceSearchSegmentSerializer(many=True))
    def get_segments(self, search: FaceSearch) -> list[dict]:
        return search.results.get("segments", [])

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_closest_distance(self, search: FaceSearch) -> float | None:
        return search.results.get("closest_distance")

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_threshold(self, search: FaceSearch) -> float | None:
        return search.results.get("threshold")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_frames_analysed(self, search: FaceSearch) -> int | None:
        return search.results.get("frames_analysed")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_faces_seen(self, search: FaceSearch) -> int | None:
        return search.results.get("faces_seen")

    @extend_schema_field(
        NullableObjectField(
            FaceSearchMadeHereSerializer, help_text="Whether this deployment made the video; null until known."
        )
    )
    def get_made_here(self, search: FaceSearch) -> dict | None:
        answer = face_search.face_search_made_here(search=search, viewer=self.context["request"].user)
        if answer is None:
            return None
        # Stored as ISO text; read back as a moment so it is written as every other timestamp ("Z", not "+00:00").
        created_at = parse_datetime(answer["created_at"]) if answer.get("created_at") else None
        return FaceSearchMadeHereSerializer({**answer, "created_at": created_at}).data


class CameoFaceSearchListApi(UploadApiView):
    """Find my face: is this cameo's face (yours) in a video, when, and did this deployment make the video?

    The video is compared with this cameo only, never with anyone else's face. The answer comes from a background
    analysis: POST answers 202 with the search `queued`; GET lists the cameo's searches with their results
    (a `face_search.finished` event is sent on the WebSocket when one ends).
    """

    throttle_classes = []

    def get_throttles(self):
        return [FaceSearchThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        responses=FaceSearchOutputSerializer(many=True),
        summary="The face searches made with this cameo of yours, with their results.",
    )
    def get(self, request, cameo_id: int):
        cameo = _my_cameo_or_404(cameo_id, request.user)
        return paginate(self, face_search.face_searches_of(cameo=cameo, owner=request.user), FaceSearchOutputSerializer)

    @extend_schema(
        summary=(
            "Search a video for this cameo's face (yours only); answers 202 queued, and face_search.finished "
            "follows on /ws/events/."
        ),
        request={"multipart/form-data": FaceSearchCreateInputSerializer},
        responses={202: FaceSearchOutputSerializer},
    )
    def post(self, request, cameo_id: int):
        cameo = _my_cameo_or_404(cameo_id, request.user)
        data = FaceSearchCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        search = face_search.face_search_create(owner=request.user, cameo=cameo, upload=data.validated_data["video"])
        return Response(
            FaceSearchOutputSerializer(search, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )
