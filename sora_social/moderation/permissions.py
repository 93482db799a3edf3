"""The Moderators group: the explicit permissions a moderator gets (staff, not superuser)."""

MODERATORS_GROUP = "Moderators"

# "app_label.codename"; the data migration grants exactly these, and a test checks the group holds them.
MODERATOR_PERMISSIONS: tuple[str, ...] = (
    # The queue and its actions
    "moderation.view_moderationcase",
    "moderation.act_on_case",
    "moderation.view_report",
    "moderation.view_moderationaction",
    "moderation.view_appeal",
    "moderation.view_auditevent",
    # The content policy, editable without a deploy (rules are disabled rather than deleted)
    "moderation.view_contentrule",
    "moderation.add_contentrule",
    "moderation.change_contentrule",
    # Estates and public figures
    "cameos.view_protectedperson",
    "cameos.add_protectedperson",
    "cameos.change_protectedperson",
    "cameos.delete_protectedperson",
    # What a moderator reads while reviewing
    "cameos.view_cameo",
    "cameos.view_appearance",
    "cameos.view_consentdecision",
    "feed.view_post",
    "generation.view_generationjob",
    "accounts.view_user",
)
