"""Personal fragments of every page (consultation/caching/personal.py): the account links
in the header, the follow box and "since you last took part"; and the person behind a
request, read in one query for all fragments."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Exists, OuterRef

from consultation.accounts.contributions import since_last_time as since_last_time_of
from consultation.accounts.models import Follow, Participant
from consultation.accounts.session_user import plain_session_user_id, session_verifies
from consultation.caching.compiled import CompiledRead
from consultation.caching.page_cache import (
    COMMENTS,
    RESPONSES,
    SITE_KEY,
    VOTES,
    generation_keys,
)
from consultation.caching.personal import (
    layer_generation_keys,
    person_loader,
    personal_fragment,
)
from consultation.discussion.models import GuidanceComment
from consultation.voting.models import Vote

SINCE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Person:
    participant: Participant | None
    following: bool  # this page
    commented: bool  # has commented on this page
    voted: bool  # has voted on this page
    edits_nothing: bool  # in no group and not a superuser: can publish no page


PARTICIPANT_FIELDS = [field.attname for field in Participant._meta.concrete_fields]
PERSON_FLAGS = ("verified", "following", "commented", "voted", "in_groups")
USER_FIELDS = [field.attname for field in get_user_model()._meta.concrete_fields]


def _person_query(user, page):
    mine = {"participant_id": OuterRef("pk")}
    return (
        Participant.objects.filter(user_id=user)
        .annotate(
            verified=Exists(
                EmailAddress.objects.filter(user_id=OuterRef("user_id"), verified=True)
            ),
            following=Exists(Follow.objects.filter(**mine, page_id=page)),
            commented=Exists(GuidanceComment.objects.filter(**mine, page_id=page)),
            voted=Exists(Vote.objects.filter(**mine, snapshot__version__page_id=page)),
            in_groups=Exists(
                get_user_model().groups.through.objects.filter(user_id=OuterRef("user_id"))
            ),
        )
        .values_list(*PARTICIPANT_FIELDS, *PERSON_FLAGS)
        .order_by()[:1]
    )


_person_read = CompiledRead(Participant, _person_query)
# The same with the user's own row, for a request whose user is not read yet.
_person_and_user_read = CompiledRead(
    Participant,
    lambda user, page: _person_query(user, page).values_list(
        *PARTICIPANT_FIELDS, *PERSON_FLAGS, *(f"user__{name}" for name in USER_FIELDS)
    ),
)


@person_loader
def person(layer) -> Person:
    """The participant, whether their address is verified, whether they follow the page
    and commented on it, and whether they could edit any page, in one query; remembered on
    the user as rounds.participant_for and rounds.has_verified_email would remember them.

    When the request's user is not read yet and the session is a plain one, the user's row
    comes in the same query, and is the request's user if the session verifies with it
    exactly as Django's get_user would (accounts/session_user.py)."""
    request = layer.request
    if "_cached_user" not in request.__dict__:
        user_id = plain_session_user_id(request.session)
        if user_id is not None:
            rows = _person_and_user_read.rows(user=user_id, page=layer.page_id)
            if rows:
                user = get_user_model().from_db(
                    rows.alias, USER_FIELDS, rows[0][len(PARTICIPANT_FIELDS) + len(PERSON_FLAGS) :]
                )
                if session_verifies(request.session, user):
                    request._cached_user = user
                    return _person(user, rows.alias, rows[0])
    user = request.user
    if not user.is_authenticated:
        return Person(
            participant=None, following=False, commented=False, voted=False, edits_nothing=False
        )
    rows = _person_read.rows(user=user.pk, page=layer.page_id)
    return _person(user, rows.alias, rows[0] if rows else None)


def _person(user, alias, row) -> Person:
    participant = None
    if row is not None:
        fields = len(PARTICIPANT_FIELDS)
        participant = Participant.from_db(alias, PARTICIPANT_FIELDS, row[:fields])
        participant._state.fields_cache["user"] = user
        verified, following, commented, voted, in_groups = row[fields : fields + len(PERSON_FLAGS)]
    user._state.fields_cache["participant"] = participant
    if participant is None:
        return Person(
            participant=None, following=False, commented=False, voted=False, edits_nothing=False
        )
    if verified:
        user._coproduce_email_verified = True
    return Person(
        participant=participant,
        following=bool(following),
        commented=bool(commented),
        voted=bool(voted),
        edits_nothing=not in_groups and not user.is_superuser,
    )


def _page_votes_query(participant, page, up_to):
    return (
        Vote.objects.filter(
            participant_id=participant,
            snapshot__version__page_id=page,
            snapshot__version__number__lte=up_to,
        )
        .order_by("snapshot__version__number")
        .values_list("snapshot__clause_id", "choice", "carried_from", "snapshot__version__number")
    )


_page_votes_read = CompiledRead(Vote, _page_votes_query)


def page_votes(layer) -> list[tuple]:
    """The person's votes on the page's published versions, oldest version first, as
    (clause id, choice, carried from, version number): one read a request, shared by the
    vote panels and "since you last took part"."""

    def make():
        participant, current = layer.participant, layer.page.current_version
        # Most people arriving have not voted here yet: then there is nothing to read.
        if participant is None or current is None or not layer.person.voted:
            return []
        return _page_votes_read.rows(
            participant=participant.pk, page=layer.page_id, up_to=current.number
        )

    return layer.once("page_votes", make)


def _took_part(layer) -> bool:
    return layer.person.commented or layer.person.voted


@layer_generation_keys
def _counted_topics(page_id) -> list[str]:
    return generation_keys(page_id, COMMENTS, VOTES, RESPONSES)


@personal_fragment("account_nav")
def account_nav(layer):
    # The same for everyone signed in (their CSRF token is filled in afterwards).
    signed_in = layer.request.user.is_authenticated
    return layer.fragment(
        f"accountnav:{signed_in}",
        lambda: layer.render("includes/account_nav.html", {}),
    )


@personal_fragment("follow")
def follow(layer):
    page, following = layer.page, layer.person.following
    key = f"follow:{page.pk}:{layer.page_url}:{layer.request.path}:{page.is_concluded}:{following}"
    return layer.fragment(key, lambda: layer.render("consultation/includes/follow.html", {}))


@personal_fragment("since_last_time")
def since_last_time(layer):
    """Kept per person and page under the generations of what it counts, so a page view
    asks the database only after something it counts has changed."""
    participant = layer.participant
    if participant is None or not _took_part(layer):
        return layer.fragment("sincelast:none", lambda: _since_html(layer, None))
    page = layer.page
    topics = [SITE_KEY, *_counted_topics(page.pk)]
    tokens = ":".join(layer.site if key == SITE_KEY else layer.token(key) for key in topics)
    key = f"sincelast:{participant.pk}:{page.pk}:{tokens}"

    def from_cache():
        found = cache.get(key)
        if found is None:
            found = (since_last_time_of(participant, page),)
            cache.set(key, found, SINCE_SECONDS)
        return found[0]

    since = layer.kept_per_process(key, from_cache)
    if since is None:
        return layer.fragment("sincelast:none", lambda: _since_html(layer, None))
    return _since_html(layer, since)


def _since_html(layer, since) -> str:
    return layer.render("consultation/includes/since_last_time.html", {"since_last_time": since})
