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
    "content_policy.view_contentrule",
    "content_policy.add_contentrule",
    "content_policy.change_contentrule",
    # Estates and public figures
    "cameos.view_protectedperson",
    "cameos.add_protectedperson",
    "cameos.change_protectedperson",
    "cameos.delete_protectedperson",
    # What a moderator reads while reviewing
    "cameos.view_cameo",
    "cameos.revoke_cameo",
    "cameos.view_appearance",
    "cameos.view_consentdecision",
    # Faces that came close to someone else's: the queue, its decisions, and their audit
    "cameos.view_cameoawaitingreview",
    "cameos.change_cameoawaitingreview",
    "cameos.view_cameoreview",
    "feed.view_post",
    "feed.view_comment",
    "generation.view_generationjob",
    "accounts.view_user",
)


def moderators_group_sync(apps, permissions: tuple[str, ...] = MODERATOR_PERMISSIONS) -> list[str]:
    """Create the group and grant each listed permission whose model exists by then (data migrations; tests that
    start from a flushed database).

    Permissions are made here because post_migrate, which normally makes them, runs after all migrations.
    Returns the permissions that could not be granted yet (a later migration grants them).
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # A migration's historical app configs have no models module, and create_permissions skips those.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=MODERATORS_GROUP)
    missing = []
    for dotted in permissions:
        app_label, codename = dotted.split(".", 1)
        permission = permission_model.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is None:
            missing.append(dotted)
        else:
            group.permissions.add(permission)
    return missing


# What migrations 0004 and 0005 granted, frozen: content rules were moderation's then (content_policy.0001 moves the
# content rule's content type to content_policy, and these permissions with it), and the models of later
# permissions did not exist yet. Later migrations grant MODERATOR_PERMISSIONS.
PERMISSIONS_BEFORE_CONTENT_POLICY: tuple[str, ...] = (
    "moderation.view_moderationcase",
    "moderation.act_on_case",
    "moderation.view_report",
    "moderation.view_moderationaction",
    "moderation.view_appeal",
    "moderation.view_auditevent",
    "moderation.view_contentrule",
    "moderation.add_contentrule",
    "moderation.change_contentrule",
    "cameos.view_protectedperson",
    "cameos.add_protectedperson",
    "cameos.change_protectedperson",
    "cameos.delete_protectedperson",
    "cameos.view_cameo",
    "cameos.view_appearance",
    "cameos.view_consentdecision",
    "feed.view_post",
    "feed.view_comment",
    "generation.view_generationjob",
    "accounts.view_user",
)
