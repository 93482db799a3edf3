"""A remix job points at the job it remixes (parent_job), no longer at feed's Post (parent_post): the model stays
inside its layer. 0004 copies the parent post's job over, 0005 drops parent_post.

Three migrations, each its own transaction: PostgreSQL refuses to alter a table in the transaction that updated
its foreign key rows (their deferred checks are still pending), forwards and backwards."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("generation", "0002_job_lease"),
    ]

    operations = [
        migrations.AddField(
            model_name="generationjob",
            name="parent_job",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="remix_jobs",
                to="generation.generationjob",
            ),
        ),
    ]
