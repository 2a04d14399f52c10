package com.autotrader.bench;

import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the pipeline itself costs per analysis, upstream latency excluded (scripts/bench/pipeline.sh runs this;
 * it is not a test). One app instance (tracing off) on embedded PostgreSQL, Upbit and Gemini played by local
 * WireMock stubs; analyses are sent one at a time through the REST API. Per analysis: the client's wall time
 * minus the time the app spent waiting on upstream calls (its own api_call_duration timer), which leaves
 * routing, parsing, ta4j indicators, the prompt, validation, the SQL inserts, JSON and the HTTP round trip.
 */
public final class PipelineOverheadBenchmark {

    static final int WARM_UP = 400;
    static final int ROUNDS = 5;
    static final int PER_ROUND = 200;

    public static void main(String[] args) {
        Benchmarks.main(PipelineOverheadBenchmark::run);
    }

    static void run() {
        UpstreamStubs.upbit(TestServers.upbit());
        UpstreamStubs.geminiAnswers(TestServers.gemini(), "gemini-bench",
                GeminiFixtures.decisionJson("buy", 80, UpstreamStubs.BTC_PRICE));
        try (ConfigurableApplicationContext app = TestApp.start("bench-pipeline", Map.of(
                "gemini.api-keys", "bench-key", "gemini.models", "gemini-bench",
                "upbit.calls-per-second", "100000", "logging.level.root", "WARN"))) {
            Http api = new Http(TracingBenchmark.port(app));
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            TracingBenchmark.analyse(api, WARM_UP);
            double sum = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                double upstreamBefore = upstreamMillis(meters);
                long started = System.nanoTime();
                TracingBenchmark.analyse(api, PER_ROUND);
                double wall = (System.nanoTime() - started) / 1e6 / PER_ROUND;
                double upstream = (upstreamMillis(meters) - upstreamBefore) / PER_ROUND;
                double overhead = wall - upstream;
                sum += overhead;
                System.out.printf("round %d: %.2f ms per analysis, of which upstream calls %.2f ms, pipeline %.2f ms%n",
                        round, wall, upstream, overhead);
            }
            System.out.printf("pipeline: %.2f ms per analysis excluding upstream latency (mean of %d rounds of %d)%n",
                    sum / ROUNDS, ROUNDS, PER_ROUND);
        }
    }

    /** Total time the app has spent in upstream calls so far (every service, every outcome). */
    static double upstreamMillis(MeterRegistry meters) {
        return meters.find("api.call.duration").timers().stream()
                .mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum();
    }

    private PipelineOverheadBenchmark() {
    }
}
