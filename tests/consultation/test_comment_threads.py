import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines

from consultation.services.comment_threads import discussion_render
from tests.consultation.comment_helpers import _fresh_rate_limits, make_comment  # noqa: F401
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
