#!/usr/bin/env bash
# Make sure the test suite's PostgreSQL and Redis are reachable; never skip them silently.
# Order: TEST_DATABASE_URL / TEST_REDIS_URL when set; else the local servers (started if their
# binaries exist); else the Debian packages installed (as root); else fail, saying what to install.
set -euo pipefail

PG_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}"
REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
PY="${PYTHON:-.venv/bin/python}"

pg_ok() { "$PY" - "$PG_URL" <<'PY' >/dev/null 2>&1
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
}
redis_ok() { "$PY" - "$REDIS_URL" <<'PY' >/dev/null 2>&1
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()
PY
}
as_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  as_root || { echo "ensure-services: cannot install $* (not root). Install the Debian packages: $*" >&2; exit 1; }
  echo "ensure-services: installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
wait_for() { for _ in $(seq 1 30); do "$1" && return 0; sleep 1; done; return 1; }

ensure_postgres() {
  pg_ok && return 0
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    echo "ensure-services: TEST_DATABASE_URL=$TEST_DATABASE_URL is not reachable" >&2; exit 1
  fi
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  [ -n "$version" ] || { pg_createcluster --start 15 main || true; version=$(ls /etc/postgresql | sort -V | tail -1); }
  echo "ensure-services: starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  # Trust auth on loopback and a `test` database, as the suite expects.
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -q "asabot-test" "$hba" 2>/dev/null; then
    sed -i '1i host all all 127.0.0.1/32 trust # asabot-test\nhost all all ::1/128 trust # asabot-test' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true
  fi
  su postgres -c "psql -tc \"SELECT 1 FROM pg_database WHERE datname='test'\"" | grep -q 1 \
    || su postgres -c "createdb test"
  wait_for pg_ok || { echo "ensure-services: PostgreSQL did not come up at $PG_URL" >&2; exit 1; }
}

ensure_redis() {
  redis_ok && return 0
  if [ -n "${TEST_REDIS_URL:-}" ]; then
    echo "ensure-services: TEST_REDIS_URL=$TEST_REDIS_URL is not reachable" >&2; exit 1
  fi
  command -v redis-server >/dev/null || apt_install redis-server
  echo "ensure-services: starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for redis_ok || { echo "ensure-services: Redis did not come up at $REDIS_URL" >&2; exit 1; }
}

ensure_postgres
ensure_redis
echo "ensure-services: PostgreSQL and Redis are reachable"
