"""Personal fragments of every page (consultation/caching/personal.py): the account links
in the header, the follow box and "since you last took part"."""

from django.core.cache import cache

from consultation.accounts.contributions import since_last_time as since_last_time_of
from consultation.caching.generations import generations
from consultation.caching.page_cache import (
    COMMENTS,
    RESPONSES,
    SITE_KEY,
    VOTES,
    generation_keys,
)
from consultation.caching.personal import personal_fragment

SINCE_SECONDS = 60 * 60


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
    return layer.render("consultation/includes/follow.html", {})


@personal_fragment("since_last_time")
def since_last_time(layer):
    """Kept per person and page under the generations of what it counts, so a page view
    asks the database only after something it counts has changed."""
    participant = layer.participant
    if participant is None:
        return ""
    page = layer.page
    topics = [SITE_KEY, *generation_keys(page.pk, COMMENTS, VOTES, RESPONSES)]
    key = f"sincelast:{participant.pk}:{page.pk}:{':'.join(generations(topics))}"
    found = cache.get(key)
    if found is None:
        found = (since_last_time_of(participant, page),)
        cache.set(key, found, SINCE_SECONDS)
    return layer.render("consultation/includes/since_last_time.html", {"since_last_time": found[0]})
