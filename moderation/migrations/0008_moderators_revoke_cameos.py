from django.db import migrations

from moderation.permissions import moderators_group_sync


def grant_revoke(apps, schema_editor):
    """Revoking a cameo became a permission of its own (cameos.0010): moderators keep the admin's revoke action."""
    missing = moderators_group_sync(apps)
    if missing:
        raise RuntimeError(f"Moderator permissions without a model: {missing}")


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0007_moderators_review_cameos"),
        ("cameos", "0010_revoke_permission"),
    ]

    operations = [migrations.RunPython(grant_revoke, migrations.RunPython.noop)]
