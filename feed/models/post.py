from django.conf import settings
from django.db import models


class Post(models.Model):
    """A published video: a creator's succeeded draft, shown in feeds to those allowed to see it."""

    class Visibility(models.TextChoices):
        PUBLIC = "public"
        FOLLOWERS = "followers"
        PRIVATE = "private"

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    job = models.OneToOneField("generation.GenerationJob", on_delete=models.CASCADE, related_name="post")
    caption = models.CharField(max_length=500, blank=True)
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)
    allow_remix = models.BooleanField(default=True)
    # The remix parent, if this post is a remix.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="remixes")
    # Hidden from every read path when set: a moderator took it down. (A withdrawn cameo consent hides it too,
    # read from the cameo side: feed.selectors.live_posts.)
    taken_down_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # L2-normalized MiniLM embedding of prompt + caption (384 float32), for steering.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    like_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    # What ranking reads of the comments: how many people other than the author wrote one that counts. Thirty
    # comments by the author on her own post made it "popular now" for everyone.
    commenter_count = models.PositiveIntegerField(default=0)
    view_count = models.PositiveIntegerField(default=0)
    remix_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["author", "-created_at", "-id"]),
            models.Index(fields=["-created_at", "-id"]),
        ]

    def __str__(self) -> str:
        return f"post {self.pk} by {self.author_id}"
