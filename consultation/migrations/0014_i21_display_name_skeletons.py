"""Issue 21: display names are unique on what they look like. Existing names get their
skeletons; a name whose skeleton an earlier account already holds keeps none (the unique
constraints allow empty ones) until its owner renames, and `manage.py
display_name_clashes` lists those for the moderators. The skeleton comes from the app's
own function: it follows the Unicode confusables data the library ships."""

from django.conf import settings
from django.db import migrations, models

from consultation.accounts.names import display_name_skeletons


def fill(apps, schema_editor):
    Participant = apps.get_model("consultation", "Participant")
    taken = ({}, {})
    # Only the columns this step reads and writes: later migrations rename others (0020's
    # perspectives), and a test runs this step against today's schema.
    participants = Participant.objects.only("pk", "display_name").order_by("pk")
    for participant in participants.iterator(chunk_size=2000):
        skeletons = display_name_skeletons(participant.display_name)
        kept = [None, None]
        for index, skeleton in enumerate(skeletons):
            if skeleton not in taken[index]:
                taken[index][skeleton] = participant.pk
                kept[index] = skeleton
        participant.display_name_skeleton, participant.display_name_folded_skeleton = kept
        participant.save(update_fields=["display_name_skeleton", "display_name_folded_skeleton"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0013_i21_least_privilege"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="display_name_folded_skeleton",
            field=models.CharField(editable=False, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="participant",
            name="display_name_skeleton",
            field=models.CharField(editable=False, max_length=200, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.UniqueConstraint(
                fields=("display_name_skeleton",), name="participant_display_name_skeleton_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.UniqueConstraint(
                fields=("display_name_folded_skeleton",),
                name="participant_display_name_folded_skeleton_unique",
            ),
        ),
    ]
