"""Wagtail groups for our roles. Editors publish guidance and maintain the site's pages;
Moderators reach the admin to review flagged and held comments.
Participants are in no group. Takes an app registry so a migration can pass its own."""

from django.apps import apps as installed_apps

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def roles_set_up(apps=installed_apps):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    access_admin = permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        access_admin,
        permission(apps, "home", "sitelinks", "change_sitelinks", "Can change footer links"),
    )
    if root is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            page_permission = permission(
                apps, "wagtailcore", "page", codename, codename.replace("_", " ")
            )
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=page_permission
            )

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderate_comments = permission(
        apps,
        "consultation",
        "guidancecomment",
        "moderate_comments",
        "Can review flagged and held comments",
    )
    moderators.permissions.set([access_admin, moderate_comments])
    GroupPagePermission.objects.filter(group=moderators).delete()
