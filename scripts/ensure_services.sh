#!/usr/bin/env bash
# Make sure the PostgreSQL and Redis of the test suite answer: start them when they are
# installed here but stopped; otherwise say exactly what to install.
# Reads TEST_DATABASE_URL and TEST_REDIS_URL (the Makefile passes its defaults).
set -u
db_url=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/xicheng}
redis_url=${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
read -r PG_HOST PG_PORT REDIS_HOST REDIS_PORT < <(python3 - "$db_url" "$redis_url" <<'PY'
import sys
from urllib.parse import urlsplit
db, cache = urlsplit(sys.argv[1]), urlsplit(sys.argv[2])
print(db.hostname or "127.0.0.1", db.port or 5432, cache.hostname or "127.0.0.1", cache.port or 6379)
PY
)
local_host() { [ "$1" = 127.0.0.1 ] || [ "$1" = localhost ] || [ "$1" = ::1 ]; }

pg_up() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }
redis_up() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

if ! command -v pg_isready >/dev/null; then
  echo "PostgreSQL client tools are missing. Install PostgreSQL with: apt-get install postgresql" >&2
  exit 1
fi
if ! pg_up; then
  if local_host "$PG_HOST" && command -v pg_ctlcluster >/dev/null; then
    echo "PostgreSQL is not answering on $PG_HOST:$PG_PORT; starting it."
    for version in $(ls /etc/postgresql 2>/dev/null); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    done
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  pg_up || {
    echo "PostgreSQL does not answer on $PG_HOST:$PG_PORT. Install it (apt-get install postgresql)" \
         "or set TEST_DATABASE_URL to a server you can reach." >&2
    exit 1
  }
fi

if ! command -v redis-cli >/dev/null; then
  echo "Redis is missing. Install it with: apt-get install redis-server" >&2
  exit 1
fi
if ! redis_up; then
  if local_host "$REDIS_HOST" && command -v redis-server >/dev/null; then
    echo "Redis is not answering on $REDIS_HOST:$REDIS_PORT; starting it."
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" \
      --appendonly no --dir /tmp --logfile /tmp/xicheng-redis.log
    for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
  fi
  redis_up || {
    echo "Redis does not answer on $REDIS_HOST:$REDIS_PORT. Install it (apt-get install" \
         "redis-server) or set TEST_REDIS_URL to a server you can reach." >&2
    exit 1
  }
fi
echo "PostgreSQL ($PG_HOST:$PG_PORT) and Redis ($REDIS_HOST:$REDIS_PORT) are up."
