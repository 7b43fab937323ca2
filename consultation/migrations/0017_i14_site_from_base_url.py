from django.db import migrations


def match_site(apps, schema_editor):
    from consultation.site_url import site_match_base_url

    site_match_base_url(apps.get_model("wagtailcore", "Site"))


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0016_i14_version_notifications"),
        ("home", "0002_create_homepage"),
    ]

    operations = [migrations.RunPython(match_site, migrations.RunPython.noop)]
