"""Themes and review marks: editors group comments that say the same thing, per guidance
document, and mark threads that need another look. Writes, keyword-only, in bulk."""

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower

from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import CommentTheme, ReviewMark, Theme
from consultation.rounds import ConsultationError


class ThemeRefused(ConsultationError):
    """A theme the rules do not allow; the message is for the editor."""


def theme_find_or_create(*, editor, page, name: str) -> Theme:
    """The document's theme of that name (any case), created the first time it is typed.
    The unique constraint, not the look-up, holds when two editors type it at once."""
    name = " ".join(name.split())
    if not name:
        raise ThemeRefused("Give the theme a name.")
    if len(name) > 80:
        raise ThemeRefused("Keep the theme's name to 80 characters.")
    found = Theme.objects.filter(page=page).filter(**{"name__iexact": name}).first()
    if found:
        return found
    try:
        with transaction.atomic():
            return Theme.objects.create(page=page, name=name, created_by=editor)
    except IntegrityError:
        return Theme.objects.annotate(lower=Lower("name")).get(page=page, lower=name.lower())


@transaction.atomic
def comments_tag(*, editor, page, comment_ids, name: str) -> tuple[Theme, int]:
    """Tag the selected threads of `page` with the theme `name`; returns the theme and how
    many threads were newly tagged (tagging twice changes nothing)."""
    theme = theme_find_or_create(editor=editor, page=page, name=name)
    ids = list(
        GuidanceComment.objects.on_page(page)
        .top_level()
        .filter(pk__in=list(comment_ids))
        .values_list("pk", flat=True)
    )
    before = CommentTheme.objects.filter(theme=theme, comment_id__in=ids).count()
    CommentTheme.objects.bulk_create(
        [CommentTheme(theme=theme, comment_id=pk) for pk in ids], ignore_conflicts=True
    )
    return theme, len(ids) - before


def theme_publish(*, theme: Theme, public: bool) -> None:
    Theme.objects.filter(pk=theme.pk).update(is_public=public)


@transaction.atomic
def threads_mark_for_review(*, editor, page, comment_ids) -> int:
    ids = list(
        GuidanceComment.objects.on_page(page)
        .top_level()
        .filter(pk__in=list(comment_ids))
        .values_list("pk", flat=True)
    )
    created = ReviewMark.objects.bulk_create(
        [ReviewMark(comment_id=pk, marked_by=editor) for pk in ids], ignore_conflicts=True
    )
    return len(created)


def review_marks_clear(*, page, comment_ids) -> int:
    return ReviewMark.objects.filter(comment__page=page, comment_id__in=list(comment_ids)).delete()[
        0
    ]
