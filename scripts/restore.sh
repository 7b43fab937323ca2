#!/usr/bin/env bash
# make restore BACKUP=var/backups/coproduce-<stamp>: a backup made by scripts/backup.sh into a
# fresh, empty database, and its media into an empty media folder. Refuses to restore over
# anything: a restore that merged into live data could not be told apart from it.
#
#   BACKUP        the backup folder (required)
#   DATABASE_URL  the empty database to restore into (required; create it first)
#   MEDIA_DIR     where the media go (must be empty or missing), default var/media
#   PG_BIN        folder of pg_restore and psql, if not the ones on PATH
set -euo pipefail
: "${BACKUP:?set BACKUP to a folder made by make backup}"
: "${DATABASE_URL:?set DATABASE_URL to the fresh database to restore into}"
media_dir="${MEDIA_DIR:-var/media}"
bin="${PG_BIN:+$PG_BIN/}"

(cd "$BACKUP" && sha256sum --check --quiet SHA256SUMS)

tables="$("${bin}psql" --no-psqlrc --tuples-only --no-align --dbname="$DATABASE_URL" \
    --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
    echo "restore: the target database already has $tables tables; restore into a fresh one" >&2
    exit 1
fi
if [ -d "$media_dir" ] && [ -n "$(ls -A "$media_dir")" ]; then
    echo "restore: $media_dir is not empty; point MEDIA_DIR at an empty folder" >&2
    exit 1
fi

"${bin}pg_restore" --no-owner --no-acl --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$BACKUP/database.dump"
mkdir -p "$media_dir"
tar -C "$media_dir" -xzf "$BACKUP/media.tar.gz"
echo "restored $BACKUP into the database and $media_dir"
