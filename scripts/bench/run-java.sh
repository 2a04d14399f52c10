#!/usr/bin/env bash
# Runs one benchmark main class from src/test/java/com/autotrader/bench against the compiled app, with the
# test classpath (embedded PostgreSQL and Redis, WireMock). Prints the lines the benchmark reports; on
# failure, the end of its log.
set -euo pipefail
cd "$(dirname "$0")/../.."
class="$1"
pattern="$2"
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
log="target/bench-${class##*.}.log"
if java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$class" > "$log" 2>&1; then
  grep -E "$pattern" "$log"
else
  tail -40 "$log"
  exit 1
fi
