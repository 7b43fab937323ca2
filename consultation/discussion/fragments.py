"""A discussion's personal fragments (consultation/caching/personal.py): the new-comment
form (or why the reader cannot post) and what the reader may do with each comment."""

from consultation.caching.compiled import CompiledRead
from consultation.caching.personal import PersonalLayerUnavailable, personal_fragment
from consultation.discussion.forms import CommentForm
from consultation.discussion.links import discussion_url
from consultation.discussion.models import CommentStatus, GuidanceComment
from consultation.discussion.services import max_level
from consultation.rounds import refusal_to_take_part


def _taking_part(layer) -> dict:
    def make():
        refusal = refusal_to_take_part(layer.request.user, layer.page)
        return {
            "can_post": refusal is None,
            "cannot_post_because": refusal.message if refusal else None,
            "max_level": max_level(layer.page),
        }

    return layer.once("taking_part", make)


_own_read = CompiledRead(
    GuidanceComment,
    lambda page, participant: GuidanceComment.objects.filter(
        page_id=page, participant_id=participant
    ).values_list("pk", "status"),
)


def _own_comments(layer) -> set[int]:
    """The reader's comments on this page. One of theirs waiting for a moderator is shown
    to them alone, with its words, which the shared page cannot hold: in full then."""

    def make():
        participant = layer.participant
        if participant is None:
            return set()
        mine = dict(_own_read.rows(page=layer.page_id, participant=participant.pk))
        if CommentStatus.HELD in mine.values():
            raise PersonalLayerUnavailable
        return set(mine)

    return layer.once("own_comments", make)


@personal_fragment("comment_form")
def comment_form(layer, clause_id):
    # Every discussion has this fragment: the reader's held comments are checked here.
    _own_comments(layer)
    taking_part = _taking_part(layer)
    page = layer.page
    status = page.status()
    signed_in = layer.request.user.is_authenticated
    key = (
        f"commentform:{page.pk}:{layer.page_url}:{clause_id}:{signed_in}:{status}:"
        f"{taking_part['cannot_post_because']}"
    )

    def render():
        return layer.render(
            "consultation/comments/includes/new_comment.html",
            {
                **taking_part,
                "status": status,
                "form": CommentForm(page=page, clause_id=clause_id),
                "form_action": discussion_url(page, clause_id),
            },
        )

    return layer.fragment(key, render)


@personal_fragment("comment_actions")
def comment_actions(layer, comment_pk, level, author):
    if layer.participant is None:
        return ""
    taking_part = _taking_part(layer)
    mine = comment_pk in _own_comments(layer)
    may_reply = taking_part["can_post"] and level < taking_part["max_level"]
    key = f"commentactions:{layer.page_url}:{comment_pk}:{mine}:{may_reply}:{author}"
    return layer.fragment(
        key,
        lambda: layer.render(
            "consultation/comments/includes/comment_actions.html",
            {
                "comment_pk": comment_pk,
                "level": level,
                "author": author,
                "mine": mine,
                **taking_part,
            },
        ),
    )
