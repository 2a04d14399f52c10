#!/usr/bin/env bash
# Cold start and memory of the packaged app as a Pi would run it: java -Xmx256m -jar, zero-config H2 under a
# temporary directory, Upbit and Gemini played by local stubs in another process, schedule-upbit every 10 s on
# two markets. Reports the time from process start to /actuator/health UP, and the app's RSS (VmRSS) after
# DURATION_SECONDS (600 by default). Goal: RSS ≤ 300 MB. JAVA_OPTS adds JVM options (e.g. -XX:+UseSerialGC).
# RECOMMENDED=1 runs it as the Dockerfile does: the options of jvm.options and MALLOC_ARENA_MAX=2.
# With -XX:NativeMemoryTracking=summary in JAVA_OPTS, the end adds the JVM's own breakdown (jcmd VM.native_memory).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION_SECONDS=${DURATION_SECONDS:-600}
./mvnw -q -B -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
jar=$(ls target/auto-trader-*.jar | grep -v original | head -1)
work=$(mktemp -d)
stubs_log="$work/stubs.log"
: > "$stubs_log"   # exists before the loop below reads it (the stubs open it in the background)
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" com.autotrader.bench.StubUpstreams \
    > "$stubs_log" 2>&1 &
stubs=$!
trap 'kill $stubs ${app:-} 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q TELEGRAM_BASE_URL "$stubs_log" && break; sleep 0.5; done
upbit=$(grep '^UPBIT_BASE_URL=' "$stubs_log" | cut -d= -f2-)
gemini=$(grep '^GEMINI_BASE_URL=' "$stubs_log" | cut -d= -f2-)
opts=(-Xmx256m)
arenas=${MALLOC_ARENA_MAX:-}
if [ "${RECOMMENDED:-0}" = 1 ]; then
  opts+=("@$PWD/jvm.options")
  arenas=2
  echo "JVM options: -Xmx256m $(grep -v '^#' jvm.options | xargs) ${JAVA_OPTS:-} (MALLOC_ARENA_MAX=2)"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
start=$(date +%s.%N)
(cd "$work" && UPBIT_BASE_URL="$upbit" GEMINI_BASE_URL="$gemini" GEMINI_API_KEYS=bench-key GEMINI_MODELS=gemini-bench \
    SERVER_PORT="$port" ANALYSIS_CRON_UPBIT='0/10 * * * * ?' UPBIT_MARKETS=KRW-BTC,KRW-ETH \
    ADMIN_PASSWORD=bench-password-0123 exec env ${arenas:+MALLOC_ARENA_MAX=$arenas} java "${opts[@]}" ${JAVA_OPTS:-} \
    -jar "$OLDPWD/$jar" > "$work/app.log" 2>&1) &
app=$!
for _ in $(seq 1 600); do
  if curl -fs "localhost:$port/actuator/health" | grep -q '"status":"UP"'; then break; fi
  sleep 0.1
done
ready=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
pid=$app   # the subshell exec'd java: same pid
echo "cold start to ready: ${ready} s (pid $pid)"
echo "RSS at ready: $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MB"
sleep "$DURATION_SECONDS"
analyses=$(grep -c "AI analysis complete" "$work/app.log" || true)
echo "after ${DURATION_SECONDS} s of schedules ($analyses analyses): RSS $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MB, peak $(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status) MB"
echo "threads: $(ls /proc/$pid/task | wc -l)"
if [[ "${JAVA_OPTS:-}" == *NativeMemoryTracking* ]]; then
  # committed MB by category (Class = class space, Metaspace = the rest of class metadata)
  jcmd "$pid" VM.native_memory summary | awk '/^Total/ || /^-/ { line = $0; sub(/^- */, "", line);
    name = line; sub(/ \(.*/, "", name); sub(/:.*/, "", name); match(line, /committed=[0-9]+KB/);
    kb = substr(line, RSTART + 10, RLENGTH - 12) + 0; if (kb >= 1024) printf "NMT %s: %d MB\n", name, kb / 1024 }'
fi
