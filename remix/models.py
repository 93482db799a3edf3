from django.db import models


class RemixAncestry(models.Model):
    """One ancestor of a remix post at a distance: the closure of Post.parent, so a lineage is one query."""

    descendant = models.ForeignKey("feed.Post", on_delete=models.CASCADE, related_name="ancestry")
    ancestor = models.ForeignKey("feed.Post", on_delete=models.CASCADE, related_name="descendancy")
    # 1 for the parent, 2 for the grandparent, ...
    depth = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["descendant", "depth"]
        constraints = [models.UniqueConstraint(fields=["descendant", "ancestor"], name="remix_ancestry_unique")]
        indexes = [models.Index(fields=["ancestor", "depth"])]

    def __str__(self) -> str:
        return f"{self.ancestor_id} is {self.depth} up from {self.descendant_id}"
