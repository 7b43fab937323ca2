"""`make bench` (after bench.run): how many requests a second the production stack serves.

Builds the stack of bench/load/stack.py (gunicorn with 4 sync workers, PostgreSQL, Redis,
the demo, 2,000 signed-in participants with sessions made ahead), then drives it with
Debian's `wrk` (32 connections, Lua scripts in bench/load/wrk/) one target at a time: a
static file, anonymous cached pages, signed-in pages (each request another person), and
vote and comment POSTs for 30 s each. For each: requests/s, p50, p99 and the share of the
static file's rate (the figure to compare across machines; absolute rates depend on what
else the machine runs). Then it checks the database: every accepted POST's row exactly
once (each vote on its own participant and clause, each comment with its own number;
wrk stops with up to one request in flight per connection, which the server may still
write, so rows may exceed what wrk counted as accepted by at most the connections).

Writes "capacity" into bench/results.json and its section into bench/results.md, with the
machine's load average. Exits non-zero on a request error or a lost or duplicated row.
Run from the project root: `python -m bench.load.capacity` (CAPACITY_SECONDS shortens the
GET runs, default 10).
"""

import json
import os
import re
import secrets
import shutil
import string
import subprocess
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench.load.stack import Stack, StackError

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "var" / "capacity"
SEED = WORK / "seed.json"
SESSIONS = WORK / "sessions.txt"
RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "results.md"
SCRIPTS = ROOT / "bench" / "load" / "wrk"
PARTICIPANTS = 2000
CONNECTIONS = 32
THREADS = 2
GET_SECONDS = int(os.environ.get("CAPACITY_SECONDS", "10"))
POST_SECONDS = 30
SHARE_TARGET = 0.25
P99_TARGET_MS = 300
POSTS_PER_SECOND_TARGET = 100
MARK = "## Capacity on the production stack"

VERIFY = """
import json
from consultation.accounts.models import Participant
from consultation.discussion.models import GuidanceComment
from consultation.voting.models import Vote
from django.db.models import Count
ours = Participant.objects.filter(user__email__endswith="load.coproduce.invalid")
votes = Vote.objects.filter(participant__in=ours)
pairs = votes.values("participant", "snapshot").annotate(n=Count("pk")).filter(n__gt=1).count()
texts = list(GuidanceComment.objects.filter(comment__startswith="Capacity check RUN-")
             .values_list("comment", flat=True))
print(json.dumps({"vote_rows": votes.count(), "vote_pairs_twice": pairs,
                  "comment_rows": len(texts), "comment_texts": len(set(texts))}))
"""


