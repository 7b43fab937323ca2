from django.db import migrations, models

from consultation.discussion.text import comment_text

BATCH = 1000


def text_html_fill(apps, schema_editor):
    """Every comment's stored HTML, from its words as they stand (blank when withdrawn)."""
    GuidanceComment = apps.get_model("consultation", "GuidanceComment")
    comments = (
        GuidanceComment.objects.select_related(None)
        .exclude(comment="")
        .only("pk", "comment")
        .order_by("pk")
    )
    batch = []
    for comment in comments.iterator(chunk_size=BATCH):
        comment.text_html = comment_text(comment.comment)
        batch.append(comment)
        if len(batch) == BATCH:
            GuidanceComment.objects.bulk_update(batch, ["text_html"])
            batch = []
    if batch:
        GuidanceComment.objects.bulk_update(batch, ["text_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0025_i17_forum_sessions"),
    ]

    operations = [
        migrations.AddField(
            model_name="guidancecomment",
            name="text_html",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(text_html_fill, migrations.RunPython.noop, elidable=True),
    ]
