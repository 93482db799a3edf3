# ContentRule now belongs to content_policy (see content_policy.0001); its table stays where it is.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_moderators_view_comments"),
        ("content_policy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="ContentRule")]),
    ]