def wrk(url: str, script: str, seconds: int, env: dict) -> dict:
    result = subprocess.run(
        [
            "wrk",
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(SCRIPTS / script),
            url,
        ],
        env={**os.environ, "WRK_THREADS": str(THREADS), **env},
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    found = re.search(r"^WRK_JSON (.*)$", result.stdout, re.M)
    if result.returncode != 0 or not found:
        raise StackError(f"wrk failed on {url}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    raw = json.loads(found.group(1))
    seconds_run = raw["duration_us"] / 1e6
    figures = {
        "requests": raw["requests"],
        "requests_per_second": round(raw["requests"] / seconds_run, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "errors": raw["socket_errors"] + raw["http_errors"],
    }
    for key in ("accepted", "refused"):
        if key in raw:
            figures[key] = raw[key]
    return figures


def fetch(url: str, cookie: str = "") -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def _write_sessions(seeded: dict) -> list[str]:
    lines, cookies = [], []
    for account in seeded["accounts"]:
        csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        lines.append(f"{account['session']} {csrf}")
        cookies.append(f"sessionid={account['session']}; csrftoken={csrf}")
    SESSIONS.write_text("\n".join(lines) + "\n")
    return cookies


def measure(base: str, seeded: dict) -> dict:
    cookies = _write_sessions(seeded)
    page = seeded["page"]
    clauses = seeded["clauses"]
    home = fetch(base + "/")
    static = re.search(r'href="(/static/css/site[^"]*\.css)"', home).group(1)
    discussion = f"{page}clauses/{clauses[0]}/discussion/"
    gets = {
        "static file": (static, False),
        "guidance page, anonymous (cached)": (page, False),
        "results, anonymous (cached)": (page + "results/", False),
        "guidance page, signed in": (page, True),
        "clause discussion, signed in": (discussion, True),
        "results, signed in": (page + "results/", True),
        "you said, we did, signed in": (page + "feedback/", True),
    }
    # Warm every cache the way the first readers would.
    for path, signed_in in gets.values():
        for cookie in cookies[:3] if signed_in else [""]:
            fetch(base + path, cookie)
    runs = {}
    for name, (path, signed_in) in gets.items():
        env = {"WRK_PATH": path, "WRK_SESSIONS": str(SESSIONS) if signed_in else ""}
        runs[name] = wrk(base + path, "get.lua", GET_SECONDS, env)
        print(f"  {name}: {runs[name]['requests_per_second']} req/s", flush=True)
    run_id = secrets.token_hex(4)
    for kind in ("vote", "comment"):
        env = {
            "WRK_KIND": kind,
            "WRK_PAGE": page,
            "WRK_VERSION": str(seeded["versions"]),
            "WRK_CLAUSES": ",".join(clauses),
            "WRK_SESSIONS": str(SESSIONS),
            "WRK_RUN": run_id,
        }
        name = f"{kind} POSTs"
        runs[name] = wrk(base + page, "post.lua", POST_SECONDS, env)
        print(f"  {name}: {runs[name]['requests_per_second']} req/s", flush=True)
    static_rate = runs["static file"]["requests_per_second"]
    for figures in runs.values():
        figures["share_of_static"] = round(figures["requests_per_second"] / static_rate, 3)
    return {"runs": runs, "run_id": run_id}


def targets(runs: dict, integrity: dict) -> list[dict]:
    checks = []
    for name, figures in runs.items():
        if "signed in" in name and "you said" not in name:
            checks.append(
                {
                    "name": f"{name}: share of the static file",
                    "value": figures["share_of_static"],
                    "target": f">= {SHARE_TARGET}",
                    "met": figures["share_of_static"] >= SHARE_TARGET,
                }
            )
            checks.append(
                {
                    "name": f"{name}: p99 ms",
                    "value": figures["p99_ms"],
                    "target": f"< {P99_TARGET_MS}",
                    "met": figures["p99_ms"] < P99_TARGET_MS,
                }
            )
        if "POSTs" in name:
            checks.append(
                {
                    "name": f"{name}: requests/s for {POST_SECONDS} s, errors",
                    "value": f"{figures['requests_per_second']}, {figures['errors']}",
                    "target": f">= {POSTS_PER_SECOND_TARGET}, 0",
                    "met": figures["requests_per_second"] >= POSTS_PER_SECOND_TARGET
                    and figures["errors"] == 0
                    and figures["refused"] == 0,
                }
            )
    checks.append(
        {
            "name": "every accepted POST's row exactly once",
            "value": (
                f"votes {integrity['vote_rows']}/{runs['vote POSTs']['accepted']}, "
                f"comments {integrity['comment_rows']}/{runs['comment POSTs']['accepted']}"
            ),
            "target": f"accepted <= rows <= accepted + {CONNECTIONS} in flight, none twice",
            "met": integrity["exact"],
        }
    )
    return checks


def markdown(capacity: dict) -> str:
    load = capacity["load_average"]
    lines = [
        MARK,
        "",
        f"{capacity['measured_at']}: {capacity['setup']}. Load average (1, 5, 15 min) "
        f"{load['start']} at the start, {load['end']} at the end: other work on the machine "
        "lowers every rate, so compare the shares, which are measured side by side.",
        "",
        "| target | requests/s | p50 ms | p99 ms | errors | share of the static file |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, f in capacity["runs"].items():
        lines.append(
            f"| {name} | {f['requests_per_second']:,} | {f['p50_ms']} | {f['p99_ms']} "
            f"| {f['errors']} | {f['share_of_static']:.0%} |"
        )
    lines += ["", "| check | value | wanted | |", "|---|---|---|---|"]
    for check in capacity["targets"]:
        mark = "met" if check["met"] else "MISSED"
        lines.append(f"| {check['name']} | {check['value']} | {check['target']} | {mark} |")
    return "\n".join(lines) + "\n"


def write(capacity: dict) -> None:
    results = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    results["capacity"] = capacity
    RESULTS_JSON.write_text(json.dumps(results, indent=2) + "\n")
    text = RESULTS_MD.read_text() if RESULTS_MD.exists() else "# Coproduce bench\n"
    text = text.split(MARK)[0].rstrip("\n") + "\n\n" + markdown(capacity)
    RESULTS_MD.write_text(text)


def main() -> int:
    if shutil.which("wrk") is None:
        print("The capacity benchmark needs wrk (apt-get install wrk).", file=sys.stderr)
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    setup = f"from bench.load.seed import seed\nseed({str(SEED)!r}, participants={PARTICIPANTS})\n"
    load_start = [round(x, 2) for x in os.getloadavg()]
    try:
        with Stack(workers=4, setup_code=setup) as stack:
            print(f"Capacity: database {stack.db}, Redis {stack.redis_url}", flush=True)
            base = stack.start()
            seeded = json.loads(SEED.read_text())
            measured = measure(base, seeded)
            verified = stack.manage("shell", "-c", VERIFY.replace("RUN", measured["run_id"]))
    except StackError as failure:
        print(f"\nCAPACITY BENCHMARK FAILED: {failure}", file=sys.stderr)
        return 1
    runs = measured["runs"]
    integrity = json.loads(verified.strip().splitlines()[-1])
    # wrk stops with up to one request in flight per connection: the server may still
    # write those, so a kind's rows are between what wrk saw accepted and that plus the
    # connections. Every request has its own row key, so a row twice is a duplicate.
    integrity["exact"] = all(
        runs[name]["accepted"] <= rows <= runs[name]["accepted"] + CONNECTIONS
        for name, rows in (
            ("vote POSTs", integrity["vote_rows"]),
            ("comment POSTs", integrity["comment_rows"]),
        )
    ) and (
        integrity["vote_pairs_twice"] == 0
        and integrity["comment_texts"] == integrity["comment_rows"]
    )
    capacity = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "setup": (
            f"gunicorn 4 sync workers, PostgreSQL, Redis, production settings, loopback; wrk "
            f"{THREADS} threads, {CONNECTIONS} connections, {GET_SECONDS} s per page, "
            f"{POST_SECONDS} s per kind of POST; {os.cpu_count()} CPUs shared with wrk"
        ),
        "load_average": {"start": load_start, "end": [round(x, 2) for x in os.getloadavg()]},
        "runs": runs,
        "integrity": integrity,
        "targets": targets(runs, integrity),
    }
    write(capacity)
    print(markdown(capacity))
    errors = sum(f["errors"] for f in runs.values())
    return 0 if integrity["exact"] and errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
