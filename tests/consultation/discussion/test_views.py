from datetime import timedelta

import pytest
from django.utils import timezone

from consultation.discussion.models import CommentStatus, GuidanceComment
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.factories import ParticipantFactory


@pytest.fixture
def participant(db):
    return ParticipantFactory(display_name="Robin", perspectives="carer")


@pytest.fixture
def signed_in(client, participant):
    client.force_login(participant.user)
    return client


def test_participant_comments_on_a_clause_and_lands_on_their_comment(signed_in, guidance):
    clause = guidance.clauses[1]

    response = signed_in.post(discussion_path(guidance, clause), {"text": "Clear and fair."})

    comment = GuidanceComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == discussion_path(guidance, clause) + f"#comment-{comment.pk}"
    assert comment.clause_id == clause.id
    assert comment.version == guidance.current_version
    assert comment.participant.display_name == "Robin"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Clear and fair." in page
    assert "Robin" in page and "Family member or carer" in page
    assert "on clause 2, version 1" in page


def test_whole_document_comment_has_no_clause(signed_in, guidance):
    signed_in.post(discussion_path(guidance), {"text": "The whole thing reads well."})

    assert GuidanceComment.objects.get().clause_id == ""
    assert (
        "The whole thing reads well." in signed_in.get(discussion_path(guidance)).content.decode()
    )


def test_reply_joins_the_thread_under_its_parent(signed_in, guidance, participant):
    clause = guidance.clauses[0]
    parent = make_comment(guidance, ParticipantFactory(), clause=clause)

    response = signed_in.post(
        discussion_path(guidance, clause), {"text": "I agree.", "reply_to": parent.pk}
    )

    reply = GuidanceComment.objects.get(parent_id=parent.pk, level=1)
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    assert reply.thread_id == parent.pk
    assert reply.participant == participant


def test_threads_go_three_levels_deep(signed_in, guidance):
    clause = guidance.clauses[0]
    other = ParticipantFactory()
    top = make_comment(guidance, other, clause=clause)
    second = make_comment(guidance, other, clause=clause, parent=top)
    third = make_comment(guidance, other, clause=clause, parent=second)

    html = signed_in.get(discussion_path(guidance, clause)).content.decode()

    assert third.level == 2
    assert f"comments/{second.pk}/reply/" in html
    assert f"comments/{third.pk}/reply/" not in html


def test_reply_page_shows_the_parent_and_a_form_without_javascript(signed_in, guidance):
    clause = guidance.clauses[0]
    parent = make_comment(guidance, ParticipantFactory(), clause=clause, text="First point.")

    html = signed_in.get(guidance.url + f"comments/{parent.pk}/reply/").content.decode()

    assert "First point." in html
    assert f'name="reply_to" value="{parent.pk}"' in html
    assert f'action="{discussion_path(guidance, clause)}"' in html


def test_each_clause_shows_its_count_and_a_link_to_its_discussion(client, guidance):
    clause = guidance.clauses[2]
    author = ParticipantFactory()
    make_comment(guidance, author, clause=clause)
    make_comment(guidance, author, clause=clause)
    held = make_comment(guidance, author, clause=clause)
    GuidanceComment.objects.filter(pk=held.pk).update(status=CommentStatus.HELD)

    html = client.get(guidance.url).content.decode()

    assert f'href="{discussion_path(guidance, clause)}"' in html
    assert "(2 comments)" in html
    assert f'href="{discussion_path(guidance)}"' in html


def test_comment_text_is_escaped_and_links_carry_ugc_rel(signed_in, guidance):
    text = "<script>alert(1)</script> see https://example.org/x\n\nSecond <b>para</b>"
    signed_in.post(discussion_path(guidance), {"text": text})

    html = signed_in.get(discussion_path(guidance)).content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://example.org/x" rel="ugc nofollow noopener">' in html
    assert "<p>Second &lt;b&gt;para&lt;/b&gt;</p>" in html


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_comment_is_refused_with_a_message(signed_in, guidance, text):
    response = signed_in.post(discussion_path(guidance), {"text": text})

    assert response.status_code == 400
    assert "Write your comment before posting it." in response.content.decode()
    assert not GuidanceComment.objects.exists()


