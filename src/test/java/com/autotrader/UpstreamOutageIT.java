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

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Upbit outage: after a few failed calls the upbit breaker opens, the owner gets one alert for it, calls are
 * answered 503 at once without reaching Upbit, and when Upbit is back the breaker closes by itself and says so.
 * (The outage is seconds long here: the breaker waits resilience.breaker.open-for, 60 s by default.)
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
        "resilience.breaker.open-for=2s"
})
class UpstreamOutageIT {

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
    void theBreakerOpensAlertsOnceSparesUpbitAndClosesWhenUpbitIsBack() {
        upbit.resetAll();
        UpstreamStubs.upbit(upbit);
        upbit.stubFor(get(urlPathEqualTo("/v1/candles/days")).atPriority(1).willReturn(serverError()));
        telegram.resetAll();
        TelegramStub.accepts(telegram);
        Http http = new Http(port);

        for (int i = 0; i < 4; i++) {
            assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(502);
        }
        // open: answered at once, Upbit not called
        int calls = candleCalls();
        for (int i = 0; i < 3; i++) {
            Http.Response refused = http.post("/api/analyze/upbit/BTC");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("detail").asText()).contains("upbit is failing");
        }
        assertThat(candleCalls()).isEqualTo(calls);
        assertThat(Await.until(Duration.ofSeconds(5),
                () -> alerts().stream().anyMatch(a -> a.contains("upbit circuit opened")))).isTrue();

        // Upbit is back; after the open period a trial call goes through, and the breaker closes
        upbit.resetAll();
        UpstreamStubs.upbit(upbit);
        assertThat(Await.until(Duration.ofSeconds(10), () -> http.post("/api/analyze/upbit/BTC").status() == 200)).isTrue();
        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);
        assertThat(Await.until(Duration.ofSeconds(5),
                () -> alerts().stream().anyMatch(a -> a.contains("upbit recovered")))).isTrue();

        List<String> all = alerts();
        assertThat(all.stream().filter(a -> a.contains("circuit opened"))).hasSize(1);
        // the refused calls raised no alert of their own
        assertThat(all.stream().filter(a -> a.contains("CallNotPermitted") || a.contains("is failing"))).isEmpty();
    }
}
