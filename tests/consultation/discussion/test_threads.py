import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines

from consultation.discussion.threads import discussion_render
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory


def test_discussion_renders_with_our_templates_for_the_benchmark(guidance):
    author = ParticipantFactory(display_name="Sam")
    top = make_comment(guidance, author, text="Top-level thought.")
    make_comment(guidance, author, parent=top, text="A follow-up.")

    html = discussion_render(page=guidance)

    assert "Top-level thought." in html and "A follow-up." in html
    assert f'id="comment-{top.pk}"' in html


@pytest.mark.urls("tests.consultation.xtd_stock_urls")
def test_xtds_stock_tree_renders_the_same_data_for_comparison(guidance):
    author = ParticipantFactory()
    top = make_comment(guidance, author, text="Top-level thought.")
    make_comment(guidance, author, parent=top, text="A follow-up.")
    template = engines["django"].from_string(
        "{% load comments_xtd %}{% get_xtdcomment_tree for page as tree %}"
        "{% render_xtdcomment_tree with comments=tree %}"
    )

    html = template.render({"page": guidance, "user": AnonymousUser()})

    assert "Top-level thought." in html and "A follow-up." in html


def _thread_of(guidance, people, replies):
    root = make_comment(guidance, people[0], text="A root with https://example.org/link")
    for n in range(replies):
        reply = make_comment(guidance, people[n % len(people)], parent=root, text=f"Reply {n}.")
        make_comment(guidance, people[0], parent=reply, text=f"Answer {n}.")


def test_a_discussion_costs_the_same_queries_for_3_comments_or_60(
    guidance, django_assert_max_num_queries
):
    from django.core.cache import cache

    people = [ParticipantFactory() for _ in range(3)]
    _thread_of(guidance, people, 1)
    cache.clear()
    with django_assert_max_num_queries(8) as few:  # with the site's URL lookups
        discussion_render(page=guidance)
    _thread_of(guidance, people, 30)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = discussion_render(page=guidance)

    assert html.count('class="comment-item"') == 64
    assert 'rel="ugc nofollow noopener">https://example.org/link</a>' in html


def test_a_withdrawn_comment_shows_no_cached_words(guidance):
    from consultation.discussion.services import comment_withdraw

    author = ParticipantFactory()
    comment = make_comment(guidance, author, text="Words I regret.")
    assert "Words I regret." in discussion_render(page=guidance)

    comment_withdraw(participant=author, comment=comment)

    assert "Words I regret." not in discussion_render(page=guidance)
