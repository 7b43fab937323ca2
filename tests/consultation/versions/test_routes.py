import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from consultation.versions.models import GuidanceVersion
from tests.consultation.versions.helpers import edit_clause, publish, three_versions
from tests.factories import GuidancePageFactory


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_history_lists_versions_newest_first_with_counts_and_links(client, guidance):
    three_versions(guidance)

    response = client.get(f"{guidance.url}versions/")

    assert response.status_code == 200
    body = text(response)
    assert (
        body.index('id="version-3"') < body.index('id="version-2"') < body.index('id="version-1"')
    )
    assert "Removed clause 2 and added a clause." in body
    assert "0 clauses changed, 1 added, 1 removed" in body
    assert "1 clause changed, 0 added, 0 removed" in body
    assert f'href="{guidance.url}versions/1/"' in body
    assert f'href="{guidance.url}compare/2/3/"' in body


def test_history_shows_dates_in_london_time(client, guidance):
    GuidanceVersion.objects.filter(page=guidance).update(
        published_at=datetime(2026, 7, 1, 23, 30, tzinfo=ZoneInfo("UTC"))
    )

    response = client.get(f"{guidance.url}versions/")

    assert "2 July 2026, 00:30" in text(response)


def test_past_version_shows_the_text_as_published_with_a_banner_and_noindex(client, guidance):
    GuidanceVersion.objects.filter(page=guidance).update(
        published_at=datetime(2026, 10, 3, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    )
    three_versions(guidance)

    response = client.get(f"{guidance.url}versions/1/")

    body = text(response)
    assert response.status_code == 200
    assert "You are reading version 1 of 3, published" in body
    assert "3 October 2026" in body
    assert "Read the current version" in body
    assert '<meta name="robots" content="noindex">' in body
    assert "Clause heading 1" in body
    assert "Clause heading 2" in body
    assert "Reworded heading 1" not in body


def test_current_page_notes_changed_and_new_clauses_with_a_link_to_the_comparison(client, guidance):
    three_versions(guidance)
    clauses = guidance.clauses

    body = text(client.get(guidance.url))

    new_anchor, changed_anchor = clauses[-1].anchor, clauses[0].anchor
    assert f'href="{guidance.url}compare/2/3/#{new_anchor}">New in version 3' in body
    assert f'href="{guidance.url}compare/1/2/#{changed_anchor}">Changed in version 2' in body
    assert body.count("Changed in version") == 1


def test_current_page_advertises_both_feeds(client, guidance):
    body = text(client.get(guidance.url))

    assert (
        f'<link rel="alternate" type="application/atom+xml" title="{guidance.title}: versions" '
        f'href="{guidance.url}feed/">' in body
    )
    assert 'type="application/atom+xml" title="Coproduce: new versions of all guidance" ' in body


def test_compare_marks_words_and_classifies_clauses(client, guidance):
    three_versions(guidance)

    response = client.get(f"{guidance.url}compare/1/3/")

    body = text(response)
    assert response.status_code == 200
    assert "What changed from version 1 to version 3" in body
    assert (
        '<del><span class="visually-hidden">[removed: </span>Clause'
        '<span class="visually-hidden">]</span></del>' in body
    )
    assert '<ins><span class="visually-hidden">[added: </span>Reworded<span' in body
    assert "New clause</strong> in version 3" in body
    assert "<strong>Removed</strong> in version 3 (it was clause 2 in version 1)" in body
    assert "1 clause changed, 1 added, 1 removed, 0 moved and 1 unchanged" in body
    assert '<details class="diff-unchanged">' in body


def test_compare_given_newer_first_redirects_to_older_first(client, guidance):
    three_versions(guidance)

    response = client.get(f"{guidance.url}compare/3/1/")

    assert response.status_code == 302
    assert response["Location"] == f"{guidance.url}compare/1/3/"


def test_comparing_a_version_with_itself_explains_instead_of_failing(client, guidance):
    response = client.get(f"{guidance.url}compare/1/1/")

    assert response.status_code == 200
    assert "You chose version 1 twice" in text(response)


def test_picker_redirects_to_the_chosen_pair_in_order(client, guidance):
    three_versions(guidance)

    response = client.get(f"{guidance.url}compare/", {"from": "3", "to": "2"})

    assert response.status_code == 302
    assert response["Location"] == f"{guidance.url}compare/2/3/"


def test_picker_with_an_unknown_version_says_what_to_do(client, guidance):
    response = client.get(f"{guidance.url}compare/", {"from": "1", "to": "seven"})

    assert response.status_code == 400
    assert "Choose two versions from the lists" in text(response)


def test_picker_labels_both_lists(client, guidance):
    three_versions(guidance)

    body = text(client.get(f"{guidance.url}compare/1/2/"))

    assert '<label for="picker-from">From version</label>' in body
    assert '<label for="picker-to">To version</label>' in body


def test_markup_in_content_cannot_inject_html_into_the_comparison(client, guidance):
    edit_clause(
        guidance,
        0,
        heading='<script>alert("x")</script>',
        body='<p>Body <img src=x onerror="alert(1)"> of &lt;b&gt;clause&lt;/b&gt; 1.</p>',
        proposition="<b>bold</b> proposition",
    )
    publish(guidance)

    body = client.get(f"{guidance.url}compare/1/2/").content.decode()

    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert "<img" not in body
    assert "<b>bold</b>" not in body
    assert "&lt;b&gt;bold&lt;/b&gt;" in body
    assert "<b>clause" not in body
    assert "&lt;/" in body


@pytest.mark.parametrize(
    "path",
    [
        "versions/9/",
        "versions/0/",
        "versions/one/",
        "versions/99999999999999999999/",
        "compare/1/9/",
        "compare/a/b/",
        "compare/1/99999999999999999999/",
        "versions/1/extra/",
    ],
)
def test_bad_version_addresses_are_not_found(client, guidance, path):
    assert client.get(f"{guidance.url}{path}").status_code == 404


@pytest.mark.parametrize("path", ["versions/", "versions/1/", "compare/1/1/", "feed/"])
def test_private_documents_do_not_expose_their_history(client, guidance, path):
    PageViewRestriction.objects.create(page=guidance, restriction_type="login")

    assert client.get(f"{guidance.url}{path}").status_code == 404


@pytest.mark.parametrize("path", ["versions/", "versions/1/", "feed/"])
def test_unpublished_documents_do_not_expose_their_history(client, guidance, path):
    url = guidance.url
    guidance.unpublish()

    assert client.get(f"{url}{path}").status_code == 404


def test_draft_only_documents_have_no_history(client, guidance_index):
    draft = GuidancePageFactory(parent=guidance_index, published=False, live=False)

    assert client.get(f"/guidance/{draft.slug}/versions/").status_code == 404


def grow(page, versions, clauses):
    page.body = [("clause", c[1]) for c in _stream(clauses)]
    for n in range(versions):
        edit_clause(page, n % clauses, heading=f"Edited {n}")
        publish(page, summary=f"Edit {n}")
    return page


def _stream(count):
    from tests.factories import clause_stream

    return clause_stream(count)


@pytest.mark.parametrize("path", ["versions/", "compare/1/2/", "versions/2/", ""])
def test_history_pages_run_the_same_queries_for_small_and_large_documents(
    client, guidance_index, django_assert_max_num_queries, path
):
    small = grow(GuidancePageFactory(parent=guidance_index, clauses=2), versions=2, clauses=2)
    large = grow(GuidancePageFactory(parent=guidance_index, clauses=2), versions=8, clauses=30)
    # Warm caches (site root paths, cached vote tallies) so both are in the same state.
    client.get(f"{small.url}{path}")
    client.get(f"{large.url}{path}")

    with django_assert_max_num_queries(20) as small_queries:
        assert client.get(f"{small.url}{path}").status_code == 200
    with django_assert_max_num_queries(len(small_queries)):
        assert client.get(f"{large.url}{path}").status_code == 200


def test_history_pages_still_work_after_purge_revisions(client, guidance):
    three_versions(guidance)
    guidance.save_revision()  # a draft, which the purge may remove

    call_command("purge_revisions")

    assert client.get(f"{guidance.url}versions/").status_code == 200
    assert client.get(f"{guidance.url}versions/1/").status_code == 200
    assert client.get(f"{guidance.url}compare/1/3/").status_code == 200


def test_compare_shows_changes_to_the_title_and_summary(client, guidance):
    publish(guidance, title="A clearer title", summary="What this guidance covers, in short.")

    body = text(client.get(f"{guidance.url}compare/1/2/"))

    assert "Title and summary" in body
    assert '<ins><span class="visually-hidden">[added: </span>A clearer title' in body
    assert "0 clauses changed, 0 added, 0 removed, 0 moved and 3 unchanged" in body


def test_the_statement_to_vote_on_has_one_name_on_every_page(client, guidance):
    from tests.consultation.versions.helpers import edit_clause, publish

    edit_clause(guidance, 0, heading="A reworded heading", proposition="A new statement.")
    publish(guidance, summary="Changed the statement.")

    for path in ["", "versions/1/", "compare/1/2/", "results/"]:
        html = client.get(guidance.url + path).content.decode()
        assert "Proposition for feedback" not in html, path
    assert "Statement to vote on" in client.get(guidance.url + "compare/1/2/").content.decode()
    assert "Statement to vote on" in client.get(guidance.url + "versions/1/").content.decode()
