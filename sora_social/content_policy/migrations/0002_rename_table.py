# The content rules' table takes content_policy's name, once moderation has let go of the model.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("content_policy", "0001_initial"),
        ("moderation", "0006_content_rule_moved"),
    ]

    operations = [migrations.AlterModelTable(name="contentrule", table=None)]
