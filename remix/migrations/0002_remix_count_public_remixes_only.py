"""A post's remix count is of its public remixes (remix.services._count_on_parent): counts kept before included
private and followers-only remixes, which told everyone who saw the parent of posts they may not see."""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_public_remixes(apps, schema_editor):
    post = apps.get_model("feed", "Post")
    public_remixes = (
        post.objects.filter(parent_id=OuterRef("pk"), visibility="public", deleted_at__isnull=True)
        .order_by()
        .values("parent_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    post.objects.filter(remix_count__gt=0).update(
        remix_count=Coalesce(Subquery(public_remixes), 0)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("remix", "0001_initial"),
        ("feed", "0007_feed_day_last_page_served"),
    ]

    operations = [migrations.RunPython(count_public_remixes, migrations.RunPython.noop)]
