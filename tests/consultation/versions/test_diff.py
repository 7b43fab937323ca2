"""The diff routine on its own: no database, snapshots stood in for by plain values."""

from dataclasses import dataclass

from consultation.versions.diff import (
    ADDED,
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    REMOVED,
    UNCHANGED,
    Segment,
    UnchangedRun,
    compare,
    rich_text_diff,
    text_blocks,
    word_diff,
)


@dataclass
class Snap:
    clause_id: str
    number: int
    heading: str
    body: str = "<p>Body.</p>"
    proposition: str = ""
    plain_summary: str = ""


def version(*clauses):
    return [
        Snap(clause_id, n, heading, *rest)
        for n, (clause_id, heading, *rest) in enumerate(clauses, 1)
    ]


def by_id(diff):
    return {c.clause_id: c for c in diff.clauses}


def test_word_diff_marks_only_the_words_that_changed():
    assert word_diff("Training should be short.", "Training should be paid.") == [
        Segment(EQUAL, "Training should be "),
        Segment(DELETE, "short"),
        Segment(INSERT, "paid"),
        Segment(EQUAL, "."),
    ]


def test_word_diff_of_identical_text_is_one_equal_segment():
    assert word_diff("Same words.", "Same words.") == [Segment(EQUAL, "Same words.")]


def test_word_diff_keeps_a_replaced_phrase_together():
    segments = word_diff("one two three four", "one five six four")

    assert segments == [
        Segment(EQUAL, "one "),
        Segment(DELETE, "two three"),
        Segment(INSERT, "five six"),
        Segment(EQUAL, " four"),
    ]


def test_rich_text_becomes_blocks_of_plain_text_with_structure():
    blocks = text_blocks(
        '<h3>Title</h3><p>A <b>bold</b> <a linktype="page" id="3">link</a>.</p>'
        "<ul><li>first</li><li>second</li></ul><ol><li>one</li></ol>"
    )

    assert [(b.kind, b.text, b.list_type) for b in blocks] == [
        ("heading", "Title", ""),
        ("p", "A bold link.", ""),
        ("li", "first", "ul"),
        ("li", "second", "ul"),
        ("li", "one", "ol"),
    ]


def test_entities_in_rich_text_become_text_not_markup():
    assert text_blocks("<p>&lt;script&gt;x&lt;/script&gt;</p>")[0].text == "<script>x</script>"


def test_rich_text_diff_pairs_paragraphs_and_marks_whole_new_list_items():
    groups = rich_text_diff(
        "<p>Keep this.</p><p>Change this word.</p><ul><li>a</li></ul>",
        "<p>Keep this.</p><p>Change that word.</p><ul><li>a</li><li>b</li></ul>",
    )

    paragraphs, items = groups
    assert [b.status for b in paragraphs.blocks] == [UNCHANGED, CHANGED]
    assert Segment(INSERT, "that") in paragraphs.blocks[1].segments
    assert items.list_type == "ul"
    assert [(b.status, b.segments) for b in items.blocks] == [
        (UNCHANGED, [Segment(EQUAL, "a")]),
        (ADDED, [Segment(INSERT, "b")]),
    ]


def test_clauses_are_classified_added_removed_changed_and_unchanged():
    old = version(("a", "A"), ("b", "B"), ("c", "C"))
    new = version(("a", "A"), ("c", "C changed"), ("d", "D"))

    diff = compare(old, new)

    clauses = by_id(diff)
    assert clauses["a"].status == UNCHANGED
    assert clauses["b"].status == REMOVED
    assert clauses["c"].status == CHANGED
    assert clauses["d"].status == ADDED
    assert (diff.added, diff.removed, diff.changed, diff.unchanged, diff.moved) == (1, 1, 1, 1, 0)


def test_renumbering_after_a_removal_is_not_a_move():
    diff = compare(version(("a", "A"), ("b", "B"), ("c", "C")), version(("a", "A"), ("c", "C")))

    clause_c = by_id(diff)["c"]
    assert not clause_c.moved
    assert clause_c.renumbered
    assert clause_c.status == UNCHANGED


def test_a_clause_taken_out_of_order_is_moved():
    old = version(("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"))
    new = version(("a", "A"), ("d", "D"), ("b", "B"), ("c", "C"))

    diff = compare(old, new)

    assert [c.clause_id for c in diff.clauses if c.moved] == ["d"]
    assert by_id(diff)["d"].status == UNCHANGED
    assert by_id(diff)["d"].fields["heading"] == [Segment(EQUAL, "D")]
    assert diff.moved == 1


def test_removed_clauses_appear_where_they_were():
    diff = compare(version(("a", "A"), ("b", "B"), ("c", "C")), version(("a", "A"), ("c", "C")))

    assert [c.clause_id for c in diff.clauses] == ["a", "b", "c"]


def test_unchanged_neighbours_collapse_into_one_run():
    old = version(("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"))
    new = version(("a", "A"), ("b", "B"), ("c", "C"), ("d", "D changed"))

    items = compare(old, new).items()

    assert isinstance(items[0], UnchangedRun)
    assert [c.clause_id for c in items[0].clauses] == ["a", "b", "c"]
    assert items[1].clause_id == "d"


def test_every_text_field_is_compared():
    old = version(("a", "A", "<p>Body.</p>", "Proposal", "Short"))
    new = version(("a", "A", "<p>Body.</p>", "Proposal changed", "Shorter"))

    clause = compare(old, new).clauses[0]

    assert clause.status == CHANGED
    assert clause.changed_fields == ["plain_summary", "proposition"]