def test_too_long_comment_is_refused_and_kept(signed_in, guidance):
    text = "x" * 5001

    response = signed_in.post(discussion_path(guidance), {"text": text})

    html = response.content.decode()
    assert response.status_code == 400
    assert "up to 5000 characters" in html
    assert text in html


def test_closed_round_refuses_a_comment_with_403_and_keeps_the_text(signed_in, guidance):
    guidance.closes_at = timezone.now() - timedelta(hours=1)
    guidance.save()

    response = signed_in.post(discussion_path(guidance), {"text": "Too late, sadly."})

    assert response.status_code == 403
    html = response.content.decode()
    assert "not open for feedback" in html
    assert "Too late, sadly." in html
    assert not GuidanceComment.objects.exists()


def test_closed_round_refuses_a_reply_too(signed_in, guidance):
    parent = make_comment(guidance, ParticipantFactory())
    guidance.closes_at = timezone.now() - timedelta(hours=1)
    guidance.save()

    response = signed_in.post(discussion_path(guidance), {"text": "Reply.", "reply_to": parent.pk})

    assert response.status_code == 403
    assert GuidanceComment.objects.count() == 1


def test_closed_round_shows_no_form(signed_in, guidance):
    guidance.closes_at = timezone.now() - timedelta(hours=1)
    guidance.save()

    html = signed_in.get(discussion_path(guidance)).content.decode()

    assert "<textarea" not in html
    assert "not open for feedback" in html


def test_unverified_account_is_refused_with_its_text(client, guidance):
    client.force_login(ParticipantFactory(verified=False).user)

    response = client.post(discussion_path(guidance), {"text": "Hello there."})

    assert response.status_code == 403
    assert "Confirm your email address" in response.content.decode()
    assert "Hello there." in response.content.decode()


def test_signed_out_visitor_reads_but_cannot_post(client, guidance):
    make_comment(guidance, ParticipantFactory(), text="Visible to all.")

    html = client.get(discussion_path(guidance)).content.decode()
    assert "Visible to all." in html
    assert "create an account</a> to take part." in html
    assert "<textarea" not in html
    response = client.post(discussion_path(guidance), {"text": "Anonymous."})
    assert response.status_code == 403
    assert "Anonymous." in response.content.decode()


def test_unknown_clause_is_a_404(client, guidance):
    assert client.get(guidance.url + "clauses/deadbeef/discussion/").status_code == 404
    assert (
        client.post(guidance.url + "clauses/deadbeef/discussion/", {"text": "x"}).status_code == 404
    )


@pytest.mark.parametrize("reply_to", ["abc", "-1", "1.5", "99999999999999999999999", "0x10"])
def test_tampered_reply_field_is_a_form_error_that_keeps_the_text(signed_in, guidance, reply_to):
    response = signed_in.post(discussion_path(guidance), {"text": "Kept.", "reply_to": reply_to})

    assert response.status_code == 400
    assert "could not be found" in response.content.decode()
    assert "Kept." in response.content.decode()


def test_wrong_content_type_is_a_form_error_not_a_500(signed_in, guidance):
    response = signed_in.post(
        discussion_path(guidance), data='{"text": "json"}', content_type="application/json"
    )

    assert response.status_code == 400
    assert "Write your comment before posting it." in response.content.decode()


def test_nul_character_is_dropped_not_a_500(signed_in, guidance):
    response = signed_in.post(discussion_path(guidance), {"text": "bad\x00byte"})

    assert response.status_code == 302
    assert GuidanceComment.objects.get().comment == "badbyte"


def test_comment_on_an_older_version_says_the_clause_changed_and_links_to_compare(client, guidance):
    clause = guidance.clauses[0]
    comment = make_comment(guidance, ParticipantFactory(), clause=clause)
    revised = guidance.body.raw_data
    revised[0]["value"]["heading"] = "A better heading"
    guidance.body = revised
    guidance.change_summary = "Clearer heading."
    guidance.save_revision().publish()

    html = client.get(discussion_path(guidance, clause)).content.decode()

    assert comment.version.number == 1
    assert "on clause 1, version 1" in html
    assert "This clause has changed since" in html
    assert f'href="{guidance.url}compare/1/2/"' in html
    assert client.get(f"{guidance.url}compare/1/2/").status_code == 200


