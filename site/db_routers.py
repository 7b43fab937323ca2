"""An optional read replica: reads go to it only where replication lag cannot hide a write.

Installed only when DATABASE_REPLICA_URL is set (settings/base.py; docs/deploy.md). The
replica trails the primary by a moment, so a participant who has just voted or commented
must not read from it, or their vote would seem lost. Reads therefore go to the replica only
inside a GET or HEAD request that has not written anything, from a client that has not
written in the last COPRODUCE_READ_YOUR_WRITES_SECONDS: ReadYourWritesMiddleware watches the
statements sent to the primary and marks a client that wrote with a short-lived cookie.
Every other read (other methods, a request after its first write, task workers, management
commands, the shell) goes to the primary, as do all writes. Migrations run on the primary
only; replication copies them.

A replica that cannot be reached is skipped: reads go to the primary, and this process
tries the replica again after REPLICA_RETRY_SECONDS (tests/faults stops a real one).
"""

import contextvars
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

PRIMARY = "default"
REPLICA = "replica"
# Present for a few seconds after a client's request wrote: its reads then go to the primary.
WROTE_COOKIE = "coproduce_wrote"
READ_METHODS = ("GET", "HEAD")
WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE")
REPLICA_RETRY_SECONDS = 10

logger = logging.getLogger(f"{__package__}.outage")
_replica_down_until = 0.0


def replica_usable() -> bool:
    """Whether the replica answers; after a failure, False without trying for a while, so
    an outage costs one refused connection per process per REPLICA_RETRY_SECONDS."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    replica = connections[REPLICA]
    try:
        # A kept connection to a replica that has since stopped fails its health check
        # (CONN_HEALTH_CHECKS) and is closed here, so ensure_connection() dials again.
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.error("Read replica unavailable, reading from the primary: %s", str(error).strip())
        return False
    return True


@dataclass
class _RequestReads:
    replica_allowed: bool
    wrote: bool = False


# The current request's state. A mutable object, not a value, so that a write made in a
# copied context (e.g. asgiref's sync_to_async) is still seen by the request's middleware.
_current: contextvars.ContextVar[_RequestReads | None] = contextvars.ContextVar(
    "coproduce_request_reads", default=None
)


def reads_from_replica() -> bool:
    """Whether a read made now would go to the replica."""
    state = _current.get()
    return state is not None and state.replica_allowed and not state.wrote


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if reads_from_replica() else PRIMARY

    def db_for_write(self, model, **hints):
        # Not itself a write: get_or_create() and select_for_update() read through here too
        # (every page's footer settings do), so ReadYourWritesMiddleware watches statements.
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # One database under two names: an object read from either may refer to the other.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReadYourWritesMiddleware:
    """Lets a request read from the replica, unless it or its client wrote just now."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = _RequestReads(
            replica_allowed=request.method in READ_METHODS
            and WROTE_COOKIE not in request.COOKIES
            and replica_usable()
        )
        token = _current.set(state)
        try:
            with connections[PRIMARY].execute_wrapper(_WriteWatcher(state)):
                response = self.get_response(request)
        finally:
            _current.reset(token)
        if state.wrote:
            response.set_cookie(
                WROTE_COOKIE,
                "1",
                max_age=settings.COPRODUCE_READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


class _WriteWatcher:
    """Notes the request's first INSERT, UPDATE or DELETE on the primary."""

    def __init__(self, state: _RequestReads):
        self.state = state

    def __call__(self, execute, sql, params, many, context):
        if not self.state.wrote and sql.lstrip()[:6].upper() in WRITE_STATEMENTS:
            self.state.wrote = True
        return execute(sql, params, many, context)
