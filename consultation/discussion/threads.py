"""Reading a discussion: one page of top-level comments with their replies, in a constant
number of queries however many comments there are.

`discussion_render` is also the benchmark hook: it renders a discussion with our templates,
so `make bench` can compare it with xtd's stock `render_xtdcomment_tree` on the same data.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.dates import MONTHS
from django.utils.timezone import template_localtime

from consultation.caching.page_cache import COMMENTS, topic_generation
from consultation.discussion.models import GuidanceComment
from consultation.discussion.text import comment_text
from consultation.versions.models import ClauseSnapshot, GuidanceVersion


@dataclass
class CommentNode:
    comment: GuidanceComment
    children: list["CommentNode"] = field(default_factory=list)
    clause_number: int | None = None
    changed_since: bool = False
    current_number: int | None = None
    # Worked out once per comment in one pass (`_prepare`), so the template only prints.
    visible: bool = False
    version_number: int = 0
    author: str = ""
    perspective: str = ""
    iso_date: str = ""
    date_text: str = ""
    text_html: str = ""
    response: object | None = None  # the editors' response, shown under a top-level comment
    # How many reply lists end with this comment (`in_reading_order`), as a range to loop on.
    closes: range = range(0)


@dataclass
class Discussion:
    page: object
    clause: object | None
    current_version: GuidanceVersion | None
    threads: list[CommentNode]
    paginator_page: object
    this_version_only: bool
    visible_count: int

    @property
    def has_more(self) -> bool:
        return self.paginator_page.has_next()

    @property
    def items(self) -> list[CommentNode]:
        return in_reading_order(self.threads)


def in_reading_order(roots: list[CommentNode]) -> list[CommentNode]:
    """Every comment, each followed by its replies, for a template that lists them in one
    loop (comments.html) rather than recursing: a comment without replies carries how
    many reply lists close after it."""
    items: list[CommentNode] = []

    def walk(node: CommentNode, closing: int) -> None:
        items.append(node)
        if not node.children:
            node.closes = range(closing)
            return
        last = len(node.children) - 1
        for index, child in enumerate(node.children):
            walk(child, closing + 1 if index == last else 0)

    for root in roots:
        walk(root, 0)
    return items


def visible_comment_counts(page) -> dict[str, int]:
    """{clause id ("" for the document): visible comments}: one grouped query, kept in the
    cache under the page's comment generation (read first, so a comment committed while
    counting leaves this entry unread) and on the page object for the rest of the request."""
    counts = getattr(page, "_visible_comment_counts", None)
    if counts is None:
        key = f"comments:counts:{page.pk}:{topic_generation(page.pk, COMMENTS)}"
        counts = cache.get(key)
        if counts is None:
            rows = (
                GuidanceComment.objects.on_page(page)
                .visible()
                .order_by()
                .values_list("clause_id")
                .annotate(n=Count("pk"))
            )
            counts = dict(rows)
            cache.set(key, counts, settings.COPRODUCE_PAGE_CACHE_SECONDS or 300)
        page._visible_comment_counts = counts
    return counts


TEXT_SECONDS = 24 * 60 * 60


def _text_key(comment) -> str:
    digest = hashlib.sha1(comment.comment.encode(), usedforsecurity=False).hexdigest()[:16]
    return f"comments:text:{comment.pk}:{digest}"


def _prepare(nodes) -> None:
    """Names, dates and text as HTML for every comment shown. A comment's words never
    change (withdrawing blanks them), so their HTML is cached by comment and text."""
    authors = {}
    shown = [n for n in nodes if n.comment.comment]
    keys = {n.comment.pk: _text_key(n.comment) for n in shown}
    texts = cache.get_many(list(keys.values()))
    missing = {}
    for node in nodes:
        comment = node.comment
        # A group's comments have no participant: the source tells them apart.
        who = (comment.participant_id, comment.source_id)
        if who not in authors:
            authors[who] = (comment.author_name, comment.author_perspective)
        node.author, node.perspective = authors[who]
        node.visible = comment.is_visible
        node.version_number = comment.version.number
        if comment.level == 0 and node.visible:
            # Read with the top-level comments (select_related); replies have none.
            node.response = getattr(comment, "feedback_response", None)
        moment = template_localtime(comment.submit_date)
        # Whole seconds: HTML's <time datetime> allows at most three digits of fraction.
        node.iso_date = moment.isoformat(timespec="seconds")
        node.date_text = f"{moment.day} {MONTHS[moment.month]} {moment.year}, {moment:%H:%M}"
        if comment.comment:
            key = keys[comment.pk]
            if key not in texts:
                texts[key] = missing[key] = comment_text(comment.comment)
            node.text_html = texts[key]
    if missing:
        cache.set_many(missing, TEXT_SECONDS)


def discussion_comments(page, clause_id: str):
    return GuidanceComment.objects.on_page(page).on_clause(clause_id)


def _snapshot_contents(page, clause_id) -> dict[int, tuple]:
    """What the clause said in each version, by version number (one query)."""
    if not clause_id:
        return {}
    snapshots = ClauseSnapshot.objects.filter(version__page=page, clause_id=clause_id).values_list(
        "version__number", "number", "heading", "body", "proposition", "plain_summary"
    )
    return {row[0]: row[1:] for row in snapshots}


def _annotate(node, *, contents, current):
    number = node.comment.version.number
    if node.comment.clause_id:
        content = contents.get(number)
        node.clause_number = content[0] if content else None
        node.changed_since = (
            current is not None and content is not None and content != contents.get(current.number)
        )
    else:
        node.changed_since = current is not None and number != current.number
    if node.changed_since:
        node.current_number = current.number


def discussion_for(
    *,
    page,
    clause=None,
    page_number=1,
    this_version_only: bool = False,
    current_version: GuidanceVersion | None = None,
) -> Discussion:
    clause_id = clause.id if clause else ""
    current = current_version or page.current_version
    comments = discussion_comments(page, clause_id)
    if this_version_only and current is not None:
        comments = comments.filter(version=current)
    top_level = (
        comments.top_level()
        .select_related("participant", "source", "version", "feedback_response__addressed_in")
        .prefetch_related(None)
        .newest_round_first()
    )
    paginator = Paginator(top_level, settings.COPRODUCE_COMMENTS_PER_PAGE)
    paginator_page = paginator.get_page(page_number)
    roots = [CommentNode(comment) for comment in paginator_page.object_list]
    nodes = {node.comment.pk: node for node in roots}
    if nodes:
        replies = (
            comments.filter(thread_id__in=list(nodes), level__gt=0)
            .select_related("participant", "source", "version")
            .order_by("thread_id", "order")
        )
        # xtd's `order` lists each thread depth-first, so a parent always comes first.
        for reply in replies:
            node = CommentNode(reply)
            parent = nodes.get(reply.parent_id)
            if parent is not None:
                parent.children.append(node)
                nodes[reply.pk] = node

    contents = _snapshot_contents(page, clause_id)
    for node in nodes.values():
        _annotate(node, contents=contents, current=current)
    _prepare(list(nodes.values()))
    return Discussion(
        page=page,
        clause=clause,
        current_version=current,
        threads=roots,
        paginator_page=paginator_page,
        this_version_only=this_version_only,
        visible_count=discussion_comments(page, clause_id).visible().count(),
    )


def thread_page_number(comment: GuidanceComment) -> int:
    """Which page of its discussion (newest round first) holds this comment's thread."""
    root = comment if comment.level == 0 else GuidanceComment.objects.get(pk=comment.thread_id)
    number, date = root.version.number, root.submit_date
    listed_before = (
        Q(version__number__gt=number)
        | Q(version__number=number, submit_date__gt=date)
        | Q(version__number=number, submit_date=date, pk__gt=root.pk)
    )
    newer = discussion_comments(root.page, root.clause_id).top_level().filter(listed_before).count()
    return newer // settings.COPRODUCE_COMMENTS_PER_PAGE + 1


def discussion_render(*, page, clause=None, request=None, page_number=1) -> str:
    """The threads of a discussion as HTML, with our templates (the benchmark hook)."""
    discussion = discussion_for(page=page, clause=clause, page_number=page_number)
    return render_to_string(
        "consultation/comments/includes/threads.html",
        {"discussion": discussion, "page": page, "viewer": None, "page_url": page.url},
        request=request,
    )


def comment_node(comment: GuidanceComment) -> CommentNode:
    """One comment with its version context, for pages that show it alone."""
    page = comment.page
    node = CommentNode(comment)
    current = page.current_version
    contents = _snapshot_contents(page, comment.clause_id)
    _annotate(node, contents=contents, current=current)
    _prepare([node])
    return node
