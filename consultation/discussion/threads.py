"""Reading a discussion: one page of top-level comments with their replies, in a constant
number of queries however many comments there are.

`discussion_render` is also the benchmark hook: it renders a discussion with our templates,
so `make bench` can compare it with xtd's stock `render_xtdcomment_tree` on the same data.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe

from consultation.caching.page_cache import COMMENTS, topic_generation
from consultation.discussion.models import (
    CommentStatus,
    GuidanceComment,
    HouseRule,
    author_name,
    author_perspective,
    source_perspective,
)
from consultation.discussion.text import comment_text
from consultation.facilitation.models import FacilitatedSource
from consultation.feedback.models import FeedbackResponse
from consultation.versions.models import ClauseSnapshot, GuidanceVersion

# What a discussion reads of each comment: columns, not model instances. Building a
# GuidanceComment (three tables) with its participant for each of 500 comments took longer
# than the rest of the page.
COMMENT_COLUMNS = (
    "pk",
    "comment",
    "text_html",
    "submit_date",
    "level",
    "parent_id",
    "clause_id",
    "version__number",
    "participant_id",
    "participant__display_name",
    "participant__perspectives",
    "source_id",
    "status",
    "is_withdrawn",
    "broken_rule",
)
BROKEN_RULES = dict(HouseRule.choices)


@dataclass
class CommentNode:
    """One comment as its discussion shows it, everything worked out before rendering
    (`_node`, `_prepare`) so the template only prints."""

    pk: int
    level: int
    clause_id: str
    version_number: int
    participant_id: int | None
    source_id: int | None
    status: str
    is_withdrawn: bool
    broken_rule: str
    submit_date: datetime
    text_html: str
    visible: bool
    author: str = ""
    perspective: str = ""
    children: list["CommentNode"] = field(default_factory=list)
    clause_number: int | None = None
    changed_since: bool = False
    current_number: int | None = None
    iso_date: str = ""
    date_text: str = ""
    response: object | None = None  # the editors' response, shown under a top-level comment
    # How many reply lists end with this comment (`in_reading_order`), as a range to loop on.
    closes: range = range(0)

    @property
    def broken_rule_label(self) -> str:
        return BROKEN_RULES.get(self.broken_rule, self.broken_rule)


def _stored_html(text: str, text_html: str) -> str:
    # A row written around GuidanceComment.save() (raw SQL) has no stored copy yet.
    if text and not text_html:
        return comment_text(text)
    return mark_safe(text_html)


def _node(row: dict, sources: dict) -> CommentNode:
    status, is_withdrawn = row["status"], row["is_withdrawn"]
    node = CommentNode(
        pk=row["pk"],
        level=row["level"],
        clause_id=row["clause_id"],
        version_number=row["version__number"],
        participant_id=row["participant_id"],
        source_id=row["source_id"],
        status=status,
        is_withdrawn=is_withdrawn,
        broken_rule=row["broken_rule"],
        submit_date=row["submit_date"],
        text_html=_stored_html(row["comment"], row["text_html"]),
        visible=status == CommentStatus.PUBLISHED and not is_withdrawn,
    )
    node.author, node.perspective = author_of(row, sources)
    return node


def author_of(row: dict, sources: dict) -> tuple[str, str]:
    """The name and perspective a comment read as columns is shown with: those of its
    group (`sources_of`) or of its author (participant__display_name, __perspectives)."""
    source = sources.get(row["source_id"])
    if source is not None:
        return source.public_name, source_perspective(source)
    return (
        author_name(row["participant__display_name"]),
        author_perspective(row["participant__perspectives"]),
    )


def sources_of(rows) -> dict:
    """The groups whose feedback a facilitator entered, among these rows (rarely any)."""
    ids = {row["source_id"] for row in rows if row["source_id"] is not None}
    return FacilitatedSource.objects.in_bulk(ids) if ids else {}


def comment_row(comment: GuidanceComment) -> dict:
    """A comment already read, as the row a discussion reads."""
    row = {name: getattr(comment, name) for name in COMMENT_COLUMNS if "__" not in name}
    row["version__number"] = comment.version.number
    participant = comment.participant if comment.participant_id else None
    row["participant__display_name"] = participant.display_name if participant else None
    row["participant__perspectives"] = participant.perspectives if participant else None
    return row


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


def _prepare(nodes) -> None:
    """Dates as the discussion prints them, in the site's time zone (what the template's
    localtime would give), with the zone and month names looked up once, not per comment."""
    zone = timezone.get_current_timezone()
    months = {number: str(name) for number, name in MONTHS.items()}
    for node in nodes:
        moment = timezone.localtime(node.submit_date, zone) if settings.USE_TZ else node.submit_date
        # Whole seconds: HTML's <time datetime> allows at most three digits of fraction.
        node.iso_date = moment.isoformat(timespec="seconds")
        node.date_text = f"{moment.day} {months[moment.month]} {moment.year}, {moment:%H:%M}"


def _responses(nodes) -> None:
    """The editors' responses to the visible top-level comments, in one query."""
    shown = {node.pk: node for node in nodes if node.visible}
    if not shown:
        return
    responses = FeedbackResponse.objects.filter(comment_id__in=list(shown)).select_related(
        "addressed_in"
    )
    for response in responses:
        shown[response.comment_id].response = response


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
    number = node.version_number
    if node.clause_id:
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
    # select_related(None): xtd's manager joins the user and content type, never shown.
    comments = discussion_comments(page, clause_id).select_related(None)
    if this_version_only and current is not None:
        comments = comments.filter(version=current)
    top_level = comments.top_level().newest_round_first().values(*COMMENT_COLUMNS)
    paginator = Paginator(top_level, settings.COPRODUCE_COMMENTS_PER_PAGE)
    paginator_page = paginator.get_page(page_number)
    root_rows = list(paginator_page.object_list)
    reply_rows = []
    if root_rows:
        reply_rows = list(
            comments.filter(thread_id__in=[row["pk"] for row in root_rows], level__gt=0)
            .order_by("thread_id", "order")
            .values(*COMMENT_COLUMNS)
        )
    sources = sources_of(root_rows + reply_rows)
    roots = [_node(row, sources) for row in root_rows]
    nodes = {node.pk: node for node in roots}
    # xtd's `order` lists each thread depth-first, so a parent always comes first.
    for row in reply_rows:
        parent = nodes.get(row["parent_id"])
        if parent is not None:
            node = _node(row, sources)
            parent.children.append(node)
            nodes[node.pk] = node

    contents = _snapshot_contents(page, clause_id)
    for node in nodes.values():
        _annotate(node, contents=contents, current=current)
    _prepare(nodes.values())
    _responses(roots)
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
    sources = {comment.source_id: comment.source} if comment.source_id else {}
    node = _node(comment_row(comment), sources)
    current = page.current_version
    contents = _snapshot_contents(page, comment.clause_id)
    _annotate(node, contents=contents, current=current)
    _prepare([node])
    if comment.level == 0:
        _responses([node])
    return node
