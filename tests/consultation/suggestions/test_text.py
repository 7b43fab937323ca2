from consultation.suggestions.text import (
    blocks_from_rich_text,
    blocks_parse,
    blocks_rich_text,
    blocks_text,
)


def test_paragraphs_and_lists_are_parsed_from_plain_text():
    blocks = blocks_parse("First para\ncontinues.\n\n- one\n- two\n\n1. first\n2) second\nAfter.")
    assert [(b.kind, b.list_type, b.text) for b in blocks] == [
        ("p", "", "First para continues."),
        ("li", "ul", "one"),
        ("li", "ul", "two"),
        ("li", "ol", "first"),
        ("li", "ol", "second"),
        ("p", "", "After."),
    ]


def test_plain_text_survives_a_round_trip():
    text = "A paragraph.\n\n- one\n- two\n\n1. first\n2. second\n\nEnd."
    assert blocks_text(blocks_parse(text)) == text


def test_rich_text_becomes_editable_plain_text():
    html = (
        '<p data-block-key="x">Some <b>bold</b> and <a href="/x">a link</a>.</p>'
        "<ul><li>Item</li></ul>"
    )
    assert blocks_text(blocks_from_rich_text(html)) == "Some bold and a link.\n\n- Item"


def test_typed_markup_is_escaped_in_the_rich_text_written_out():
    html = blocks_rich_text(blocks_parse('<script>alert("x")</script>\n\n- <b>bold</b>'))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert html.startswith("<p>") and "<ul><li>&lt;b&gt;bold&lt;/b&gt;</li></ul>" in html
