#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on 127.0.0.1 for the test suite: start them when
# they are installed but stopped; otherwise say exactly what to install.
set -u
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

pg_up() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

if ! command -v pg_isready >/dev/null; then
  echo "PostgreSQL is not installed. Install it with: apt-get install postgresql" >&2
  exit 1
fi
if ! pg_up; then
  echo "PostgreSQL is not answering on $PG_HOST:$PG_PORT; starting it."
  if command -v pg_ctlcluster >/dev/null; then
    for version in $(ls /etc/postgresql 2>/dev/null); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    done
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL did not start. Check: pg_lsclusters" >&2; exit 1; }
fi

if ! command -v redis-cli >/dev/null; then
  echo "Redis is not installed. Install it with: apt-get install redis-server" >&2
  exit 1
fi
if ! redis_up; then
  echo "Redis is not answering on 127.0.0.1:$REDIS_PORT; starting it."
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" \
    --appendonly no --dir /tmp --logfile /tmp/xicheng-redis.log
  for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
  redis_up || { echo "Redis did not start. See /tmp/xicheng-redis.log" >&2; exit 1; }
fi
echo "PostgreSQL and Redis are up."
