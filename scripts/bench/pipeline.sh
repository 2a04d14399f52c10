#!/usr/bin/env bash
# Pipeline overhead per analysis, upstream latency excluded (see PipelineOverheadBenchmark). Goal: ≤ 5 ms.
exec "$(dirname "$0")/run-java.sh" com.autotrader.bench.PipelineOverheadBenchmark '^(round [0-9]+ [A-Za-z]+|pipeline):'
