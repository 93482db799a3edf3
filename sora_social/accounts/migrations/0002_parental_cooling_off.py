"""Parental links get a cooling-off and a contest; teens' unspent invite codes are withdrawn."""

from django.db import migrations, models
from django.utils import timezone

from sora_social.accounts.validators import ADULT_AGE, age_on


def withdraw_teen_invites(apps, schema_editor):
    # Teens no longer receive invite codes (README, "Parental links"): the codes they hold now expire, so no
    # leftover one can make a self-declared adult who poses as their parent.
    InviteCode = apps.get_model("accounts", "InviteCode")
    today = timezone.localdate()
    now = timezone.now()
    unspent = InviteCode.objects.filter(created_by__isnull=False, redeemed_at__isnull=True).select_related("created_by")
    teen_codes = [i.pk for i in unspent if age_on(i.created_by.birth_date, today) < ADULT_AGE]
    InviteCode.objects.filter(pk__in=teen_codes).update(expires_at=now)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="parentallink",
            name="contested_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="parentallink",
            name="cooling_off_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(withdraw_teen_invites, migrations.RunPython.noop),
    ]
