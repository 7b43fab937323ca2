"""What a reader sees of a clause: the one definition every change check compares.

Wagtail stores rich text with attributes only its editor uses: the admin's form adds
`data-block-key` to every paragraph on save, so the same words saved from code and from
the admin differ as raw HTML. Comparing raw HTML marked clauses "changed" that no reader
could tell apart. `reader_body` keeps the structure a reader sees (paragraphs, headings,
lists, emphasis, links and where they point) with whitespace collapsed, and drops the rest.
"""

import re
from html import escape
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote"}
# Inline markup a reader sees, under one name each (<strong> and <b> look the same).
INLINE_TAGS = {"b": "b", "strong": "b", "i": "i", "em": "i", "a": "a"}
# Where a link points: a URL, or Wagtail's page and document references.
LINK_ATTRIBUTES = ("href", "linktype", "id")
SPACE_AROUND_BLOCKS = re.compile(r"\s*(</?(?:" + "|".join(sorted(BLOCK_TAGS)) + r")>|<br>)\s*")
EMPTY_BLOCKS = re.compile(r"<(p|li|h[1-6]|blockquote)></\1>")


class _ReaderParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.out.append(f"<{tag}>")
        elif tag == "br":
            self.out.append("<br>")
        elif tag == "a":
            kept = dict(attrs)
            pointed = " ".join(
                f'{name}="{escape(kept[name] or "")}"' for name in LINK_ATTRIBUTES if name in kept
            )
            self.out.append(f"<a {pointed}>" if pointed else "<a>")
        elif tag in INLINE_TAGS:
            self.out.append(f"<{INLINE_TAGS[tag]}>")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.out.append(f"</{tag}>")
        elif tag in INLINE_TAGS:
            self.out.append(f"</{INLINE_TAGS[tag]}>")

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))


def reader_body(rich_text: str) -> str:
    """Rich text as a reader sees it, in one canonical form: equal when they look equal."""
    parser = _ReaderParser()
    parser.feed(rich_text or "")
    parser.close()
    text = " ".join("".join(parser.out).split())
    text = SPACE_AROUND_BLOCKS.sub(r"\1", text)
    return EMPTY_BLOCKS.sub("", text).strip()


def reader_content(clause) -> tuple:
    """A clause (or its snapshot) as participants read and vote on it; the number is left
    out (a clause renumbered by another's removal reads the same)."""
    return (
        clause.heading.strip(),
        reader_body(clause.body),
        " ".join(clause.proposition.split()),
        " ".join(clause.plain_summary.split()),
    )
