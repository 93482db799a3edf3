"""Visibility reads a withdrawn consent from the cameo side (an Appearance revoked or removed), so the copy of it
that cameos wrote into Post.consent_revoked_at goes. Both were always written together; a post hidden by the
copy alone (none is known) would have its appearances marked revoked first, so that no hidden post reappears."""

from django.db import migrations
from django.db.models import Q


def keep_hidden_posts_hidden(apps, schema_editor):
    Post = apps.get_model("feed", "Post")
    Appearance = apps.get_model("cameos", "Appearance")
    withdrawn = Appearance.objects.filter(Q(revoked_at__isnull=False) | Q(removed_at__isnull=False))
    for job_id, revoked_at in (
        Post.objects.filter(consent_revoked_at__isnull=False)
        .exclude(job_id__in=withdrawn.values("job_id"))
        .values_list("job_id", "consent_revoked_at")
    ):
        Appearance.objects.filter(job_id=job_id).update(revoked_at=revoked_at)


class Migration(migrations.Migration):

    dependencies = [
        ("feed", "0004_comment_taken_down"),
        ("cameos", "0003_consent_audit_key_withdrawn_index"),
    ]

    operations = [
        migrations.RunPython(keep_hidden_posts_hidden, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="post", name="consent_revoked_at"),
    ]