def test_this_version_only_filter_hides_older_rounds(client, guidance):
    clause = guidance.clauses[0]
    make_comment(guidance, ParticipantFactory(), clause=clause, text="About version one.")
    revised = guidance.body.raw_data
    revised[0]["value"]["heading"] = "Changed"
    guidance.body = revised
    guidance.change_summary = "Changed."
    guidance.save_revision().publish()
    guidance = type(guidance).objects.get(pk=guidance.pk)
    make_comment(guidance, ParticipantFactory(), clause=clause, text="About version two.")

    everything = client.get(discussion_path(guidance, clause)).content.decode()
    current_only = client.get(
        discussion_path(guidance, clause) + "?version=current"
    ).content.decode()

    assert everything.index("About version two.") < everything.index("About version one.")
    assert "About version one." not in current_only
    assert "About version two." in current_only


def test_top_level_comments_come_twenty_a_page_with_show_more(client, guidance):
    author = ParticipantFactory()
    comments = [make_comment(guidance, author, text=f"Comment number {n}.") for n in range(25)]
    reply = make_comment(guidance, author, parent=comments[0], text="A reply to the oldest.")

    first = client.get(discussion_path(guidance)).content.decode()
    second = client.get(discussion_path(guidance) + "?page=2").content.decode()

    assert "Comment number 24." in first and "Comment number 4." not in first
    assert "Show more comments" in first
    assert "Comment number 0." in second and "A reply to the oldest." in second
    assert reply.level == 1


def test_redirect_after_replying_names_the_page_of_the_thread(signed_in, guidance):
    author = ParticipantFactory()
    oldest = make_comment(guidance, author)
    for _ in range(20):
        make_comment(guidance, author)

    response = signed_in.post(
        discussion_path(guidance), {"text": "Late reply.", "reply_to": oldest.pk}
    )

    reply = GuidanceComment.objects.get(parent_id=oldest.pk, level=1)
    assert response["Location"] == discussion_path(guidance) + f"?page=2#comment-{reply.pk}"


def test_a_new_thread_is_shown_first_where_the_redirect_lands(signed_in, guidance):
    author = ParticipantFactory()
    for _ in range(25):
        make_comment(guidance, author)

    response = signed_in.post(discussion_path(guidance), {"text": "A new thread.", "reply_to": ""})

    comment = GuidanceComment.objects.get(comment="A new thread.")
    assert response["Location"] == discussion_path(guidance) + f"#comment-{comment.pk}"
    first_page = signed_in.get(discussion_path(guidance)).content.decode()
    assert f'id="comment-{comment.pk}"' in first_page


def test_posting_to_a_reply_route_posts_a_reply(signed_in, guidance):
    parent = make_comment(guidance, ParticipantFactory())

    response = signed_in.post(
        guidance.url + f"comments/{parent.pk}/reply/", {"text": "Via the route."}
    )

    assert response.status_code == 302
    assert GuidanceComment.objects.get(level=1).parent_id == parent.pk


def test_posting_to_a_reply_route_of_a_closed_round_is_refused(signed_in, guidance):
    parent = make_comment(guidance, ParticipantFactory())
    guidance.closes_at = timezone.now() - timedelta(hours=1)
    guidance.save()

    response = signed_in.post(guidance.url + f"comments/{parent.pk}/reply/", {"text": "Late."})

    assert response.status_code == 403
    assert "Late." in response.content.decode()


def test_a_stale_csrf_token_is_refused_but_keeps_the_text(guidance, participant):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(participant.user)

    response = client.post(
        discussion_path(guidance), {"text": "Long thoughts.", "csrfmiddlewaretoken": "x" * 32}
    )

    assert response.status_code == 403
    assert "Long thoughts." in response.content.decode()
    assert not GuidanceComment.objects.exists()


def test_signed_out_reader_is_offered_sign_in_and_a_new_account_returning_here(client, guidance):
    path = discussion_path(guidance, guidance.clauses[0])

    html = client.get(path).content.decode()

    assert f'href="/accounts/login/?next={path}">Sign in</a>' in html
    assert f'href="/accounts/signup/?next={path}">create an account</a>' in html
