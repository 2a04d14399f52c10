package com.autotrader;

import com.autotrader.api.UpstreamException;
import com.autotrader.support.Await;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telegram itself down: its breaker opens after a few failed sends (logged as an error: Telegram cannot carry
 * that news), later messages go to alert_outbox at once instead of each retrying, and once Telegram answers again
 * the breaker closes, everything held is delivered once, and "telegram recovered" follows.
 * Its own database and Telegram stub: other test contexts' outbox timers must not deliver these rows.
 */
@ExtendWith(OutputCaptureExtension.class)
class TelegramOutageIT {

    static final String DATABASE = "telegram_outage_it";
    static WireMockServer telegram;

    @BeforeAll
    static void ownServers() throws Exception {
        telegram = new WireMockServer(options().dynamicPort());
        telegram.start();
        try (Connection c = TestServers.postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    @AfterAll
    static void stop() {
        telegram.stop();
    }

    /** Words, not numbers: numbers are left out of an alert's fingerprint, so "feed 1" and "feed 2" would be one. */
    static final List<String> FEEDS = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel");

    static void fail(ProducerTemplate producer, String message) {
        producer.send("direct:report-failure", exchange -> exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new UpstreamException("upbit", UpstreamException.Kind.UNAVAILABLE, message)));
    }

    @Test
    void whileTelegramIsDownMessagesWaitInTheOutboxAndFollowOnceItIsBack(CapturedOutput output) {
        TelegramStub.answers(telegram, 502, "<html>Bad Gateway</html>");
        try (ConfigurableApplicationContext app = TestApp.start("it-telegram-outage", Map.of(
                "spring.datasource.url", TestServers.postgres().getJdbcUrl("postgres", DATABASE),
                "telegram.base-url", "http://localhost:" + telegram.port(),
                "telegram.token", TelegramStub.TOKEN,
                "error-reporting.chat-id", "777",
                "telegram.per-chat-interval-ms", "1",
                "telegram.max-redeliveries", "1",
                "telegram.redelivery-delay-ms", "50",
                "error-reporting.outbox-interval", "1s",
                "resilience.breaker.open-for", "3s"))) {
            ProducerTemplate producer = app.getBean(ProducerTemplate.class);
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(javax.sql.DataSource.class));
            CircuitBreaker breaker = app.getBean("telegramBreaker", CircuitBreaker.class);

            // three messages, two tries each: the breaker has seen enough failures and opens
            for (String feed : FEEDS.subList(0, 3)) {
                fail(producer, "feed " + feed + " stalled");
            }
            assertThat(Await.until(Duration.ofSeconds(10), () -> breaker.getState() == CircuitBreaker.State.OPEN)).isTrue();
            assertThat(output.getAll()).containsOnlyOnce("telegram circuit opened");

            // while it is open, new messages go straight to the outbox: Telegram is not called for them
            int calls = TelegramStub.sent(telegram).size();
            for (String feed : FEEDS.subList(3, 8)) {
                fail(producer, "feed " + feed + " stalled");
            }
            assertThat(Await.until(Duration.ofSeconds(5),
                    () -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_outbox", Integer.class) == 8)).isTrue();
            assertThat(TelegramStub.sent(telegram)).hasSize(calls);

            // Telegram is back: after the open period the outbox's next round is the trial, and it all goes out
            telegram.resetAll();
            TelegramStub.accepts(telegram);
            assertThat(Await.until(Duration.ofSeconds(20),
                    () -> jdbc.queryForObject("SELECT COUNT(*) FROM alert_outbox", Integer.class) == 0)).isTrue();
            assertThat(Await.until(Duration.ofSeconds(5), () -> texts().stream().anyMatch(t -> t.contains("telegram recovered"))))
                    .isTrue();
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            List<String> texts = texts();
            for (String feed : FEEDS) {
                assertThat(texts.stream().filter(t -> t.contains("feed " + feed + " stalled"))).as(feed).hasSize(1);
            }
            assertThat(texts.stream().filter(t -> t.contains("telegram recovered"))).hasSize(1);
        }
    }

    static List<String> texts() {
        return TelegramStub.messages(telegram).stream().map(m -> m.path("text").asText()).toList();
    }
}
