#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 on a free port and prints
# its DSN on the last line. Usage: dsn=$(.ci/postgres.sh DIR); stop it with
#   runuser -u postgres -- pg_ctl -D DIR/data stop -m fast
# initdb refuses to run as root, so the server runs as the postgres user.
set -euo pipefail
dir=$(realpath -m "${1:?usage: postgres.sh DIR}")
cd / # the postgres user may not enter the caller's directory
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
       /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$dir"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chmod o+x "$(dirname "$dir")"; chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }
echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
