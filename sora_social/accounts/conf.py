"""The accounts app's settings, each with its default; the project settings may override any of them."""

from django.conf import settings

DEFAULTS: dict = {
    # How long a former parent may contest a teen's new parental link, during which the new parent can
    # approve no grant and only make controls stricter.
    "PARENTAL_LINK_COOLING_OFF_DAYS": 7,
}


def accounts_setting(name: str):
    """An accounts setting from the project settings, else its default here."""
    return getattr(settings, name, DEFAULTS[name])
