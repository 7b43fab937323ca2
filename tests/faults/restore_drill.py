"""The restore drill (issue 20, item 6): `scripts/backup.sh` dumps a database, and
`scripts/restore.sh` restores it into a fresh one; the two must hold the same rows. Run by
`make faults` on the stack's database after the fault checks have written to it, and on its
own by `make restore-drill` against any PostgreSQL server."""

import hashlib
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench.load.stack import ROOT

# What people wrote and decided: each table's row count and a checksum of every row.
TABLES = (
    "consultation_vote",
    "django_comments",
    "consultation_guidancecomment",
    "consultation_feedbackresponse",
    "consultation_guidanceversion",
    "consultation_clausesnapshot",
    "consultation_participant",
)
FINGERPRINT = (
    "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
    " FROM {} t"
)


def fingerprints(sql) -> dict[str, str]:
    return {table: sql(FINGERPRINT.format(table)) for table in TABLES}


def media_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_script(name: str, env: dict) -> str:
    done = subprocess.run(
        [str(ROOT / "scripts" / name)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if done.returncode != 0:
        raise RuntimeError(f"scripts/{name} failed: {done.stderr.strip()[-1500:]}")
    return done.stdout


def drill(*, server_url: str, database: str, sql_on, env=None) -> tuple[dict, dict, str, float]:
    """Back `database` up, restore it into `<database>_restored`, return both fingerprints
    (table -> "count md5"), the backup folder and the seconds the restore took.
    `sql_on(db, query)` runs a query."""
    env = {**os.environ, **(env or {})}
    restored = f"{database}_restored"
    with tempfile.TemporaryDirectory(prefix="coproduce-restore-drill-") as folder:
        backup = (
            run_script(
                "backup.sh",
                {**env, "DATABASE_URL": f"{server_url}/{database}", "BACKUP_DIR": folder},
            )
            .strip()
            .splitlines()[-1]
        )
        sql_on("postgres", f'DROP DATABASE IF EXISTS "{restored}"')
        sql_on("postgres", f'CREATE DATABASE "{restored}"')
        media = Path(folder) / "restored-media"
        try:
            started = time.monotonic()
            run_script(
                "restore.sh",
                {
                    **env,
                    "BACKUP": backup,
                    "DATABASE_URL": f"{server_url}/{restored}",
                    "MEDIA_DIR": str(media),
                },
            )
            restore_seconds = time.monotonic() - started
            before = fingerprints(lambda q: sql_on(database, q))
            after = fingerprints(lambda q: sql_on(restored, q))
            source_media = ROOT / "var" / "media"
            if source_media.is_dir():
                before["media files"] = media_fingerprint(source_media)
                after["media files"] = media_fingerprint(media)
        finally:
            sql_on("postgres", f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
    return before, after, Path(backup).name, restore_seconds
