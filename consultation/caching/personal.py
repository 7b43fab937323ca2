"""Signed-in pages as fast as cached ones: a shared page plus a small personal layer.

Most of a signed-in page is what everyone sees. So a page that opts in is rendered once,
*as an anonymous reader would see it* (a copy of the request with no user, session or
messages), and every spot that differs per person is left as a marker by the template tag

    {% personal "fragment_name" arg1 arg2 %}what an anonymous reader sees{% endpersonal %}

That shared rendering is cached under the page's generations (the same tokens, topics and
lifetimes as the anonymous page cache). For each signed-in request the markers are
replaced, in one pass, by fragments rendered for that person by small registered
functions (`@personal_fragment("fragment_name")`), and the CSRF token is filled in.

Why it cannot serve one person's data to another: the shared rendering never sees a
person (its request has an anonymous user and an empty session), and fragments are
rendered per request from the person's own request. Fragments may be cached (see
`PersonalLayer.fragment`) only under a key naming everything their HTML is made from,
and with the CSRF token still a marker.

A page opts in by calling `personal_layer_supported(request)` from its view, which says:
"everything on this page that depends on who is reading is inside {% personal %}".
Pages that do not (forms, account pages) are rendered for the person as before. A
fragment function that cannot work for this request raises `PersonalLayerUnavailable`:
the page is then rendered for the person in full. The middleware that serves all this is
caching/signed_in.py (last in MIDDLEWARE). How to add a fragment:
consultation/README.md ("How to add a personal fragment").
"""

import base64
import copy
import hashlib
import hmac
import json
import re
from collections import OrderedDict
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.functional import cached_property

from consultation.caching.generations import generations, generations_replace

HEADER = "X-Coproduce-Personal"

# The same in every process (shared renderings are read by all of them) and unguessable,
# so nothing a person writes can pose as a marker (their text is escaped anyway).
_NONCE = hmac.new(
    settings.SECRET_KEY.encode(), b"coproduce-personal-marker", hashlib.sha256
).hexdigest()[:12]
CSRF_MARKER = f"coproduce_csrf_{_NONCE}"
_MARKER = re.compile(rf"<!--personal:{_NONCE}:([a-z_]+):([A-Za-z0-9_=-]*)-->|{CSRF_MARKER}")

_RENDERERS: dict[str, Callable] = {}
# Reads the person behind a request in one query (accounts/fragments.py registers it).
_PERSON_LOADER: list[Callable] = []
# Generation keys every personal layer reads with its page's entry, in the same round trip:
# functions of the page id (features add theirs with `layer_generation_keys`).
_EXTRA_KEYS: list[Callable] = []


def person_loader(fn):
    """Register `fn(layer)` -> an object with `.participant`: the person, read once."""
    _PERSON_LOADER[:] = [fn]
    return fn


def layer_generation_keys(fn):
    """Register `fn(page_id) -> [generation keys]` that fragments read: fetched with the
    entry's own generations, and offered by `PersonalLayer.token`."""
    _EXTRA_KEYS.append(fn)
    return fn


def _extra_keys(page_id) -> list[str]:
    return [PERMISSIONS_KEY] + [key for fn in _EXTRA_KEYS for key in fn(page_id)]


PERMISSIONS_KEY = "personal:generation:permissions"


def permissions_changed() -> None:
    """Someone's groups or permissions changed: what was worked out from them is not used
    again (now, and once the change commits)."""
    generations_replace([PERMISSIONS_KEY])
    transaction.on_commit(lambda: generations_replace([PERMISSIONS_KEY]))


class PersonalLayerUnavailable(Exception):
    """This request's fragment cannot be made from the shared page: render it in full."""


def personal_fragment(name: str):
    """Register `fn(layer, *args) -> str` as the renderer of {% personal name args %}."""

    def register(fn):
        _RENDERERS[name] = fn
        return fn

    return register


def marker(name: str, args) -> str:
    """What {% personal %} leaves in a shared rendering; args must be JSON values."""
    if name not in _RENDERERS:
        raise KeyError(f"No personal fragment is registered as {name!r}.")
    encoded = base64.urlsafe_b64encode(json.dumps(list(args)).encode()).decode()
    return f"<!--personal:{_NONCE}:{name}:{encoded}-->"


class _SharedRender:
    def __init__(self):
        self.supported = False


def is_shared_render(request) -> bool:
    return getattr(request, "_coproduce_shared", None) is not None


def personal_layer_supported(request) -> None:
    """Called by a view whose every per-person part is inside {% personal %}."""
    shared = getattr(request, "_coproduce_shared", None)
    if shared is not None:
        shared.supported = True


def csrf_context(request) -> dict:
    """{"csrf_token": ...} for templates rendered outside a RequestContext: a marker in a
    shared rendering, the request's own token otherwise (lazily, as Django does)."""
    if is_shared_render(request):
        return {"csrf_token": CSRF_MARKER}
    from django.template.context_processors import csrf

    return csrf(request)


def shared_csrf_marker(request) -> dict:
    """Context processor, after Django's own: a shared rendering's forms carry a marker."""
    return {"csrf_token": CSRF_MARKER} if is_shared_render(request) else {}


# Fragments made the same way for many people ({key: html}), per process and bounded.
_FRAGMENTS: OrderedDict[str, str] = OrderedDict()
_FRAGMENTS_MAX = 20_000
# Values worked out for one person (whether they edit a page, say), per process, under a
# key naming the person and the generations: never offered to anyone else.
_VALUES: OrderedDict[str, object] = OrderedDict()


