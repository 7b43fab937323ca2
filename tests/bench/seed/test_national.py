"""The national-scale seed, run tiny: counts right, and threads exactly as the services make
them (the seed writes rows in bulk, so nothing else would notice if it drifted)."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from bench.seed.national import Scale, seed_national
from consultation.accounts.models import Follow, Participant
from consultation.discussion.models import CommentFlag, CommentStatus, GuidanceComment
from consultation.discussion.moderation import comment_flag, comment_remove
from consultation.discussion.services import comment_post, comment_withdraw
from consultation.feedback.models import FeedbackResponse
from consultation.voting.models import Vote

TINY = Scale(participants=40, votes=500, comments=150, big_discussion=25, clauses=21)
THREAD_FIELDS = [
    "level",
    "order",
    "nested_count",
    "is_public",
    "is_removed",
    "status",
    "is_withdrawn",
    "comment",
    "clause_id",
    "site_id",
    "content_type_id",
    "object_pk",
    "user_id",
    "user_name",
    "participant_id",
]


@pytest.fixture
def seeded(db):
    return seed_national(TINY, progress=False)


def test_counts(seeded):
    page = seeded.page
    assert seeded.counts["participants"] == Participant.objects.count() == 40
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 40
    assert not any(p.user.has_usable_password() for p in Participant.objects.all())
    assert seeded.counts["votes"] == Vote.objects.count() == 500
    assert seeded.counts["comments"] == GuidanceComment.objects.filter(page=page).count() == 150
    assert Follow.objects.filter(page=page).count() == seeded.counts["follows"] == 8
    assert CommentFlag.objects.count() == seeded.counts["concerns"]
    assert FeedbackResponse.objects.count() == seeded.counts["feedback_responses"]
    assert page.versions.count() == 3
    # Every version has votes, the current one most.
    by_version = [Vote.objects.filter(snapshot__version=v).count() for v in page.versions.all()]
    assert all(by_version) and by_version[-1] == max(by_version)


def test_big_discussion_is_exactly_the_clause_discussion(seeded):
    comments = GuidanceComment.objects.filter(
        page=seeded.page, clause_id=seeded.big_clause.clause_id
    )
    assert comments.count() == 25
    assert comments.visible().count() == 25
    assert set(comments.values_list("version", flat=True)) == {seeded.page.current_version.pk}


def test_viewer_has_voted_and_commented_on_the_current_version(seeded):
    current = seeded.page.current_version
    assert Vote.objects.filter(participant=seeded.viewer, snapshot__version=current).exists()
    assert GuidanceComment.objects.filter(participant=seeded.viewer, version=current).exists()


def test_comments_belong_to_the_version_current_when_posted(seeded):
    versions = list(seeded.page.versions.order_by("number"))
    ends = [v.published_at for v in versions[1:]] + [timezone.now()]
    for version, end in zip(versions, ends, strict=True):
        dates = version.comments.values_list("submit_date", flat=True)
        assert dates and all(version.published_at <= d < end for d in dates)
    by_id = list(GuidanceComment.objects.order_by("pk").values_list("submit_date", flat=True))
    assert by_id == sorted(by_id)


def test_moderation_is_as_the_services_leave_it(seeded):
    comments = GuidanceComment.objects.filter(page=seeded.page)
    statuses = set(comments.values_list("status", flat=True))
    assert statuses == {CommentStatus.PUBLISHED, CommentStatus.HELD, CommentStatus.REMOVED}
    assert comments.filter(is_withdrawn=True, comment="").exists()
    for comment in comments.exclude(status=CommentStatus.PUBLISHED):
        flags = comment.concerns.all()
        assert all(f.participant_id != comment.participant_id for f in flags)
        if comment.status == CommentStatus.HELD:
            still_open = flags.filter(resolved_at__isnull=True).count()
            assert still_open >= settings.COPRODUCE_FLAGS_TO_HIDE
        else:
            assert flags and not flags.filter(resolved_at__isnull=True).exists()
    for response in FeedbackResponse.objects.select_related("comment"):
        assert response.comment.level == 0 and response.comment.is_visible


def test_threads_match_what_comment_post_makes(seeded):
    """Post the same threads again through the services, in the same order, then compare
    every thread column, mapping the seeded ids onto the new ones."""
    page, editor = seeded.page, seeded.editor
    seeded_comments = list(
        GuidanceComment.objects.filter(page=page).select_related("participant").order_by("pk")
    )
    others = list(Participant.objects.order_by("pk"))
    new_of = {}
    for old in seeded_comments:
        parent = new_of[old.parent_id] if old.level else None
        new_of[old.pk] = comment_post(
            participant=old.participant,
            page=page,
            clause_id=old.clause_id,
            parent=parent,
            text=old.comment or "withdrawn later",
        )
    for old in seeded_comments:
        new = new_of[old.pk]
        if old.is_withdrawn:
            comment_withdraw(participant=old.participant, comment=new)
        elif old.status == CommentStatus.REMOVED:
            comment_remove(comment=new, moderator=editor, rule="be_kind", reason=old.removal_reason)
        elif old.status == CommentStatus.HELD:
            flaggers = [p for p in others if p.pk != old.participant_id]
            for participant in flaggers[: settings.COPRODUCE_FLAGS_TO_HIDE]:
                comment_flag(participant=participant, comment=new, reason="other")

    new_ids = [c.pk for c in new_of.values()]
    replayed = {c.pk: c for c in GuidanceComment.objects.filter(pk__in=new_ids)}
    for old in seeded_comments:
        new = replayed[new_of[old.pk].pk]
        assert new.thread_id == new_of[old.thread_id].pk, old.pk
        assert new.parent_id == new_of[old.parent_id].pk, old.pk
        for name in THREAD_FIELDS:
            assert getattr(new, name) == getattr(old, name), (old.pk, name)


def test_ids_continue_after_the_seed(seeded):
    """Explicit ids must not leave the sequence behind: the next real post gets a new id."""
    top = GuidanceComment.objects.order_by("-pk").first()
    comment = comment_post(
        participant=seeded.viewer, page=seeded.page, clause_id="", parent=None, text="After."
    )
    assert comment.pk > top.pk
    assert comment.submit_date > top.submit_date
