"""Comparing two versions of a guidance document, clause by clause and word by word.

Everything here works on plain text: rich text is reduced to blocks of text (paragraphs,
headings, list items) before diffing, and templates escape every piece on output, so
nothing in the content can reach the page as markup.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html.parser import HTMLParser

from consultation.guidance.reading import reader_content

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"
TEXT_FIELDS = ("heading", "plain_summary", "body", "proposition")

# Words, runs of punctuation and runs of whitespace: a change to a comma does not mark
# the whole word beside it as changed.
TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


# --- Rich text as blocks of plain text -----------------------------------------------------


@dataclass(frozen=True)
class TextBlock:
    kind: str  # "p", "heading" or "li"
    text: str
    list_type: str = ""  # "ul" or "ol" for list items


class _BlockParser(HTMLParser):
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[TextBlock] = []
        self.lists: list[str] = []
        self.kind = "p"
        self.buffer: list[str] = []

    def flush(self):
        text = " ".join("".join(self.buffer).split())
        if text:
            list_type = self.lists[-1] if self.kind == "li" and self.lists else ""
            self.blocks.append(TextBlock(self.kind, text, list_type))
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.flush()
            self.lists.append(tag)
        elif tag in self.BLOCKS:
            self.flush()
            self.kind = "li" if tag == "li" else "heading" if tag[0] == "h" else "p"
        elif tag == "br":
            self.buffer.append(" ")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
            self.kind = "li" if self.lists else "p"
        elif tag in self.BLOCKS:
            self.flush()
            self.kind = "li" if self.lists else "p"

    def handle_data(self, data):
        self.buffer.append(data)


def text_blocks(rich_text: str) -> list[TextBlock]:
    """Wagtail's stored rich text as paragraphs, headings and list items of plain text."""
    parser = _BlockParser()
    parser.feed(rich_text or "")
    parser.close()
    parser.flush()
    return parser.blocks


# --- Word-level differences ----------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    op: str  # EQUAL, INSERT or DELETE
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that turn `old` into `new`: deletions come before the insertions replacing them."""
    if old == new:
        return [Segment(EQUAL, old)] if old else []
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(EQUAL, "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment(DELETE, "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment(INSERT, "".join(b[j1:j2])))
    return _merge(_absorb_lone_spaces(segments))


def _absorb_lone_spaces(segments: list[Segment]) -> list[Segment]:
    """A single space kept between two changes reads better as part of both changes."""
    result: list[Segment] = []
    for i, segment in enumerate(segments):
        between_changes = (
            segment.op == EQUAL
            and not segment.text.strip()
            and 0 < i < len(segments) - 1
            and segments[i - 1].op != EQUAL
            and segments[i + 1].op != EQUAL
        )
        if between_changes:
            result += [Segment(DELETE, segment.text), Segment(INSERT, segment.text)]
        else:
            result.append(segment)
    return result


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbours of the same kind, with all deletions of a run before its insertions."""
    result: list[Segment] = []
    run: dict[str, str] = {}
    for segment in segments:
        if segment.op == EQUAL:
            result += _flush_run(run)
            if result and result[-1].op == EQUAL:
                result[-1] = Segment(EQUAL, result[-1].text + segment.text)
            elif segment.text:
                result.append(segment)
        else:
            run[segment.op] = run.get(segment.op, "") + segment.text
    return result + _flush_run(run)


def _flush_run(run: dict[str, str]) -> list[Segment]:
    flushed = [Segment(op, run[op]) for op in (DELETE, INSERT) if run.get(op)]
    run.clear()
    return flushed


def is_changed(segments: list[Segment]) -> bool:
    return any(s.op != EQUAL for s in segments)


# --- Rich text, block by block -------------------------------------------------------------


@dataclass(frozen=True)
class BlockDiff:
    kind: str
    list_type: str
    status: str  # UNCHANGED, CHANGED, ADDED, REMOVED
    segments: list[Segment]


