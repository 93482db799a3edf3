import io

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from PIL import Image
from rest_framework import status
from rest_framework.response import Response

from cameos import biometrics, selectors, services
from cameos.api import serializers as s
from cameos.models import Cameo, Grant
from cameos.policy import cameos_usable_by
from cameos.restriction_classifier import restriction_categories
from sora_social.accounts.models import User
from sora_social.accounts.selectors import user_visible_to
from sora_social.api.errors import ApiError
from sora_social.api.pagination import page_body, page_serializer
from sora_social.api.renderers import BinaryApiViewMixin
from sora_social.api.throttling import PerPersonRateThrottle
from sora_social.api.views import MemberApiView, UploadApiView, paginate


class UploadThrottle(PerPersonRateThrottle):
    scope = "upload"


def _my_cameo_or_404(cameo_id: int, user: User) -> Cameo:
    cameo = selectors.cameo_owned_by(cameo_id=cameo_id, owner=user)
    if cameo is None:
        raise ApiError("not_found", "No such cameo.", status_code=404)
    return cameo


class ChallengeThrottle(PerPersonRateThrottle):
    scope = "challenge"


class ChallengeApi(MemberApiView):
    """A new verification challenge: digits to read aloud and head turns, usable once within two minutes."""

    throttle_classes = [ChallengeThrottle]

    @extend_schema(request=None, responses={201: s.ChallengeOutputSerializer})
    def post(self, request):
        challenge = services.challenge_create(user=request.user)
        return Response(s.ChallengeOutputSerializer(challenge).data, status=status.HTTP_201_CREATED)


class CameoListApi(UploadApiView):
    throttle_classes = []

    def get_throttles(self):
        return [UploadThrottle()] if self.request.method == "POST" else []

    @extend_schema(responses=s.CameoOutputSerializer(many=True))
    def get(self, request):
        """Your cameos (yourself, pets, objects, drawings), newest first, in every status."""
        return paginate(self, selectors.cameos_of(request.user), s.CameoOutputSerializer)

    @extend_schema(request={"multipart/form-data": s.CameoCreateInputSerializer}, responses={202: s.CameoOutputSerializer})
    def post(self, request):
        """Create a cameo: yourself from a verification video read against a challenge (kind self), or a character from
        an image or clip; checked in the background (202).
        """
        data = s.CameoCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["kind"] == Cameo.Kind.SELF:
            cameo = services.cameo_submit_verification(
                owner=request.user,
                upload=values["video"],
                challenge_id=values["challenge_id"],
                display_name=values["display_name"],
                handle=values["handle"],
                mirrored=values["mirrored"],
            )
        else:
            cameo = services.cameo_create_character(
                owner=request.user,
                upload=values["media"],
                kind=values["kind"],
                display_name=values["display_name"],
                handle=values["handle"],
            )
        return Response(s.CameoOutputSerializer(cameo).data, status=status.HTTP_202_ACCEPTED)


class UsableCameoListApi(MemberApiView):
    @extend_schema(responses=s.CameoPublicSerializer(many=True))
    def get(self, request):
        """The cameos you may cast in a generation: your own verified ones and those whose owners granted you."""
        return paginate(self, cameos_usable_by(request.user).select_related("owner"), s.CameoPublicSerializer)


class RestrictionCategoryListApi(MemberApiView):
    @extend_schema(
        operation_id="cameos_restriction_categories_list",
        responses=page_serializer(s.RestrictionCategorySerializer),
        description="The categories a cameo owner can rule out (\"no political content\"), with what each covers. "
        "A restriction that names one is enforced on every text that goes with the likeness: prompts and dialogue, "
        "captions, remix prompts and comments.",
    )
    def get(self, request):
        categories = [
            {"key": c.key, "label": c.label, "definition": c.definition, "also_rules_out": list(c.also_rules_out)}
            for c in restriction_categories().values()
        ]
        return Response(page_body(categories, None))


class CameoDetailApi(MemberApiView):
    @extend_schema(responses=s.CameoOutputSerializer)
    def get(self, request, cameo_id: int):
        """One of your cameos."""
        return Response(s.CameoOutputSerializer(_my_cameo_or_404(cameo_id, request.user)).data)

    @extend_schema(request=s.CameoUpdateInputSerializer, responses=s.CameoOutputSerializer)
    def patch(self, request, cameo_id: int):
        """Change who may use your cameo (level), its preferences, restrictions or display name."""
        cameo = _my_cameo_or_404(cameo_id, request.user)
        data = s.CameoUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cameo = services.cameo_update(cameo=cameo, actor=request.user, **data.validated_data)
        return Response(s.CameoOutputSerializer(cameo).data)

    @extend_schema(responses={204: None})
    def delete(self, request, cameo_id: int):
        """Delete your cameo: its biometric data is erased and every video with it disappears."""
        services.cameo_delete(cameo=_my_cameo_or_404(cameo_id, request.user), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CameoThumbnailApi(BinaryApiViewMixin, MemberApiView):
    """The owner's own reference image, as a small JPEG; nobody else ever gets it."""

    # Also offered as application/octet-stream, for clients (generated ones among them) that read any image as bytes.
    @extend_schema(
        responses={
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
        }
    )
    def get(self, request, cameo_id: int):
        """Your cameo's reference image as a JPEG of at most 160 px; `Accept: application/octet-stream` gets the
        same bytes under that type."""
        png = biometrics.reference_image_png(_my_cameo_or_404(cameo_id, request.user))
        if png is None:
            raise ApiError("not_found", "This cameo has no reference image yet.", status_code=404)
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image.thumbnail((160, 160))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=85)
        return Response(
            buffer.getvalue(), content_type=request.accepted_media_type, headers={"Cache-Control": "private, no-store"}
        )


