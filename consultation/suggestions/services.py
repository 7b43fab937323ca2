"""Suggesting wording, supporting it, withdrawing it, and editors' answers to it.

Participants' writes ask `rounds.ensure_open` here, as they write, so a request that raced
a round's closing is refused; views ask `rounds.participant_taking_part` first. Every write
that changes what a page shows invalidates the page cache on commit.
"""

from difflib import SequenceMatcher
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.rich_text import RichText

from consultation.accounts.models import Participant
from consultation.caching.page_cache import (
    COMMENTS,
    RESPONSES,
    discussion_topic,
    invalidate_on_commit,
)
from consultation.feedback.models import Outcome
from consultation.guidance.reading import reader_body, reader_content
from consultation.rounds import ConsultationError, ensure_open
from consultation.suggestions.models import (
    REASON_MAX_LENGTH,
    STATUS_FOR_OUTCOME,
    Suggestion,
    SuggestionStatus,
    SuggestionSupport,
)
from consultation.suggestions.text import MAX_BLOCKS, MAX_CHARACTERS, Block, blocks_rich_text
from consultation.versions.models import ClauseSnapshot, GuidanceVersion

# The page cache topic of everything suggestions show. The guidance page shows counts
# (it depends on COMMENTS), a clause's discussion lists them: writes replace all three.
SUGGESTIONS = "suggestions"
LOG_RESPONSE = "coproduce.suggestion_response"
LOG_ACCEPT = "coproduce.suggestion_accepted"


class SuggestionRefused(ConsultationError):
    """A suggestion, support or answer the rules do not allow; the message says why."""


class NotYourSuggestion(SuggestionRefused):
    status = 403
    default_message = "Only the person who made a suggestion can withdraw it."


class ClauseChangedSince(SuggestionRefused):
    """The clause's draft differs from the text the suggestion was written against."""

    status = 409
    default_message = (
        "The clause has changed since this suggestion was written. Compare both versions "
        "and confirm to accept it."
    )


def invalidate(suggestion: Suggestion) -> None:
    invalidate_on_commit(
        suggestion.page_id, COMMENTS, SUGGESTIONS, RESPONSES, discussion_topic(suggestion.clause_id)
    )


def current_snapshot(page, clause_id: str) -> ClauseSnapshot:
    """The clause in the version participants read now, or a refusal."""
    snapshot = (
        ClauseSnapshot.objects.filter(version__page=page, clause_id=clause_id)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )
    latest = GuidanceVersion.objects.for_page(page).latest_first().values_list("pk", flat=True)
    if snapshot is None or snapshot.version_id != latest.first():
        raise SuggestionRefused("This clause is not in the version published now.")
    return snapshot


def _check_wording(snapshot: ClauseSnapshot, blocks: list[Block], proposition: str) -> None:
    if not blocks:
        raise SuggestionRefused("Write the wording you suggest for the clause.")
    if len(blocks) > MAX_BLOCKS or sum(len(b.text) for b in blocks) > MAX_CHARACTERS:
        raise SuggestionRefused(
            f"Suggested wording can be up to {MAX_CHARACTERS:,} characters in "
            f"{MAX_BLOCKS} paragraphs or list items."
        )
    same_body = reader_body(blocks_rich_text(blocks)) == reader_body(snapshot.body)
    same_proposition = " ".join(proposition.split()) == " ".join(snapshot.proposition.split())
    if same_body and same_proposition:
        raise SuggestionRefused("Your wording is the same as the clause now. Change something.")


@transaction.atomic
def suggestion_make(
    *,
    participant: Participant,
    page,
    clause_id: str,
    blocks: list[Block],
    proposition: str,
    reason: str,
    credit_author: bool = True,
) -> Suggestion:
    """Record new wording for a clause of the current version, with the author's reason."""
    ensure_open(page)
    snapshot = current_snapshot(page, clause_id)
    proposition = " ".join((proposition or "").split())
    reason = (reason or "").strip()
    if not reason:
        raise SuggestionRefused("Say why you suggest this change.")
    if len(reason) > REASON_MAX_LENGTH:
        raise SuggestionRefused(f"Keep the reason to {REASON_MAX_LENGTH:,} characters or fewer.")
    if proposition and not snapshot.proposition:
        proposition = ""  # a clause without a statement to vote on gets none from here
    _check_wording(snapshot, blocks, proposition)
    suggestion = Suggestion.objects.create(
        page_id=page.pk,
        clause_id=clause_id,
        snapshot=snapshot,
        participant=participant,
        body=[b.as_data() for b in blocks],
        proposition=proposition,
        reason=reason,
        credit_author=credit_author,
        moderation="held" if page.pre_moderate_comments else "published",
    )
    invalidate(suggestion)
    return suggestion


