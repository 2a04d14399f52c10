#!/usr/bin/env bash
# The Grafana stack as code, checked where no Docker engine runs:
#   1. every compose file against the compose-spec schema,
#   2. Prometheus config, recording and alert rules (promtool check + unit tests),
#   3. a real Prometheus scraping the real app (stubbed upstreams): every PromQL expression of the
#      dashboards and of the seed's dashboard section parses and returns data.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== compose files"
bash scripts/check-compose.sh
echo "== prometheus config and rules"
bash scripts/check-prometheus.sh
echo "== PromQL against a live app"
bash scripts/check-promql-live.sh
echo "monitoring checks passed"
