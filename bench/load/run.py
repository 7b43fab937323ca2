"""`make loadtest`: a national consultation's last day, on loopback, in about two minutes.

Builds the production-like stack of bench/load/stack.py (PostgreSQL, Redis, DEBUG off, the
demo plus 500 participants with signed-in sessions), starts gunicorn with LOADTEST_WORKERS
workers (default 4) on 127.0.0.1, and runs locust headless for 60 seconds with
bench/load/locustfile.py: 90% anonymous reads, 8% signed-in reads, 2% votes and comments,
and three times the users in the last 15 seconds. Then it checks the database for lost or
duplicate writes, writes bench/loadtest.json and prints a summary.

Exits non-zero on any request error or any lost, duplicate or wrong write. The latency
target (p95 under 300 ms) is reported, not enforced: it depends on the machine.

Run from the project root as a module: `python -m bench.load.run`.
"""

import csv
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.load.stack import Stack, StackError

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "loadtest.json"
WORK = ROOT / "var" / "loadtest"
SEED = WORK / "seed.json"
WRITES = WORK / "writes.json"
PARTICIPANTS = 500
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "4"))
P95_TARGET_MS = 300
LOCUST = str(Path(sys.executable).with_name("locust"))


def locust(base: str) -> None:
    result = subprocess.run(
        [
            LOCUST,
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "--host",
            base,
            "--csv",
            str(WORK / "locust"),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
            "--exit-code-on-error",
            "0",
        ],
        cwd=ROOT,
        env={**os.environ, "LOADTEST_SEED": str(SEED), "LOADTEST_WRITES": str(WRITES)},
        timeout=90,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not WRITES.exists():
        raise StackError(f"locust failed (exit {result.returncode}):\n{result.stderr[-4000:]}")


def ms(value) -> float:
    return round(float(value), 1)


def read_stats() -> dict:
    with open(WORK / "locust_stats.csv") as file:
        rows = list(csv.DictReader(file))
    by_name = {}
    for row in rows:
        by_name[row["Name"] if row["Type"] else "all"] = {
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "requests_per_second": round(float(row["Requests/s"]), 1),
            "p50_ms": ms(row["50%"]),
            "p95_ms": ms(row["95%"]),
            "p99_ms": ms(row["99%"]),
            "max_ms": ms(row["Max Response Time"]),
        }
    with open(WORK / "locust_stats_history.csv") as file:
        history = [row for row in csv.DictReader(file) if row["Name"] == "Aggregated"]
    peak = max((float(row["Requests/s"]) for row in history), default=0.0)
    return {
        "all": by_name.pop("all"),
        "peak_requests_per_second": round(peak, 1),
        "by_name": by_name,
    }


def failures() -> list[dict]:
    path = WORK / "locust_failures.csv"
    if not path.exists():
        return []
    with open(path) as file:
        return list(csv.DictReader(file))


def summary(report: dict) -> str:
    total = report["totals"]
    integrity = report["integrity"]
    load = report["machine_load_average"]
    lines = [
        f"Load test, {report['duration_seconds']} s on {report['setup']}",
        f"  machine load average (1 min) {load['before']:.1f} before, {load['after']:.1f} after",
        f"  {total['requests']} requests, {total['requests_per_second']} req/s on average, "
        f"{report['peak_requests_per_second']} req/s at the peak",
        f"  latency p50 {total['p50_ms']} ms, p95 {total['p95_ms']} ms, p99 {total['p99_ms']} ms"
        f" (target p95 < {P95_TARGET_MS} ms: {'met' if report['p95_target_met'] else 'MISSED'})",
        f"  errors: {total['errors']}; refused by rate limits (429, not errors): "
        f"{report['rate_limited']}",
        f"  writes: {integrity['votes_accepted']} votes accepted "
        f"({integrity['vote_pairs_expected']} participant-clause pairs, "
        f"{integrity['vote_rows']} rows), {integrity['comments_accepted']} comments accepted "
        f"({integrity['comment_rows']} rows)",
        f"  lost votes {integrity['votes_lost']}, duplicated {integrity['votes_duplicated']}, "
        f"unexpected {integrity['votes_unexpected']}, wrong answer "
        f"{integrity['votes_wrong_choice']}; lost comments {integrity['comments_lost']}, "
        f"duplicated {integrity['comments_duplicated']}",
        "  anonymous page cache: "
        + ", ".join(
            f"{name} {c.get('hit', 0)} hits / {sum(c.values())}"
            for name, c in sorted(report["anonymous_page_cache"].items())
        ),
        "",
        f"  {'request':32} {'count':>6} {'err':>4} {'p50':>6} {'p95':>6} {'p99':>6}",
    ]
    for name, row in sorted(report["by_name"].items()):
        lines.append(
            f"  {name:32} {row['requests']:6} {row['errors']:4} {row['p50_ms']:6.0f} "
            f"{row['p95_ms']:6.0f} {row['p99_ms']:6.0f}"
        )
    return "\n".join(lines)


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    for stale in WORK.glob("*"):
        stale.unlink()
    setup = f"from bench.load.seed import seed\nseed({str(SEED)!r}, participants={PARTICIPANTS})\n"
    try:
        with Stack(workers=WORKERS, setup_code=setup) as stack:
            print(f"Load test: database {stack.db}, Redis {stack.redis_url}; seeding...")
            base = stack.start()
            print(f"  gunicorn with {WORKERS} workers at {base}; 60 s of traffic...")
            started = time.monotonic()
            load_before = os.getloadavg()[0]
            locust(base)
            load_after = os.getloadavg()[0]
            duration = round(time.monotonic() - started, 1)
            verified = stack.manage(
                "shell",
                "-c",
                "import json\nfrom bench.load.seed import verify\n"
                f"print(json.dumps(verify({str(SEED)!r}, {str(WRITES)!r})))",
            )
    except StackError as failure:
        print(f"\nLOAD TEST FAILED: {failure}", file=sys.stderr)
        return 1

    stats = read_stats()
    integrity = json.loads(verified.strip().splitlines()[-1])
    writes = json.loads(WRITES.read_text())
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "setup": (
            f"gunicorn {WORKERS} workers, PostgreSQL, Redis, production settings, loopback, "
            f"{os.cpu_count()} CPUs shared with locust"
        ),
        "duration_seconds": duration,
        "machine_load_average": {"before": load_before, "after": load_after},
        "totals": stats["all"],
        "peak_requests_per_second": stats["peak_requests_per_second"],
        "p95_target_ms": P95_TARGET_MS,
        "p95_target_met": stats["all"]["p95_ms"] < P95_TARGET_MS,
        "rate_limited": writes["rate_limited"],
        "anonymous_page_cache": writes["page_cache"],
        "integrity": integrity,
        "by_name": stats["by_name"],
        "failures": failures(),
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(summary(report))
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    bad_writes = sum(
        integrity[key]
        for key in (
            "votes_lost",
            "votes_duplicated",
            "votes_unexpected",
            "votes_wrong_choice",
            "comments_lost",
            "comments_duplicated",
        )
    )
    if stats["all"]["errors"] or bad_writes:
        print("LOAD TEST FAILED: errors or lost/duplicate writes (see above).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
