"""Comment threads for the national-scale bench, planned in Python and written per table.

A GuidanceComment is three rows (django_comments' Comment, xtd's XtdComment, ours) and
bulk_create cannot write multi-table models, so `comments_insert` writes each table with
multi-row INSERTs. The thread columns are computed the way xtd computes them when
`consultation.discussion.services.comment_post` saves one comment at a time: ids follow
posting time; a root is its own thread and parent; `order` lists a thread depth-first with
each comment's replies in posting order; `nested_count` counts every reply below. Moderation
and withdrawal are set as the services set them (updates that leave the replies alone).
tests/bench/test_national.py replays a plan through the services and compares.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.management.color import no_style
from django.db import connection
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

from consultation.discussion.models import CommentFlag, CommentStatus, FlagReason, GuidanceComment
from consultation.discussion.text import comment_text as text_as_html
from consultation.feedback.models import FeedbackResponse, Outcome
from consultation.guidance.models import GuidancePage

SENTENCES = [
    "In our service peer workers are often asked to cover for missing clinical staff.",
    "This clause matches what we were promised when the role was created.",
    "Supervision from someone who has done peer work themselves makes all the difference.",
    "I would like the guidance to say who pays for the training, not only that it happens.",
    "The wording here could be read as making disclosure compulsory, which it must not be.",
    "Carers are missing from this section even though many of us support peer workers too.",
    "We tried this in our trust last year and the waiting list for support halved.",
    "Please define 'lived experience' once and use the same words everywhere.",
    "Smaller voluntary organisations cannot afford this without ring-fenced funding.",
    "It helped me to read that peer workers can say no to tasks outside their role.",
    "The plain summary is clearer than the clause itself; maybe swap them round.",
    "Pay bands should reflect the skill involved, not be set below support workers.",
]
LINK = " We wrote up our local framework at https://example.org/peer-support-framework."
RATIONALES = [
    "We reworded the clause to make the point you raised explicit.",
    "We agree in part: the new version covers training costs but not backfill.",
    "This is outside what national guidance can require; we passed it to commissioners.",
    "Thank you. Many people said the same, and the clause now says so plainly.",
]


@dataclass
class Planned:
    version: object
    clause_id: str
    participant: object
    submit_date: datetime
    text: str
    parent: "Planned | None" = None
    children: list = field(default_factory=list)
    status: str = CommentStatus.PUBLISHED
    withdrawn: bool = False
    concerns: int = 0
    id: int = 0
    order: int = 1
    nested_count: int = 0

    @property
    def level(self) -> int:
        return 0 if self.parent is None else self.parent.level + 1

    def subtree(self):
        yield self
        for child in self.children:
            yield from child.subtree()


def comment_text(rng: random.Random) -> str:
    count = rng.choices([1, 2, 3, 5, 9], weights=[25, 30, 25, 15, 5])[0]
    text = " ".join(rng.choice(SENTENCES) for _ in range(count))
    return text + LINK if rng.random() < 0.08 else text


def _reply(parent: Planned, participant, end: datetime, rng, text=None) -> Planned:
    start = max([parent.submit_date] + [c.submit_date for c in parent.children])
    when = start + (end - start) * rng.uniform(0.05, 0.4)
    child = Planned(
        version=parent.version,
        clause_id=parent.clause_id,
        participant=participant,
        submit_date=when,
        text=text or comment_text(rng),
        parent=parent,
    )
    parent.children.append(child)
    return child


def big_discussion(version, clause_id, end, participants, size, rng) -> list[Planned]:
    """`size` comments (a multiple of 25) as threads of 1 + 8 replies + 16 replies to those,
    the shape bench/measure/discussion.py has always compared with xtd's stock tree."""
    roots = []
    start = version.published_at
    step = (end - start) / (size // 25 + 1)
    for t in range(size // 25):
        root = Planned(version, clause_id, rng.choice(participants), start + step * t, "")
        root.text = comment_text(rng)
        for _ in range(8):
            reply = _reply(root, rng.choice(participants), start + step * (t + 1), rng)
            for _ in range(2):
                _reply(reply, rng.choice(participants), start + step * (t + 1), rng)
        roots.append(root)
    return roots


def threads(version, clause_ids, end, participants, budget, rng) -> list[Planned]:
    """Threads of varied shapes on `version`, `budget` comments in all; a tenth on the
    document as a whole (clause id "")."""
    roots = []
    start = version.published_at
    while budget > 0:
        clause_id = "" if rng.random() < 0.1 else rng.choice(clause_ids)
        when = start + (end - start) * rng.uniform(0, 0.8)
        root = Planned(version, clause_id, rng.choice(participants), when, comment_text(rng))
        roots.append(root)
        budget -= 1
        for _ in range(rng.choice([0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 6, 9])):
            if budget <= 0:
                break
            reply = _reply(root, rng.choice(participants), end, rng)
            budget -= 1
            for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
                if budget <= 0:
                    break
                _reply(reply, rng.choice(participants), end, rng)
                budget -= 1
    return roots


def moderate(roots, rng, now) -> None:
    """Some comments withdrawn by their authors, some removed or held after concerns, some
    flagged without being held (the caller leaves the 500-comment discussion alone, so
    xtd's stock tree and ours show exactly the same comments)."""
    for root in roots:
        for comment in root.subtree():
            roll = rng.random()
            if roll < 0.015:
                comment.status, comment.concerns = CommentStatus.REMOVED, rng.randint(1, 3)
            elif roll < 0.025:
                comment.status = CommentStatus.HELD
                comment.concerns = settings.COPRODUCE_FLAGS_TO_HIDE
            elif roll < 0.055:
                comment.withdrawn = True
            elif roll < 0.095:
                comment.concerns = rng.randint(1, settings.COPRODUCE_FLAGS_TO_HIDE - 1)


def thread_data(roots: list[Planned], first_id: int) -> list[Planned]:
    """Ids in posting order, then xtd's thread columns. Returns every comment, by id."""
    comments = sorted((c for r in roots for c in r.subtree()), key=lambda c: c.submit_date)
    for n, comment in enumerate(comments):
        comment.id = first_id + n
    for root in roots:
        for order, comment in enumerate(root.subtree(), start=1):
            comment.order = order
            comment.nested_count = sum(1 for _ in comment.subtree()) - 1
    return comments


def _last_activity(comment: Planned, now: datetime) -> datetime:
    latest = max(c.submit_date for c in comment.subtree())
    return min(latest + timedelta(hours=2), now)


def comments_insert(page: GuidancePage, comments: list[Planned], moderator, now) -> None:
    content_type = ContentType.objects.get_for_model(GuidancePage)
    site, _ = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "coproduce.invalid", "name": "Coproduce"}
    )
    rows = []
    for c in comments:
        row = GuidanceComment(
            id=c.id,
            content_type=content_type,
            object_pk=str(page.pk),
            site=site,
            user_id=c.participant.user_id,
            user_name=c.participant.display_name,
            comment="" if c.withdrawn else c.text,
            # What GuidanceComment.save() stores, which these INSERTs bypass.
            text_html="" if c.withdrawn else text_as_html(c.text),
            submit_date=c.submit_date,
            ip_address=None,
            is_public=c.status == CommentStatus.PUBLISHED,
            is_removed=c.status == CommentStatus.REMOVED,
            thread_id=c.id if c.parent is None else _root(c).id,
            parent_id=c.id if c.parent is None else c.parent.id,
            level=c.level,
            order=c.order,
            nested_count=c.nested_count,
            page=page,
            clause_id=c.clause_id,
            version=c.version,
            participant=c.participant,
            status=c.status,
            removal_reason="Shares details that could identify someone."
            if c.status == CommentStatus.REMOVED
            else "",
            moderated_at=_last_activity(c, now) if c.status == CommentStatus.REMOVED else None,
            moderated_by=moderator if c.status == CommentStatus.REMOVED else None,
            is_withdrawn=c.withdrawn,
            withdrawn_at=_last_activity(c, now) if c.withdrawn else None,
        )
        row.comment_ptr_id = row.xtdcomment_ptr_id = c.id
        rows.append(row)
    for model in (Comment, XtdComment, GuidanceComment):
        _insert(model, rows)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Comment]):
            cursor.execute(sql)


