from django.db import migrations


def grant(apps, schema_editor):
    """Moderators review comments. Permissions are normally created after migrations run,
    so create this one (and its content type) here if needed."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="consultation", model="guidancecomment"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="moderate_comments",
        defaults={"name": "Can review flagged and held comments"},
    )
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Moderators").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                codename="moderate_comments", content_type__app_label="consultation"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0007_comments"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
