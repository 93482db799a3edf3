"""Reads of the content policy."""

from __future__ import annotations

from sora_social.content_policy.models import ContentRule


def screening_rules() -> list[ContentRule]:
    """The enabled content rules, as screening reads them."""
    return list(ContentRule.objects.filter(enabled=True))
