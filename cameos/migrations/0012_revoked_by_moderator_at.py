from django.db import migrations, models


def revocations_that_stand(apps, schema_editor):
    """Cameos a moderator revoked and did not reinstate, deleted since or not, read from the audit of those decisions
    (the last of them for each cameo)."""
    Cameo = apps.get_model("cameos", "Cameo")
    ConsentDecision = apps.get_model("cameos", "ConsentDecision")
    last: dict[int, tuple] = {}
    decisions = (
        ConsentDecision.objects.filter(purpose="admin", cameo__kind="self")
        .filter(models.Q(subject__startswith="revoke:") | models.Q(subject__startswith="reinstate:"))
        .order_by("created_at", "id")
        .values_list("cameo_id", "subject", "created_at")
    )
    for cameo_id, subject, created_at in decisions.iterator():
        last[cameo_id] = (subject, created_at)
    # Trusted only where the cameo is revoked or deleted now: a revocation that rolled back left its audit row behind
    # (rewritten by consent_audit_flush) on a cameo that is still verified.
    for cameo_id, (subject, created_at) in last.items():
        if subject.startswith("revoke:"):
            Cameo.objects.filter(pk=cameo_id, status__in=("revoked", "deleted")).update(revoked_by_moderator_at=created_at)
    # A revoked one whose audit is missing (older than the audit's subjects): revoked when last changed.
    Cameo.objects.filter(status="revoked", revoked_by_moderator_at__isnull=True).update(
        revoked_by_moderator_at=models.F("updated_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cameos", "0011_handle_collapsed_for_look_alikes"),
    ]

    operations = [
        migrations.AddField(
            model_name="cameo",
            name="revoked_by_moderator_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(revocations_that_stand, migrations.RunPython.noop),
    ]
