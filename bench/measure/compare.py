"""Comparisons and writes measured on the seeded consultation, in the same run as the reads:
our discussion vs xtd's stock tree, our guidance page vs a plain Wagtail page, the page cache,
vote and comment writes through the real views, and the votes export's peak memory."""

import json
import subprocess
import sys
from itertools import count
from pathlib import Path

from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings

from bench.measure.discussion import clause_of, render_ours, render_xtd_stock, xtd_stock_tree
from bench.measure.reads import getter, signed_in, timed
from consultation.discussion.threads import discussion_for

ROOT = Path(__file__).resolve().parents[2]


def _ratio(slow: dict, fast: dict, digits: int = 2) -> float:
    return round(slow["median_ms"] / fast["median_ms"], digits)


def _tree_size(nodes, children) -> int:
    return sum(1 + _tree_size(children(node), children) for node in nodes)


def discussion_vs_xtd(seeded) -> dict:
    """The 500-comment clause discussion: our threads template vs xtd's stock tree."""
    page = seeded.page
    clause = clause_of(page, seeded.big_clause.clause_id)
    ours_count = _tree_size(discussion_for(page=page, clause=clause).threads, lambda n: n.children)
    xtd_count = _tree_size(xtd_stock_tree(page, clause.id), lambda n: n["children"])
    ours = timed(lambda: render_ours(page, clause))
    stock = timed(lambda: render_xtd_stock(page, clause))
    return {
        "description": "render the 500-comment clause discussion: ours vs xtd's stock tree",
        "comments_ours": ours_count,
        "comments_xtd": xtd_count,
        "ours": ours,
        "xtd_stock": stock,
        "xtd_over_ours": _ratio(stock, ours),
    }


def guidance_vs_plain(seeded) -> dict:
    """Anonymous, uncached: the guidance page vs a StandardPage holding the same text."""
    client = Client()
    guidance = timed(getter(client, seeded.page.url))
    plain = timed(getter(client, seeded.plain.url))
    return {
        "description": "anonymous guidance page vs a plain Wagtail page with the same text",
        "guidance": guidance,
        "plain": plain,
        "guidance_over_plain": _ratio(guidance, plain),
    }


def page_cache(seeded) -> dict:
    """The anonymous guidance page rendered every time, then served from the page cache."""
    client = Client()
    get_page = getter(client, seeded.page.url)
    with override_settings(COPRODUCE_PAGE_CACHE_SECONDS=0):
        uncached = timed(get_page)
    cache.clear()
    with override_settings(COPRODUCE_PAGE_CACHE_SECONDS=300):
        cached = timed(get_page)
    cache.clear()
    return {
        "description": "anonymous guidance page, page cache off and on",
        "uncached": uncached,
        "cached": cached,
        "uncached_over_cached": _ratio(uncached, cached, 1),
    }


def writes(seeded) -> dict:
    """A signed-in participant votes and comments through the real views (302 each).

    Votes go round the current clauses with changing answers (first answers and changed
    ones); comments go to the document's discussion, so the 500-comment one stays as it was.
    """
    page = seeded.page
    client = signed_in(seeded.viewer.user)
    version = page.current_version
    clauses = [s.clause_id.split("-")[0] for s in version.clauses.exclude(proposition="")]
    numbers = count()

    def vote():
        n = next(numbers)
        response = client.post(
            f"{page.url}clauses/{clauses[n % len(clauses)]}/vote/",
            {"choice": str(1 + n % 5), "version": str(version.number)},
        )
        assert response.status_code == 302, response.status_code

    def comment():
        n = next(numbers)
        response = client.post(
            f"{page.url}discussion/",
            {"text": f"Bench comment {n}: timing a post through the view.", "reply_to": ""},
        )
        assert response.status_code == 302, response.status_code

    return {
        "description": "signed-in POSTs through the views: a vote, a comment",
        "vote": timed(vote),
        "comment": timed(comment),
    }


def _export(seeded, kind: str) -> dict:
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.measure.export_memory",
            connection.settings_dict["NAME"],
            str(seeded.page.pk),
            str(seeded.editor.pk),
            kind,
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def export_memory(seeded) -> dict:
    """Peak memory of a fresh process exporting every seeded vote (export_memory.py):
    CSV, the target, and XLSX for reference."""
    connection.close()  # the export processes open their own connections
    csv, xlsx = _export(seeded, "csv"), _export(seeded, "xlsx")
    return {
        "description": "votes export in its own process: peak memory (VmHWM)",
        "rows": csv["csv_lines"] - 1,  # less the header
        "peak_mb": csv["peak_mb"],
        "peak_before_export_mb": csv["peak_before_export_mb"],
        "ru_maxrss_mb": csv["ru_maxrss_mb"],
        "seconds": csv["seconds"],
        "xlsx_peak_mb": xlsx["peak_mb"],
        "xlsx_seconds": xlsx["seconds"],
    }
