package com.autotrader;

import com.autotrader.support.Await;
import com.autotrader.support.Http;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minute-long Upbit outage, as a schedule would live through it: an analysis is asked for every second while
 * Upbit answers 500 for 60 s. After a few failed calls the upbit breaker opens and the owner gets one alert for
 * it; calls are answered 503 at once without reaching Upbit, a couple of trial calls go through after each open
 * period (10 s here) and reopen it without a second alert; when Upbit is back the breaker closes by itself and
 * says so once.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-outage",
        "analysis.schedule.enabled=false",
        "gemini.api-keys=",
        "telegram.token=" + TelegramStub.TOKEN,
        "error-reporting.chat-id=777",
        "telegram.per-chat-interval-ms=10",
        "resilience.breaker.window=4",
        "resilience.breaker.minimum-calls=4",
        "resilience.breaker.open-for=10s"
})
class UpstreamOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(60);
    static final WireMockServer upbit = TestServers.upbit();
    static final WireMockServer telegram = TestServers.telegram();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @LocalServerPort
    int port;

    List<String> alerts() {
        return TelegramStub.messages(telegram).stream().map(m -> m.path("text").asText()).toList();
    }

    int candleCalls() {
        return upbit.findAll(getRequestedFor(urlPathEqualTo("/v1/candles/days"))).size();
    }

    @Test
    void aMinuteLongOutageOpensTheBreakerAlertsOnceSparesUpbitAndRecoversByItself() throws Exception {
        upbit.resetAll();
        UpstreamStubs.upbit(upbit);
        upbit.stubFor(get(urlPathEqualTo("/v1/candles/days")).atPriority(1).willReturn(serverError()));
        telegram.resetAll();
        TelegramStub.accepts(telegram);
        Http http = new Http(port);

        Map<Integer, Integer> statuses = new TreeMap<>();
        long end = System.nanoTime() + OUTAGE.toNanos();
        int asked = 0;
        while (System.nanoTime() < end) {
            Http.Response answer = http.post("/api/analyze/upbit/BTC");
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() == 503) {
                assertThat(answer.json().path("detail").asText()).contains("upbit is failing");
            }
            asked++;
            Thread.sleep(1000);
        }
        // a failed call is Upbit's 500 (502), a refused one 503 at once; none succeeded, none was anything else
        assertThat(statuses.keySet()).as("statuses %s", statuses).containsOnly(502, 503);
        assertThat(statuses.get(503)).as("statuses %s", statuses).isGreaterThan(asked * 3 / 4);
        // without the breaker every analysis would have called Upbit (three times, with its retries)
        assertThat(candleCalls()).as("calls that reached Upbit of %d analyses", asked).isLessThan(asked);
        List<String> during = alerts();
        assertThat(during.stream().filter(a -> a.contains("upbit circuit opened"))).hasSize(1);
        // the breaker's alert and the first failure's; the refused calls and the repeats raised none
        assertThat(during).as("alerts %s", during).hasSizeLessThanOrEqualTo(2);

        // Upbit is back: after the open period a trial call goes through, and the breaker closes
        upbit.resetAll();
        UpstreamStubs.upbit(upbit);
        assertThat(Await.until(Duration.ofSeconds(15), () -> http.post("/api/analyze/upbit/BTC").status() == 200)).isTrue();
        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);
        assertThat(Await.until(Duration.ofSeconds(5),
                () -> alerts().stream().anyMatch(a -> a.contains("upbit recovered")))).isTrue();

        List<String> all = alerts();
        assertThat(all.stream().filter(a -> a.contains("circuit opened"))).hasSize(1);
        assertThat(all.stream().filter(a -> a.contains("upbit recovered"))).hasSize(1);
        assertThat(all.stream().filter(a -> a.contains("CallNotPermitted") || a.contains("is failing"))).isEmpty();
    }
}
