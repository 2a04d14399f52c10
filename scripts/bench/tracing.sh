#!/usr/bin/env bash
# Tracing cost: analyses per second with tracing off and on, in one run (see TracingBenchmark).
exec "$(dirname "$0")/run-java.sh" com.autotrader.bench.TracingBenchmark '^(round [0-9]+|tracing):'
