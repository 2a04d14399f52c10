#!/usr/bin/env bash
# Every PromQL expression the dashboards use returns data from a real Prometheus scraping the real app.
#
#   1. builds the test classpath (as scripts/bench/run-java.sh does) and starts MonitoringDataGenerator: the
#      whole app on a free loopback port against embedded PostgreSQL/Redis and WireMock upstreams, sending
#      itself traffic (successful and failed analyses, Telegram failures, reads, a 404);
#   2. starts Debian's prometheus on a free port (never 9090) with a temporary database, scraping the app every
#      second and evaluating grafana-config/rules/recording.yml and alerts.yml every second (Prometheus < 2.43
#      scrapes through a loopback relay asking for the text format, see below);
#   3. after ~25 s of traffic, runs every expression of grafana-config/seed-dashboard-queries.promql and every
#      Prometheus target expr of grafana-config/dashboards/*.json (Loki/Tempo targets skipped; Grafana macros
#      and template variables replaced) through /api/v1/query. An expression fails on an API error, an
#      empty result or a result that is only NaN; one without data gets a second try after 35 s more traffic
#      (some panels need more history than 25 s). Every recording and alerting rule must evaluate without error.
# Prints PASS/FAIL per expression and a summary; stops every process it started on exit; exits non-zero on any
# FAIL. Takes 45-80 s. DASHBOARDS_DIR overrides the dashboards folder, TRAFFIC_SECONDS and RETRY_SECONDS the waits.
# Needs: java, python3, prometheus (scripts/check-prometheus.sh installs it). Traffic goes to 127.0.0.1 only.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

TRAFFIC_SECONDS=${TRAFFIC_SECONDS:-25}   # traffic scraped before the queries run
DASHBOARDS_DIR=${DASHBOARDS_DIR:-grafana-config/dashboards}
GENERATOR_SECONDS=100                    # the generator stops by itself after this, whatever happens here

command -v prometheus > /dev/null || { echo "FAIL: prometheus not installed (run scripts/check-prometheus.sh)"; exit 1; }
command -v python3 > /dev/null || { echo "FAIL: python3 not found"; exit 1; }

work=$(mktemp -d /tmp/check-promql-live.XXXXXX)
gen_pid=""
prom_pid=""
relay_pid=""
stop() {
  local pid
  for pid in $prom_pid $relay_pid $gen_pid; do
    if kill -0 "$pid" 2> /dev/null; then
      kill "$pid" 2> /dev/null
      for _ in $(seq 1 40); do kill -0 "$pid" 2> /dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2> /dev/null && kill -9 "$pid" 2> /dev/null
    fi
  done
  if [ "$status" = 0 ]; then
    rm -rf "$work"
  else
    rm -rf "$work/prometheus-data"
    echo "logs kept in $work"
  fi
}
status=1
trap stop EXIT
trap 'exit 130' INT TERM

# --- 1. classpath and generator
echo "building the test classpath ..."
if ! ./mvnw -o -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/monitoring.classpath \
    -Dmdep.includeScope=test > "$work/maven.log" 2>&1; then
  # offline first (fast); online when a plugin or dependency is not in the local repository yet
  if ! ./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/monitoring.classpath \
      -Dmdep.includeScope=test > "$work/maven.log" 2>&1; then
    tail -30 "$work/maven.log"
    echo "FAIL: could not build the classpath"
    exit 1
  fi
fi
gen_log="$work/generator.log"
java -Xmx768m -cp "target/test-classes:target/classes:$(cat target/monitoring.classpath)" \
  com.autotrader.bench.MonitoringDataGenerator "$GENERATOR_SECONDS" > "$gen_log" 2>&1 &
gen_pid=$!
echo "generator pid $gen_pid, log $gen_log"

app_port=""
for _ in $(seq 1 180); do   # up to 90 s for embedded PostgreSQL, Redis and the app to start
  app_port=$(sed -n 's/^APP_PORT=\([0-9][0-9]*\)$/\1/p' "$gen_log" | head -1)
  [ -n "$app_port" ] && break
  kill -0 "$gen_pid" 2> /dev/null || break
  sleep 0.5
done
if [ -z "$app_port" ]; then
  tail -40 "$gen_log"
  echo "FAIL: the app did not start (no APP_PORT line)"
  exit 1
fi
echo "app listening on 127.0.0.1:$app_port"

