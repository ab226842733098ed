#!/usr/bin/env bash
# `make test-clocks`: the suite at each of TEST_CLOCKS, TEST_CLOCKS_JOBS at a time.
# Each instant gets its own database (<name>_clock<N>) and Redis database (the test one
# minus N), so runs side by side never share a row or a key; its output goes to
# var/test-clocks/<N>.log and is printed when it ends. Exits non-zero if any run failed.
set -u
cd "$(dirname "$0")/.."
clocks=(${TEST_CLOCKS:?})
jobs=${TEST_CLOCKS_JOBS:-2}
db_url=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/xicheng}
redis_url=${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
pytest=${PYTEST:-.venv/bin/pytest}
logs=var/test-clocks
mkdir -p "$logs"

# The URLs of run N: the database name with a suffix, the Redis database number below.
urls() {
  python3 - "$db_url" "$redis_url" "$1" <<'PY'
import sys
from urllib.parse import urlsplit, urlunsplit
db, cache, n = urlsplit(sys.argv[1]), urlsplit(sys.argv[2]), int(sys.argv[3])
name = db.path.lstrip("/") or "xicheng"
number = int(cache.path.lstrip("/") or 0)
print(urlunsplit(db._replace(path=f"/{name}_clock{n}")),
      urlunsplit(cache._replace(path=f"/{(number - n) % 16}")))
PY
}

run() {
  local n=$1 clock=$2 db redis
  read -r db redis < <(urls "$n")
  TZ=${TEST_CLOCKS_TZ:-America/Los_Angeles} DATABASE_URL=$db REDIS_URL=$redis \
    $pytest -q -p no:cacheprovider -m "not browser and not fuzz" --create-db \
    --clock="$clock" ${PYTEST_ARGS:-} >"$logs/$n.log" 2>&1
  local status=$?
  echo "make test-clocks: the suite at $clock (exit $status)"
  cat "$logs/$n.log"
  return $status
}

failed=0
running=0
for i in "${!clocks[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  echo "make test-clocks: starting the suite at ${clocks[$i]}"
  run "$((i + 1))" "${clocks[$i]}" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
exit $failed
