from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework import status as http
from rest_framework.response import Response

from feed.api import serializers as feed_s
from feed.hot_queries import post_items_by_id
from feed.selectors import access_post
from feed.viewing_limits import LIMIT_MESSAGES, LIST_STATES, viewing_allowance
from generation import selectors as generation_selectors
from generation.api.serializers import GenerationCreateInputSerializer, GenerationOutputSerializer
from remix import selectors, services
from sora_social.api.fields import NullableObjectField
from sora_social.api.pagination import CURSOR, PAGE_SIZE, CreatedCursorPagination, page_body
from sora_social.api.permissions import IsNotRestricted
from sora_social.api.throttling import PerPersonRateThrottle
from sora_social.api.views import MemberApiView


class RemixThrottle(PerPersonRateThrottle):
    # Remixes are generations: they share the generation rate.
    scope = "generation"


class LineageEntryOutputSerializer(serializers.Serializer):
    depth = serializers.IntegerField(help_text="1 for the parent, 2 for the grandparent, ...")
    available = serializers.BooleanField()
    item = NullableObjectField(
        feed_s.PostItemOutputSerializer,
        help_text="null when it is not available, or when a teen's daily cap left no video for it (see state).",
    )


class LineageOutputSerializer(serializers.Serializer):
    post = serializers.IntegerField()
    state = serializers.ChoiceField(
        choices=LIST_STATES, help_text="daily_limit_reached: a teen's daily cap withheld some or all of the videos."
    )
    message = serializers.CharField(allow_blank=True)
    items = LineageEntryOutputSerializer(many=True, help_text="Nearest ancestor first; the whole lineage, never paged.")


class RemixCreateApi(MemberApiView):
    permission_classes = [*MemberApiView.permission_classes, IsNotRestricted]
    throttle_classes = [RemixThrottle]

    @extend_schema(request=GenerationCreateInputSerializer, responses={202: GenerationOutputSerializer})
    def post(self, request, post_id: int):
        """Start a generation that remixes this post (public posts whose author allows remixes)."""
        data = GenerationCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.remix_create(post_id=post_id, remixer=request.user, **data.validated_data)
        job = generation_selectors.generation_of(job_id=job.pk, owner=request.user)
        return Response(GenerationOutputSerializer(job, context={"request": request}).data, status=http.HTTP_202_ACCEPTED)


class RemixListApi(MemberApiView):
    @extend_schema(operation_id="posts_remixes_list", parameters=[CURSOR, PAGE_SIZE], responses=feed_s.PostListOutputSerializer)
    def get(self, request, post_id: int):
        """The published remixes of a post that you may see, newest first.

        A teen's daily cap and continuous-scroll setting apply here as on the feed (feed.viewing_limits)."""
        post = access_post(post_id=post_id, viewer=request.user)
        allowance = viewing_allowance(request.user, next_page=bool(request.query_params.get("cursor")))
        if allowance.state != "ok":
            return Response(page_body([], None, state=allowance.state, message=allowance.message))
        paginator = CreatedCursorPagination()
        page = paginator.paginate_queryset(selectors.remixes_of(post=post, viewer=request.user), request, view=self)
        found = post_items_by_id(request.user, [remix.pk for remix in page])
        items = [found[remix.pk] for remix in page if remix.pk in found]
        if items:
            page_key = f"remixes:{post.pk}:{items[0].id}-{items[-1].id}"
            items = allowance.fit(items, page_key=page_key)
            allowance.count(served=len(items), page_key=page_key, shows_check_in=False)
        next_cursor = paginator.next_cursor() if allowance.offers_next_page() else None
        serialized = [feed_s.post_item(item, viewer_id=request.user.pk) for item in items]
        return Response(page_body(serialized, next_cursor, state=allowance.state, message=allowance.message))


class LineageApi(MemberApiView):
    @extend_schema(responses=LineageOutputSerializer)
    def get(self, request, post_id: int):
        """The ancestors of a post, nearest first; one you may not see (taken down, revoked, private) is shown
        as unavailable, without its content."""
        post = access_post(post_id=post_id, viewer=request.user)
        lineage = selectors.lineage_of(post=post, viewer=request.user)
        # Each ancestor is a video: a teen's daily cap applies here as on every list (feed.viewing_limits), or a long
        # lineage was 64 uncounted videos past it.
        allowance = viewing_allowance(request.user, next_page=False)
        ancestors = [ancestor for _, ancestor in lineage if ancestor is not None]
        shown: set[int] = set()
        if ancestors and allowance.state == "ok":
            page_key = f"lineage:{post.pk}:{ancestors[0].id}-{ancestors[-1].id}"
            fitted = allowance.fit(ancestors, page_key=page_key)
            allowance.count(served=len(fitted), page_key=page_key, shows_check_in=False)
            shown = {ancestor.id for ancestor in fitted}
        state = "daily_limit_reached" if allowance.state == "daily_limit_reached" or allowance.cut else "ok"
        return Response(
            {
                "post": post.pk,
                "state": state,
                "message": LIMIT_MESSAGES.get(state, ""),
                "items": [
                    {
                        "depth": depth,
                        "available": ancestor is not None,
                        "item": (
                            feed_s.post_item(ancestor, viewer_id=request.user.pk)
                            if ancestor is not None and ancestor.id in shown
                            else None
                        ),
                    }
                    for depth, ancestor in lineage
                ],
            }
        )