class GrantListApi(MemberApiView):
    @extend_schema(responses=s.GrantOutputSerializer(many=True))
    def get(self, request, cameo_id: int):
        """The people you allowed to use this cameo of yours."""
        cameo = _my_cameo_or_404(cameo_id, request.user)
        return paginate(self, selectors.cameo_grants(cameo), s.GrantOutputSerializer)

    @extend_schema(request=s.GrantInputSerializer, responses={201: s.GrantOutputSerializer})
    def post(self, request, cameo_id: int):
        """Allow a person (by @handle) to use this cameo of yours; a teen's grant may wait for a parent's approval."""
        cameo = _my_cameo_or_404(cameo_id, request.user)
        data = s.GrantInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # Someone blocked either way could never use the cameo; they look the same as nobody, as everywhere.
        grantee = user_visible_to(handle=data.validated_data["handle"].lstrip("@"), viewer=request.user)
        if grantee is None:
            raise ApiError("user_not_found", "No such user.", status_code=404)
        grant = services.grant_create(cameo=cameo, actor=request.user, grantee=grantee)
        return Response(s.GrantOutputSerializer(grant).data, status=status.HTTP_201_CREATED)


class GrantDetailApi(MemberApiView):
    @extend_schema(responses={204: None})
    def delete(self, request, cameo_id: int, handle: str):
        """Revoke a person's permission to use this cameo of yours; their videos with it disappear at once."""
        cameo = _my_cameo_or_404(cameo_id, request.user)
        grantee = User.objects.filter(handle__iexact=handle.lstrip("@")).first()
        if grantee is None:
            raise ApiError("not_found", "No such grant.", status_code=404)
        services.grant_delete(cameo=cameo, actor=request.user, grantee_id=grantee.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CameoAuditApi(MemberApiView):
    @extend_schema(responses=s.AuditOutputSerializer(many=True))
    def get(self, request, cameo_id: int):
        """Every consent decision taken about this cameo of yours (who tried to use it, for what, allowed or not),
        newest first.
        """
        cameo = _my_cameo_or_404(cameo_id, request.user)
        return paginate(self, selectors.cameo_audit(cameo), s.AuditOutputSerializer)


class AppearanceListApi(MemberApiView):
    @extend_schema(responses=s.AppearanceOutputSerializer(many=True))
    def get(self, request, cameo_id: int):
        """The videos that show this cameo of yours, drafts of other people included, with their state."""
        cameo = _my_cameo_or_404(cameo_id, request.user)
        return paginate(self, selectors.cameo_appearances(cameo), s.AppearanceOutputSerializer)


class ParentGrantListApi(MemberApiView):
    @extend_schema(responses=s.ParentGrantOutputSerializer(many=True))
    def get(self, request):
        """As a linked parent: grants of your teen's cameos waiting for your approval."""
        return paginate(self, selectors.grants_awaiting_parent(request.user), s.ParentGrantOutputSerializer)


class ParentGrantApproveApi(MemberApiView):
    @extend_schema(request=None, responses=s.ParentGrantOutputSerializer)
    def post(self, request, grant_id: int):
        """As a linked parent: approve a grant of your teen's cameo."""
        grant = selectors.grants_awaiting_parent(request.user).filter(pk=grant_id).first()
        if grant is None:
            grant = Grant.objects.filter(pk=grant_id, status=Grant.Status.ACTIVE, approved_by=request.user).first()
        if grant is None:
            raise ApiError("not_found", "No such grant.", status_code=404)
        grant = services.grant_parent_approve(grant=grant, parent=request.user)
        return Response(s.ParentGrantOutputSerializer(grant).data)


class ParentGrantDeclineApi(MemberApiView):
    @extend_schema(responses={204: None})
    def delete(self, request, grant_id: int):
        """As a linked parent: decline a grant of your teen's cameo waiting for your approval."""
        grant = selectors.grants_awaiting_parent(request.user).filter(pk=grant_id).first()
        if grant is None:
            raise ApiError("not_found", "No such grant.", status_code=404)
        services.grant_delete(cameo=grant.cameo, actor=request.user, grantee_id=grant.grantee_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
