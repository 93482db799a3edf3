"""Input serializers, and the item shape every post read path answers with.

Items are built by plain functions (a feed page is the hot path; DRF field machinery costs more than the
queries). The Output serializers below only document that shape for the OpenAPI schema.
"""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from feed.hot_queries import PostItem
from feed.models import Comment, Post, WellnessCheckIn
from feed.services.posts import MAX_CAPTION_CHARS
from feed.services.reactions import MAX_COMMENT_CHARS
from feed.steering import MAX_STEERING_CHARS
from feed.viewing_limits import LIST_STATES
from sora_social.api.fields import NullableObjectField, TextInputField, api_datetime
from sora_social.api.media import signed_media_url
from sora_social.api.pagination import NEXT_CURSOR_HELP

REASONS = {
    "follow": "you follow @{handle}",
    "circle": "popular with people you follow",
    "popular": "popular now",
    "fresh": "fresh",
    "recent": "recent",
}


def author_payload(user) -> dict:
    profile = getattr(user, "profile", None)
    return _author(user.handle, profile.display_name if profile else None)


def _author(handle: str, display_name: str | None) -> dict:
    # No display name: the handle is shown instead.
    return {"handle": handle, "display_name": display_name or handle}


def post_item(item: PostItem, *, viewer_id: int) -> dict:
    """A post as the viewer sees it, from an item of `feed.hot_queries` (read through `visible_posts` and
    decorated with the viewer's state). The media URLs are signed for this viewer, who may see the post."""
    parent = (
        {"id": item.parent_id, "author": _author(item.parent_handle, item.parent_display_name)}
        if item.parent_id and item.parent_handle
        else None
    )
    return {
        "post": {
            "id": item.id,
            "caption": item.caption,
            "prompt": item.prompt,
            "visibility": item.visibility,
            "allow_remix": item.allow_remix,
            "duration_s": item.duration_s,
            "aspect_ratio": item.aspect_ratio,
            "video_url": signed_media_url(item.video_name, viewer_id=viewer_id),
            "poster_url": signed_media_url(item.poster_name, viewer_id=viewer_id),
            "cameos": [f"@{cameo}" for cameo in item.cameos or ()],
            "created_at": api_datetime(item.created_at),
        },
        "author": _author(item.author_handle, item.author_display_name),
        "counts": {
            "likes": item.like_count,
            "comments": item.comment_count,
            "views": item.view_count,
            "remixes": item.remix_count,
        },
        "liked": item.liked,
        "is_mine": item.author_id == viewer_id,
        "parent": parent,
        # A remix whose parent was taken down, revoked, deleted or is hidden from this viewer.
        "parent_unavailable": bool(item.parent_id) and parent is None,
    }


def feed_item(item: PostItem, reason_code: str, *, viewer_id: int, steering_label: str = "") -> dict:
    if reason_code == "steering":
        reason = f"matches your steering: {steering_label}" if steering_label else "matches your steering"
    else:
        reason = REASONS.get(reason_code, "fresh").format(handle=item.author_handle)
    return {"type": "post", "reason": reason, **post_item(item, viewer_id=viewer_id)}


def check_in_item(check_in: dict) -> dict:
    """A wellness check-in in the feed (`feed.viewing_limits`): it has no post, only the question."""
    return {"type": "wellness_check", "reason": "wellness check-in", "check_in": check_in}


def comment_item(comment: Comment, *, viewer_id: int, post_author_id: int) -> dict:
    return {
        "id": comment.pk,
        "body": comment.body,
        "author": author_payload(comment.author),
        "created_at": api_datetime(comment.created_at),
        "can_delete": viewer_id in (comment.author_id, post_author_id),
        "held": comment.held_at is not None,
        "held_reason": (
            f"It conflicts with a restriction on a cameo in this video: “{comment.held_restriction}”."
            if comment.held_at is not None
            else None
        ),
    }


# ---- input --------------------------------------------------------------------------------------------


class PostCreateInputSerializer(serializers.Serializer):
    generation_id = serializers.IntegerField(min_value=1)
    caption = TextInputField(max_length=MAX_CAPTION_CHARS, required=False, allow_blank=True, default="")
    visibility = serializers.ChoiceField(choices=Post.Visibility.choices, default=Post.Visibility.PUBLIC)
    allow_remix = serializers.BooleanField(default=True)


class PostUpdateInputSerializer(serializers.Serializer):
    caption = TextInputField(max_length=MAX_CAPTION_CHARS, required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=Post.Visibility.choices, required=False)
    allow_remix = serializers.BooleanField(required=False)


