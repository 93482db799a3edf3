from django.db import migrations

from sora_social.content_policy.screening import DEFAULT_RULES


def seed_default_rules(apps, schema_editor):
    ContentRule = apps.get_model("moderation", "ContentRule")
    if ContentRule.objects.exists():
        return
    ContentRule.objects.bulk_create(
        ContentRule(
            code=rule.code,
            kind=rule.kind,
            value=rule.value,
            threshold=rule.threshold,
            strict_threshold=rule.strict_threshold,
            severity=rule.severity,
            enabled=rule.enabled,
            description=getattr(rule, "description", "")[:300],
        )
        for rule in DEFAULT_RULES
    )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunPython(seed_default_rules, migrations.RunPython.noop)]
