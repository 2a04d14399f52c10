#!/usr/bin/env bash
# Smoke test for a running Grafana stack (docker-compose.monitoring-rpi.yml), from the host that runs it:
#   GRAFANA_ADMIN_PASSWORD=… bash scripts/test-monitoring-stack.sh
#
# Checks, each retried until the stack has had time to start:
#   1. the containers run, and those with a healthcheck are healthy (only when the docker CLI can see them)
#   2. every service answers its health URL: Grafana /api/health, Prometheus /-/ready, Loki /ready,
#      Tempo /ready, the collector's health_check extension (:13133)
#   3. the OTLP ports 4317 (gRPC) and 4318 (HTTP) accept TCP connections
#   4. Grafana lists the datasources prometheus, tempo and loki, and each passes Grafana's own health check
#   5. the data paths work end to end: a span sent to the collector over OTLP/HTTP can be fetched from Tempo,
#      Tempo's span metrics for it reach Prometheus (remote write), and promtail's container logs are in Loki
# Prints one PASS / FAIL / SKIP line per check and exits 1 if any check failed.
#
# Settings (environment):
#   GRAFANA_ADMIN_PASSWORD  required for step 4 (read from ./.env when unset, as Compose does)
#   GRAFANA_ADMIN_USER      default admin
#   WAIT_SECONDS            how long the stack may take to become ready, default 180
#   ROUNDTRIP_SECONDS       how long the end-to-end checks (step 5) may take together, default 90
#   INTERVAL_SECONDS        pause between tries, default 5
#   GRAFANA_URL PROMETHEUS_URL LOKI_URL TEMPO_URL COLLECTOR_HEALTH_URL OTLP_HOST OTLP_HTTP_URL
#                           defaults http://localhost:3000, :9090, :3100, :3200, http://localhost:13133/,
#                           localhost, http://localhost:4318
# Needs bash, curl, and GNU or BSD coreutils; docker is optional.

set -uo pipefail

usage() {
  sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
}
case "${1:-}" in
  -h | --help)
    usage
    exit 0
    ;;
  "") ;;
  *)
    echo "unknown argument: $1 (try --help)" >&2
    exit 2
    ;;
esac

GRAFANA_URL="${GRAFANA_URL:-http://localhost:3000}"
PROMETHEUS_URL="${PROMETHEUS_URL:-http://localhost:9090}"
LOKI_URL="${LOKI_URL:-http://localhost:3100}"
TEMPO_URL="${TEMPO_URL:-http://localhost:3200}"
COLLECTOR_HEALTH_URL="${COLLECTOR_HEALTH_URL:-http://localhost:13133/}"
OTLP_HOST="${OTLP_HOST:-localhost}"
OTLP_HTTP_URL="${OTLP_HTTP_URL:-http://${OTLP_HOST}:4318}"
GRAFANA_ADMIN_USER="${GRAFANA_ADMIN_USER:-admin}"
WAIT_SECONDS="${WAIT_SECONDS:-180}"
ROUNDTRIP_SECONDS="${ROUNDTRIP_SECONDS:-90}"
INTERVAL_SECONDS="${INTERVAL_SECONDS:-5}"

# the compose file's container names
CONTAINERS=(otel-collector tempo loki promtail prometheus grafana)
DATASOURCE_UIDS=(prometheus tempo loki)

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Compose reads .env for ${GRAFANA_ADMIN_PASSWORD}; do the same so a local run needs no export
if [[ -z "${GRAFANA_ADMIN_PASSWORD:-}" && -f "$ROOT_DIR/.env" ]]; then
  line="$(grep -E '^[[:space:]]*GRAFANA_ADMIN_PASSWORD=' "$ROOT_DIR/.env" | tail -n 1 || true)"
  if [[ -n "$line" ]]; then
    value="${line#*=}"
    value="${value%\"}"
    value="${value#\"}"
    value="${value%\'}"
    value="${value#\'}"
    GRAFANA_ADMIN_PASSWORD="$value"
  fi
fi

if ! command -v curl >/dev/null 2>&1; then
  echo "FAIL  curl is required" >&2
  exit 1
fi

if [[ -t 1 ]]; then
  GREEN=$'\033[32m' RED=$'\033[31m' YELLOW=$'\033[33m' RESET=$'\033[0m'
else
  GREEN='' RED='' YELLOW='' RESET=''
fi

passed=0
failed=0
skipped=0
LAST_OUTPUT=""

pass() {
  passed=$((passed + 1))
  printf '%sPASS%s  %s\n' "$GREEN" "$RESET" "$1"
}

