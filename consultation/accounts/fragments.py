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
    edits_nothing: bool  # in no group and not a superuser: can publish no page


PARTICIPANT_FIELDS = [field.attname for field in Participant._meta.concrete_fields]
PERSON_FLAGS = ("verified", "following", "commented", "in_groups")


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
            in_groups=Exists(
                get_user_model().groups.through.objects.filter(user_id=OuterRef("user_id"))
            ),
        )
        .values_list(*PARTICIPANT_FIELDS, *PERSON_FLAGS)
        .order_by()[:1]
    )


_person_read = CompiledRead(Participant, _person_query)


@person_loader
def person(layer) -> Person:
    """The participant, whether their address is verified, whether they follow the page
    and commented on it, and whether they could edit any page, in one query; remembered on
    the user as rounds.participant_for and rounds.has_verified_email would remember them."""
    user = layer.request.user
    rows = _person_read.rows(user=user.pk, page=layer.page_id)
    participant = None
    if rows:
        fields = len(PARTICIPANT_FIELDS)
        participant = Participant.from_db(rows.alias, PARTICIPANT_FIELDS, rows[0][:fields])
        verified, following, commented, in_groups = rows[0][fields:]
    user._state.fields_cache["participant"] = participant
    if participant is None:
        return Person(participant=None, following=False, commented=False, edits_nothing=False)
    if verified:
        user._coproduce_email_verified = True
    return Person(
        participant=participant,
        following=bool(following),
        commented=bool(commented),
        edits_nothing=not in_groups and not user.is_superuser,
    )


# Whether the person voted on the page: their own votes first (the unique index's order), so
# the read stays small however many others voted.
_voted_read = CompiledRead(
    Vote,
    lambda participant, page: Vote.objects.filter(
        participant_id=participant, snapshot__version__page_id=page
    ).values_list("pk")[:1],
)


def _took_part(layer) -> bool:
    if layer.person.commented:
        return True
    return bool(_voted_read.rows(participant=layer.participant.pk, page=layer.page_id))


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
