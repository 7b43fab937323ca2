"""Bench: a 500-comment discussion rendered with our templates and with xtd's stock
`render_xtdcomment_tree`, on the same data."""

from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import override_settings

from consultation.services.comment_threads import discussion_render
from consultation.services.comments import comment_post

THREADS = 20  # one page of top-level comments, so our page shows all 500 like xtd's tree
REPLIES = 8  # each with two replies of its own: 1 + 8 + 16 = 25 comments a thread
XTD_STOCK = (
    "{% load comments_xtd %}{% get_xtdcomment_tree for page as tree %}"
    "{% render_xtdcomment_tree with comments=tree %}"
)


def discussion_with_500_comments(page, participants):
    def post(n, parent=None):
        return comment_post(
            participant=participants[n % len(participants)],
            page=page,
            clause_id="",
            parent=parent,
            text=f"Comment {n}: a realistic sentence or two about the guidance, see "
            f"https://example.org/{n} for the local framework we use.",
        )

    n = 0
    for _ in range(THREADS):
        root = post(n)
        n += 1
        for _ in range(REPLIES):
            reply = post(n, root)
            n += 1
            for _ in range(2):
                post(n, reply)
                n += 1
    return n


def render_ours(page):
    return discussion_render(page=page)


def render_xtd_stock(page):
    template = engines["django"].from_string(XTD_STOCK)
    # xtd's templates reverse its own URLs, which the site never mounts.
    with override_settings(ROOT_URLCONF="tests.consultation.xtd_stock_urls"):
        return template.render({"page": page, "user": AnonymousUser()})