def _root(comment: Planned) -> Planned:
    while comment.parent is not None:
        comment = comment.parent
    return comment


def _insert(model, rows) -> None:
    """Multi-row INSERTs of `model`'s own columns (not its parents')."""
    fields = list(model._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, (connection.features.max_query_params or 30000) // len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = [
                f.get_db_prep_save(getattr(row, f.attname), connection)
                for row in chunk
                for f in fields
            ]
            values = ", ".join([placeholders] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)


def concerns_create(comments: list[Planned], participants, rng, now) -> int:
    """Flags from participants other than the author: open on published and held comments,
    resolved on removed ones (removal closes them)."""
    flags = []
    for c in comments:
        if not c.concerns:
            continue
        others = [p for p in rng.sample(participants, c.concerns + 1) if p != c.participant]
        resolved = _last_activity(c, now) if c.status == CommentStatus.REMOVED else None
        for participant in others[: c.concerns]:
            flags.append(
                CommentFlag(
                    comment_id=c.id,
                    participant=participant,
                    reason=rng.choice(FlagReason.values),
                    resolved_at=resolved,
                )
            )
    CommentFlag.objects.bulk_create(flags, batch_size=5000)
    return len(flags)


def responses_create(roots, versions, editor, rng, now) -> int:
    """Editors' responses ("you said, we did") to top-level comments: many on the older
    versions, addressed in the next one; a few on the current version, just noted."""
    responses = []
    numbers = {v.number: v for v in versions}
    for root in roots:
        if root.status != CommentStatus.PUBLISHED or root.withdrawn:
            continue
        later = numbers.get(root.version.number + 1)
        if later is not None and rng.random() < 0.4:
            outcome = rng.choice(
                [Outcome.ACCEPTED, Outcome.PARTLY_ACCEPTED, Outcome.NOT_ADOPTED, Outcome.NOTED]
            )
            when = later.published_at - timedelta(hours=rng.randint(1, 48))
        elif later is None and rng.random() < 0.08:
            outcome, when = rng.choice([Outcome.NOTED, Outcome.OUT_OF_SCOPE]), now
        else:
            continue
        accepted = outcome in (Outcome.ACCEPTED, Outcome.PARTLY_ACCEPTED)
        responses.append(
            FeedbackResponse(
                comment_id=root.id,
                outcome=outcome,
                rationale=rng.choice(RATIONALES),
                addressed_in=later if accepted else None,
                clause_ids=[root.clause_id] if accepted and root.clause_id else [],
                responded_by=editor,
                responded_at=max(when, root.submit_date),
                updated_at=max(when, root.submit_date),
            )
        )
    FeedbackResponse.objects.bulk_create(responses, batch_size=5000)
    return len(responses)
