"""The bench's measurements and report, run once each on a tiny seed: every page, endpoint
and write answers as the bench expects, and the report checks every target."""

import pytest

from bench.measure import compare, reads, report
from bench.seed.national import Scale, seed_national


@pytest.fixture
def seeded(db, monkeypatch):
    monkeypatch.setattr(reads, "RUNS", 1)
    monkeypatch.setattr(reads, "WARMUP", 1)
    return seed_national(
        Scale(participants=30, votes=300, comments=100, big_discussion=25, clauses=21),
        progress=False,
    )


def test_measurements_and_report(seeded, settings):
    settings.COPRODUCE_COMMENT_RATE_PER_MINUTE = "1000/m"
    results = {
        "generated_at": "now",
        "database": "test",
        "runs": 1,
        "total_seconds": 1.0,
        "load_average": {"cpus": 2, "start": [1.0, 1.0, 1.0], "end": [1.0, 1.0, 1.0]},
        "seed": {"seconds": seeded.seconds, "counts": seeded.counts},
        "pages": reads.pages(seeded),
        "api": reads.api(seeded),
        "comparisons": {
            "discussion_vs_xtd": compare.discussion_vs_xtd(seeded),
            "guidance_vs_plain": compare.guidance_vs_plain(seeded),
            "page_cache": compare.page_cache(seeded),
        },
        "writes": compare.writes(seeded),
        # The export runs in its own process, which cannot see this test's transaction.
        "export_memory": {
            "rows": 300,
            "peak_mb": 1.0,
            "peak_before_export_mb": 1.0,
            "seconds": 0.1,
            "xlsx_peak_mb": 1.0,
            "xlsx_seconds": 0.1,
        },
    }
    xtd = results["comparisons"]["discussion_vs_xtd"]
    assert xtd["comments_ours"] == xtd["comments_xtd"] == 25
    assert set(results["pages"]) == set(reads.page_urls(seeded))
    assert set(results["api"]) == set(reads.api_urls(seeded))
    results["targets"] = report.targets(results)
    assert len(results["targets"]) == len(results["pages"]) + len(results["api"]) + 2 + 4
    text = report.summary(results)
    assert "| guidance_signed_in |" in text and "met." in text
