from django.db import models


class LikenessChange(models.Model):
    """One change to the identities the likeness registry holds: a cameo or a protected person to look at again.

    Every process keeps the id of the last change it applied; a larger id in this table means its registry is
    behind (cameos.registry). Rows carry no biometric data, only what to reload.
    """

    class Kind(models.TextChoices):
        CAMEO = "cameo"
        PROTECTED = "protected"

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    ref_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.ref_id} changed"
