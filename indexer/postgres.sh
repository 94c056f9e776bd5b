#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server on 127.0.0.1 (initdb + pg_ctl; Debian's `postgresql` package
# or the binaries on PATH, installed from apt when missing), with INDEXER_TEST_DATABASE_URL set, then stops the server
# and removes its data, whether the command passed or not. Usage: indexer/postgres.sh <command...>
set -euo pipefail

bin_dir=""
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  bin_dir="$(dirname "$(command -v initdb)")"
else
  bin_dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$bin_dir" ]; then
    echo "::: PostgreSQL not found: installing it from apt"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin_dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
fi

data="$(mktemp -d)"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user (created by the package).
as_owner=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$data"
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bin_dir/initdb" -D "$data/db" -U rails --auth=trust -E UTF8 >/dev/null
"${as_owner[@]}" "$bin_dir/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data" start >/dev/null
stop() {
  "${as_owner[@]}" "$bin_dir/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null || true
  rm -rf "$data"
}
trap stop EXIT
echo "::: PostgreSQL $("$bin_dir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
INDEXER_TEST_DATABASE_URL="postgresql://rails@127.0.0.1:$port/postgres" "$@"
