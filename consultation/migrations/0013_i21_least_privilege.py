"""Issue 21: each role keeps exactly what it needs. Wagtail's own migrations give its
default Editors and Moderators groups image and document rights (moderators could upload
a file that was then served publicly); no page of ours shows either, so both groups lose
them. The rules are written out here, not imported, so this migration keeps its meaning."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
APPS_NOT_NEEDED = ["wagtailimages", "wagtaildocs"]


def take_away(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label__in=APPS_NOT_NEEDED)
        )
    GroupCollectionPermission.objects.filter(
        group__name__in=GROUPS, permission__content_type__app_label__in=APPS_NOT_NEEDED
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0012_i21_clean_stored_versions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(take_away, migrations.RunPython.noop)]
