"""/search/: guidance, the current clauses and visible comments, grouped and paginated."""

from wagtail.rich_text import RichText as RichTextOf

from consultation.accounts.models import ContentNotes
from consultation.discussion.models import CommentStatus, GuidanceComment
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory


def search(client, query, **params):
    return client.get("/search/", {"q": query, **params}).content.decode()


def publish(page, index, **changes):
    page.body[index].value.update(changes)
    page.change_summary = "Changed."
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_finds_a_clause_by_its_text_and_links_to_it(client, guidance):
    page = publish(guidance, 1, body=RichTextOf("<p>Regular supervision keeps peer work safe.</p>"))

    html = search(client, "supervision")

    clause = page.current_version.clauses.get(number=2)
    assert f'href="{page.url}#{clause.anchor}">Clause 2: Clause heading 2</a>' in html
    assert page.title in html


def test_finds_visible_comments_but_never_held_removed_or_withdrawn_ones(client, guidance):
    clause = guidance.clauses[0]
    visible = make_comment(guidance, ParticipantFactory(), clause=clause, text="Shown jam")
    for status, withdrawn in [
        (CommentStatus.HELD, False),
        (CommentStatus.REMOVED, False),
        (CommentStatus.PUBLISHED, True),
    ]:
        comment = make_comment(guidance, ParticipantFactory(), clause=clause, text="Hidden jam")
        GuidanceComment.objects.filter(pk=comment.pk).update(status=status, is_withdrawn=withdrawn)

    html = search(client, "jam")

    assert "Shown jam" in html
    assert "Hidden jam" not in html
    assert f"#comment-{visible.pk}" in html
    assert "1 result for" in html


def test_only_the_current_version_of_a_clause_is_found(client, guidance):
    publish(guidance, 0, heading="Wellbeing plans")
    publish(guidance, 0, heading="Sickness arrangements")

    assert "Wellbeing plans" not in search(client, "wellbeing")
    assert "Sickness arrangements" in search(client, "sickness")


def test_results_are_paginated(client, guidance):
    for n in range(25):
        make_comment(guidance, ParticipantFactory(), text=f"Peer mentoring idea {n}")

    first = search(client, "mentoring")
    second = search(client, "mentoring", page=2)

    assert "25 results" in first and "page 1 of 2" in first
    assert "Next page" in first
    assert "page 2 of 2" in second
    assert search(client, "mentoring", page="x").count("search-result--comment") == 20


def test_empty_and_unmatched_queries_answer_calmly(client, guidance):
    assert client.get("/search/").status_code == 200
    assert "Nothing found" in search(client, "zzzzqqq")


def test_the_header_links_to_search(client, guidance):
    assert 'href="/search/"' in client.get(guidance.url).content.decode()


def test_a_clause_behind_a_content_note_shows_the_note_not_its_words(client, guidance):
    # Issue 18 folds such a clause on its page; search must not unfold it in an excerpt.
    page = publish(
        guidance,
        1,
        body=RichTextOf("<p>Restraint was used during the night shift.</p>"),
        content_note="discusses restraint",
    )
    clause = page.current_version.clauses.get(number=2)

    html = search(client, "restraint")

    assert f'href="{page.url}#{clause.anchor}">Clause 2: Clause heading 2</a>' in html
    assert "Content note: discusses restraint" in html
    assert "during the night shift" not in html
    client.force_login(ParticipantFactory(content_notes=ContentNotes.EXPAND).user)
    assert "during the night shift" in search(client, "restraint")


def test_a_query_with_control_characters_is_searched_without_them(client, guidance):
    # PostgreSQL refuses NUL in any string: left in, the query ended in a 500 there.
    publish(guidance, 1, body=RichTextOf("<p>Regular supervision keeps peer work safe.</p>"))

    response = client.get("/search/", {"q": "super\x00vision\x0b"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "for “supervision”" in html and "Nothing found" not in html
    assert 'value="supervision"' in html


def test_control_characters_and_search_syntax_in_a_query_answer_calmly(client, guidance):
    make_comment(guidance, ParticipantFactory(), text="Peer mentoring idea")

    odd = ["\x00", "mentoring\x00", "\x0b\x1f", '"', "mentoring*", "(", "NEAR AND OR -", "^"]
    for query in odd:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, repr(query)
    assert "1 result for" in search(client, "mento\x00ring")
