from django.contrib import admin

from sora_social.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "actor", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__handle"]
    raw_id_fields = ["recipient", "actor"]
    readonly_fields = ["created_at"]
