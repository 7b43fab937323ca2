"""Targets checked against what `make bench` measured, and the summary it prints and writes
to bench/results.md. Every figure comes from the results dict; a missed target says so."""

MAX_QUERIES = 25
XTD_OVER_OURS_MIN = 5
GUIDANCE_OVER_PLAIN_MAX = 2
UNCACHED_OVER_CACHED_MIN = 20
EXPORT_PEAK_MB_MAX = 150
ANSWER_A_THEME_MS_MAX = 5000


def targets(results: dict) -> list[dict]:
    checks = []
    for section in ("pages", "api", "writes", "editor_pages"):
        for name, measured in results.get(section, {}).items():
            if not isinstance(measured, dict):
                continue
            checks.append(
                {
                    "name": f"{name} queries",
                    "value": measured["queries"],
                    "target": f"<= {MAX_QUERIES}",
                    "met": measured["queries"] <= MAX_QUERIES,
                }
            )
    if "answer_a_theme" in results:
        answered = results["answer_a_theme"]
        checks.append(
            {
                "name": f"one response to {answered['comments']} comments (ms)",
                "value": answered["ms"],
                "target": f"<= {ANSWER_A_THEME_MS_MAX}",
                "met": answered["ms"] <= ANSWER_A_THEME_MS_MAX,
            }
        )
    compared = results["comparisons"]
    ratio = compared["discussion_vs_xtd"]["xtd_over_ours"]
    checks.append(
        {
            "name": "xtd stock / ours (500-comment discussion)",
            "value": ratio,
            "target": f">= {XTD_OVER_OURS_MIN}",
            "met": ratio >= XTD_OVER_OURS_MIN,
        }
    )
    ratio = compared["guidance_vs_plain"]["guidance_over_plain"]
    checks.append(
        {
            "name": "guidance / plain Wagtail page",
            "value": ratio,
            "target": f"<= {GUIDANCE_OVER_PLAIN_MAX}",
            "met": ratio <= GUIDANCE_OVER_PLAIN_MAX,
        }
    )
    ratio = compared["page_cache"]["uncached_over_cached"]
    checks.append(
        {
            "name": "uncached / cached anonymous guidance page",
            "value": ratio,
            "target": f">= {UNCACHED_OVER_CACHED_MIN}",
            "met": ratio >= UNCACHED_OVER_CACHED_MIN,
        }
    )
    peak = results["export_memory"]["peak_mb"]
    checks.append(
        {
            "name": f"CSV export of {results['export_memory']['rows']:,} votes, peak MB",
            "value": peak,
            "target": f"< {EXPORT_PEAK_MB_MAX}",
            "met": peak < EXPORT_PEAK_MB_MAX,
        }
    )
    return checks


def _mark(met: bool) -> str:
    return "met" if met else "MISSED"


def _timing_rows(measured: dict) -> list[str]:
    rows = []
    for name, m in measured.items():
        rows.append(
            f"| {name} | {m['median_ms']:.1f} | {m['min_ms']:.1f} | {m['max_ms']:.1f} "
            f"| {m['queries']} | {m['cold_queries']} | {_mark(m['queries'] <= MAX_QUERIES)} |"
        )
    return rows


def summary(results: dict) -> str:
    seed = results["seed"]
    counts = seed["counts"]
    compared = results["comparisons"]
    load = results["load_average"]
    header = (
        "| measurement | median ms | min | max | queries | cold queries | <= 25 queries |",
        "|---|---:|---:|---:|---:|---:|---|",
    )
    lines = [
        "# Coproduce bench",
        "",
        f"{results['generated_at']} on {results['database']}, cache "
        f"{results.get('cache', 'local memory')}; {results['runs']} timed runs "
        f"each after warm-ups; total run {results['total_seconds']:.0f} s.",
        "",
        f"Load average (1, 5, 15 min) on {load['cpus']} CPUs: {load['start']} at the start, "
        f"{load['end']} at the end. Timings include whatever else the machine was doing; "
        "ratios compare measurements taken in this same run.",
        "",
        f"Seeded in {seed['seconds']:.0f} s: {counts['clauses']} clauses x "
        f"{counts['versions']} versions, {counts['participants']:,} participants, "
        f"{counts['votes']:,} votes, {counts['comments']:,} comments (one clause discussion "
        f"of {counts['big_discussion']}), {counts['concerns']:,} concerns, "
        f"{counts['feedback_responses']:,} editors' responses, {counts['follows']:,} follows.",
        "",
        "## Targets",
        "",
        "| target | value | wanted | |",
        "|---|---:|---|---|",
    ]
    for check in results["targets"]:
        lines.append(
            f"| {check['name']} | {check['value']} | {check['target']} | {_mark(check['met'])} |"
        )
    missed = [c for c in results["targets"] if not c["met"]]
    lines += ["", f"{len(results['targets']) - len(missed)} of {len(results['targets'])} met."]
    lines += ["", "## Pages (page cache off)", "", *header, *_timing_rows(results["pages"])]
    lines += ["", "## API /api/v1/", "", *header, *_timing_rows(results["api"])]
    if "editor_pages" in results:
        lines += ["", "## Editors' revision desk (signed in as an editor)", "", *header]
        lines += _timing_rows(results["editor_pages"])
    if "answer_a_theme" in results:
        answered = results["answer_a_theme"]
        lines += [
            "",
            f"One response applied to {answered['comments']} comments of a theme in one "
            f"request: {answered['ms']} ms, {answered['queries']} queries (their emails are "
            "queued as one task).",
        ]
    writes = results["writes"]
    lines += ["", "## Writes (signed-in POSTs)", "", *header]
    lines += _timing_rows({k: v for k, v in writes.items() if isinstance(v, dict)})
    xtd = compared["discussion_vs_xtd"]
    plain = compared["guidance_vs_plain"]
    cached = compared["page_cache"]
    export = results["export_memory"]
    lines += [
        "",
        "## Comparisons",
        "",
        f"- 500-comment discussion ({xtd['comments_ours']} comments ours, "
        f"{xtd['comments_xtd']} xtd): ours {xtd['ours']['median_ms']:.1f} ms "
        f"({xtd['ours']['queries']} queries), xtd stock {xtd['xtd_stock']['median_ms']:.1f} ms "
        f"({xtd['xtd_stock']['queries']} queries): xtd / ours = {xtd['xtd_over_ours']}",
        f"- Guidance page {plain['guidance']['median_ms']:.1f} ms, plain Wagtail page "
        f"{plain['plain']['median_ms']:.1f} ms: guidance / plain = "
        f"{plain['guidance_over_plain']}",
        f"- Anonymous guidance page uncached {cached['uncached']['median_ms']:.1f} ms, cached "
        f"{cached['cached']['median_ms']:.2f} ms ({cached['cached']['queries']} queries): "
        f"uncached / cached = {cached['uncached_over_cached']}",
        f"- CSV export of {export['rows']:,} votes: peak {export['peak_mb']} MB "
        f"(before the export {export['peak_before_export_mb']} MB), {export['seconds']} s; "
        f"as XLSX, peak {export['xlsx_peak_mb']} MB, {export['xlsx_seconds']} s",
        "",
    ]
    return "\n".join(lines)