# --- 2. Prometheus
free_port() {
  local port
  for _ in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    [ "$port" != 9090 ] && break
  done
  echo "$port"
}
prom_port=$(free_port)
scrape_target="127.0.0.1:$app_port"

# The app (Micrometer 1.13+) puts exemplars on histogram _count series in the OpenMetrics format. Prometheus
# before 2.43 rejects such a scrape whole ("metric name ..._count does not support exemplars"), and cannot be
# told to ask for the plain text format (scrape_protocols came in 2.49). Debian 12 ships 2.42: there, scrape
# through a loopback relay that asks the app for the text format (same series and values, no exemplars).
# The monitoring stack's own Prometheus must be 2.43 or newer.
prom_version=$(prometheus --version 2>&1 | sed -n 's/^prometheus, version \([0-9]*\.[0-9]*\).*/\1/p' | head -1)
if [ -n "$prom_version" ] && [ "${prom_version%%.*}" -eq 2 ] && [ "${prom_version#*.}" -lt 43 ]; then
  relay_port=$(free_port)
  cat > "$work/relay.py" <<'RELAY'
import sys, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

app = "http://127.0.0.1:%s" % sys.argv[1]

class Relay(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split("?")[0] != "/actuator/prometheus":
            self.send_error(404)
            return
        request = urllib.request.Request(app + self.path, headers={"Accept": "text/plain;version=0.0.4"})
        try:
            with urllib.request.urlopen(request, timeout=5) as r:
                body, status, ctype = r.read(), r.status, r.headers.get("Content-Type", "text/plain")
        except Exception as e:
            self.send_error(502, str(e))
            return
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Relay).serve_forever()
RELAY
  python3 "$work/relay.py" "$app_port" "$relay_port" > "$work/relay.log" 2>&1 &
  relay_pid=$!
  scrape_target="127.0.0.1:$relay_port"
  echo "prometheus $prom_version < 2.43: scraping the app through a text-format relay on $scrape_target (pid $relay_pid)"
fi
cat > "$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $root/grafana-config/rules/recording.yml
  - $root/grafana-config/rules/alerts.yml
scrape_configs:
  - job_name: auto-trader
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ['$scrape_target']
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus-data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn > "$work/prometheus.log" 2>&1 &
prom_pid=$!
prom="http://127.0.0.1:$prom_port"
echo "prometheus pid $prom_pid on $prom, log $work/prometheus.log"

ready=""
for _ in $(seq 1 60); do
  curl -sf "$prom/-/ready" > /dev/null && { ready=yes; break; }
  kill -0 "$prom_pid" 2> /dev/null || break
  sleep 0.5
done
if [ -z "$ready" ]; then
  tail -20 "$work/prometheus.log"
  echo "FAIL: prometheus did not become ready"
  exit 1
fi
up=""
for _ in $(seq 1 30); do
  up=$(curl -sf --get "$prom/api/v1/query" --data-urlencode 'query=up{job="auto-trader"} == 1' \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))' 2> /dev/null)
  [ "$up" = 1 ] && break
  sleep 1
done
if [ "$up" != 1 ]; then
  curl -s "$prom/api/v1/targets" | head -c 2000; echo
  echo "FAIL: prometheus cannot scrape the app"
  exit 1
fi
echo "scraping; letting ${TRAFFIC_SECONDS}s of traffic in ..."
sleep "$TRAFFIC_SECONDS"
kill -0 "$gen_pid" 2> /dev/null || { tail -40 "$gen_log"; echo "FAIL: the generator stopped early"; exit 1; }

