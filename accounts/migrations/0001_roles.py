"""Editors publish guidance and maintain the site's pages; Moderators only reach the admin
(comment moderation permissions are added with comments). Participants get no group."""

from django.db import migrations

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def set_up_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

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
    moderators.permissions.set([access_admin])
    GroupPagePermission.objects.filter(group=moderators).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # After Wagtail's own migrations that grant image and document permissions.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("home", "0003_standard_page_and_footer_links"),
    ]

    operations = [migrations.RunPython(set_up_roles, migrations.RunPython.noop)]
