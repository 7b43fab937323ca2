"""A comment's words as HTML are stored when they are written (GuidanceComment.text_html),
so a discussion prints them rather than converting each comment on every view. The copy
must always be what converting the words gives, and go when the words go."""

from importlib import import_module

from django.apps import apps

from consultation.accounts.services import participant_delete
from consultation.discussion.models import GuidanceComment
from consultation.discussion.services import comment_withdraw, comments_withdraw_all
from consultation.discussion.text import comment_text
from consultation.facilitation.services import (
    facilitated_comment_correct,
    facilitated_comment_delete,
    facilitated_comment_post,
)
from tests.consultation.comment_helpers import discussion_path, make_comment, reload
from tests.consultation.facilitation.helpers import a_facilitator, a_source
from tests.factories import ParticipantFactory

WORDS = "See https://example.org/a-report\n\nand <b>this</b> & that."


def test_a_posted_comment_stores_its_words_as_the_discussion_shows_them(guidance):
    comment = make_comment(guidance, ParticipantFactory(), text=WORDS)

    stored = reload(comment).text_html
    assert stored == comment_text(WORDS)
    assert 'rel="ugc nofollow noopener"' in stored and "&lt;b&gt;this&lt;/b&gt;" in stored


def test_saving_new_words_stores_their_html_even_when_naming_the_fields(guidance):
    comment = make_comment(guidance, ParticipantFactory(), text="First words.")

    comment.comment = "Second words."
    comment.save(update_fields=["comment"])

    assert reload(comment).text_html == comment_text("Second words.")


def test_updating_the_words_in_bulk_updates_their_html(guidance):
    comment = make_comment(guidance, ParticipantFactory(), text="First words.")

    GuidanceComment.objects.filter(pk=comment.pk).update(comment="Other words.")

    assert reload(comment).text_html == comment_text("Other words.")


def test_withdrawing_blanks_the_stored_words_too(guidance):
    author = ParticipantFactory()
    one = make_comment(guidance, author, text="Words I regret.")
    others = [make_comment(guidance, author, text=f"More words {n}.") for n in range(2)]

    comment_withdraw(participant=author, comment=one)
    assert reload(one).text_html == ""
    comments_withdraw_all(participant=author)

    assert all(reload(c).text_html == "" for c in others)


def test_deleting_an_account_with_its_words_leaves_no_copy_of_them(guidance):
    author = ParticipantFactory()
    comment = make_comment(guidance, author, text="Words to take with me.")

    participant_delete(user=author.user, keep_comments=False)

    assert reload(comment).text_html == ""


def test_a_facilitators_correction_and_deletion_keep_the_html_in_step(guidance):
    facilitator = a_facilitator()
    source = a_source(guidance, facilitator)
    comment = facilitated_comment_post(
        user=facilitator, source=source, clause_id="", text="Typo hear."
    )
    assert reload(comment).text_html == comment_text("Typo hear.")

    facilitated_comment_correct(user=facilitator, comment=comment, text="Typo here.")
    assert reload(comment).text_html == comment_text("Typo here.")
    facilitated_comment_delete(user=facilitator, comment=reload(comment))

    assert reload(comment).text_html == ""


def test_a_comment_written_without_its_html_still_shows_its_words(client, guidance):
    # As rows written around save() are (bulk SQL): the words are converted when shown.
    comment = make_comment(guidance, ParticipantFactory(), text=WORDS)
    GuidanceComment.objects.filter(pk=comment.pk).update(text_html="")

    html = client.get(discussion_path(guidance)).content.decode()

    assert comment_text(WORDS) in html


def test_the_migration_fills_the_html_of_comments_written_before_it(guidance):
    kept = make_comment(guidance, ParticipantFactory(), text=WORDS)
    withdrawn = make_comment(guidance, ParticipantFactory(), text="Gone.")
    GuidanceComment.objects.filter(pk=withdrawn.pk).update(comment="")
    GuidanceComment.objects.update(text_html="")
    migration = import_module("consultation.migrations.0026_i19_comment_text_html")

    migration.text_html_fill(apps, None)

    assert reload(kept).text_html == comment_text(WORDS)
    assert reload(withdrawn).text_html == ""


def test_words_updated_by_expression_are_converted_when_shown(client, guidance):
    comment = make_comment(guidance, ParticipantFactory(), text="Before.")
    GuidanceComment.objects.bulk_update(
        [GuidanceComment(pk=comment.pk, comment="After https://example.org/x")], ["comment"]
    )

    assert reload(comment).text_html == ""
    html = client.get(discussion_path(guidance)).content.decode()
    assert comment_text("After https://example.org/x") in html and "Before." not in html