# --- 3. the expressions
PROM_URL="$prom" python3 - grafana-config/seed-dashboard-queries.promql "$DASHBOARDS_DIR"/*.json <<'PY'
import json, os, re, sys, time, urllib.error, urllib.parse, urllib.request

prom = os.environ["PROM_URL"]
RETRY_WAIT = int(os.environ.get("RETRY_SECONDS", "35"))
files = [f for f in sys.argv[1:] if os.path.exists(f)]   # an unmatched glob stays literal: no dashboards yet

MACROS = [("$__rate_interval", "1m"), ("${__rate_interval}", "1m"), ("$__interval_ms", "15000"),
          ("${__interval_ms}", "15000"), ("$__interval", "15s"), ("${__interval}", "15s"),
          ("$__range_s", "300"), ("${__range_s}", "300"), ("$__range_ms", "300000"), ("${__range_ms}", "300000"),
          ("$__range", "5m"), ("${__range}", "5m")]
VAR = r"(?:\$\{[A-Za-z_]\w*(?::\w+)?\}|\$[A-Za-z_]\w*|\[\[[A-Za-z_]\w*\]\])"
MATCHER = re.compile(r'([A-Za-z_]\w*)\s*(=~|!~|!=|=)\s*"([^"]*)"')

def grafana_to_promql(expr):
    """Grafana macros to fixed durations; template variables in label matchers as "All": a positive matcher
    becomes =~".*" (anything), a negative one !~"__all__" (excludes nothing)."""
    for macro, value in MACROS:
        expr = expr.replace(macro, value)
    def matcher(m):
        label, op, value = m.groups()
        if not re.search(VAR, value):
            return m.group(0)
        if op in ("=", "=~"):
            return '%s=~"%s"' % (label, re.sub(VAR, ".*", value))
        return '%s!~"%s"' % (label, re.sub(VAR, "__all__", value))
    return MATCHER.sub(matcher, expr)

def datasource_kind(ds):
    """'loki' / 'tempo' / something else, from a Grafana datasource reference (object or string)."""
    if isinstance(ds, dict):
        uid, typ = str(ds.get("uid", "")).lower(), str(ds.get("type", "")).lower()
    elif isinstance(ds, str):
        uid, typ = ds.lower(), ""
    else:
        return ""
    for kind in ("loki", "tempo"):
        if kind in (uid, typ) or uid == "${ds_%s}" % kind:
            return kind
    return ""

def panels_of(items):
    for p in items or []:
        yield p
        yield from panels_of(p.get("panels"))           # rows holding their panels

expressions = []   # (where, expr)
skipped = 0
for f in files:
    if f.endswith(".promql"):
        for n, line in enumerate(open(f, encoding="utf-8"), 1):
            line = line.strip()
            if line and not line.startswith("#"):
                expressions.append(("%s:%d" % (f, n), line))
        continue
    try:
        dash = json.load(open(f, encoding="utf-8"))
    except ValueError as e:
        expressions.append((f, None))
        print("FAIL  %s: not JSON (%s)" % (f, e))
        continue
    dash = dash.get("dashboard", dash)                   # an API export wraps it
    for panel in panels_of(dash.get("panels")):
        for t in panel.get("targets") or []:
            expr = t.get("expr")
            if not isinstance(expr, str) or not expr.strip():
                continue
            kind = datasource_kind(t.get("datasource")) or datasource_kind(panel.get("datasource"))
            if kind:
                skipped += 1
                continue
            where = '%s: panel "%s" ref %s' % (os.path.basename(f), panel.get("title", "?"), t.get("refId", "?"))
            expressions.append((where, grafana_to_promql(expr.strip())))

# the series the generator's traffic must produce (what the dashboards and alerts are built on)
TRAFFIC = ['analysis_executions_total{status="success"}', 'analysis_executions_total{status="failure"}',
           'analysis_duration_seconds_bucket', 'api_calls_total{service="upbit",status="error"}',
           'api_calls_total{service="gemini",status="success"}', 'api_calls_total{service="telegram"}',
           'api_call_duration_seconds_count', 'api_call_duration_seconds_max', 'gemini_tokens_total{type="prompt"}',
           'gemini_tokens_total{type="completion"}', 'alerts_reported_total', 'alerts_suppressed_total',
           'telegram_messages_total{status="sent"}', 'telegram_messages_total{status="failed"}',
           'http_server_requests_seconds_bucket{outcome="SERVER_ERROR"}',
           'http_server_requests_seconds_count{outcome="CLIENT_ERROR"}', 'camel_exchanges_total',
           'camel_exchanges_failed_total', 'process_uptime_seconds', 'jvm_memory_used_bytes', 'up{job="auto-trader"} == 1']
traffic = [("traffic", e) for e in TRAFFIC]

def evaluate(expr):
    """(reason it fails or None, number of series)"""
    url = prom + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            body = json.load(r)
    except urllib.error.HTTPError as e:
        try:
            body = json.load(e)
        except ValueError:
            body = {"status": "error", "error": "HTTP %d" % e.code}
    except Exception as e:                               # connection trouble
        body = {"status": "error", "error": str(e)}
    if body.get("status") != "success":
        return "%s: %s" % (body.get("errorType", "error"), body.get("error", "?")), 0
    data = body.get("data", {})
    result = data.get("result")
    if not result:
        return "empty result", 0
    if data.get("resultType") == "vector":
        # a quantile or ratio over no observations: Grafana would draw nothing either
        if all(s.get("value", [None, None])[1] == "NaN" for s in result):
            return "only NaN", 0
        return None, len(result)
    return None, len(result) if data.get("resultType") == "matrix" else 1

KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset",
            "bool", "inf", "nan", "atan2", "start", "end"}
known_names = {}

def metric_names(expr):
    """The metric (and recording rule) names an expression selects, found without a full PromQL parser:
    strings, label matchers, grouping lists and durations removed, then every identifier that is not a
    function call or a keyword."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', expr)
    e = re.sub(r"\{[^}]*\}", "{}", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    e = re.sub(r"\[[^\]]*\]", "[]", e)
    e = re.sub(r"\b\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|s|m|h|d|w|y)?\b", " ", e)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", e):
        name = m.group(0)
        if name.lower() in KEYWORDS or re.match(r"\s*\(", e[m.end():]):
            continue
        names.add(name)
    return sorted(names)

def missing_names(expr):
    """Names in the expression without any series: a typo that an "or vector(0)" would otherwise hide."""
    missing = []
    for name in metric_names(expr):
        if name not in known_names:
            reason, _ = evaluate('count({__name__="%s"})' % name)
            known_names[name] = reason is None
        if not known_names[name]:
            missing.append(name)
    return missing

def check(expr):
    reason, series = evaluate(expr)
    if reason is None:
        missing = missing_names(expr)
        if missing:
            reason = "no series named " + ", ".join(missing)
    return reason, series

checks = [(w, e) for w, e in traffic + expressions if e is not None]
failed = len(traffic + expressions) - len(checks)      # dashboards that are not JSON
outcome = {i: check(e) for i, (w, e) in enumerate(checks)}
# Some panels need more history than the first seconds give (a subquery at a 30 s step inside a 40 s
# window, a rate over a sparse series): what has no data yet gets one more try after more traffic.
retry = [i for i, (reason, _) in outcome.items()
         if reason in ("empty result", "only NaN") or (reason or "").startswith("no series named")]
if retry:
    print("%d expression(s) without data yet: trying them again in %d s" % (len(retry), RETRY_WAIT))
    time.sleep(RETRY_WAIT)
    known_names = {n: ok for n, ok in known_names.items() if ok}
    for i in retry:
        outcome[i] = check(checks[i][1])
passed = 0
for i, (where, expr) in enumerate(checks):
    reason, series = outcome[i]
    if reason:
        failed += 1
        print("FAIL  %s\n      %s\n      %s" % (where, expr, reason))
    else:
        passed += 1
        print("PASS  %s  (%d series%s)\n      %s" % (where, series, ", second try" if i in retry else "", expr))

# the recording and alerting rules, evaluated every second against the same data: none may be in error
# (a many-to-many match or a type error only shows with real series)
rules_ok = rules_bad = 0
try:
    with urllib.request.urlopen(prom + "/api/v1/rules", timeout=10) as r:
        groups = json.load(r)["data"]["groups"]
except Exception as e:
    groups = []
    rules_bad += 1
    print("FAIL  /api/v1/rules: %s" % e)
for g in groups:
    for rule in g.get("rules", []):
        name = rule.get("name", "?")
        if rule.get("health") == "err" or rule.get("lastError"):
            rules_bad += 1
            print("FAIL  rule %s/%s: %s" % (g.get("name"), name, rule.get("lastError")))
        elif rule.get("health") != "ok":
            rules_bad += 1
            print("FAIL  rule %s/%s: not evaluated yet (health %s)" % (g.get("name"), name, rule.get("health")))
        else:
            rules_ok += 1
            state = " (alert %s)" % rule["state"] if rule.get("type") == "alerting" else ""
            print("PASS  rule %s/%s evaluates%s" % (g.get("name"), name, state))
if not groups:
    rules_bad += 1
    print("FAIL  no rule groups loaded")

dashboards = [f for f in files if f.endswith(".json")]
from_promql = sum(1 for w, _ in expressions if ".promql:" in w)
print("\nchecked: %d series of the traffic, %d expressions from the seed query file, %d from %d dashboard(s) "
      "(%d Loki/Tempo target(s) skipped), %d rule(s)" % (len(traffic), from_promql, len(expressions) - from_promql,
                                                         len(dashboards), skipped, rules_ok + rules_bad))
print("check-promql-live: %d passed, %d failed" % (passed + rules_ok, failed + rules_bad))
sys.exit(1 if failed or rules_bad or not expressions else 0)
PY
status=$?
exit $status
