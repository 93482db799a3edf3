from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from feed import selectors
from feed.api import serializers as s
from feed.hot_queries import post_items_by_id, steering_of
from feed.models import WellnessCheckIn
from feed.services import posts, preferences, reactions, serving
from sora_social.api.fields import api_datetime
from sora_social.api.pagination import CURSOR, PAGE_SIZE, CreatedCursorPagination, page_body, page_size_from
from sora_social.api.permissions import IsNotRestricted
from sora_social.api.throttling import PerPersonRateThrottle
from sora_social.api.views import MemberApiView


class CommentThrottle(PerPersonRateThrottle):
    scope = "comment"


def _page_size(request) -> int | None:
    """As every list reads it (sora_social.api.pagination.page_size_from): absent or empty is the list's default, a
    whole number is at least 1 (the services hold it to their largest; 0 served the default 20), else a 400."""
    raw = request.query_params.get("page_size")
    if raw is None or raw == "":
        return None
    return page_size_from(raw, default=1)


class FeedApi(MemberApiView):
    @extend_schema(
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=["for_you", "following"], description="Default for_you."),
            CURSOR,
            PAGE_SIZE,
        ],
        responses=s.FeedOutputSerializer,
    )
    def get(self, request):
        page = serving.feed_serve(
            viewer=request.user,
            kind=request.query_params.get("kind", "for_you"),
            cursor=request.query_params.get("cursor"),
            page_size=_page_size(request),
        )
        results = [s.check_in_item(page.check_in)] if page.check_in else []
        results += [
            s.feed_item(item, reason, viewer_id=request.user.pk, steering_label=page.steering_label)
            for item, reason in page.items
        ]
        return Response(
            {
                "kind": page.kind,
                "state": page.state,
                "message": page.message,
                "items": results,
                "next_cursor": page.next_cursor,
                "limits": {**page.limits, "resets_at": api_datetime(page.limits["resets_at"])},
            }
        )


class PostListApi(MemberApiView):
    def get_permissions(self):
        extra = [IsNotRestricted()] if self.request.method == "POST" else []
        return [*super().get_permissions(), *extra]

    @extend_schema(
        operation_id="posts_list",
        parameters=[OpenApiParameter("author", OpenApiTypes.STR, description="Only this @handle's posts."), CURSOR, PAGE_SIZE],
        responses=s.PostListOutputSerializer,
    )
    def get(self, request):
        """The newest posts you may see (optionally one author's): one indexed keyset page.

        A teen's daily cap and continuous-scroll setting apply here as on the feed (`state` says so)."""
        page = serving.posts_list(
            viewer=request.user,
            author=request.query_params.get("author"),
            cursor=request.query_params.get("cursor"),
            page_size=_page_size(request),
        )
        items = [s.post_item(item, viewer_id=request.user.pk) for item in page.items]
        return Response(page_body(items, page.next_cursor, state=page.state, message=page.message))

    @extend_schema(request=s.PostCreateInputSerializer, responses={201: s.PostItemOutputSerializer})
    def post(self, request):
        data = s.PostCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = posts.post_publish(author=request.user, **data.validated_data)
        return Response(_item(request, post.pk), status=status.HTTP_201_CREATED)


def _item(request, post_id: int) -> dict:
    item = post_items_by_id(request.user, [post_id]).get(post_id)
    if item is None:
        raise selectors.post_not_found()
    return s.post_item(item, viewer_id=request.user.pk)


