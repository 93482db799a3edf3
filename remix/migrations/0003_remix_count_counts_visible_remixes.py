"""A post's remix count counts the remixes anyone may see (remix.selectors.counted_remixes): counts kept by hand went on
counting remixes taken down, withdrawn by a cameo's owner or the consent door, and those of banned, deactivated or
deleted authors (attack round 2 on remixes). Every post with remixes is counted again, in one statement."""

from django.db import migrations
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def recount(apps, schema_editor):
    post = apps.get_model("feed", "Post")
    appearance = apps.get_model("cameos", "Appearance")
    withdrawn = appearance.objects.filter(Q(revoked_at__isnull=False) | Q(removed_at__isnull=False))
    counted = (
        post.objects.filter(
            ~Exists(withdrawn.filter(job_id=OuterRef("job_id"))),
            parent_id=OuterRef("pk"),
            visibility="public",
            deleted_at__isnull=True,
            taken_down_at__isnull=True,
            author__is_active=True,
            author__banned_at__isnull=True,
        )
        .order_by()
        .values("parent_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    post.objects.filter(remix_count__gt=0).update(
        remix_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("remix", "0002_remix_count_public_remixes_only"),
        ("feed", "0009_capped_videos_counted_over_24_hours"),
        ("cameos", "0011_handle_collapsed_for_look_alikes"),
        ("accounts", "0010_handle_collapsed_for_look_alikes"),
    ]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop)]
