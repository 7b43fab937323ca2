from wagtail import blocks
from wagtail.rich_text import RichText

from consultation.plain_text import text_clean


class ClauseBlock(blocks.StructBlock):
    """One clause of a guidance document.

    Its StreamField block id is the clause's stable identity: it survives edits,
    reordering and publications, so votes and comments can follow a clause.
    """

    heading = blocks.CharBlock(max_length=200)
    content_note = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=(
            "A few words on what the clause discusses that some readers may find hard, "
            "such as “discusses restraint”. Readers see it first and open the clause when "
            "they are ready."
        ),
    )
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    proposition = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text="A statement participants agree or disagree with. Leave empty for no vote.",
    )
    plain_summary = blocks.TextBlock(
        required=False,
        max_length=600,
        label="Plain-language summary",
        help_text="A short version in everyday words.",
    )

    def clean(self, value):
        """Every field as XML-safe text: clauses are snapshotted, compared and fed out."""
        value = super().clean(value)
        for name, child in value.items():
            if isinstance(child, RichText):
                value[name] = RichText(text_clean(child.source))
            else:
                value[name] = text_clean(child)
        return value

    class Meta:
        icon = "doc-full"
        label = "Clause"
