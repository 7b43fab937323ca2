"""Generation tokens: a cached value is stored under (or beside) the tokens of what it was
made from, and a write replaces those tokens instead of deleting entries key by key. The
page cache, the vote tallies and the comment counts all keep their tokens here."""

import uuid

from django.core.cache import cache


def generations(keys) -> tuple[str, ...]:
    """The current token of each key, created when missing (one read when all exist)."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # add, not set: two processes creating the same token agree on the first.
            cache.add(key, uuid.uuid4().hex, None)
            # None when the cache server is away: a token that matches nothing, so nothing
            # made now is ever served as current (and nothing kept before is).
            found[key] = cache.get(key) or uuid.uuid4().hex
    return tuple(found[key] for key in keys)


def generations_replace(keys) -> None:
    """Everything made under the old tokens of these keys is out of date from now on."""
    cache.set_many({key: uuid.uuid4().hex for key in keys}, None)
