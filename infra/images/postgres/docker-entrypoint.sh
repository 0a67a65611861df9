#!/bin/sh
# A small stand-in for the official image's entrypoint: initialise PGDATA on first start, then
# run postgres as the postgres user with the arguments given.
set -eu
BIN=/usr/lib/postgresql/15/bin
RUN_AS="setpriv --reuid=postgres --regid=postgres --init-groups"
if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi
shift
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  chown postgres "$pwfile"
  $RUN_AS "$BIN/initdb" -D "$PGDATA" -U "$user" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust >/dev/null
  rm -f "$pwfile"
  # Like the official image: password logins from anywhere (published ports arrive from the bridge).
  echo 'host all all all scram-sha-256' >> "$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    printf 'CREATE DATABASE "%s";\n' "$db" | $RUN_AS "$BIN/postgres" --single -D "$PGDATA" -j postgres >/dev/null
  fi
  echo "loadrig postgres: initialised $PGDATA (user $user, database $db)"
fi
exec $RUN_AS "$BIN/postgres" -D "$PGDATA" -c unix_socket_directories=/var/run/postgresql "$@"