def _ensure_supportable(participant: Participant, suggestion: Suggestion) -> None:
    if suggestion.participant_id == participant.pk:
        raise SuggestionRefused("This is your own suggestion, so you cannot support it.")
    if not suggestion.is_visible:
        raise SuggestionRefused("That suggestion is no longer shown.")
    if suggestion.status != SuggestionStatus.OPEN or suggestion.accepted_revision_id:
        raise SuggestionRefused("The editors have already answered this suggestion.")


def suggestion_support(*, participant: Participant, suggestion: Suggestion) -> None:
    """Back a suggestion once. Concurrent requests by one person leave one row: the
    unique constraint and INSERT ... ON CONFLICT DO NOTHING, not this function, hold it."""
    ensure_open(suggestion.page)
    _ensure_supportable(participant, suggestion)
    SuggestionSupport.objects.bulk_create(
        [
            SuggestionSupport(
                suggestion=suggestion,
                participant=participant,
                perspectives=participant.perspectives,
            )
        ],
        ignore_conflicts=True,
    )
    invalidate(suggestion)


def suggestion_support_take_back(*, participant: Participant, suggestion: Suggestion) -> int:
    """Take one's support back; allowed while the round is open."""
    ensure_open(suggestion.page)
    deleted, _ = SuggestionSupport.objects.filter(
        suggestion=suggestion, participant=participant
    ).delete()
    invalidate(suggestion)
    return deleted


@transaction.atomic
def suggestion_withdraw(*, participant: Participant | None, suggestion: Suggestion) -> None:
    """The author takes their suggestion down, until an editor has acted on it."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if participant is None or locked.participant_id != participant.pk:
        raise NotYourSuggestion
    if locked.editors_acted:
        raise SuggestionRefused(
            "The editors have already answered this suggestion, so it stays on the record."
        )
    Suggestion.objects.filter(pk=locked.pk).update(is_withdrawn=True, withdrawn_at=timezone.now())
    suggestion.is_withdrawn = True
    invalidate(suggestion)


@transaction.atomic
def suggestion_respond(
    *, editor, suggestion: Suggestion, outcome: str, rationale: str
) -> Suggestion:
    """Record the editors' outcome and rationale, as responses to comments do. Accepting
    the wording itself into the draft is `suggestion_accept_into_draft`."""
    if outcome not in Outcome.values:
        raise SuggestionRefused("Choose one of the outcomes.")
    rationale = (rationale or "").strip()
    if not rationale:
        raise SuggestionRefused("Give a rationale: it is shown to everyone.")
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.is_withdrawn:
        raise SuggestionRefused("Its author withdrew this suggestion.")
    if locked.accepted_revision_id is not None:
        # Its wording is in the draft; answering it otherwise would credit it on publication.
        raise SuggestionRefused("This suggestion is already in the draft.")
    now = timezone.now()
    Suggestion.objects.filter(pk=locked.pk).update(
        outcome=outcome,
        status=STATUS_FOR_OUTCOME[outcome],
        rationale=rationale,
        responded_by=editor,
        responded_at=now,
    )
    locked.refresh_from_db()
    log(
        instance=locked.page,
        action=LOG_RESPONSE,
        user=editor,
        data={"suggestion": locked.pk, "outcome": outcome, "rationale": rationale},
    )
    invalidate(locked)
    return locked


def clause_in(page, clause_id: str):
    """(index, clause block) of a clause in a page object's body, or (None, None)."""
    for index, child in enumerate(page.body):
        if child.block_type == "clause" and str(child.id) == clause_id:
            return index, child
    return None, None


def changed_since(suggestion: Suggestion, draft) -> bool:
    """Whether the clause in `draft` reads differently from the suggestion's snapshot."""
    _, child = clause_in(draft, suggestion.clause_id)
    if child is None:
        return True
    snapshot = suggestion.snapshot
    return reader_body(child.value["body"].source) != reader_body(snapshot.body) or (
        " ".join((child.value.get("proposition") or "").split())
        != " ".join(snapshot.proposition.split())
    )


