from django.conf import settings
from django.db import models

from .post import Post


class Like(models.Model):
    """One person liking one post; at most one per pair, so liking twice changes nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="likes")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="like_unique_per_user")]
        indexes = [models.Index(fields=["post", "user"])]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.post_id}"


class Comment(models.Model):
    """A comment on a post; deleting it only hides it, so counts and notifications stay consistent."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    body = models.CharField(max_length=1000)
    # Chosen by the app per comment: a retried request with the same id returns the first comment.
    client_id = models.CharField(max_length=64, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Set when a moderator took the comment down; it is hidden like a deleted one, but can be restored.
    taken_down_at = models.DateTimeField(null=True, blank=True)
    # Set when the comment breaks a restriction of a cameo the post shows: it is kept, hidden from everyone but
    # its author and those cameos' owners (`held_for`), and not counted.
    held_at = models.DateTimeField(null=True, blank=True)
    held_for = models.ManyToManyField("cameos.Cameo", blank=True, related_name="+")
    held_restriction = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_id"], condition=~models.Q(client_id=""), name="comment_client_id_unique"
            )
        ]
        indexes = [models.Index(fields=["post", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.post_id}"


class PostView(models.Model):
    """A viewer watched a post on a given day; one row per viewer, post and day, so retries count once."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="views")
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["viewer", "post", "day"], name="post_view_once_a_day")]

    def __str__(self) -> str:
        return f"{self.viewer_id} saw {self.post_id} on {self.day}"
