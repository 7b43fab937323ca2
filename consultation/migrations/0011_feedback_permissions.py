"""Editors' feedback rights become named permissions, so code checks what a user may do
instead of which group they are in. Existing Editors keep exactly what they could do."""

from django.db import migrations

# Written out here rather than imported, so this migration keeps doing what it did when
# the roles change later.
EDITOR_PERMISSIONS = [
    ("respond_to_feedback", "Can work on and respond to feedback"),
    ("export_feedback", "Can export comments and votes"),
]


def grant(apps, schema_editor):
    # Django creates a model's permissions only after all migrations have run, so make
    # them (and the content type) here to hand them to the group now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="consultation", model="feedbackresponse"
    )
    editors, _ = Group.objects.get_or_create(name="Editors")
    for codename, name in EDITOR_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        editors.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="consultation",
                codename__in=[codename for codename, _ in EDITOR_PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0010_undelivered_emails"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="feedbackresponse",
            options={
                "permissions": [
                    ("respond_to_feedback", "Can work on and respond to feedback"),
                    ("export_feedback", "Can export comments and votes"),
                ],
                "verbose_name": "response to feedback",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
