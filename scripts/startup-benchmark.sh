#!/usr/bin/env bash
# Measures the time from `java -jar target/yiwang.jar` to a usable login page (HTTP 200 on /login):
# first start on an empty data directory (creates the embedded database and the demo county), then
# later starts on the same data. Usage: scripts/startup-benchmark.sh [later-start-runs]   (build the jar first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=target/yiwang.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work=$(mktemp -d)
port=18765
pid=""
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

start_and_time() {
  local started now
  started=$(date +%s.%N)
  (cd "$work" && exec "$java_bin" -jar "$OLDPWD/$jar" --server.port=$port > "$work/run.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login")" = "200" ]; then
      now=$(date +%s.%N)
      echo "$now - $started" | bc
      kill "$pid"; wait "$pid" 2>/dev/null || true
      return 0
    fi
    sleep 0.1
  done
  echo "did not start within 120 s; see $work/run.log" >&2
  return 1
}

echo "first start (empty ./data, demo county created): $(start_and_time) s"
for i in $(seq 1 "$runs"); do
  echo "later start $i: $(start_and_time) s"
done
