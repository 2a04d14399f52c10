#!/usr/bin/env bash
# Alert latency and storm benchmark (see AlertBenchmark). Starts the whole app against embedded PostgreSQL,
# embedded Redis and a WireMock Telegram on loopback; prints one line per measurement.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
log=target/bench-alerts.log
if java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    com.autotrader.bench.AlertBenchmark > "$log" 2>&1; then
  grep -E '^(latency|storm):' "$log"
else
  tail -40 "$log"
  exit 1
fi
