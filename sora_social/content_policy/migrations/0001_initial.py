# ContentRule moves from moderation to content_policy: the table and its rows stay, only Django's state moves,
# and so does its content type (the moderators' permissions on content rules go with it).

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    old = content_type.objects.filter(app_label="moderation", model="contentrule").first()
    if old is None:
        return
    if content_type.objects.filter(app_label="content_policy", model="contentrule").exists():
        old.delete()
    else:
        old.app_label = "content_policy"
        old.save(update_fields=["app_label"])


def move_content_type_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="content_policy", model="contentrule").update(app_label="moderation")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("moderation", "0005_moderators_view_comments"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentRule",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.CharField(help_text="The reason code a blocked prompt gets, e.g. graphic_violence.", max_length=48)),
                        ("kind", models.CharField(choices=[("term", "Term"), ("pattern", "Pattern"), ("category", "Category")], max_length=16)),
                        ("value", models.TextField(help_text="A term, a regular expression, or category descriptions separated by ';' or new lines.")),
                        ("threshold", models.FloatField(default=0.55, help_text="Similarity that blocks (category rules).")),
                        ("strict_threshold", models.FloatField(default=0.45, help_text="Similarity that blocks when a real person's cameo or a teen is involved.")),
                        ("severity", models.PositiveSmallIntegerField(default=2, help_text="1 (low) to 4 (critical).")),
                        ("enabled", models.BooleanField(default=True)),
                        ("description", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={"ordering": ["-severity", "code", "id"], "db_table": "moderation_contentrule"},
                ),
            ],
            database_operations=[migrations.RunPython(move_content_type, move_content_type_back)],
        ),
    ]
