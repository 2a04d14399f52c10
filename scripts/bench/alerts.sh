#!/usr/bin/env bash
# Alert latency and storm benchmark (see AlertBenchmark). Starts the whole app against embedded PostgreSQL,
# embedded Redis and a WireMock Telegram on loopback; prints one line per measurement.
exec "$(dirname "$0")/run-java.sh" com.autotrader.bench.AlertBenchmark '^(latency|storm):'
