"""The Django admin's site: Django's own, except that a banned account is let in nowhere, the admin included.

A ban sets `banned_at` and leaves `is_active` as it was (the account, its decisions and its appeal stay readable to
its owner through the API), so Django's own check (active and staff) let a banned moderator go on working the queue.
"""

from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.apps import AdminConfig


class SoraAdminSite(AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and getattr(request.user, "banned_at", None) is None


class SoraAdminConfig(AdminConfig):
    default_site = "sora_social.admin_site.SoraAdminSite"


class ViewOnlyModelAdmin(ModelAdmin):
    """Rows the admin shows and changes nothing of: consent, relationships and their audit change only through the
    services, which re-check the videos that rest on them (a follow deleted here ended mutuals and left up the videos
    that rested on it)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
