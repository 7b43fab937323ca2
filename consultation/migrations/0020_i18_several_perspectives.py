"""Issue 18: a participant may hold several perspectives, and a vote keeps all of them.

Both columns keep their data: a single perspective is already a valid one-item list (values
are joined by commas). "Prefer not to say" becomes choosing none, which results have always
counted as "not stated"."""

from django.db import migrations, models

import consultation.accounts.models


def prefer_not_to_say_is_none(apps, schema_editor):
    for model in ("Participant", "Vote"):
        apps.get_model("consultation", model).objects.filter(
            perspectives="prefer_not_to_say"
        ).update(perspectives="")


class Migration(migrations.Migration):
    dependencies = [("consultation", "0019_i18_house_rules_page")]

    operations = [
        migrations.RemoveIndex(model_name="vote", name="consultatio_snapsho_708b11_idx"),
        migrations.RenameField(
            model_name="participant", old_name="perspective", new_name="perspectives"
        ),
        migrations.RenameField(model_name="vote", old_name="perspective", new_name="perspectives"),
        migrations.AlterField(
            model_name="participant",
            name="perspectives",
            field=models.CharField(
                blank=True,
                default="",
                help_text="Perspective values joined by commas; empty when none was chosen.",
                max_length=200,
                validators=[consultation.accounts.models.validate_perspectives],
            ),
        ),
        migrations.AlterField(
            model_name="vote",
            name="perspectives",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.AddField(
            model_name="participant",
            name="other_perspective",
            field=models.CharField(
                blank=True,
                default="",
                help_text="What 'Other' means for them. Private: editors see it only in aggregate.",
                max_length=80,
            ),
        ),
        migrations.AddIndex(
            model_name="vote",
            index=models.Index(
                fields=["snapshot", "perspectives"], name="consultatio_snapsho_341d63_idx"
            ),
        ),
        migrations.RunPython(prefer_not_to_say_is_none, migrations.RunPython.noop),
    ]
