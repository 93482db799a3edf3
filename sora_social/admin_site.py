"""The Django admin's site: Django's own, except that a banned account is let in nowhere, the admin included.

A ban sets `banned_at` and leaves `is_active` as it was (the account, its decisions and its appeal stay readable to
its owner through the API), so Django's own check (active and staff) let a banned moderator go on working the queue.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class SoraAdminSite(AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and getattr(request.user, "banned_at", None) is None


class SoraAdminConfig(AdminConfig):
    default_site = "sora_social.admin_site.SoraAdminSite"
