from wagtail import blocks


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

    class Meta:
        icon = "doc-full"
        label = "Clause"
