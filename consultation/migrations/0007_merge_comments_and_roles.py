"""Joins the comments and accounts branches of migrations. Whichever of the two ran last,
Moderators keep comment moderation: the roles set-up grants it too."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0005_moderators_moderate_comments"),
        ("consultation", "0006_roles"),
    ]

    operations = []
