package com.autotrader;

import com.autotrader.support.Await;
import com.autotrader.support.Http;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestServers;
import com.autotrader.support.TradingFixtures;
import com.autotrader.support.UpstreamStubs;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TRADING_MODE=live without Upbit keys: the app starts and stays healthy, says at start which keys are missing
 * (log and alert), refuses every trade with the same words, and never calls Upbit's private API.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-live-without-keys",
        "analysis.schedule.enabled=false",
        "trading.mode=live",
        "upbit.access-key=",
        "upbit.secret-key=",
        "upbit.markets=KRW-BTC",
        "telegram.token=" + TelegramStub.TOKEN,
        "error-reporting.chat-id=777",
        "telegram.per-chat-interval-ms=10",
        "admin.password=" + LiveWithoutKeysIT.PASSWORD
})
class LiveWithoutKeysIT {

    static final String PASSWORD = "Pw-for-the-no-keys-test-5";
    static final WireMockServer upbit = TestServers.upbit();
    static final WireMockServer telegram = TestServers.telegram();

    static {
        // before the context starts: the start-up alert must find Telegram answering
        telegram.resetAll();
        TelegramStub.accepts(telegram);
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProducerTemplate producer;

    List<String> alerts() {
        return TelegramStub.messages(telegram).stream().filter(m -> m.path("chat_id").asText().equals("777"))
                .map(m -> m.path("text").asText()).toList();
    }

    @Test
    void startsHealthySaysWhichKeysAreMissingAndPlacesNothing() {
        assertThat(Await.until(Duration.ofSeconds(10), () -> alerts().stream()
                .anyMatch(a -> a.contains("LiveTradingUnavailable")))).isTrue();
        String alert = alerts().stream().filter(a -> a.contains("LiveTradingUnavailable")).findFirst().orElseThrow();
        assertThat(alert).contains("UPBIT_ACCESS_KEY", "UPBIT_SECRET_KEY");

        Http http = new Http(port);
        Http.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        JsonNode status = http.get("/api/trading/status", Http.basic("admin", PASSWORD)).json();
        assertThat(status.path("mode").asText()).isEqualTo("live");
        assertThat(status.path("can_trade").asBoolean()).isFalse();
        assertThat(status.path("missing_keys")).extracting(JsonNode::asText)
                .containsExactly("UPBIT_ACCESS_KEY", "UPBIT_SECRET_KEY");

        upbit.resetAll();
        UpstreamStubs.upbit(upbit);
        UpstreamStubs.coin(upbit, "KRW-BTC", 100_000_000);
        TradingFixtures.reset(jdbc);
        long id = TradingFixtures.buy(jdbc, "KRW-BTC", new double[]{95_000_000, 98_000_000},
                new double[]{90_000_000, 93_000_000}, 100_000_000);
        producer.sendBodyAndHeader("direct:trade-after-analysis", null, "analysisId", id);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isZero();
        assertThat(upbit.findAll(anyRequestedFor(urlPathMatching("/v1/(orders.*|order|accounts)")))).isEmpty();
    }
}
