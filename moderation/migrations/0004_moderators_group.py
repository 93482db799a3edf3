from django.db import migrations

from moderation.permissions import MODERATORS_GROUP, moderators_group_sync
from moderation.permissions import PERMISSIONS_BEFORE_CONTENT_POLICY


def create_moderators_group(apps, schema_editor):
    """The Moderators group with explicit permissions (staff, not superuser)."""
    moderators_group_sync(apps, PERMISSIONS_BEFORE_CONTENT_POLICY)


def remove_moderators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MODERATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_reports_actions_appeals"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0001_initial"),
        ("cameos", "0002_initial"),
        ("feed", "0002_initial"),
        ("generation", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_moderators_group, remove_moderators_group)]
