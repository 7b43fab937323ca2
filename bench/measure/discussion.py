"""Bench: one clause's discussion rendered with our templates and with xtd's stock
`render_xtdcomment_tree`, on the same comments.

xtd's `get_xtdcomment_tree` tag reads every public comment on an object, and our comments
all hang off the guidance page, so the stock side builds its tree exactly as that tag does
(same manager, prefetch and filters) with one more filter: the clause. Both sides then
render the same 500 comments (the seed's big discussion: 20 threads, one page of ours).
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.template import engines
from django.test import override_settings
from django_comments.models import CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG, XtdComment
from django_comments_xtd.utils import get_current_site_id

from consultation.discussion.threads import discussion_render

XTD_STOCK = "{% load comments_xtd %}{% render_xtdcomment_tree with comments=tree %}"


def clause_of(page, clause_id: str):
    return next(clause for clause in page.clauses if clause.id == clause_id)


def render_ours(page, clause):
    return discussion_render(page=page, clause=clause)


def xtd_stock_tree(page, clause_id: str):
    """What `{% get_xtdcomment_tree for page as tree %}` builds, for one clause."""
    flags = CommentFlag.objects.filter(
        flag__in=[CommentFlag.SUGGEST_REMOVAL, LIKEDIT_FLAG, DISLIKEDIT_FLAG]
    ).prefetch_related("user")
    queryset = XtdComment.objects.prefetch_related(Prefetch("flags", queryset=flags)).filter(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=page.pk,
        site__pk=get_current_site_id(None),
        is_public=True,
        guidancecomment__clause_id=clause_id,
    )
    return XtdComment.tree_from_queryset(queryset, user=AnonymousUser())


def render_xtd_stock(page, clause):
    template = engines["django"].from_string(XTD_STOCK)
    # xtd's templates reverse its own URLs, which the site never mounts.
    with override_settings(ROOT_URLCONF="tests.consultation.xtd_stock_urls"):
        tree = xtd_stock_tree(page, clause.id)
        return template.render({"tree": tree, "user": AnonymousUser()})