class CommentCreateInputSerializer(serializers.Serializer):
    body = TextInputField(max_length=MAX_COMMENT_CHARS)
    client_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class SteeringInputSerializer(serializers.Serializer):
    text = TextInputField(allow_blank=True, trim_whitespace=True, max_length=MAX_STEERING_CHARS)


class WellnessInputSerializer(serializers.Serializer):
    mood = serializers.ChoiceField(choices=WellnessCheckIn.Mood.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


# ---- output (documentation of the shapes above) -------------------------------------------------------


class AuthorOutputSerializer(serializers.Serializer):
    handle = serializers.CharField()
    display_name = serializers.CharField()


class PostBodyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caption = serializers.CharField()
    prompt = serializers.CharField()
    visibility = serializers.ChoiceField(choices=Post.Visibility.choices)
    allow_remix = serializers.BooleanField()
    duration_s = serializers.IntegerField()
    aspect_ratio = serializers.CharField()
    video_url = serializers.CharField(allow_null=True, help_text="Signed for you; valid for a few minutes.")
    poster_url = serializers.CharField(allow_null=True)
    cameos = serializers.ListField(child=serializers.CharField())
    created_at = serializers.DateTimeField()


class CountsOutputSerializer(serializers.Serializer):
    likes = serializers.IntegerField()
    comments = serializers.IntegerField()
    views = serializers.IntegerField()
    remixes = serializers.IntegerField()


class ParentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = AuthorOutputSerializer()


class PostItemOutputSerializer(serializers.Serializer):
    post = PostBodyOutputSerializer()
    author = AuthorOutputSerializer()
    counts = CountsOutputSerializer()
    liked = serializers.BooleanField()
    is_mine = serializers.BooleanField()
    parent = NullableObjectField(ParentOutputSerializer, help_text="The remix parent; null when there is none.")
    parent_unavailable = serializers.BooleanField()


class CheckInOutputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text='"videos" or "minutes": which daily threshold was crossed.')
    videos_today = serializers.IntegerField()
    minutes_today = serializers.IntegerField()
    question = serializers.CharField()
    answers = serializers.ListField(child=serializers.CharField())


class FeedPostItemOutputSerializer(PostItemOutputSerializer):
    type = serializers.ChoiceField(choices=["post"])
    reason = serializers.CharField(help_text='Why it is shown, e.g. "you follow @x" or "popular now".')


class FeedCheckInItemOutputSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["wellness_check"])
    reason = serializers.CharField(help_text='"wellness check-in".')
    check_in = CheckInOutputSerializer()


# A feed item is a post or a wellness check-in, told apart by `type` (a check-in has no post, author or counts).
FEED_ITEM_TYPES = {"post": FeedPostItemOutputSerializer, "wellness_check": FeedCheckInItemOutputSerializer}


class FeedLimitsOutputSerializer(serializers.Serializer):
    daily_feed_videos = serializers.IntegerField(allow_null=True)
    videos_today = serializers.IntegerField()
    continuous_scroll = serializers.BooleanField()
    personalized = serializers.BooleanField()
    resets_at = serializers.DateTimeField()


class FeedOutputSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text='"for_you" or "following".')
    state = serializers.ChoiceField(choices=LIST_STATES)
    message = serializers.CharField()
    items = PolymorphicProxySerializer(
        component_name="FeedItem", serializers=FEED_ITEM_TYPES, resource_type_field_name="type", many=True
    )
    next_cursor = serializers.CharField(allow_null=True, help_text=NEXT_CURSOR_HELP)
    limits = FeedLimitsOutputSerializer()


class PostListOutputSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=LIST_STATES)
    message = serializers.CharField(allow_blank=True)
    items = PostItemOutputSerializer(many=True)
    next_cursor = serializers.CharField(allow_null=True, help_text=NEXT_CURSOR_HELP)


class LikeOutputSerializer(serializers.Serializer):
    liked = serializers.BooleanField()
    like_count = serializers.IntegerField()


class ViewOutputSerializer(serializers.Serializer):
    counted = serializers.BooleanField()
    view_count = serializers.IntegerField()


class CommentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    author = AuthorOutputSerializer()
    created_at = serializers.DateTimeField()
    can_delete = serializers.BooleanField()
    held = serializers.BooleanField(
        help_text="Held from public view: it breaks a restriction of a cameo the video shows. Only its author "
        "and that cameo's owner see it."
    )
    held_reason = serializers.CharField(allow_null=True)


class SteeringOutputSerializer(serializers.Serializer):
    text = serializers.CharField()
    more = serializers.CharField(help_text="What it shows more of.")
    less = serializers.CharField(help_text="What it shows less of.")
    updated_at = serializers.DateTimeField(allow_null=True)


class WellnessOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = WellnessCheckIn
        fields = ["id", "mood", "note", "videos_today", "minutes_today", "created_at"]