class PostDetailApi(MemberApiView):
    @extend_schema(responses=s.PostItemOutputSerializer)
    def get(self, request, post_id: int):
        """One post you may see. A teen past the daily cap is answered 403 `daily_limit_reached` (their own posts
        excepted): a post opened by a link counts as one video, as on the feed."""
        item = serving.post_open(viewer=request.user, post_id=post_id)
        return Response(s.post_item(item, viewer_id=request.user.pk))

    @extend_schema(request=s.PostUpdateInputSerializer, responses=s.PostItemOutputSerializer)
    def patch(self, request, post_id: int):
        data = s.PostUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        posts.post_update(post_id=post_id, actor=request.user, **data.validated_data)
        return Response(_item(request, post_id))

    @extend_schema(responses={204: None})
    def delete(self, request, post_id: int):
        posts.post_delete(post_id=post_id, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostLikeApi(MemberApiView):
    @extend_schema(request=None, responses=s.LikeOutputSerializer)
    def post(self, request, post_id: int):
        post = reactions.post_like(post_id=post_id, user=request.user)
        return Response({"liked": True, "like_count": post.like_count})

    @extend_schema(responses={200: s.LikeOutputSerializer})
    def delete(self, request, post_id: int):
        post = reactions.post_unlike(post_id=post_id, user=request.user)
        return Response({"liked": False, "like_count": post.like_count})


class PostViewApi(MemberApiView):
    @extend_schema(request=None, responses=s.ViewOutputSerializer)
    def post(self, request, post_id: int):
        post, counted = reactions.post_view_record(post_id=post_id, viewer=request.user)
        return Response({"counted": counted, "view_count": post.view_count})


class CommentListApi(MemberApiView):
    def get_throttles(self):
        return [CommentThrottle()] if self.request.method == "POST" else []

    def get_permissions(self):
        extra = [IsNotRestricted()] if self.request.method == "POST" else []
        return [*super().get_permissions(), *extra]

    @extend_schema(parameters=[CURSOR, PAGE_SIZE], responses=s.CommentOutputSerializer(many=True))
    def get(self, request, post_id: int):
        post, all_comments = selectors.access_post_comments(post_id=post_id, viewer=request.user)
        paginator = CreatedCursorPagination()
        comments = selectors.comments_of(post=post, viewer=request.user, only_held_for_viewer=not all_comments)
        page = paginator.paginate_queryset(comments, request, view=self)
        data = [s.comment_item(c, viewer_id=request.user.pk, post_author_id=post.author_id) for c in page]
        return paginator.get_paginated_response(data)

    @extend_schema(
        request=s.CommentCreateInputSerializer,
        responses={
            201: OpenApiResponse(s.CommentOutputSerializer, description="The comment was made."),
            200: OpenApiResponse(
                s.CommentOutputSerializer,
                description="A retry: you already made a comment with this `client_id` on this post. It is "
                "answered again, and no second comment is made.",
            ),
        },
    )
    def post(self, request, post_id: int):
        data = s.CommentCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment, created = reactions.comment_create(post_id=post_id, author=request.user, **data.validated_data)
        post_author_id = comment.post.author_id
        return Response(
            s.comment_item(comment, viewer_id=request.user.pk, post_author_id=post_author_id),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class CommentDetailApi(MemberApiView):
    @extend_schema(responses={204: None})
    def delete(self, request, post_id: int, comment_id: int):
        reactions.comment_delete(post_id=post_id, comment_id=comment_id, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _steering_payload(steering) -> dict:
    if steering is None:
        return {"text": "", "more": "", "less": "", "updated_at": None}
    return {
        "text": steering.text,
        "more": steering.more_label,
        "less": steering.less_label,
        "updated_at": api_datetime(steering.updated_at),
    }


class SteeringApi(MemberApiView):
    @extend_schema(responses=s.SteeringOutputSerializer)
    def get(self, request):
        return Response(_steering_payload(steering_of(request.user.pk)))

    @extend_schema(request=s.SteeringInputSerializer, responses=s.SteeringOutputSerializer)
    def put(self, request):
        data = s.SteeringInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(_steering_payload(preferences.steering_set(user=request.user, text=data.validated_data["text"])))

    @extend_schema(responses={204: None})
    def delete(self, request):
        preferences.steering_set(user=request.user, text="")
        return Response(status=status.HTTP_204_NO_CONTENT)


class WellnessApi(MemberApiView):
    @extend_schema(parameters=[CURSOR], responses=s.WellnessOutputSerializer(many=True))
    def get(self, request):
        """Your own check-in answers; nobody else can read them."""
        paginator = CreatedCursorPagination()
        page = paginator.paginate_queryset(WellnessCheckIn.objects.filter(user=request.user), request, view=self)
        return paginator.get_paginated_response(s.WellnessOutputSerializer(page, many=True).data)

    @extend_schema(request=s.WellnessInputSerializer, responses={201: s.WellnessOutputSerializer})
    def post(self, request):
        data = s.WellnessInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        checkin = preferences.wellness_record(user=request.user, **data.validated_data)
        return Response(s.WellnessOutputSerializer(checkin).data, status=status.HTTP_201_CREATED)
