"""Reads measured on the seeded consultation: every public page and API endpoint, with the
Django test Client, each as a median of BENCH_RUNS requests after a few warm-up ones.

`queries` is counted on one request after the warm-ups (the steady state: caches that live
across requests, like the results tallies and Wagtail's site lookup, are filled);
`cold_queries` on the very first request, for reference. The whole-page cache for anonymous
readers is off here (the test settings' COPRODUCE_PAGE_CACHE_SECONDS = 0) unless a
measurement says otherwise.
"""

import os
import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
WARMUP = 3


def timed(call, runs: int | None = None, warmup: int | None = None) -> dict:
    """Median and spread of `runs` calls in milliseconds, after `warmup` calls; the query
    count of the first call (cold) and of one more after the timed ones (warm)."""
    runs, warmup = runs or RUNS, warmup or WARMUP
    # Each request empties the query log as it starts; a capture must start from empty too.
    reset_queries()
    with CaptureQueriesContext(connection) as cold:
        call()
    for _ in range(warmup - 1):
        call()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    reset_queries()
    with CaptureQueriesContext(connection) as warm:
        call()
    return {
        "runs": runs,
        "median_ms": round(statistics.median(samples), 2),
        "min_ms": round(min(samples), 2),
        "max_ms": round(max(samples), 2),
        "queries": len(warm),
        "cold_queries": len(cold),
    }


def getter(client: Client, url: str, status: int = 200):
    def call():
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)
        return response

    return call


def get_measure(client: Client, url: str) -> dict:
    return {"url": url, **timed(getter(client, url))}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_urls(seeded) -> dict[str, tuple[str, str]]:
    """Name -> (who, url) for every page measured; who is "anonymous" or "viewer"."""
    base = seeded.page.url
    short_id = seeded.big_clause.clause_id.split("-")[0]
    return {
        "guidance_anonymous": ("anonymous", base),
        "guidance_signed_in": ("viewer", base),
        "clause_discussion_500": ("anonymous", f"{base}clauses/{short_id}/discussion/"),
        "document_discussion": ("anonymous", f"{base}discussion/"),
        "results": ("anonymous", f"{base}results/"),
        "history": ("anonymous", f"{base}versions/"),
        "past_version": ("anonymous", f"{base}versions/1/"),
        "compare_1_3": ("anonymous", f"{base}compare/1/3/"),
        "feedback": ("anonymous", f"{base}feedback/"),
        "feed": ("anonymous", f"{base}feed/"),
    }


def api_urls(seeded) -> dict[str, str]:
    root = f"/api/v1/guidance/{seeded.page.pk}/"
    current = seeded.page.current_version.number
    return {
        "api_list": "/api/v1/guidance/",
        "api_versions": f"{root}versions/",
        "api_version_detail": f"{root}versions/{current}/",
        "api_results": f"{root}versions/{current}/results/",
        "api_comments": f"{root}comments/",
        "api_comments_100": f"{root}comments/?limit=100&offset=10000",
    }


def pages(seeded) -> dict:
    clients = {"anonymous": Client(), "viewer": signed_in(seeded.viewer.user)}
    measured = {}
    for name, (who, url) in page_urls(seeded).items():
        measured[name] = {"who": who, **get_measure(clients[who], url)}
    return measured


def api(seeded) -> dict:
    client = Client()
    return {name: get_measure(client, url) for name, url in api_urls(seeded).items()}