fail() {
  failed=$((failed + 1))
  printf '%sFAIL%s  %s\n' "$RED" "$RESET" "$1"
  if [[ -n "${2:-}" ]]; then
    printf '      %s\n' "$(printf '%s' "$2" | tr '\n' ' ' | cut -c1-300)"
  fi
}

skip() {
  skipped=$((skipped + 1))
  printf '%sSKIP%s  %s\n' "$YELLOW" "$RESET" "$1"
}

now() {
  date +%s
}

# check DEADLINE DESCRIPTION COMMAND [ARGS…]: runs the command until it succeeds or the deadline (epoch
# seconds) has passed; it is always tried at least once. The command's output is kept for the FAIL line.
check() {
  local deadline="$1" description="$2"
  shift 2
  while true; do
    if LAST_OUTPUT="$("$@" 2>&1)"; then
      pass "$description"
      return 0
    fi
    if (($(now) + INTERVAL_SECONDS > deadline)); then
      fail "$description" "$LAST_OUTPUT"
      return 1
    fi
    sleep "$INTERVAL_SECONDS"
  done
}

# --- probes: succeed (exit 0) or print why not ----------------------------------------------------------

http_ok() {
  curl -fsS -o /dev/null --max-time 5 "$1"
}

tcp_open() {
  local host="$1" port="$2"
  if command -v timeout >/dev/null 2>&1; then
    timeout 5 bash -c "exec 3<>/dev/tcp/${host}/${port}" 2>/dev/null || {
      echo "nothing accepts connections on ${host}:${port}"
      return 1
    }
  else
    (exec 3<>"/dev/tcp/${host}/${port}") 2>/dev/null || {
      echo "nothing accepts connections on ${host}:${port}"
      return 1
    }
  fi
}

grafana_get() {
  curl -fsS --max-time 10 -u "${GRAFANA_ADMIN_USER}:${GRAFANA_ADMIN_PASSWORD}" \
    -H 'Accept: application/json' "${GRAFANA_URL}$1"
}

datasources_listed() {
  local body uid missing=()
  body="$(grafana_get /api/datasources)" || return 1
  for uid in "${DATASOURCE_UIDS[@]}"; do
    grep -q "\"uid\":\"${uid}\"" <<<"$body" || missing+=("$uid")
  done
  if ((${#missing[@]} > 0)); then
    echo "missing datasource uid(s): ${missing[*]}; Grafana has: $(grep -o '"uid":"[^"]*"' <<<"$body" | tr '\n' ' ')"
    return 1
  fi
}

datasource_healthy() {
  local uid="$1" body code
  body="$(mktemp)"
  code="$(curl -sS -o "$body" -w '%{http_code}' --max-time 30 \
    -u "${GRAFANA_ADMIN_USER}:${GRAFANA_ADMIN_PASSWORD}" -H 'Accept: application/json' \
    "${GRAFANA_URL}/api/datasources/uid/${uid}/health")" || code="000"
  if [[ "$code" == "200" ]] && grep -q '"status":"OK"' "$body"; then
    rm -f "$body"
    return 0
  fi
  echo "HTTP ${code}: $(cat "$body")"
  rm -f "$body"
  return 1
}

container_state() {
  local name="$1" status health
  status="$(docker inspect --format '{{.State.Status}}' "$name" 2>&1)" || {
    echo "$status"
    return 1
  }
  health="$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$name")"
  if [[ "$status" != "running" ]]; then
    echo "status ${status}"
    return 1
  fi
  if [[ "$health" != "healthy" && "$health" != "none" ]]; then
    echo "running, health ${health}"
    return 1
  fi
}

random_hex() {
  # $1 bytes of randomness as lowercase hex
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

now_unix_nano() {
  local ns
  ns="$(date +%s%N 2>/dev/null)"
  if [[ "$ns" =~ ^[0-9]+$ ]]; then
    echo "$ns"
  else
    echo "$(date +%s)000000000" # BSD date has no %N
  fi
}

TRACE_ID="$(random_hex 16)"
SPAN_ID="$(random_hex 8)"
SMOKE_SERVICE="monitoring-smoke-test"

send_span() {
  local end start payload code
  end="$(now_unix_nano)"
  start=$((end - 250000000))
  # OTLP/JSON: ids are hex strings, kind 2 = SERVER
  payload="$(
    cat <<EOF
{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"${SMOKE_SERVICE}"}}]},
 "scopeSpans":[{"scope":{"name":"scripts/test-monitoring-stack.sh"},
  "spans":[{"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}","name":"smoke-test","kind":2,
   "startTimeUnixNano":"${start}","endTimeUnixNano":"${end}",
   "attributes":[{"key":"http.request.method","value":{"stringValue":"GET"}}],
   "status":{"code":1}}]}]}]}
