"""`make bench`: timings that matter, printed and written to bench/results.json.

Runs against a throwaway test database (SQLite by default; PostgreSQL when DATABASE_URL
says so), so it never touches development data. To add a measurement, write a function
that returns a dict of numbers and add it to MEASUREMENTS.
"""

import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce_site.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
CLAUSES = 60


def timed(call, runs=RUNS, warmup=3) -> dict:
    """Median and spread of `runs` calls, in milliseconds, after a few warm-up calls."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "runs": runs,
        "median_ms": round(statistics.median(samples), 2),
        "min_ms": round(min(samples), 2),
        "max_ms": round(max(samples), 2),
    }


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


# --- Measurements --------------------------------------------------------------------------


def compare_versions() -> dict:
    """Compare versions 1 and 3 of a 60-clause document: the page, and the diff alone."""
    from bench.seed import document_with_versions
    from consultation import history

    page = document_with_versions(clauses=CLAUSES)
    client = Client()
    url = f"{page.url}compare/1/3/"

    def get_page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def diff_only():
        history.version_comparison(*history.version_pair(page, 1, 3))

    return {
        "description": f"compare versions 1 and 3 of a {CLAUSES}-clause document",
        "page": {**timed(get_page), "queries": queries_of(get_page)},
        "diff_only": timed(diff_only),
    }


def version_history() -> dict:
    """The history page of the same kind of document."""
    from bench.seed import document_with_versions

    page = document_with_versions(clauses=CLAUSES, slug="bench-history")
    client = Client()
    url = f"{page.url}versions/"

    def get_page():
        assert client.get(url).status_code == 200

    return {
        "description": f"history page of a {CLAUSES}-clause document with 3 versions",
        "page": {**timed(get_page), "queries": queries_of(get_page)},
    }


def comment_discussion() -> dict:
    """A 500-comment discussion: our templates against xtd's stock tree, same data."""
    from bench.comments import discussion_with_500_comments, render_ours, render_xtd_stock
    from bench.seed import document_with_versions
    from tests.factories import ParticipantFactory

    page = document_with_versions(clauses=CLAUSES, slug="bench-comments")
    participants = [ParticipantFactory() for _ in range(10)]
    count = discussion_with_500_comments(page, participants)
    ours = {**timed(lambda: render_ours(page)), "queries": queries_of(lambda: render_ours(page))}
    stock = {
        **timed(lambda: render_xtd_stock(page)),
        "queries": queries_of(lambda: render_xtd_stock(page)),
    }
    return {
        "description": f"render a {count}-comment discussion: ours vs xtd's render_xtdcomment_tree",
        "ours": ours,
        "xtd_stock": stock,
        "xtd_over_ours": round(stock["median_ms"] / ours["median_ms"], 2),
    }


def page_cache() -> dict:
    """An anonymous reader's guidance page of a 60-clause document: rendered, then cached."""
    from django.core.cache import cache
    from django.test import override_settings

    from bench.seed import document_with_versions

    page = document_with_versions(clauses=CLAUSES, slug="bench-page-cache")
    client = Client()

    def get_page():
        assert client.get(page.url).status_code == 200

    with override_settings(COPRODUCE_PAGE_CACHE_SECONDS=0):
        uncached = {**timed(get_page), "queries": queries_of(get_page)}
    cache.clear()
    with override_settings(COPRODUCE_PAGE_CACHE_SECONDS=300):
        cached = {**timed(get_page), "queries": queries_of(get_page)}
    return {
        "description": f"anonymous guidance page of a {CLAUSES}-clause document, page cache off/on",
        "uncached": uncached,
        "cached": cached,
        "uncached_over_cached": round(uncached["median_ms"] / cached["median_ms"], 1),
    }


EXPORT_VOTES = int(os.environ.get("BENCH_EXPORT_VOTES", "100000"))
EXPORT_LIMIT_MB = 150


def votes_export_memory() -> dict:
    """Peak memory of a whole process exporting 100,000 votes as CSV (and as XLSX),
    run in a subprocess so the bench runner's own memory (the seeded data) is not counted."""
    import subprocess

    from bench.seed import document_with_versions, votes_for_export
    from tests.factories import UserFactory

    page = document_with_versions(clauses=CLAUSES, slug="bench-export")
    count = votes_for_export(page, EXPORT_VOTES)
    editor = UserFactory(is_superuser=True)
    connection.close()  # the export process opens its own connection

    def run(kind):
        output = subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "export_memory.py"),
                connection.settings_dict["NAME"],
                str(page.pk),
                str(editor.pk),
                kind,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])

    csv_result, xlsx_result = run("csv"), run("xlsx")
    return {
        "description": f"votes export of {count} rows in its own process: peak memory (VmHWM)",
        "votes": count,
        # Peak resident memory of the export process (VmHWM; see bench/export_memory.py
        # for why its ru_maxrss, also given, overstates when forked from this runner).
        "csv_peak_mb": csv_result["peak_mb"],
        "csv_peak_before_export_mb": csv_result["peak_before_export_mb"],
        "csv_ru_maxrss_mb": csv_result["ru_maxrss_mb"],
        "csv_seconds": csv_result["seconds"],
        "csv_lines": csv_result["csv_lines"],
        "xlsx_peak_mb": xlsx_result["peak_mb"],
        "xlsx_seconds": xlsx_result["seconds"],
        "limit_mb": EXPORT_LIMIT_MB,
        "csv_within_limit": csv_result["peak_mb"] < EXPORT_LIMIT_MB,
    }


MEASUREMENTS = [
    compare_versions,
    version_history,
    comment_discussion,
    page_cache,
    votes_export_memory,
]


# --- Running -------------------------------------------------------------------------------


def summary_lines(results: dict) -> list[str]:
    lines = [f"Coproduce bench on {results['database']} ({results['generated_at']})"]
    for name, measured in results["measurements"].items():
        lines.append(f"\n{name}: {measured['description']}")
        for part, numbers in measured.items():
            if isinstance(numbers, dict):
                extra = f", {numbers['queries']} queries" if "queries" in numbers else ""
                lines.append(
                    f"  {part:<10} median {numbers['median_ms']:>8.2f} ms "
                    f"(min {numbers['min_ms']:.2f}, max {numbers['max_ms']:.2f}, "
                    f"{numbers['runs']} runs{extra})"
                )
            elif isinstance(numbers, int | float):
                lines.append(f"  {part:<10} {numbers}")
    return lines


def selected():
    """BENCH_ONLY=name,name runs just those measurements."""
    only = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name]
    return [m for m in MEASUREMENTS if not only or m.__name__ in only]


def main() -> int:
    setup_test_environment()
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(ROOT / "var" / "bench-db.sqlite3")
    else:
        test_settings["NAME"] = f"{connection.settings_dict['NAME']}_bench"
    (ROOT / "var").mkdir(exist_ok=True)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "measurements": {m.__name__: m() for m in selected()},
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print("\n".join(summary_lines(results)))
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
