package com.autotrader;

import com.autotrader.api.UpstreamException;
import com.autotrader.support.Await;
import com.autotrader.support.Http;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error alerts end to end: failures → error-report → Redis idempotent consumer → send-telegram → WireMock
 * playing Telegram, with embedded Redis and PostgreSQL. Each test fails with its own words, so fingerprints
 * of different tests never collide.
 */
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-alerting",
        "telegram.token=" + TelegramStub.TOKEN,
        "error-reporting.chat-id=777",
        "telegram.chat-id=555",
        "error-reporting.duplicate-window=4",
        "error-reporting.outbox-interval=1s",
        "telegram.redelivery-delay-ms=100",
        "error-reporting.redis-retry=1s",
        "telegram.max-redeliveries=2",
        "analysis.schedule.enabled=false"
})
class AlertingIT {

    static final WireMockServer telegram = TestServers.telegram();
    static final WireMockServer upbit = TestServers.upbit();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
        registry.add("redis.url", TestServers::redisUrl);
    }

    @LocalServerPort
    int port;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void reset() {
        telegram.resetAll();
        TelegramStub.accepts(telegram);
        upbit.resetAll();
        UpstreamStubs.upbit(upbit);
        jdbc.update("DELETE FROM alert_outbox");
    }

    /** One failure, thrown from here: the same words give the same fingerprint. */
    void fail(ProducerTemplate into, String message) {
        into.send("direct:report-failure", exchange -> exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new UpstreamException("upbit", UpstreamException.Kind.UNAVAILABLE, message)));
    }

    @Test
    @Order(1)
    void aThousandIdenticalFailuresSendOneMessage() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            // the numbers differ per failure, as request ids and timestamps do: they must not split the fingerprint
            pool.submit(() -> fail(producer, "ticker feed stalled after " + n + " ms at 2026-11-26T03:0" + (n % 10) + ":00Z"));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(Await.until(Duration.ofSeconds(5), () -> !TelegramStub.sent(telegram).isEmpty())).isTrue();
        Thread.sleep(1500);   // anything else that was going to arrive has arrived by now

        List<JsonNode> messages = TelegramStub.messages(telegram);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("chat_id").asText()).isEqualTo("777");
        assertThat(messages.get(0).path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(messages.get(0).path("text").asText()).startsWith("🔴 <b>ERROR: UpstreamException</b>")
                .contains("ticker feed stalled");
    }

    @Test
    @Order(2)
    void twoInstancesSharingRedisShareTheWindowAndTheHeldBackCount() throws Exception {
        try (ConfigurableApplicationContext second = TestApp.start("it-alerting-second", Map.of(
                "telegram.token", TelegramStub.TOKEN, "error-reporting.chat-id", "777",
                "error-reporting.duplicate-window", "4", "error-reporting.outbox-interval", "1s"))) {
            ProducerTemplate other = second.getBean(ProducerTemplate.class);

            // the first instance reports first; alerts travel on background threads, so the duplicates wait
            // until it has (otherwise a duplicate could win the window and the counts would fall differently)
            fail(producer, "order book snapshot missing");
            assertThat(Await.until(Duration.ofSeconds(5), () -> !TelegramStub.sent(telegram).isEmpty())).isTrue();
            fail(other, "order book snapshot missing");
            fail(other, "order book snapshot missing");
            Thread.sleep(1000);
            assertThat(TelegramStub.sent(telegram)).hasSize(1);

            // once the window has passed, the next alert says how many were held back, whichever instance held them
            Thread.sleep(4000);
            fail(other, "order book snapshot missing");
            assertThat(Await.until(Duration.ofSeconds(5), () -> TelegramStub.sent(telegram).size() == 2)).isTrue();
            String second1 = TelegramStub.messages(telegram).get(1).path("text").asText();
            assertThat(second1).contains("2 identical alert(s) held back since");
        }
    }

    @Test
    @Order(3)
    void aFailedRequestIsReportedWithItsContext() {
        upbit.stubFor(get(urlPathEqualTo("/v1/candles/days")).willReturn(aResponse().withStatus(500)));

        Http.Response response = new Http(port).post("/api/analyze/upbit/BTC");

        assertThat(response.status()).isEqualTo(502);
        assertThat(Await.until(Duration.ofSeconds(5), () -> !TelegramStub.sent(telegram).isEmpty())).isTrue();
        String text = TelegramStub.messages(telegram).get(0).path("text").asText();
        assertThat(text).contains("ERROR: HttpOperationFailedException", "• route: collect-data", "• coin: BTC",
                "• market: KRW-BTC", "• api_endpoint: /v1/candles/days", "• http_status: 500",
                "• request: POST /api/analyze/upbit/BTC", "KST", "<b>Stack Trace:</b>");
    }

    @Test
    @Order(4)
    void badInputIsTheCallersProblemAndRaisesNoAlert() throws Exception {
        assertThat(new Http(port).post("/api/analyze/upbit/" + Http.encode("없는코인")).status()).isEqualTo(404);
        Thread.sleep(1000);
        assertThat(TelegramStub.sent(telegram)).isEmpty();
    }

    @Test
    @Order(5)
    void aRateLimitedSendWaitsRetryAfterThenSendsTheSameMessage() {
        telegram.resetAll();
        telegram.stubFor(post(urlPathEqualTo(TelegramStub.SEND_PATH)).inScenario("flood").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(TelegramStub.tooManyRequests(1)))
                .willSetStateTo("calm"));
        telegram.stubFor(post(urlPathEqualTo(TelegramStub.SEND_PATH)).inScenario("flood").whenScenarioStateIs("calm")
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":7,\"date\":1764133200,"
                        + "\"chat\":{\"id\":777,\"type\":\"private\"},\"text\":\"ok\"}}")));

        fail(producer, "candle cursor rejected");

        assertThat(Await.until(Duration.ofSeconds(6), () -> TelegramStub.sent(telegram).size() == 2)).isTrue();
        List<LoggedRequest> sends = TelegramStub.sent(telegram);
        long gap = sends.get(1).getLoggedDate().getTime() - sends.get(0).getLoggedDate().getTime();
        assertThat(gap).as("waited retry_after = 1 s").isGreaterThanOrEqualTo(950);
        assertThat(sends.get(1).getBodyAsString()).isEqualTo(sends.get(0).getBodyAsString());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_outbox", Integer.class)).isZero();
    }

    @Test
    @Order(6)
    void whileTelegramIsDownAlertsWaitInTheOutboxAndGoOutWhenItIsBack(CapturedOutput output) {
        TelegramStub.answers(telegram, 503, "{\"ok\":false,\"error_code\":503,\"description\":\"Service Unavailable\"}");

        fail(producer, "websocket heartbeat lost");

        assertThat(Await.until(Duration.ofSeconds(5),
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_outbox", Integer.class) == 1)).isTrue();
        int triedWhileDown = TelegramStub.sent(telegram).size();
        assertThat(triedWhileDown).as("first try and two redeliveries").isGreaterThanOrEqualTo(3);

        telegram.resetAll();
        TelegramStub.accepts(telegram);

        assertThat(Await.until(Duration.ofSeconds(8),
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_outbox", Integer.class) == 0)).isTrue();
        List<JsonNode> delivered = TelegramStub.messages(telegram);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).path("text").asText()).contains("websocket heartbeat lost");
        // camel-telegram quotes the Bot API URL in its errors; the log must not carry the token
        assertThat(output.getAll()).contains("Telegram delivery failed").doesNotContain(TelegramStub.TOKEN)
                .doesNotContain(TelegramStub.TOKEN.substring(TelegramStub.TOKEN.indexOf(':') + 1));
    }

    @Test
    @Order(7)
    void longHostileMessagesArriveEscapedAndWithinTelegramsLimit() {
        fail(producer, "<script>alert('x')</script> & broke " + "the feed ".repeat(800));

        assertThat(Await.until(Duration.ofSeconds(5), () -> !TelegramStub.sent(telegram).isEmpty())).isTrue();
        String text = TelegramStub.messages(telegram).get(0).path("text").asText();
        assertThat(text.length()).isLessThanOrEqualTo(4096);
        assertThat(text).contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; broke", "…(cut)", "<b>Context:</b>")
                .doesNotContain("<script>");
    }

    @Test
    @Order(8)
    void withRedisDownAlertsStillGoOutAndOnceItIsBackDedupeResumesThere() {
        TestServers.stopRedis();
        try {
            fail(producer, "exchange maintenance window");
            assertThat(Await.until(Duration.ofSeconds(8), () -> !TelegramStub.sent(telegram).isEmpty())).isTrue();
            assertThat(TelegramStub.messages(telegram).get(0).path("text").asText()).contains("exchange maintenance window");
            assertThat(new Http(port).get("/actuator/health").json().path("components").path("alerting")
                    .path("details").path("dedupe").asText()).isEqualTo("in-process (Redis unreachable)");
        } finally {
            TestServers.startRedis();
        }

        // Redis is back: after the retry pause the window lives in Redis again, and dedupes there
        telegram.resetRequests();
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail(producer, "settlement batch rejected");
        assertThat(Await.until(Duration.ofSeconds(5), () -> TelegramStub.sent(telegram).size() == 1)).isTrue();
        assertThat(new Http(port).get("/actuator/health").json().path("components").path("alerting")
                .path("details").path("dedupe").asText()).isEqualTo("redis");
        fail(producer, "settlement batch rejected");
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(TelegramStub.sent(telegram)).hasSize(1);
    }

    @Test
    @Order(9)
    void everyFinishedAnalysisIsAnnouncedToTheOwnersChatWithoutDedupe() {
        Http http = new Http(port);
        assertThat(http.post("/api/analyze/upbit/" + Http.encode("비트코인")).status()).isEqualTo(200);
        assertThat(http.post("/api/analyze/upbit/" + Http.encode("비트코인")).status()).isEqualTo(200);

        assertThat(Await.until(Duration.ofSeconds(6), () -> TelegramStub.sent(telegram).size() == 2)).isTrue();
        for (JsonNode notice : TelegramStub.messages(telegram)) {
            assertThat(notice.path("chat_id").asText()).isEqualTo("555");
            assertThat(notice.path("text").asText()).startsWith("📈 <b>AI 분석 완료</b>")
                    .contains("종목: 비트코인 (KRW-BTC)", "신뢰도", "모델: rules-v1");
        }
    }
}
