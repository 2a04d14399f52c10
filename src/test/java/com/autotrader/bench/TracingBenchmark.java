package com.autotrader.bench;

import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.OtlpReceiver;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/**
 * What tracing costs (scripts/bench/tracing.sh runs this; it is not a test). Two app instances in one JVM
 * against the same local stubs (Upbit, Gemini, embedded PostgreSQL): one with OTEL_ENABLED=false, one exporting
 * every span over OTLP/HTTP to a local receiver. Analyses are sent one at a time; the instances take turns
 * in rounds, in alternating order, so drift in the machine hits both alike. Reported: analyses per second each, and on/off.
 */
public final class TracingBenchmark {

    static final int ROUNDS = 6;
    static final int PER_ROUND = 150;
    static final int WARM_UP = 400;

    public static void main(String[] args) {
        Benchmarks.main(TracingBenchmark::run);
    }

    static void run() {
        UpstreamStubs.upbit(TestServers.upbit());
        UpstreamStubs.geminiAnswers(TestServers.gemini(), "gemini-bench",
                GeminiFixtures.decisionJson("buy", 80, UpstreamStubs.BTC_PRICE));
        Map<String, Object> common = Map.of("gemini.api-keys", "bench-key", "gemini.models", "gemini-bench",
                "upbit.calls-per-second", "100000", "logging.level.root", "WARN");
        try (OtlpReceiver collector = new OtlpReceiver(false);
             ConfigurableApplicationContext off = TestApp.start("bench-tracing-off", common);
             ConfigurableApplicationContext on = TestApp.start("bench-tracing-on", with(common, Map.of(
                     "otel.enabled", "true", "otel.endpoint", collector.endpoint(), "otel.protocol", "http/protobuf")))) {
            Http offApi = new Http(port(off));
            Http onApi = new Http(port(on));
            analyse(offApi, WARM_UP);   // the JIT needs a while before the rates settle
            analyse(onApi, WARM_UP);
            double offTotal = 0;
            double onTotal = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                // take turns in both orders, so a machine that speeds up or slows down favours neither
                boolean offFirst = round % 2 == 1;
                double firstRate = analyse(offFirst ? offApi : onApi, PER_ROUND);
                double secondRate = analyse(offFirst ? onApi : offApi, PER_ROUND);
                double offRate = offFirst ? firstRate : secondRate;
                double onRate = offFirst ? secondRate : firstRate;
                offTotal += offRate;
                onTotal += onRate;
                System.out.printf("round %d: tracing off %.1f analyses/s, on %.1f analyses/s%n", round, offRate, onRate);
            }
            double offMean = offTotal / ROUNDS;
            double onMean = onTotal / ROUNDS;
            System.out.printf("tracing: off %.1f analyses/s, on %.1f analyses/s, on/off %.3f (cost %.1f %%), "
                            + "%d spans received%n", offMean, onMean, onMean / offMean, (1 - onMean / offMean) * 100,
                    collector.received());
        }
    }

    static double analyse(Http api, int n) {
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Http.Response r = api.post("/api/analyze/upbit/BTC");
            if (r.status() != 200) {
                throw new IllegalStateException("analysis failed: " + r.status() + " " + r.body());
            }
        }
        return n / ((System.nanoTime() - started) / 1e9);
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }
}