class PersonalLayer:
    """One signed-in request's view of a shared page: what its fragments are made from."""

    def __init__(
        self,
        request,
        *,
        page_model: str,
        page_id: int,
        page_url: str,
        site: str,
        kept=None,
        tokens=None,
    ):
        self.request = request
        self.tokens = dict(tokens or {})
        # The page as this process last loaded it for this entry: the entry's generations
        # (a publication replaces the site's) say it is unchanged.
        self._kept = {} if kept is None else kept
        self.site = site  # the site's generation: a publication makes every fragment anew
        self.page_model = page_model
        self.page_id = page_id
        self.page_url = page_url
        self._once: dict[str, object] = {}

    @cached_property
    def page(self):
        kept = self._kept.get("page")
        if kept is None:
            kept = apps.get_model(self.page_model).objects.get(pk=self.page_id)
            kept.current_version  # noqa: B018 (read once, kept with the page)
            self._kept["page"] = kept
        # A copy per request: nothing a request notes on it reaches another.
        page = copy.copy(kept)
        page.links_base_url = self.page_url
        return page

    @cached_property
    def person(self):
        return _PERSON_LOADER[0](self) if _PERSON_LOADER else None

    @cached_property
    def participant(self):
        if _PERSON_LOADER:
            return self.person.participant
        from consultation.rounds import participant_for

        return participant_for(self.request.user)

    def token(self, key: str) -> str:
        """A generation token, from those read with the entry when it was among them."""
        found = self.tokens.get(key)
        if found is None:
            (found,) = generations([key])
            self.tokens[key] = found
        return found

    def kept_per_process(self, key: str, make: Callable):
        """A value kept in this process under `key` (which must name whose it is and the
        generations it was made under), as `fragment` keeps HTML."""
        key = f"{self.site}:{key}"
        if key in _VALUES:
            return _VALUES[key]
        value = make()
        if len(_VALUES) >= _FRAGMENTS_MAX:
            _VALUES.popitem(last=False)
        _VALUES[key] = value
        return value

    def is_editor(self) -> bool:
        """rounds.is_editor for this page, kept per person and page until anyone's groups
        or permissions change (Wagtail's check costs several queries)."""

        def make():
            from consultation.rounds import is_editor

            user = self.request.user
            key = f"personal:editor:{user.pk}:{self.page_id}:{self.token(PERMISSIONS_KEY)}"
            found = cache.get(key)
            if found is None:
                found = is_editor(user, self.page)
                cache.set(key, found, 60 * 60)
            return found

        if getattr(self.person, "edits_nothing", False):
            return False
        return self.once(
            "is_editor",
            lambda: self.kept_per_process(
                f"editor:{self.request.user.pk}:{self.page_id}:{self.token(PERMISSIONS_KEY)}", make
            ),
        )

    def kept_with_entry(self, name: str, make: Callable):
        """A value kept in this process beside the page's entry, as the page itself is:
        made anew when the entry is (a publication, a change to what it was made from).
        Only for what is the same for every reader."""
        if name not in self._kept:
            self._kept[name] = make()
        return self._kept[name]

    def once(self, name: str, make: Callable):
        """What several fragments share (the person's answers, say): made once a request."""
        if name not in self._once:
            self._once[name] = make()
        return self._once[name]

    def fragment(self, key: str | None, make: Callable[[], str]) -> str:
        """A fragment cached in this process under `key`, which must name everything its
        HTML is made from (never who is reading); None renders it every time."""
        if key is None:
            return make()
        key = f"{self.site}:{key}"
        html = _FRAGMENTS.get(key)
        if html is None:
            html = make()
            if len(_FRAGMENTS) >= _FRAGMENTS_MAX:
                _FRAGMENTS.popitem(last=False)
            _FRAGMENTS[key] = html
        return html

    def render(self, template_name: str, context: dict) -> str:
        """A fragment's template, with the context processors' values (the person's
        request and user), the page, and a CSRF marker (the token is filled in last, so
        a fragment may be cached with it)."""
        base = {"page": self.page, "csrf_token": CSRF_MARKER}
        return get_template(template_name).render({**base, **context}, self.request)


CSRF = ("", ())  # a CSRF marker's place in a split page (it survives pickling)


def split(body: str) -> list:
    """The shared page as pieces: text, CSRF for the token, or (fragment name, args), done
    once when the page is rendered, so a request only fills the places in."""
    pieces, at = [], 0
    for match in _MARKER.finditer(body):
        pieces.append(body[at : match.start()])
        name = match.group(1)
        if name is None:
            pieces.append(CSRF)
        else:
            pieces.append((name, tuple(json.loads(base64.urlsafe_b64decode(match.group(2))))))
        at = match.end()
    pieces.append(body[at:])
    return pieces


def personalise(pieces: list, layer: PersonalLayer) -> str:
    """The page with this person's fragments in their places and their CSRF token."""
    token = None
    out = []
    for piece in pieces:
        if piece.__class__ is str:
            out.append(piece)
        elif piece == CSRF:
            if token is None:
                token = get_token(layer.request)
            out.append(token)
        else:
            name, args = piece
            html = _RENDERERS[name](layer, *args)
            # A fragment may carry a CSRF marker (it may be cached with it).
            if CSRF_MARKER in html:
                if token is None:
                    token = get_token(layer.request)
                html = html.replace(CSRF_MARKER, token)
            out.append(html)
    return "".join(out)
