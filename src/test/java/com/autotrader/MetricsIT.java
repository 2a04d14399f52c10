package com.autotrader;

import com.autotrader.support.Await;
import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static com.autotrader.support.UpstreamStubs.BTC_PRICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** /actuator/prometheus after one good and one failed analysis: the names the seed's dashboards query. */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-metrics",
        "gemini.api-keys=metrics-test-key",
        "gemini.models=gemini-pro-test",
        "telegram.token=" + TelegramStub.TOKEN,
        "error-reporting.chat-id=777",
        "analysis.schedule.enabled=false"
})
class MetricsIT {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void theSeedsMetricsAreExposedAfterOneAnalysis() {
        UpstreamStubs.happyPath("gemini-pro-test");
        TestServers.upbit().stubFor(get(urlPathEqualTo("/v1/candles/days")).withQueryParam("market", equalTo("KRW-ETH"))
                .willReturn(aResponse().withStatus(500)));
        Http http = new Http(port);

        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);
        assertThat(http.post("/api/analyze/upbit/ETH").status()).isEqualTo(502);
        assertThat(Await.until(Duration.ofSeconds(5), () -> !TelegramStub.sent(TestServers.telegram()).isEmpty())).isTrue();
        assertThat(Await.until(Duration.ofSeconds(3),
                () -> http.get("/actuator/prometheus").body().contains("telegram_messages_total"))).isTrue();

        Http.Response scrape = http.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics)
                .containsPattern("analysis_executions_total\\{asset_type=\"crypto\",decision=\"buy\",market=\"upbit\","
                        + "model=\"gemini-pro-test\",status=\"success\"} 1\\.0")
                .containsPattern("analysis_executions_total\\{asset_type=\"crypto\",decision=\"none\",market=\"upbit\","
                        + "model=\"none\",status=\"failure\"} 1\\.0")
                .containsPattern("analysis_duration_seconds_bucket\\{asset_type=\"crypto\",market=\"upbit\",status=\"success\",le=")
                // a 5xx is tried three times (upbit.max-attempts), each one a call
                .containsPattern("api_calls_total\\{operation=\"/v1/candles/days\",service=\"upbit\",status=\"error\"} 3\\.0")
                .containsPattern("api_calls_total\\{operation=\"/v1/candles/days\",service=\"upbit\",status=\"success\"} 1\\.0")
                .containsPattern("api_calls_total\\{operation=\"/v1beta/models/\\{model}:generateContent\",service=\"gemini\",status=\"success\"} 1\\.0")
                .containsPattern("api_calls_total\\{operation=\"sendMessage\",service=\"telegram\",status=\"success\"} 1\\.0")
                .containsPattern("gemini_tokens_total\\{model=\"gemini-pro-test\",type=\"prompt\"} 1234\\.0")
                .containsPattern("gemini_tokens_total\\{model=\"gemini-pro-test\",type=\"completion\"} 321\\.0")
                // trading counters exist from the start (0 until the first order), so dashboards show them at once
                .containsPattern("trading_orders_total\\{mode=\"paper\",side=\"bid\",status=\"placed\"} ")
                .containsPattern("alerts_reported_total(\\{[^}]*})? 1\\.0")
                .containsPattern("telegram_messages_total\\{status=\"sent\"} 1\\.0")
                .containsPattern("http_server_requests_seconds_bucket\\{.*uri=\"/api/analyze/upbit/\\{coin}\"")
                .containsPattern("http_server_requests_seconds_count\\{.*status=\"502\".*uri=\"/api/analyze/upbit/\\{coin}\"")
                .contains("camel_exchanges_total")
                .doesNotContain("metrics-test-key").doesNotContain(TelegramStub.TOKEN);
    }
}
