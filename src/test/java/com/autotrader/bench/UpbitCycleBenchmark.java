package com.autotrader.bench;

import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpbitFixtures;
import com.autotrader.support.UpbitLimits;
import com.autotrader.support.UpstreamStubs;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A 100-coin cycle against a stub that enforces Upbit's quotation limit (scripts/bench/upbit-cycle.sh runs this;
 * it is not a test). Each coin is one analysis as schedule-upbit runs it (market list, daily candles, ticker,
 * 60/5/1-minute candles; rules-v1, no Gemini; the INSERTs), one coin after another. The stub refuses (429) the
 * 11th request of a group within any 1,000 ms. The bound: 400 candle calls at 10 a second = 40 s.
 * Three runs, each on fresh app instances: the default settings on one instance; two instances sharing Redis
 * with 50 coins each, at the same time; and, as a control, one instance with the limit switched off.
 */
public final class UpbitCycleBenchmark {

    static final int COINS = 100;
    static final double BOUND_SECONDS = COINS * 4 / 10.0;

    public static void main(String[] args) {
        Benchmarks.main(UpbitCycleBenchmark::run);
    }

    static void run() throws Exception {
        UpbitLimits limits = new UpbitLimits(10);
        WireMockServer upbit = new WireMockServer(options().dynamicPort().containerThreads(40).extensions(limits));
        upbit.start();
        upbit.stubFor(get(urlPathEqualTo("/v1/market/all")).willReturn(okJson(UpbitFixtures.manyMarkets(COINS))));
        List<String> markets = UpbitFixtures.manyMarketCodes(COINS);
        for (String market : markets) {
            UpstreamStubs.coin(upbit, market, 10_000);
        }
        Map<String, Object> settings = new HashMap<>(Map.of("upbit.base-url", "http://localhost:" + upbit.port(),
                "gemini.api-keys", "", "trading.enabled", "false", "logging.level.root", "WARN",
                "camel.main.jmx-enabled", "false", "spring.jmx.unique-names", "true",
                "upbit.retry-backoff", "1s"));
        try {
            cycle("one instance, defaults", limits, List.of(TestApp.start("cycle-one", settings)), markets);
            cycle("two instances, one Redis", limits, List.of(TestApp.start("cycle-a", settings),
                    TestApp.start("cycle-b", settings)), markets);
            Map<String, Object> unlimited = new HashMap<>(settings);
            unlimited.put("upbit.calls-per-second", "100000");
            cycle("control: limit off", limits, List.of(TestApp.start("cycle-off", unlimited)), markets);
        } finally {
            upbit.stop();
        }
    }

    /** The watchlist split over the instances, each analysing its share one coin after another. */
    static void cycle(String name, UpbitLimits limits, List<ConfigurableApplicationContext> apps, List<String> markets)
            throws Exception {
        try {
            limits.reset();
            ExecutorService pool = Executors.newFixedThreadPool(apps.size());
            List<Future<Integer>> shares = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < apps.size(); i++) {
                ProducerTemplate producer = apps.get(i).getBean(ProducerTemplate.class);
                List<String> share = new ArrayList<>();
                for (int m = i; m < markets.size(); m += apps.size()) {
                    share.add(markets.get(m));
                }
                shares.add(pool.submit(() -> {
                    int failed = 0;
                    for (String market : share) {
                        try {
                            producer.requestBodyAndHeader("direct:analyze-coin", null, "coin", market);
                        } catch (RuntimeException e) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            int failed = 0;
            for (Future<Integer> share : shares) {
                failed += share.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            System.out.printf("cycle [%s]: %d coins in %.1f s = %.3f x the %.0f s bound; 429s %d %s; requests served %d;"
                            + " busiest 1 s window: candles %d, ticker %d; failed analyses %d%n",
                    name, markets.size(), seconds, seconds / BOUND_SECONDS, BOUND_SECONDS, limits.refused(),
                    limits.refusedBy(), limits.served(), limits.busiestWindow("candles"), limits.busiestWindow("ticker"),
                    failed);
        } finally {
            apps.forEach(ConfigurableApplicationContext::close);
        }
    }

    private UpbitCycleBenchmark() {
    }
}
