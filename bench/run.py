"""`make bench`: the national-scale benchmark, on PostgreSQL.

Creates a throwaway database (`<DATABASE_URL's name>_bench`), seeds a national consultation
into it (bench/seed/national.py), measures every page and API endpoint, writes, and the
comparisons with their targets (bench/measure/reads.py, bench/measure/compare.py), writes
bench/results.json and bench/results.md (bench/measure/report.py), and drops the database.

Run from the project root as a module: `python -m bench.run`.

Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/coproduce_bench),
BENCH_REDIS_URL (the cache, as in production; default redis://127.0.0.1:6379/11, emptied
first; if Redis cannot be reached, a local-memory cache that never evicts),
BENCH_RUNS (timed runs per measurement, default 20), BENCH_SCALE (a factor on participants,
votes and comments for a quicker try; the committed results use 1).
"""

import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/coproduce_bench"
os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce_site.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402

from bench.measure import compare, reads, report, revision_desk  # noqa: E402
from bench.seed.national import Scale, seed_national  # noqa: E402

RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "results.md"
# The bench sends hundreds of requests a minute from one participant and one address;
# the rate limits that would refuse them are lifted, and every response is still checked.
NO_RATE_LIMITS = {
    "COPRODUCE_VOTE_RATE": "1000000/m",
    "COPRODUCE_COMMENT_RATE_PER_MINUTE": "1000000/m",
    "COPRODUCE_COMMENT_RATE_PER_DAY": "1000000/d",
    "COPRODUCE_API_RATE": "1000000/m",
}


def bench_caches() -> tuple[dict, str]:
    """The cache production uses (Redis), so cached fragments and tallies behave as they
    would there. The test settings' local-memory cache keeps only 300 entries, fewer than
    one 60-clause page caches, and would make the bench measure evictions."""
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
    # The rate limits' own cache (RATELIMIT_USE_CACHE), which the API's guard reads even
    # with its limits lifted: without it every API request fails.
    ratelimit = {"ratelimit": settings.LOCAL_RATELIMIT_CACHE}
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except Exception as error:  # noqa: BLE001 - any failure means: no Redis for the bench
        print(f"Redis at {url} unavailable ({error}); using a local-memory cache.")
        local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        caches = {"default": {**local, "OPTIONS": {"MAX_ENTRIES": 1_000_000}}, **ratelimit}
        return caches, "local memory"
    redis_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    return {"default": redis_cache, **ratelimit}, f"Redis ({url})"


def reachable() -> str | None:
    """Why the database server cannot be reached, or None."""
    if connection.vendor != "postgresql":
        return None
    import psycopg2

    settings = connection.settings_dict
    try:
        psycopg2.connect(
            dbname="postgres",
            user=settings["USER"],
            password=settings["PASSWORD"],
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            connect_timeout=5,
        ).close()
    except psycopg2.OperationalError as error:
        return str(error).strip()
    return None


def _database() -> str:
    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000}"
    return connection.vendor


def scale() -> Scale:
    factor = float(os.environ.get("BENCH_SCALE", "1"))
    full = Scale()
    return Scale(
        participants=round(full.participants * factor),
        votes=round(full.votes * factor),
        comments=max(round(full.comments * factor), full.big_discussion * 2),
    )


def _step(measurement, seeded) -> dict:
    started = time.perf_counter()
    result = measurement(seeded)
    print(f"  {measurement.__name__}: {time.perf_counter() - started:.0f} s", flush=True)
    return result


def measure_all(seeded) -> dict:
    print(f"Measuring, {reads.RUNS} timed runs each:", flush=True)
    caches, cache_name = bench_caches()
    with override_settings(CACHES=caches, **NO_RATE_LIMITS):
        results = {"cache": cache_name}
        results |= {"pages": _step(reads.pages, seeded), "api": _step(reads.api, seeded)}
        results["editor_pages"] = _step(revision_desk.editor_pages, seeded)
        results["comparisons"] = {
            "discussion_vs_xtd": _step(compare.discussion_vs_xtd, seeded),
            "guidance_vs_plain": _step(compare.guidance_vs_plain, seeded),
            "page_cache": _step(compare.page_cache, seeded),
        }
        # Before the writes, so it exports the seeded votes and nothing else.
        results["export_memory"] = _step(compare.export_memory, seeded)
        results["writes"] = _step(compare.writes, seeded)
        results["answer_a_theme"] = _step(revision_desk.answer_a_theme, seeded)
    return results


def _load() -> list[float]:
    return [round(load, 2) for load in os.getloadavg()]


def main() -> int:
    started, load_before = time.perf_counter(), _load()
    problem = reachable()
    if problem:
        print(
            f"make bench needs PostgreSQL at {os.environ['DATABASE_URL']} and could not "
            f"connect:\n  {problem}\nStart PostgreSQL or set DATABASE_URL.",
            file=sys.stderr,
        )
        return 2
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(ROOT / "var" / "bench-db.sqlite3")
        (ROOT / "var").mkdir(exist_ok=True)
    else:
        connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_bench"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        seeded = seed_national(scale())
        print(f"Seeded in {seeded.seconds:.0f} s: {seeded.counts}", flush=True)
        results = {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": _database(),
            "runs": reads.RUNS,
            "seed": {"seconds": seeded.seconds, "counts": seeded.counts},
            **measure_all(seeded),
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    # Other work on the machine slows every timing; the ratios compare within this run.
    results["load_average"] = {"cpus": os.cpu_count(), "start": load_before, "end": _load()}
    results["targets"] = report.targets(results)
    RESULTS_JSON.write_text(json.dumps(results, indent=2) + "\n")
    text = report.summary(results)
    RESULTS_MD.write_text(text)
    print(text)
    print(f"Written to {RESULTS_JSON.relative_to(ROOT)} and {RESULTS_MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
