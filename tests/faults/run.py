"""`make faults`: break the production stack in each way issue 20 names and check that the
site degrades, recovers and loses nothing. Prints a table; exits 1 if any check failed.

Everything runs on servers of its own, on spare loopback ports: a PostgreSQL cluster made
with initdb in a temporary folder (and a streaming replica of it), a Redis server, an SMTP
sink, gunicorn and the task worker. The machine's shared PostgreSQL and Redis are never
touched. Bounded: FAULTS_LIMIT_SECONDS (default 420); whatever happens, every server is
stopped and every folder removed.
"""

import os
import signal
import sys
import time
import traceback

from tests.faults import checks
from tests.faults.restore_drill import drill
from tests.faults.servers import PG_BIN, PostgresCluster, RedisServer, SmtpSink
from tests.faults.stack import FaultStack

LIMIT_SECONDS = int(os.environ.get("FAULTS_LIMIT_SECONDS", "420"))


class OutOfTime(Exception):
    pass


def on_timeout(signum, frame):
    raise OutOfTime(f"the fault checks took longer than {LIMIT_SECONDS} s")


def attempt(rows, fault: str, check, *args):
    print(f"\n== {fault}", flush=True)
    try:
        rows.append(check(*args))
    except OutOfTime:
        raise
    except Exception as error:
        traceback.print_exc()
        row = checks.Row(fault)
        row.writes = f"FAILED: {error}"
        rows.append(row)


def restore_drill(stack: FaultStack, postgres: PostgresCluster) -> checks.Row:
    row = checks.Row("backup, restore into a fresh database")
    before, after, name, seconds = drill(
        server_url=postgres.url,
        database=stack.db,
        sql_on=lambda db, query: postgres.psql(query, db),
        env={"PG_BIN": str(PG_BIN)},
    )
    for table in before:
        checks.check(
            before[table] == after[table],
            f"{table}: {before[table].split()[0] if ' ' in before[table] else 'same'} rows,"
            f" checksums {'match' if before[table] == after[table] else 'DIFFER'}",
        )
    row.writes = (
        f"{len(before)} tables compared, counts and checksums match; restored in {seconds:.1f} s"
    )
    row.passed = True
    return row


def table(rows) -> str:
    head = ("fault", "pages tried", "status codes seen", "writes checked", "result")
    body = [
        (r.fault, str(r.pages), r.codes() or "-", r.writes, "pass" if r.passed else "FAIL")
        for r in rows
    ]
    widths = [max(len(line[i]) for line in (head, *body)) for i in range(len(head))]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(head), rule, *(line(cells) for cells in body)])


def main() -> int:
    previous = signal.signal(signal.SIGALRM, on_timeout)
    signal.alarm(LIMIT_SECONDS)
    started = time.monotonic()
    rows: list[checks.Row] = []
    try:
        with PostgresCluster() as postgres, RedisServer() as redis, SmtpSink() as smtp:
            print(f"Own PostgreSQL on {postgres.port}, Redis {redis.port}, SMTP sink {smtp.port}")
            with FaultStack(postgres=postgres, redis=redis, smtp_port=smtp.port) as stack:
                base = stack.start()
                server = stack.servers[-1]
                stack.worker_start()
                print(
                    f"gunicorn (2 workers) at {base}; set up in {time.monotonic() - started:.0f} s"
                )
                attempt(rows, "Redis", checks.redis_down, stack, redis, base)
                attempt(rows, "PostgreSQL", checks.postgres_down, stack, postgres, base)
                attempt(rows, "Both", checks.both_down, stack, redis, postgres, base)
                attempt(rows, "Task worker", checks.worker_stopped, stack, smtp, base)
                attempt(rows, "Worker killed", checks.worker_killed, stack, server, base)
                attempt(rows, "Read replica", checks.read_replica, stack, postgres)
                attempt(rows, "Restore drill", restore_drill, stack, postgres)
    except OutOfTime as error:
        print(f"\nStopped: {error}", file=sys.stderr)
        rows.append(checks.Row("(time limit)", writes=str(error)))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    print(f"\nFault checks ({time.monotonic() - started:.0f} s):\n")
    print(table(rows))
    return 0 if rows and all(row.passed for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
