from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from cameos.selectors import cameo_owned_by
from generation import selectors, services
from generation.api import serializers as s
from generation.backends.catalog import offered_backend_list
from generation.provenance.lookup import provenance_verify
from sora_social.api.errors import ApiError
from sora_social.api.pagination import page_body, page_serializer
from sora_social.api.throttling import PerPersonRateThrottle
from sora_social.api.views import MemberApiView, paginate

# Under the server's cap on a request body (MAX_UPLOAD_BYTES), as generation.face_search's limit: the exports checked
# here are at most a MAX_DURATION_S video of this deployment.
PROVENANCE_MAX_BYTES = 55 * 1024 * 1024


class GenerationThrottle(PerPersonRateThrottle):
    scope = "generation"


class GenerationListApi(MemberApiView):
    def get_throttles(self):
        return [GenerationThrottle()] if self.request.method == "POST" else []

    @extend_schema(responses=s.GenerationOutputSerializer(many=True))
    def get(self, request):
        """Your generations (video jobs), newest first, with their state and progress."""
        return paginate(self, selectors.generations_of(request.user), s.GenerationOutputSerializer)

    @extend_schema(request=s.GenerationCreateInputSerializer, responses={202: s.GenerationOutputSerializer})
    def post(self, request):
        """Start a generation from a prompt naming cameos by @handle; consent is checked now and again before rendering
        (202, queued). Progress arrives on /ws/events/.
        """
        data = s.GenerationCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.generation_submit(owner=request.user, **data.validated_data)
        job = selectors.generation_of(job_id=job.pk, owner=request.user)
        return Response(
            s.GenerationOutputSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )


class GenerationBackendListApi(MemberApiView):
    """The rendering backends a generation may ask for here, with what each can render."""

    @extend_schema(operation_id="generations_backends_list", responses=page_serializer(s.GenerationBackendOutputSerializer))
    def get(self, request):
        backends = s.GenerationBackendOutputSerializer(offered_backend_list(), many=True).data
        return Response(page_body(backends, None))


def _job_or_404(job_id: int, user):
    job = selectors.generation_of(job_id=job_id, owner=user)
    if job is None:
        raise ApiError("not_found", "No such generation.", status_code=404)
    return job


class GenerationDetailApi(MemberApiView):
    @extend_schema(responses=s.GenerationOutputSerializer)
    def get(self, request, job_id: int):
        """One of your generations: its state, progress, and signed media URLs once it succeeded (null when
        hidden_reason withholds it).
        """
        return Response(s.GenerationOutputSerializer(_job_or_404(job_id, request.user), context={"request": request}).data)

    @extend_schema(responses={200: s.GenerationOutputSerializer})
    def delete(self, request, job_id: int):
        """Cancel one of your generations still in flight (an ended one is a 409); answers the cancelled job."""
        job = services.generation_cancel(job=_job_or_404(job_id, request.user), actor=request.user)
        # Read again as every job output is (generations_of): with what it needs to say whether it is hidden.
        job = _job_or_404(job.pk, request.user)
        return Response(s.GenerationOutputSerializer(job, context={"request": request}).data)


class CameoAppearanceDetailApi(MemberApiView):
    """The cameo's owner removes a video that uses them, for everyone: its files are destroyed."""

    @extend_schema(responses={204: None})
    def delete(self, request, cameo_id: int, generation_id: int):
        cameo = cameo_owned_by(cameo_id=cameo_id, owner=request.user)
        if cameo is None:
            raise ApiError("not_found", "No such cameo.", status_code=404)
        services.generation_remove_for_cameo_owner(cameo=cameo, actor=request.user, job_id=generation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProvenanceThrottle(PerPersonRateThrottle):
    scope = "provenance"


class ProvenanceVerifyApi(MemberApiView):
    parser_classes = [MultiPartParser]
    throttle_classes = [ProvenanceThrottle]

    @extend_schema(
        request={"multipart/form-data": s.ProvenanceVerifyInputSerializer},
        responses=s.ProvenanceVerifyOutputSerializer,
    )
    def post(self, request):
        """Check whether a video file was made by this deployment (C2PA manifest or content hash), and what can be said
        about it.
        """
        data = s.ProvenanceVerifyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        if upload.size == 0:
            raise ApiError("empty_file", "The file is empty.")
        if upload.size > PROVENANCE_MAX_BYTES:
            raise ApiError("too_large", "The file is too large.", status_code=413)
        verdict = provenance_verify(upload=upload)
        return Response(s.ProvenanceVerifyOutputSerializer(asdict(verdict)).data)
