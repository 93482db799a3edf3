"""Copy each remix's parent post's job into parent_job (and back, when unapplied)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def parent_job_from_parent_post(apps, schema_editor):
    GenerationJob = apps.get_model("generation", "GenerationJob")
    Post = apps.get_model("feed", "Post")
    GenerationJob.objects.filter(parent_post__isnull=False).update(
        parent_job=Subquery(Post.objects.filter(pk=OuterRef("parent_post_id")).values("job_id")[:1])
    )


def parent_post_from_parent_job(apps, schema_editor):
    GenerationJob = apps.get_model("generation", "GenerationJob")
    Post = apps.get_model("feed", "Post")
    GenerationJob.objects.filter(parent_job__isnull=False).update(
        parent_post=Subquery(Post.objects.filter(job_id=OuterRef("parent_job_id")).values("pk")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ("feed", "0002_initial"),
        ("generation", "0003_parent_job"),
    ]

    operations = [
        migrations.RunPython(parent_job_from_parent_post, parent_post_from_parent_job, elidable=True),
    ]
