"""The signed-in user behind a session, read with SQL built once per process.

Every signed-in request reads its user. Django's own read (`ModelBackend.get_user`) builds
the same query each time, which costs more CPU than the database's answer
(bench/profiling.md). `SessionUserMiddleware` replaces Django's AuthenticationMiddleware
and takes a short way only in the plain case: a session made by one of the model backends
below, whose user is active and whose session hash matches with the current secret key.
Then it returns exactly the user Django would. In every other case (no session, another
backend, a hash that only an old secret key matches, a user made inactive or deleted)
Django's own `auth.get_user` decides, so flushing and rotation stay Django's.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from consultation.accounts.models import Participant
from consultation.caching.compiled import CompiledRead

# Backends whose get_user() is ModelBackend's: the user by primary key, if active.
MODEL_BACKENDS = (
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
)

_user_read = None


def _user_query(pk):
    participant_fields = [f"participant__{f.attname}" for f in Participant._meta.concrete_fields]
    return (
        auth.get_user_model()
        ._default_manager.filter(pk=pk)
        .annotate(
            verified=Exists(EmailAddress.objects.filter(user_id=OuterRef("pk"), verified=True))
        )
        .values_list(*_fields(auth.get_user_model()), *participant_fields, "verified")
    )


def _fields(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _read_user(user_id):
    """The user, with their participant and whether their address is verified remembered
    on them (as rounds.participant_for and rounds.has_verified_email would), in one query:
    every write and every page asks for those."""
    global _user_read
    User = auth.get_user_model()
    if _user_read is None:
        _user_read = CompiledRead(User, _user_query)
    rows = _user_read.rows(pk=user_id)
    if not rows:
        return None
    row, user_fields, participant_fields = rows[0], _fields(User), _fields(Participant)
    user = User.from_db(rows.alias, user_fields, row[: len(user_fields)])
    participant_row = row[len(user_fields) : len(user_fields) + len(participant_fields)]
    participant = None
    if participant_row[0] is not None:
        participant = Participant.from_db(rows.alias, participant_fields, participant_row)
        participant._state.fields_cache["user"] = user
    user._state.fields_cache["participant"] = participant
    if row[-1]:
        user._coproduce_email_verified = True
    return user


def plain_session_user_id(session):
    """The user id of a session made by a model backend with a session hash, else None
    (then only Django's get_user may decide who the session belongs to)."""
    backend_path = session.get(BACKEND_SESSION_KEY)
    if not (
        session.get(HASH_SESSION_KEY)
        and backend_path in MODEL_BACKENDS
        and backend_path in settings.AUTHENTICATION_BACKENDS
        and SESSION_KEY in session
    ):
        return None
    try:
        return auth.get_user_model()._meta.pk.to_python(session[SESSION_KEY])
    except ValidationError:
        return None


def session_verifies(session, user) -> bool:
    """Whether Django would accept `user` for this plain session as it stands: active, and
    the session's hash made with the current secret key from their password."""
    return (
        user is not None
        and user.is_active
        and constant_time_compare(session[HASH_SESSION_KEY], user.get_session_auth_hash())
    )


def session_user(request):
    """What django.contrib.auth.get_user(request) returns, reading the user in one
    prepared query in the plain case."""
    user_id = plain_session_user_id(request.session)
    if user_id is not None:
        user = _read_user(user_id)
        if session_verifies(request.session, user):
            return user
    return auth.get_user(request)


def _cached_session_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = session_user(request)
    return request._cached_user


class SessionUserMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, with `session_user` reading the user."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_session_user(request))
