"""Integration checks: the app as it is deployed (gunicorn, PostgreSQL, Redis), each in a
throwaway database and servers of its own.

They start real servers and take about half a minute, so they run only when asked for by
path (`pytest tests/integration`, as `make scale-out` and `.ci/run` do). A whole-suite run
such as `make test`, which CI makes twice, skips them rather than repeating them. When asked
for, they need PostgreSQL and Redis: skipped if either cannot be reached, except in CI,
where that fails instead, as the browser tests do without Chromium.
"""

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SKIPPED_UNLESS_NAMED = "starts its own servers: run `pytest tests/integration` (make scale-out)"


def _asked_for(config) -> bool:
    for arg in config.args:
        path = (config.invocation_params.dir / arg.split("::")[0]).resolve()
        if path == HERE or HERE in path.parents:
            return True
    return False


def pytest_collection_modifyitems(config, items):
    asked_for = _asked_for(config)
    for item in items:
        if HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.integration)
        if not asked_for:
            item.add_marker(pytest.mark.skip(reason=SKIPPED_UNLESS_NAMED))


def _unreachable() -> str | None:
    """Why the stack's PostgreSQL or Redis cannot be reached, or None."""
    import psycopg2
    import redis

    from bench.load.stack import Stack

    stack = Stack()  # reads the servers from the environment; creates nothing until entered
    try:
        psycopg2.connect(f"{stack.server}/postgres", connect_timeout=5).close()
    except psycopg2.Error as error:
        return f"PostgreSQL at {stack.server} unreachable: {str(error).strip()}"
    try:
        redis.Redis.from_url(stack.redis_url, socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        return f"Redis at {stack.redis_url} unreachable: {error}"
    return None


@pytest.fixture(scope="session", autouse=True)
def postgres_and_redis():
    problem = _unreachable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem + " (integration checks are never skipped in CI)")
        pytest.skip(problem)
