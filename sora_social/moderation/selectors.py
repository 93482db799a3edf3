"""Reads of the moderation app."""

from sora_social.moderation.models import ContentRule


def screening_rules() -> list[ContentRule]:
    """The enabled content rules, as screening reads them."""
    return list(ContentRule.objects.filter(enabled=True))
