from django.db import migrations

from moderation.permissions import PERMISSIONS_BEFORE_CONTENT_POLICY
from moderation.permissions import moderators_group_sync


def grant_remaining(apps, schema_editor):
    """Comments came later than the group: grant what 0004 could not, and fail loudly if anything is still missing."""
    missing = moderators_group_sync(apps, PERMISSIONS_BEFORE_CONTENT_POLICY)
    if missing:
        raise RuntimeError(f"Moderator permissions without a model: {missing}")


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_moderators_group"),
        ("feed", "0003_likes_comments_views_feed_state"),
    ]

    operations = [migrations.RunPython(grant_remaining, migrations.RunPython.noop)]
