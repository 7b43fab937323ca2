"""Editors publish guidance and maintain the site's pages; Moderators only reach the admin
(comment moderation permissions are added with comments). Participants get no group."""

from django.db import migrations

from consultation.accounts.roles import roles_set_up


def set_up_roles(apps, schema_editor):
    roles_set_up(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0005_participant_consent_and_follows"),
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
