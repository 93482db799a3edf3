"""Finding @handle mentions of cameos in a prompt."""

import re

# A mention is "@" not preceded by a word character (so e-mail addresses are not mentions).
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)")


def mentioned_handles(prompt: str) -> list[str]:
    """Distinct lowercase handles in order of first mention."""
    return list(dict.fromkeys(match.group(1).lower() for match in MENTION.finditer(prompt)))
