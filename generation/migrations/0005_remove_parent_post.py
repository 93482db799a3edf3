"""Drop GenerationJob.parent_post, now that 0004 copied it into parent_job."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("generation", "0004_parent_job_from_parent_post"),
    ]

    operations = [
        migrations.RemoveField(model_name="generationjob", name="parent_post"),
    ]
