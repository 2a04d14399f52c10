#!/usr/bin/env bash
# A 100-coin cycle against a stub enforcing Upbit's 10 requests a second per group (see UpbitCycleBenchmark).
# Goal: at most 1.1 x the rate-limit bound (400 candle calls / 10 a second = 40 s), zero 429s.
exec "$(dirname "$0")/run-java.sh" com.autotrader.bench.UpbitCycleBenchmark '^cycle'
