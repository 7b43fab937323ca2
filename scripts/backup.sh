#!/usr/bin/env bash
# make backup: a PostgreSQL custom-format dump and the uploaded media, in one timestamped
# folder, with checksums. See docs/deploy.md, "Backups you can restore".
#
#   DATABASE_URL  the database to dump (required)
#   BACKUP_DIR    where backup folders go, default var/backups
#   MEDIA_DIR     the uploaded media (MEDIA_ROOT), default var/media
#   PG_BIN        folder of pg_dump, if not the one on PATH
#
# Prints the new folder's path on its last line.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
backup_dir="${BACKUP_DIR:-var/backups}"
media_dir="${MEDIA_DIR:-var/media}"
pg_dump="${PG_BIN:+$PG_BIN/}pg_dump"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$backup_dir/coproduce-$stamp"
mkdir -p "$target"
# Dumps hold participants' email addresses: readable by their owner only.
chmod 700 "$target"

"$pg_dump" --format=custom --no-owner --no-acl --file="$target/database.dump" "$DATABASE_URL"
if [ -d "$media_dir" ]; then
    tar -C "$media_dir" -czf "$target/media.tar.gz" .
else
    tar -czf "$target/media.tar.gz" --files-from /dev/null
fi
(cd "$target" && sha256sum database.dump media.tar.gz > SHA256SUMS)
echo "$target"
