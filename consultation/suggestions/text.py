"""Suggested wording as structured plain text: paragraphs and simple lists, never markup.

A participant edits a clause as plain text: a blank line ends a paragraph, a line that
starts with "-" or "*" is a bullet, one that starts with "1." or "1)" is a numbered item.
We store the result as a list of blocks (kind, list type, text) and build rich text from
it only by escaping every piece, so nothing a participant types can become markup.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape

from consultation.versions.diff import text_blocks

BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
MAX_BLOCKS = 60
MAX_CHARACTERS = 6000


@dataclass(frozen=True)
class Block:
    kind: str  # "p" or "li"
    text: str
    list_type: str = ""  # "ul" or "ol" for list items

    def as_data(self) -> dict:
        return {"kind": self.kind, "list": self.list_type, "text": self.text}


def blocks_from_data(data) -> list[Block]:
    """Stored blocks back as values; anything unexpected is read as a paragraph."""
    blocks = []
    for item in data or []:
        kind = "li" if item.get("kind") == "li" else "p"
        list_type = item.get("list") if kind == "li" and item.get("list") in ("ul", "ol") else ""
        if kind == "li" and not list_type:
            list_type = "ul"
        blocks.append(Block(kind, str(item.get("text", "")), list_type))
    return blocks


def blocks_parse(text: str) -> list[Block]:
    """Typed plain text as blocks; whitespace inside a block collapses as on the page."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def end_paragraph():
        joined = " ".join(" ".join(paragraph).split())
        if joined:
            blocks.append(Block("p", joined))
        paragraph.clear()

    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        bullet, numbered = BULLET.match(line), NUMBERED.match(line)
        if bullet or numbered:
            end_paragraph()
            item = " ".join((bullet or numbered).group(1).split())
            if item:
                blocks.append(Block("li", item, "ul" if bullet else "ol"))
        elif not line.strip():
            end_paragraph()
        elif blocks and blocks[-1].kind == "li" and not paragraph and line[:1].isspace():
            # An indented line after a list item continues that item.
            last = blocks.pop()
            blocks.append(Block("li", f"{last.text} {' '.join(line.split())}", last.list_type))
        else:
            paragraph.append(line)
    end_paragraph()
    return blocks


def blocks_text(blocks: list[Block]) -> str:
    """Blocks as the plain text a participant edits (the inverse of `blocks_parse`)."""
    parts: list[str] = []
    number = 0
    previous = None
    for block in blocks:
        if block.kind == "li":
            same_list = previous is not None and previous.list_type == block.list_type
            number = number + 1 if same_list else 1
            line = f"{number}. {block.text}" if block.list_type == "ol" else f"- {block.text}"
            if same_list:
                parts[-1] += "\n" + line
            else:
                parts.append(line)
        else:
            parts.append(block.text)
        previous = block if block.kind == "li" else None
    return "\n\n".join(parts)


def blocks_from_rich_text(rich_text: str) -> list[Block]:
    """A clause's rich text as blocks: links and emphasis keep their words only."""
    return [
        Block("li" if b.kind == "li" else "p", b.text, b.list_type or "")
        for b in text_blocks(rich_text)
    ]


def blocks_rich_text(blocks: list[Block]) -> str:
    """Blocks as Wagtail rich text, every piece escaped: what the comparison reads and what
    "accept into draft" writes into the clause."""
    html: list[str] = []
    open_list = ""
    for block in blocks:
        wanted = block.list_type if block.kind == "li" else ""
        if open_list and wanted != open_list:
            html.append(f"</{open_list}>")
            open_list = ""
        if wanted and not open_list:
            html.append(f"<{wanted}>")
            open_list = wanted
        tag = "li" if wanted else "p"
        html.append(f"<{tag}>{escape(block.text)}</{tag}>")
    if open_list:
        html.append(f"</{open_list}>")
    return "".join(html)
