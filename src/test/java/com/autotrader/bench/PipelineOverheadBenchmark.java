package com.autotrader.bench;

import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the pipeline itself costs per analysis, upstream latency excluded (scripts/bench/pipeline.sh runs this;
 * it is not a test). One app instance (tracing off) on embedded PostgreSQL, Upbit and Gemini played by local
 * WireMock stubs; analyses are sent one at a time through the REST API. Per analysis: the client's wall time
 * minus the time the app spent waiting on upstream calls (its own api_call_duration timer), which leaves
 * routing, parsing, ta4j indicators, the prompt, validation, the SQL inserts, JSON and the HTTP round trip.
 * Measured two ways, taking turns: over the REST API (with the HTTP request around it) and as a schedule runs
 * an analysis (straight into direct:analyze-coin).
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
            ProducerTemplate pipeline = app.getBean(ProducerTemplate.class);
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            Runnable overRest = () -> TracingBenchmark.analyse(api, 1);
            // as a schedule runs it: straight into analyze-coin, no HTTP request around it
            Runnable asScheduled = () -> pipeline.requestBodyAndHeader("direct:analyze-coin", null, "coin", "BTC");
            for (int i = 0; i < WARM_UP; i++) {
                overRest.run();
                asScheduled.run();
            }
            double restSum = 0;
            double directSum = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                // take turns in both orders, so a machine that speeds up or slows down favours neither
                boolean restFirst = round % 2 == 1;
                double first = overhead(meters, restFirst ? overRest : asScheduled, "round " + round
                        + (restFirst ? " REST" : " scheduled"));
                double second = overhead(meters, restFirst ? asScheduled : overRest, "round " + round
                        + (restFirst ? " scheduled" : " REST"));
                restSum += restFirst ? first : second;
                directSum += restFirst ? second : first;
            }
            System.out.printf("pipeline: %.2f ms per analysis excluding upstream latency over REST, %.2f ms as a "
                    + "schedule runs it (means of %d rounds of %d)%n", restSum / ROUNDS, directSum / ROUNDS, ROUNDS,
                    PER_ROUND);
        }
    }

    /** One round of {@code analysis}: wall time per analysis minus the app's time in upstream calls. */
    static double overhead(MeterRegistry meters, Runnable analysis, String label) {
        double upstreamBefore = upstreamMillis(meters);
        long started = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
            analysis.run();
        }
        double wall = (System.nanoTime() - started) / 1e6 / PER_ROUND;
        double upstream = (upstreamMillis(meters) - upstreamBefore) / PER_ROUND;
        System.out.printf("%s: %.2f ms per analysis, of which upstream calls %.2f ms, pipeline %.2f ms%n",
                label, wall, upstream, wall - upstream);
        return wall - upstream;
    }

    /** Total time the app has spent in upstream calls so far (every service, every outcome). */
    static double upstreamMillis(MeterRegistry meters) {
        return meters.find("api.call.duration").timers().stream()
                .mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum();
    }

    private PipelineOverheadBenchmark() {
    }
}
