import pytest
from django.test import Client

from consultation.guidance.clauses import short_clause_id
from consultation.suggestions.models import Suggestion, SuggestionSupport
from consultation.suggestions.services import suggestion_support
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def client_for(participant) -> Client:
    client = Client()
    client.force_login(participant.user)
    return client


def suggest_path(page, clause):
    return page.url + page.reverse_subpage("clause_suggest", args=[short_clause_id(clause.id)])


def discussion_path(page, clause):
    return page.url + page.reverse_subpage("clause_discussion", args=[short_clause_id(clause.id)])


def test_the_form_is_prefilled_with_the_clause_as_plain_text(guidance, author):
    clause = guidance.clauses[0]
    response = client_for(author).get(suggest_path(guidance, clause))
    assert response.status_code == 200
    assert response.context["form"].initial["text"] == "Body of clause 1."
    assert response.context["form"].initial["proposition"] == "Proposition 1"


def test_preview_shows_a_word_level_comparison_and_sends_nothing(guidance, author):
    clause = guidance.clauses[0]
    data = {"text": "Body of clause one.", "proposition": "Proposition 1", "reason": "Words."}
    response = client_for(author).post(suggest_path(guidance, clause), {**data, "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<del><span class="visually-hidden">[removed: </span>1' in html
    assert '<ins><span class="visually-hidden">[added: </span>one' in html
    assert "Send suggestion" in html
    assert not Suggestion.objects.exists()


def test_sending_records_the_suggestion_and_lists_it_on_the_discussion(guidance, author):
    clause = guidance.clauses[0]
    data = {"text": "Body of clause one.", "proposition": "", "reason": "Words.", "send": "1"}
    response = client_for(author).post(suggest_path(guidance, clause), data)
    suggestion = Suggestion.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(f"#suggestion-{suggestion.pk}")
    page = Client().get(discussion_path(guidance, clause))
    assert "Suggested wording (1)" in page.content.decode()
    assert "Suggested by Rowan" in page.content.decode()


def test_a_missing_reason_re_renders_with_what_was_typed(guidance, author):
    clause = guidance.clauses[0]
    data = {"text": "My own words here.", "reason": "", "send": "1"}
    response = client_for(author).post(suggest_path(guidance, clause), data)
    assert response.status_code == 400
    assert "My own words here." in response.content.decode()
    assert "Say why you suggest this change." in response.content.decode()


def test_signed_out_readers_cannot_suggest(guidance):
    clause = guidance.clauses[0]
    data = {"text": "Words.", "reason": "Why.", "send": "1"}
    response = Client().post(suggest_path(guidance, clause), data)
    assert response.status_code == 403
    assert not Suggestion.objects.exists()


def test_support_and_take_back_through_the_buttons(guidance, make_suggestion, supporter):
    suggestion = make_suggestion()
    path = guidance.url + guidance.reverse_subpage("suggestion_support", args=[suggestion.pk])
    client = client_for(supporter)
    assert client.post(path, {"action": "support"}).status_code == 302
    assert SuggestionSupport.objects.count() == 1
    page = client.get(discussion_path(guidance, guidance.clauses[0])).content.decode()
    assert "Take back your support" in page
    assert client.post(path, {"action": "take_back"}).status_code == 302
    assert SuggestionSupport.objects.count() == 0


def test_hostile_text_is_shown_as_text_on_the_discussion(guidance, make_suggestion):
    make_suggestion(HOSTILE + "\n\n- " + HOSTILE, reason=HOSTILE)
    html = Client().get(discussion_path(guidance, guidance.clauses[0])).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_the_guidance_page_shows_each_clauses_suggestion_count(guidance, make_suggestion):
    make_suggestion()
    make_suggestion("Another wording.")
    html = Client().get(guidance.url).content.decode()
    assert "(2 suggestions)" in html and "(0 suggestions)" in html


def test_support_counts_by_perspective_hide_small_groups(guidance, make_suggestion, settings):
    settings.COPRODUCE_VOTE_MIN_GROUP = 2
    suggestion = make_suggestion()
    for perspective in ["peer_worker", "peer_worker", "carer"]:
        suggestion_support(
            participant=ParticipantFactory(perspectives=perspective), suggestion=suggestion
        )
    html = Client().get(discussion_path(guidance, guidance.clauses[0])).content.decode()
    assert "3 supporters" in html
    assert "(2)" in html and "(fewer than 2)" in html


def test_discussion_with_two_hundred_suggestions_stays_within_25_queries(
    guidance, make_suggestion, django_assert_max_num_queries
):
    clause = guidance.clauses[0]
    authors = [ParticipantFactory() for _ in range(10)]
    for n in range(200):
        make_suggestion(f"Wording number {n}.", who=authors[n % 10])
    viewer = client_for(ParticipantFactory())
    viewer.get(discussion_path(guidance, clause))  # sessions and site caches warm
    with django_assert_max_num_queries(25):
        response = viewer.get(discussion_path(guidance, clause))
    assert "Suggested wording (200)" in response.content.decode()


def test_hostile_text_in_the_preview_is_shown_as_text(guidance, author):
    clause = guidance.clauses[0]
    data = {"text": HOSTILE + "\n\n- " + HOSTILE, "reason": HOSTILE, "preview": "1"}
    html = client_for(author).post(suggest_path(guidance, clause), data).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_support_is_rate_limited_like_votes(guidance, make_suggestion, supporter, settings):
    settings.COPRODUCE_VOTE_RATE = "2/m"
    suggestion = make_suggestion()
    path = guidance.url + guidance.reverse_subpage("suggestion_support", args=[suggestion.pk])
    client = client_for(supporter)
    assert [client.post(path, {"action": "support"}).status_code for _ in range(3)] == [
        302,
        302,
        429,
    ]
