from django.db import migrations
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def recount(apps, schema_editor):
    """Counts kept by hand went on counting the comments of banned and deactivated members: every post is counted
    again as feed.selectors.counted_comments counts (one statement)."""
    Post = apps.get_model("feed", "Post")
    Comment = apps.get_model("feed", "Comment")
    counted = (
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
        .annotate(n=Count("pk"))
        .values("n")
    )
    Post.objects.update(comment_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("feed", "0007_feed_day_last_page_served"),
        ("accounts", "0009_parental_link_mutuals_may_use_cameo"),
    ]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop)]
