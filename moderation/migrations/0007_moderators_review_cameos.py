from django.db import migrations

from moderation.permissions import moderators_group_sync


def grant_review_queue(apps, schema_editor):
    """Moderators decide on faces that came close to someone else's (cameos.0004): grant the queue and its audit."""
    missing = moderators_group_sync(apps)
    if missing:
        raise RuntimeError(f"Moderator permissions without a model: {missing}")


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0006_content_rule_moved"),
        ("cameos", "0004_verification_review"),
        ("content_policy", "0002_rename_table"),
    ]

    operations = [migrations.RunPython(grant_review_queue, migrations.RunPython.noop)]