@dataclass(frozen=True)
class BlockGroup:
    """Consecutive blocks rendered together: one list, or a run of paragraphs."""

    list_type: str  # "" for paragraphs and headings
    blocks: list[BlockDiff]


def rich_text_diff(old: str, new: str) -> list[BlockGroup]:
    """Block-level matching first, then word-level differences inside paired blocks."""
    if old == new:
        return rich_text_plain(new)
    a, b = text_blocks(old), text_blocks(new)
    keys = lambda blocks: [(block.kind, block.text) for block in blocks]  # noqa: E731
    diffs: list[BlockDiff] = []
    matcher = SequenceMatcher(None, keys(a), keys(b), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            diffs += [_whole(block, UNCHANGED, EQUAL) for block in b[j1:j2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for old_block, new_block in zip(olds, news, strict=False):
            diffs.append(
                BlockDiff(
                    new_block.kind,
                    new_block.list_type,
                    CHANGED,
                    word_diff(old_block.text, new_block.text),
                )
            )
        paired = min(len(olds), len(news))
        diffs += [_whole(block, REMOVED, DELETE) for block in olds[paired:]]
        diffs += [_whole(block, ADDED, INSERT) for block in news[paired:]]
    return group_blocks(diffs)


def _whole(block: TextBlock, status: str, op: str) -> BlockDiff:
    return BlockDiff(block.kind, block.list_type, status, [Segment(op, block.text)])


def group_blocks(diffs: list[BlockDiff]) -> list[BlockGroup]:
    groups: list[BlockGroup] = []
    for block in diffs:
        list_type = block.list_type if block.kind == "li" else ""
        if groups and groups[-1].list_type == list_type:
            groups[-1].blocks.append(block)
        else:
            groups.append(BlockGroup(list_type, [block]))
    return groups


def rich_text_plain(rich_text: str, op: str = EQUAL) -> list[BlockGroup]:
    """One version's rich text as escaped-on-output blocks, all marked with `op`."""
    status = {EQUAL: UNCHANGED, INSERT: ADDED, DELETE: REMOVED}[op]
    return group_blocks([_whole(block, status, op) for block in text_blocks(rich_text)])


# --- Clauses -------------------------------------------------------------------------------


@dataclass
class ClauseDiff:
    """One clause across two versions, matched by its stable id."""

    clause_id: str
    status: str  # ADDED, REMOVED, CHANGED, UNCHANGED
    old: object = None  # ClauseSnapshot (or anything with the same fields)
    new: object = None
    moved: bool = False  # its place among the other clauses changed
    fields: dict = field(default_factory=dict)  # name -> segments, or block groups for body

    @property
    def clause(self):
        return self.new or self.old

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old.number != self.new.number)

    @property
    def changed_fields(self) -> list[str]:
        return [name for name in TEXT_FIELDS if name in self.fields and self._field_changed(name)]

    def _field_changed(self, name) -> bool:
        value = self.fields[name]
        if name == "body":
            return any(b.status != UNCHANGED for g in value for b in g.blocks)
        return is_changed(value)


@dataclass
class UnchangedRun:
    """Neighbouring clauses with nothing to show: collapsed on the page."""

    clauses: list[ClauseDiff]

    status = "unchanged-run"

    @property
    def first(self):
        return self.clauses[0].new

    @property
    def last(self):
        return self.clauses[-1].new


@dataclass
class DocumentDiff:
    clauses: list[ClauseDiff]

    def count(self, status: str) -> int:
        return sum(1 for c in self.clauses if c.status == status)

    @property
    def added(self) -> int:
        return self.count(ADDED)

    @property
    def removed(self) -> int:
        return self.count(REMOVED)

    @property
    def changed(self) -> int:
        return self.count(CHANGED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def moved(self) -> int:
        return sum(1 for c in self.clauses if c.moved)

    @property
    def has_changes(self) -> bool:
        return any(c.status != UNCHANGED or c.moved for c in self.clauses)

    def items(self) -> list:
        """Clauses in reading order, with runs of plain unchanged clauses collapsed."""
        items: list = []
        for clause in self.clauses:
            if clause.status == UNCHANGED and not clause.moved:
                if items and isinstance(items[-1], UnchangedRun):
                    items[-1].clauses.append(clause)
                else:
                    items.append(UnchangedRun([clause]))
            else:
                items.append(clause)
        return items


def content_of(clause) -> tuple:
    """What a reader sees of a clause: editor-only markup never makes it "changed"."""
    return reader_content(clause)


def moved_ids(old_ids: list[str], new_ids: list[str]) -> set[str]:
    """Clauses whose order changed relative to the others.

    Renumbering caused by an added or removed clause is not a move: only clauses outside
    the longest common ordering of the surviving clauses count as moved.
    """
    common = set(old_ids) & set(new_ids)
    a = [i for i in old_ids if i in common]
    b = [i for i in new_ids if i in common]
    kept = set()
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        kept.update(a[block.a : block.a + block.size])
    return common - kept


def classify(old_clauses, new_clauses) -> DocumentDiff:
    """Classify each clause without word-level work: what the history page needs."""
    return _compare(old_clauses, new_clauses, detail=False)


def compare(old_clauses, new_clauses) -> DocumentDiff:
    """Every clause of two versions, in the newer version's order, removed ones where they were."""
    return _compare(old_clauses, new_clauses, detail=True)


def _compare(old_clauses, new_clauses, *, detail: bool) -> DocumentDiff:
    old_clauses = sorted(old_clauses, key=lambda c: c.number)
    new_clauses = sorted(new_clauses, key=lambda c: c.number)
    old_by_id = {c.clause_id: c for c in old_clauses}
    new_ids = {c.clause_id for c in new_clauses}
    moved = moved_ids([c.clause_id for c in old_clauses], [c.clause_id for c in new_clauses])

    # A removed clause is shown after the nearest earlier clause that survived.
    removed_after: dict[str | None, list] = {}
    previous_surviving = None
    for clause in old_clauses:
        if clause.clause_id in new_ids:
            previous_surviving = clause.clause_id
        else:
            removed_after.setdefault(previous_surviving, []).append(clause)

    diffs = [_removed(c, detail) for c in removed_after.get(None, [])]
    for new in new_clauses:
        old = old_by_id.get(new.clause_id)
        if old is None:
            diffs.append(_added(new, detail))
        else:
            diffs.append(_matched(old, new, new.clause_id in moved, detail))
            diffs += [_removed(c, detail) for c in removed_after.get(new.clause_id, [])]
    return DocumentDiff(diffs)


def _added(new, detail):
    return ClauseDiff(new.clause_id, ADDED, new=new, fields=_as_is(new) if detail else {})


def _removed(old, detail):
    return ClauseDiff(old.clause_id, REMOVED, old=old, fields=_as_is(old) if detail else {})


def _as_is(clause) -> dict:
    """A whole clause added or removed is labelled as such, so its text is shown unmarked."""
    fields = {name: [Segment(EQUAL, getattr(clause, name))] for name in TEXT_FIELDS}
    fields["body"] = rich_text_plain(clause.body)
    return fields


def _matched(old, new, moved, detail):
    status = UNCHANGED if content_of(old) == content_of(new) else CHANGED
    fields = {}
    # Unchanged clauses that stay in place are collapsed to their headings: no text needed.
    if detail and (status == CHANGED or moved):
        fields = {name: word_diff(getattr(old, name), getattr(new, name)) for name in TEXT_FIELDS}
        fields["body"] = rich_text_diff(old.body, new.body)
    return ClauseDiff(new.clause_id, status, old=old, new=new, moved=moved, fields=fields)
