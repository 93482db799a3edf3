from django.db import migrations, models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def _count_of(subquery):
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def recount(apps, schema_editor):
    """Counts kept by hand went on counting the comments and likes of banned and deactivated members: every post is
    counted again as feed.selectors.counted_comments and counted_likes count (one statement), and its commenters
    other than its author are counted for ranking."""
    Post = apps.get_model("feed", "Post")
    Comment = apps.get_model("feed", "Comment")
    Like = apps.get_model("feed", "Like")
    comments = (
        Comment.objects.filter(
            post_id=OuterRef("pk"),
            deleted_at__isnull=True,
            taken_down_at__isnull=True,
            held_at__isnull=True,
            author__is_active=True,
            author__banned_at__isnull=True,
        )
        .order_by()
        .values("post_id")
    )
    likes = (
        Like.objects.filter(post_id=OuterRef("pk"), user__is_active=True, user__banned_at__isnull=True)
        .order_by()
        .values("post_id")
    )
    Post.objects.update(
        comment_count=_count_of(comments.annotate(n=Count("pk")).values("n")),
        commenter_count=_count_of(
            comments.exclude(author_id=OuterRef("author_id")).annotate(n=Count("author_id", distinct=True)).values("n")
        ),
        like_count=_count_of(likes.annotate(n=Count("pk")).values("n")),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("feed", "0007_feed_day_last_page_served"),
        ("accounts", "0009_parental_link_mutuals_may_use_cameo"),
    ]

    operations = [
        migrations.AddField(model_name="post", name="commenter_count", field=models.PositiveIntegerField(default=0)),
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
