"""Discussion views: parse the request, call a service, render. Every refusal keeps the
participant's text on screen."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django_ratelimit.core import is_ratelimited

from consultation.accounts.services import follow_offer_make
from consultation.caching.page_cache import discussion_topic, page_cache_depends
from consultation.caching.personal import personal_layer_supported
from consultation.discussion.forms import CommentForm, FlagForm
from consultation.discussion.links import comment_url, discussion_url
from consultation.discussion.models import GuidanceComment
from consultation.discussion.moderation import AlreadyFlagged, comment_flag
from consultation.discussion.services import (
    CommentRefused,
    comment_post,
    comment_withdraw,
    comments_withdraw_all,
    ensure_own_comment,
    max_level,
)
from consultation.discussion.threads import comment_node, discussion_for
from consultation.guidance.clauses import short_clause_id
from consultation.numbers import whole_number
from consultation.rounds import (
    ConsultationError,
    contributing_participant,
    participant_for,
    participant_taking_part,
    refusal_to_take_part,
)

DISCUSSION_TEMPLATE = "consultation/comments/discussion.html"
REPLY_TEMPLATE = "consultation/comments/reply.html"
REFUSED_TEMPLATE = "consultation/comments/refused.html"


def _page_context(request, page) -> dict:
    """What the discussion templates need of the guidance page: not its clauses and votes,
    which a discussion never shows."""
    return {"page": page, "self": page, "request": request, "status": page.status()}


def _viewer(request, page) -> dict:
    refusal = refusal_to_take_part(request.user, page)
    return {
        "viewer": participant_for(request.user),
        "can_post": refusal is None,
        "cannot_post_because": refusal.message if refusal else None,
        "max_level": max_level(page),
        "page_url": page.url,
    }


def _page_number(request) -> int:
    return whole_number(request.GET.get("page", "1"), maximum=999_999) or 1


def _render_discussion(request, page, clause, form, status=200):
    this_version_only = request.GET.get("version") == "current"
    page_cache_depends(request, discussion_topic(clause.id if clause else ""))
    discussion = discussion_for(
        page=page,
        clause=clause,
        page_number=_page_number(request),
        this_version_only=this_version_only,
    )
    context = _page_context(request, page)
    context.update(
        discussion=discussion,
        clause=clause,
        form=form,
        form_action=discussion_url(page, clause.id if clause else ""),
        discussion_url=discussion_url(page, clause.id if clause else ""),
        **_viewer(request, page),
    )
    if status == 200:
        # The form and each comment's actions are {% personal %}: discussion/fragments.py.
        personal_layer_supported(request)
    return TemplateResponse(request, DISCUSSION_TEMPLATE, context, status=status)


def _refused(request, page, clause, message, text, status):
    context = _page_context(request, page)
    context.update(
        clause=clause,
        message=message,
        text=text,
        status_code=status,
        discussion_url=discussion_url(page, clause.id if clause else ""),
    )
    return TemplateResponse(request, REFUSED_TEMPLATE, context, status=status)


def _rate_limited(request) -> bool:
    limited = False
    for group, rate in (
        ("comments-per-minute", settings.COPRODUCE_COMMENT_RATE_PER_MINUTE),
        ("comments-per-day", settings.COPRODUCE_COMMENT_RATE_PER_DAY),
    ):
        limited |= is_ratelimited(
            request, group=group, key="user_or_ip", rate=rate, method="POST", increment=True
        )
    return limited


def discussion(request, page, *, clause, data=None):
    clause_id = clause.id if clause else ""
    data = request.POST if data is None else data
    if request.method != "POST":
        return _render_discussion(
            request, page, clause, CommentForm(page=page, clause_id=clause_id)
        )

    text = data.get("text", "")
    try:
        participant = participant_taking_part(request.user, page)
    except ConsultationError as refusal:
        return _refused(request, page, clause, refusal.message, text, refusal.status)

    form = CommentForm(data, page=page, clause_id=clause_id)
    if form.is_valid():
        if _rate_limited(request):
            message = (
                "You have posted a lot of comments in a short time. Please wait a minute "
                "(or until tomorrow, after 50 in a day) and post this one again."
            )
            return _refused(request, page, clause, message, text, 429)
        try:
            comment = comment_post(
                participant=participant,
                page=page,
                clause_id=clause_id,
                parent=form.parent,
                text=form.cleaned_data["text"],
                ip_address=None,
            )
        except CommentRefused as refusal:
            form.add_error(None, refusal.message)
        except ConsultationError as refusal:
            return _refused(request, page, clause, refusal.message, text, refusal.status)
        else:
            follow_offer_make(session=request.session, page=page)
            if comment.is_visible:
                messages.success(request, "Your comment is posted.")
            else:
                messages.info(
                    request,
                    "Thank you. Comments on this document are read by a moderator first; "
                    "yours will appear once it is approved.",
                )
            return redirect(comment_url(page, comment, just_started=comment.level == 0))

    if form.parent is not None:
        return _render_reply(request, page, form.parent, form, status=400)
    form.data = form.data.copy()
    form.data["reply_to"] = ""
    return _render_discussion(request, page, clause, form, status=400)


def _comment_on(page, comment_id) -> GuidanceComment:
    comment = (
        GuidanceComment.objects.select_related("participant", "version")
        .filter(pk=comment_id, page=page)
        .first()
    )
    if comment is None:
        raise Http404("No such comment on this document.")
    return comment


def _clause_of(page, comment):
    if not comment.clause_id:
        return None
    return page.clause_by_short_id(short_clause_id(comment.clause_id))


def _render_reply(request, page, parent, form, status=200):
    context = _page_context(request, page)
    context.update(
        parent=parent,
        parent_items=[comment_node(parent)],
        clause=_clause_of(page, parent),
        form=form,
        form_action=discussion_url(page, parent.clause_id),
        discussion_url=discussion_url(page, parent.clause_id),
        **_viewer(request, page),
    )
    return TemplateResponse(request, REPLY_TEMPLATE, context, status=status)


def reply(request, page, comment_id):
    parent = _comment_on(page, comment_id)
    if request.method == "POST":
        # Posting here is posting a reply to this comment, refused like any other when
        # the round has closed.
        data = request.POST.copy()
        data["reply_to"] = str(parent.pk)
        return discussion(request, page, clause=_clause_of(page, parent), data=data)
    form = CommentForm(page=page, clause_id=parent.clause_id, initial={"reply_to": parent.pk})
    return _render_reply(request, page, parent, form)


def withdraw(request, page, comment_id):
    comment = _comment_on(page, comment_id)
    participant = participant_for(request.user)
    try:
        ensure_own_comment(participant=participant, comment=comment)
    except CommentRefused as refusal:
        clause = _clause_of(page, comment)
        return _refused(request, page, clause, refusal.message, "", refusal.status)
    if request.method == "POST":
        comment_withdraw(participant=participant, comment=comment)
        messages.success(
            request, "Your comment is withdrawn. Replies to it stay in the discussion."
        )
        return redirect(comment_url(page, comment))
    context = _page_context(request, page)
    context.update(
        comment=comment,
        clause=_clause_of(page, comment),
        discussion_url=discussion_url(page, comment.clause_id),
    )
    return TemplateResponse(request, "consultation/comments/withdraw.html", context)


def flag(request, page, comment_id):
    comment = _comment_on(page, comment_id)
    clause = _clause_of(page, comment)
    try:
        participant = contributing_participant(request.user)
    except ConsultationError as refusal:
        note = request.POST.get("note", "")
        return _refused(request, page, clause, refusal.message, note, refusal.status)
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                comment_flag(
                    participant=participant,
                    comment=comment,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except AlreadyFlagged as already:
                messages.info(request, already.message)
                return redirect(comment_url(page, comment))
            except CommentRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                confirmation = page.reverse_subpage("comment_flagged", args=[comment.pk])
                return redirect(page.url + confirmation)
        status = 400
    context = _page_context(request, page)
    context.update(
        comment=comment,
        clause=clause,
        form=form,
        discussion_url=discussion_url(page, comment.clause_id),
    )
    return TemplateResponse(request, "consultation/comments/flag.html", context, status=status)


def flagged(request, page, comment_id):
    """The flag's confirmation: what happens next, and where to find help now."""
    comment = _comment_on(page, comment_id)
    context = _page_context(request, page)
    context.update(
        comment=comment,
        clause=_clause_of(page, comment),
        comment_link=comment_url(page, comment),
        discussion_url=discussion_url(page, comment.clause_id),
    )
    return TemplateResponse(request, "consultation/comments/flagged.html", context)


@login_required
def withdraw_all(request):
    """Every comment the participant wrote, withdrawn at once after a confirmation."""
    participant = participant_for(request.user)
    if participant is None:
        return redirect("accounts:display_name")
    if request.method == "POST":
        count = comments_withdraw_all(participant=participant)
        if count:
            messages.success(
                request,
                f"{count} comment{'' if count == 1 else 's'} withdrawn. "
                "Replies from other people stay.",
            )
        else:
            messages.info(request, "You had no comments to withdraw.")
        return redirect("accounts:profile")
    shown = GuidanceComment.objects.filter(participant=participant, is_withdrawn=False).count()
    return TemplateResponse(request, "consultation/comments/withdraw_all.html", {"count": shown})
