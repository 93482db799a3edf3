"""A notification as the app receives it, the same in the API's list and on the /ws/events/ socket."""

from sora_social.api.fields import api_datetime
from sora_social.notifications.models import Notification

# Stored notification data keeps what each service wrote; these keys are timestamps written with isoformat().
TIMESTAMP_KEYS = ("suspended_until", "cooling_off_until", "contest_until")


def notification_data(notification: Notification) -> dict:
    """The stored data as the API documents it: timestamps ending in Z, a cameo handle under cameo_handle, and a
    moderation target_id as a string (a profile is the recipient, named by their handle)."""
    data = dict(notification.data or {})
    for key in TIMESTAMP_KEYS:
        if key in data:
            data[key] = api_datetime(data[key])
    if isinstance(data.get("cameo"), str):
        data["cameo_handle"] = "@" + data.pop("cameo").lstrip("@")
    if data.get("target_id") is not None:
        # Moderation decisions about a profile are about the recipient (moderation.services notifies the subject).
        data["target_id"] = (
            notification.recipient.handle if data.get("target_type") == "profile" else str(data["target_id"])
        )
    return data