def suggestion_accept_into_draft(
    *, editor, suggestion: Suggestion, rationale: str, confirmed: bool = False
):
    """Write the suggested wording into the clause in the page's latest draft: a new
    Wagtail revision, never a publication. Returns the revision.

    The page's row is locked first, so two acceptances on one page write one after the
    other (neither loses the other's clause), and the suggestion's row next, so one
    suggestion accepted twice at once makes one revision."""
    rationale = (rationale or "").strip()
    if not rationale:
        raise SuggestionRefused("Give a rationale: it is shown to everyone.")
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=suggestion.page_id).values("pk").first()
        locked = (
            Suggestion.objects.select_for_update(of=("self",))
            .select_related("snapshot", "participant")
            .get(pk=suggestion.pk)
        )
        if locked.accepted_revision_id is not None:
            raise SuggestionRefused("This suggestion is already in the draft.")
        if not locked.is_visible:
            raise SuggestionRefused("This suggestion is withdrawn, held or removed.")
        page = Page.objects.get(pk=locked.page_id).specific
        draft = page.get_latest_revision_as_object()
        index, child = clause_in(draft, locked.clause_id)
        if child is None:
            raise SuggestionRefused("The clause is no longer in the draft.")
        if changed_since(locked, draft) and not confirmed:
            raise ClauseChangedSince
        value = child.value
        value["body"] = RichText(locked.rich_text)
        if locked.proposition:
            value["proposition"] = locked.proposition
        draft.body[index] = ("clause", value, child.id)
        revision = draft.save_revision(user=editor, log_action=True)
        Suggestion.objects.filter(pk=locked.pk).update(
            accepted_revision=revision,
            outcome=Outcome.ACCEPTED,
            status=SuggestionStatus.ACCEPTED,
            rationale=rationale,
            responded_by=editor,
            responded_at=timezone.now(),
        )
        log(
            instance=page,
            action=LOG_ACCEPT,
            user=editor,
            data={"suggestion": locked.pk, "clause_id": locked.clause_id, "by": locked.credit_name},
        )
        invalidate(locked)
    return revision


# How much of the suggested wording a published clause must still read for the suggestion
# to be credited: an editor may polish a word or two after accepting, not rewrite it.
CREDIT_SIMILARITY = 0.6


def _reader_words(rich_text: str, proposition: str) -> list[str]:
    return (strip_tags(reader_body(rich_text)) + " " + proposition).split()


def wording_reached(suggestion: Suggestion, published: ClauseSnapshot | None) -> bool:
    """Whether a published clause carries the suggestion's wording: it reads differently
    from the clause the suggestion was written against, and still reads mostly as the
    suggestion does. A draft overwritten, reverted or rewritten before publication fails."""
    if published is None:
        return False
    if reader_content(published) == reader_content(suggestion.snapshot):
        return False
    proposition = published.proposition if suggestion.proposition else ""
    ratio = SequenceMatcher(
        None,
        _reader_words(published.body, proposition),
        _reader_words(suggestion.rich_text, suggestion.proposition),
        autojunk=False,
    ).ratio()
    return ratio >= CREDIT_SIMILARITY


def suggestions_credit_version(*, version: GuidanceVersion) -> list[int]:
    """On publication: suggestions accepted into a draft this version includes, and whose
    wording the version still carries (`wording_reached`), link to it. Returns their ids;
    their authors are told once, after the commit. The others stay accepted and waiting."""
    waiting = list(
        Suggestion.objects.accepted_awaiting_version()
        .filter(page_id=version.page_id, accepted_revision_id__lte=version.revision_id)
        .select_related("snapshot")
    )
    if not waiting:
        return []
    published = {
        snapshot.clause_id: snapshot
        for snapshot in version.clauses.filter(clause_id__in={s.clause_id for s in waiting})
    }
    credited = [s.pk for s in waiting if wording_reached(s, published.get(s.clause_id))]
    if credited:
        Suggestion.objects.filter(pk__in=credited).update(addressed_in=version)
        invalidate_on_commit(version.page_id, SUGGESTIONS, RESPONSES)
        for pk in credited:
            transaction.on_commit(partial(suggestion_author_tell, suggestion_id=pk), robust=True)
    return credited


def suggestion_author_tell(*, suggestion_id: int) -> bool:
    """Email the author that their wording is in a published version, once: the update
    that stamps `author_told_at` succeeds for one caller only."""
    from consultation.suggestions.tasks import send_suggestion_used_email

    told = Suggestion.objects.filter(
        pk=suggestion_id, author_told_at__isnull=True, participant__isnull=False
    ).update(author_told_at=timezone.now())
    if told:
        send_suggestion_used_email.enqueue(suggestion_id)
    return bool(told)


def suggestions_on_participant_deleting(*, participant: Participant, keep_words: bool) -> None:
    """A leaving account: suggestions stay as a former participant's (keep_words) or are
    withdrawn; support is unlinked but still counts, as votes do."""
    suggestions = Suggestion.objects.filter(participant=participant)
    for page_id, clause_id in suggestions.values_list("page_id", "clause_id").distinct():
        invalidate_on_commit(page_id, COMMENTS, SUGGESTIONS, RESPONSES, discussion_topic(clause_id))
    if not keep_words:
        suggestions.update(is_withdrawn=True, withdrawn_at=timezone.now(), body=[], reason="")
    suggestions.update(participant=None, credit_author=False)
    SuggestionSupport.objects.filter(participant=participant).update(participant=None)
