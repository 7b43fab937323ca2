"""Issue 21: stored versions lose the characters XML forbids (a pasted vertical tab in a
change summary broke every feed listing it). The rule is copied, not imported, so this
migration keeps meaning what it meant when written."""

import re

from django.db import migrations

LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c]")
FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

FIELDS = {
    "GuidanceVersion": ["title", "summary", "change_summary"],
    "ClauseSnapshot": ["heading", "body", "proposition", "plain_summary"],
}


def clean(value):
    return FORBIDDEN.sub("", LINE_BREAKS.sub("\n", value))


def repair(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("consultation", model_name)
        for row in model.objects.only("pk", *fields).iterator(chunk_size=2000):
            changed = [name for name in fields if clean(getattr(row, name)) != getattr(row, name)]
            for name in changed:
                setattr(row, name, clean(getattr(row, name)))
            if changed:
                row.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("consultation", "0011_feedback_permissions")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