EOF
  )"
  code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
    --data "$payload" "${OTLP_HTTP_URL}/v1/traces")" || code="000"
  if [[ "$code" != "200" ]]; then
    echo "POST ${OTLP_HTTP_URL}/v1/traces answered HTTP ${code}"
    return 1
  fi
}

trace_in_tempo() {
  curl -fsS -o /dev/null --max-time 10 "${TEMPO_URL}/api/traces/${TRACE_ID}" || {
    echo "trace ${TRACE_ID} not (yet) in Tempo"
    return 1
  }
}

span_metrics_in_prometheus() {
  local body
  body="$(curl -fsS --max-time 10 -G --data-urlencode \
    "query=traces_spanmetrics_calls_total{service=\"${SMOKE_SERVICE}\"}" \
    "${PROMETHEUS_URL}/api/v1/query")" || return 1
  grep -q '"result":\[{' <<<"$body" || {
    echo "no traces_spanmetrics_calls_total{service=\"${SMOKE_SERVICE}\"} in Prometheus yet"
    return 1
  }
}

container_logs_in_loki() {
  local body
  body="$(curl -fsS --max-time 10 "${LOKI_URL}/loki/api/v1/label/container/values")" || return 1
  grep -q '"data":\["' <<<"$body" || {
    echo "Loki has no log streams with a container label yet (promtail not shipping?): ${body}"
    return 1
  }
}

# --- run -------------------------------------------------------------------------------------------------

echo "Smoke test of the monitoring stack (up to ${WAIT_SECONDS}s for it to become ready)"
ready_deadline=$(($(now) + WAIT_SECONDS))

echo "-- containers"
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  for name in "${CONTAINERS[@]}"; do
    check "$ready_deadline" "container ${name} is running (and healthy where it has a healthcheck)" \
      container_state "$name"
  done
else
  skip "containers: no docker CLI or daemon here; the HTTP checks below still test the stack"
fi

echo "-- health endpoints"
check "$ready_deadline" "Grafana ${GRAFANA_URL}/api/health" http_ok "${GRAFANA_URL}/api/health"
check "$ready_deadline" "Prometheus ${PROMETHEUS_URL}/-/ready" http_ok "${PROMETHEUS_URL}/-/ready"
check "$ready_deadline" "Loki ${LOKI_URL}/ready" http_ok "${LOKI_URL}/ready"
check "$ready_deadline" "Tempo ${TEMPO_URL}/ready" http_ok "${TEMPO_URL}/ready"
check "$ready_deadline" "OpenTelemetry Collector ${COLLECTOR_HEALTH_URL}" http_ok "$COLLECTOR_HEALTH_URL"

echo "-- OTLP ports"
check "$ready_deadline" "OTLP gRPC ${OTLP_HOST}:4317 accepts connections" tcp_open "$OTLP_HOST" 4317
check "$ready_deadline" "OTLP HTTP ${OTLP_HOST}:4318 accepts connections" tcp_open "$OTLP_HOST" 4318

echo "-- Grafana datasources"
if [[ -z "${GRAFANA_ADMIN_PASSWORD:-}" ]]; then
  fail "Grafana datasources: GRAFANA_ADMIN_PASSWORD is not set (environment or .env)"
else
  if check "$ready_deadline" "Grafana lists the datasources ${DATASOURCE_UIDS[*]}" datasources_listed; then
    for uid in "${DATASOURCE_UIDS[@]}"; do
      check "$ready_deadline" "Grafana datasource ${uid} passes its health check" datasource_healthy "$uid"
    done
  fi
fi

echo "-- data paths"
# once something failed above, the end-to-end checks get one try each instead of waiting again
if ((failed > 0)); then
  roundtrip_deadline=$(now)
else
  roundtrip_deadline=$(($(now) + ROUNDTRIP_SECONDS))
fi
if check "$roundtrip_deadline" "a span sent over OTLP/HTTP is accepted by the collector" send_span; then
  check "$roundtrip_deadline" "the span's trace ${TRACE_ID} can be fetched from Tempo" trace_in_tempo
  check "$roundtrip_deadline" "Tempo's span metrics for it reach Prometheus (remote write)" \
    span_metrics_in_prometheus
fi
check "$roundtrip_deadline" "promtail's container logs are in Loki" container_logs_in_loki

echo
echo "Smoke test: ${passed} passed, ${failed} failed, ${skipped} skipped"
if ((failed > 0)); then
  exit 1
fi
