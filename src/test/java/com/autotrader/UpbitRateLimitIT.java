package com.autotrader;

import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpbitFixtures;
import com.autotrader.support.UpbitLimits;
import com.autotrader.support.UpstreamStubs;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upbit's per-group limit across concurrent work and instances: two app instances sharing Redis, each running
 * three analyses at a time, against a stub that refuses (429) the 11th request of a group within any second.
 * Without the shared slots the two would send 20 a second.
 */
class UpbitRateLimitIT {

    static final int COINS = 24;
    static final UpbitLimits limits = new UpbitLimits(10);
    static WireMockServer upbit;

    @BeforeAll
    static void limitedUpbit() {
        upbit = new WireMockServer(options().dynamicPort().containerThreads(30).extensions(limits));
        upbit.start();
        upbit.stubFor(get(urlPathEqualTo("/v1/market/all")).willReturn(okJson(UpbitFixtures.manyMarkets(COINS))));
        for (String market : UpbitFixtures.manyMarketCodes(COINS)) {
            UpstreamStubs.coin(upbit, market, 10_000);
        }
    }

    @AfterAll
    static void stop() {
        upbit.stop();
    }

    @Test
    void theStubRefusesABurstOverTheLimit() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        limits.reset();
        int tooMany = 0;
        for (int i = 0; i < 15; i++) {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + upbit.port() + "/v1/ticker?markets=KRW-C000")).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() == 429) {
                tooMany++;
            }
        }
        assertThat(tooMany).as("15 calls in well under a second").isGreaterThanOrEqualTo(5);
    }

    @Test
    void twoInstancesAnalysingConcurrentlyStayUnderEachGroupsLimit() throws Exception {
        Map<String, Object> settings = Map.of("upbit.base-url", "http://localhost:" + upbit.port(),
                "gemini.api-keys", "", "trading.enabled", "false",
                // a wider margin than the default 50 ms: two whole apps and the stub share this machine's two cores,
                // and a request may reach the stub 100+ ms after it left (the benchmark measures the default)
                "upbit.rate-window", "1200ms",
                // two instances in one JVM: their MBeans must not collide
                "camel.main.jmx-enabled", "false", "spring.jmx.unique-names", "true");
        try (ConfigurableApplicationContext a = TestApp.start("ratelimit-a", settings);
             ConfigurableApplicationContext b = TestApp.start("ratelimit-b", settings)) {
            // one analysis each first: the first calls of a fresh JVM are slow to leave (class loading, JIT),
            // which on two shared cores can put them a few hundred ms behind their slot
            a.getBean(ProducerTemplate.class).requestBodyAndHeader("direct:analyze-coin", null, "coin", "KRW-C000");
            b.getBean(ProducerTemplate.class).requestBodyAndHeader("direct:analyze-coin", null, "coin", "KRW-C001");
            Thread.sleep(1500);
            limits.reset();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> analyses = new ArrayList<>();
            long started = System.nanoTime();
            List<String> markets = UpbitFixtures.manyMarketCodes(COINS);
            for (int i = 0; i < COINS; i++) {
                ProducerTemplate producer = (i % 2 == 0 ? a : b).getBean(ProducerTemplate.class);
                String market = markets.get(i);
                analyses.add(pool.submit(() -> producer.requestBodyAndHeader("direct:analyze-coin", null, "coin", market)));
            }
            for (Future<?> analysis : analyses) {
                analysis.get();   // each one succeeded: a failure would be thrown here
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();

            assertThat(limits.refused()).as("429s %s", limits.refusedBy()).isZero();
            assertThat(limits.busiestWindow("candles")).isLessThanOrEqualTo(10);
            // 4 candle calls per analysis (the market list may have been fetched already by then)
            assertThat(limits.served()).isGreaterThanOrEqualTo(COINS * 5);
            // 96 candle calls at 10 a second cannot take less than about 9 s: the limit did the pacing
            assertThat(seconds).as("seconds for %d analyses", COINS).isGreaterThan(8.5);
        }
    }
}
